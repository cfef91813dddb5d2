-- Search engine (PostgreSQL): text search configuration and distance function.
-- French full-text search with accents folded first, so that "securite" finds "Sécurité" and
-- stems stay the same with or without accents.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION public.french_unaccent (COPY = pg_catalog.french);
    ALTER TEXT SEARCH CONFIGURATION public.french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.french_stem;
  END IF;
END $$;--> statement-breakpoint
-- Great-circle distance in km (haversine on the mean Earth radius, the one Meilisearch uses),
-- so that both engines agree on what lies inside a radius. earthdistance (earth_box on
-- ll_to_earth) only serves as the indexed prefilter.
CREATE OR REPLACE FUNCTION passerelle_distance_km(lat1 float8, lng1 float8, lat2 float8, lng2 float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN 2 * 6371.0088 * asin(least(1, sqrt(
    sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lng2 - lng1) / 2) ^ 2)));
