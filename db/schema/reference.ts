import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, serial, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

/**
 * French communes, one row per (commune, postcode) pair; a delegated commune (COMD) may share
 * its INSEE code with the commune it merged into, hence the type in the natural key. `search_name` is the name folded
 * by passerelle_normalize() (lower case, no accents, hyphens and apostrophes as spaces).
 */
export const communes = pgTable(
  'communes',
  {
    id: serial('id').primaryKey(),
    insee: varchar('insee', { length: 5 }).notNull(),
    postcode: varchar('postcode', { length: 5 }).notNull(),
    name: text('name').notNull(),
    department: varchar('department', { length: 3 }).notNull(),
    region: varchar('region', { length: 3 }),
    /** COM commune, COMD delegated commune, ARM municipal arrondissement. */
    type: varchar('type', { length: 4 }).notNull(),
    parentInsee: varchar('parent_insee', { length: 5 }),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    population: integer('population'),
    searchName: text('search_name').generatedAlwaysAs(sql`passerelle_normalize(name)`),
  },
  (t) => [
    uniqueIndex('communes_natural_key').on(t.insee, t.postcode, t.type),
    index('communes_insee_idx').on(t.insee),
    index('communes_postcode_idx').on(t.postcode),
  ],
);

/** ROME 4.0 occupation codes (France Travail). */
export const romeCodes = pgTable('rome_codes', {
  code: varchar('code', { length: 5 }).primaryKey(),
  label: text('label').notNull(),
  parentCode: varchar('parent_code', { length: 5 }).notNull(),
  searchLabel: text('search_label').generatedAlwaysAs(sql`passerelle_normalize(label)`),
});

/** ROME 4.0 job titles ("appellations"), each attached to one code. */
export const romeAppellations = pgTable(
  'rome_appellations',
  {
    ogr: integer('ogr').primaryKey(),
    label: text('label').notNull(),
    shortLabel: text('short_label').notNull(),
    romeCode: varchar('rome_code', { length: 5 })
      .notNull()
      .references(() => romeCodes.code),
    rarelyUsed: boolean('rarely_used').notNull().default(false),
    searchLabel: text('search_label').generatedAlwaysAs(sql`passerelle_normalize(label)`),
  },
  (t) => [index('rome_appellations_code_idx').on(t.romeCode)],
);
