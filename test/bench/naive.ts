/**
 * The naive baseline the benchmark compares the engine with: what a search looks like without a
 * search engine — every offer read in sequence, each query word looked for as a substring of its
 * folded text, the distance computed for every row, then sorted. Same documents (the engine's
 * own table, read only through the `document` column, which no index covers), same filters,
 * same page size; no ranking beyond "nearest first" or "newest first".
 */
import type { Sql } from '../../db/client.js';
import type { OfferQuery, SearchPage } from '../../src/adapters/search/engine.js';
import { paging, present } from '../../src/adapters/search/engine.js';
import { queryWords, SEARCHABLE_ATTRIBUTES } from '../../src/adapters/search/fields.js';

const text = `passerelle_normalize(concat_ws(' ', ${SEARCHABLE_ATTRIBUTES.offers.map((f) => `document->>'${f}'`).join(', ')}))`;
const distance = (lat: string, lng: string) =>
  `passerelle_distance_km((document->'location'->>'lat')::float8, (document->'location'->>'lng')::float8, ${lat}::float8, ${lng}::float8)`;

export async function naiveSearchOffers(sql: Sql, query: OfferQuery): Promise<SearchPage<unknown>> {
  const { limit, offset } = paging(query);
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = [`document->>'status' = 'published'`];
  for (const word of queryWords(query.q)) where.push(`${text} like '%' || ${param(word)} || '%'`);
  if (present(query.contractTypes)) where.push(`document->>'contractType' = any(${param([...query.contractTypes])}::text[])`);
  let distanceColumn = 'null::float8';
  if (query.near) {
    distanceColumn = distance(param(query.near.lat), param(query.near.lng));
    where.push(`${distanceColumn} <= ${param(query.near.radiusKm)}::float8`);
  }
  const order = query.near ? 'distance_km, id' : `document->>'publishedAt' desc, id`;
  const rows = await sql.unsafe<{ document: unknown; distance_km: number | null; total: number }[]>(
    `select document, ${distanceColumn} as distance_km, count(*) over ()::int as total
     from search_offers where ${where.join(' and ')}
     order by ${order} limit ${limit} offset ${offset}`,
    values as never[],
    { prepare: false },
  );
  const total = rows[0]?.total ?? 0;
  return {
    hits: rows.map((r) => ({ document: r.document, distanceKm: r.distance_km })),
    total,
    totalEstimated: false,
    limit,
    offset,
  };
}
