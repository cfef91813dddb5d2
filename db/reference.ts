import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import type { Sql } from './client.js';

const dataDir = (file: string) => fileURLToPath(new URL(`./data/${file}`, import.meta.url));

interface Dataset {
  table: string;
  file: string;
  /** Columns of the CSV, in order, as named in the table. */
  columns: string[];
  /** SQL turning the staging table (all text) into rows of the target table. */
  insert: string;
  /** SQL run after the insert, in the same transaction. */
  after?: string;
}

const datasets: Dataset[] = [
  {
    table: 'communes',
    file: 'communes.csv',
    columns: ['insee', 'name', 'postcode', 'department', 'region', 'type', 'parent_insee', 'lat', 'lng', 'population'],
    insert: `insert into communes (insee, postcode, name, department, region, type, parent_insee, lat, lng, population)
             select insee, postcode, name,
                    -- delegated communes have no department of their own: it is in the INSEE code
                    coalesce(nullif(department, ''), case when insee like '97%' then left(insee, 3) else left(insee, 2) end),
                    nullif(region, ''), type, nullif(parent_insee, ''),
                    lat::float8, lng::float8, nullif(population, '')::int
             from staging`,
    // Paris, Lyon and Marseille come only as municipal arrondissements (ARM) in the source;
    // the city itself (75056, 69123, 13055) is what people and other files name. Add it, one
    // row per postcode of its arrondissements, at their population-weighted centre.
    after: `insert into communes (insee, postcode, name, department, region, type, parent_insee, lat, lng, population)
            select arm.parent_insee, arm.postcode, city.name, arm.department, arm.region, 'COM', null, city.lat, city.lng, city.population
            from (select distinct parent_insee, postcode, department, region from communes where type = 'ARM') arm
            join (select parent_insee,
                         min(regexp_replace(name, ' [0-9]+(er|e) Arrondissement$', '')) as name,
                         sum(lat * population) / sum(population) as lat,
                         sum(lng * population) / sum(population) as lng,
                         sum(population)::int as population
                  from communes where type = 'ARM' group by parent_insee) city using (parent_insee)
            where not exists (select 1 from communes c where c.insee = arm.parent_insee and c.type = 'COM')`,
  },
  {
    table: 'rome_codes',
    file: 'rome-codes.csv',
    columns: ['code', 'label', 'parent_code'],
    insert: `insert into rome_codes (code, label, parent_code) select code, label, parent_code from staging`,
  },
  {
    table: 'rome_appellations',
    file: 'rome-appellations.csv',
    columns: ['ogr', 'label', 'short_label', 'rome_code', 'rarely_used'],
    insert: `insert into rome_appellations (ogr, label, short_label, rome_code, rarely_used)
             select ogr::int, label, short_label, rome_code, rarely_used = 'O' from staging`,
  },
];

/**
 * Loads the communes and ROME reference data shipped in db/data into empty tables
 * (COPY through a staging table). Tables that already hold rows are left as they are.
 */
export async function loadReferenceData(sql: Sql, onProgress: (message: string) => void = () => {}): Promise<void> {
  for (const dataset of datasets) {
    const [existing] = await sql.unsafe(`select count(*)::int as n from ${dataset.table}`);
    if ((existing?.n ?? 0) > 0) {
      onProgress(`${dataset.table}: ${existing!.n} rows already loaded`);
      continue;
    }
    await sql.begin(async (tx) => {
      await tx.unsafe(
        `create temp table staging (${dataset.columns.map((c) => `${c} text`).join(', ')}) on commit drop`,
      );
      const copy = await tx.unsafe(`copy staging from stdin with (format csv, header true)`).writable();
      await pipeline(createReadStream(dataDir(dataset.file)), copy);
      const result = await tx.unsafe(dataset.insert);
      const extra = dataset.after ? (await tx.unsafe(dataset.after)).count : 0;
      onProgress(`${dataset.table}: ${result.count + extra} rows loaded`);
    });
    // Fresh statistics, so that the planner picks the trigram indexes from the first query.
    await sql.unsafe(`analyze ${dataset.table}`);
  }
}
