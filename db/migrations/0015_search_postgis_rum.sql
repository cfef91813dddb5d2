-- PostGIS (geography points, GiST: radius and nearest-first on the sphere) and RUM (full-text
-- index that returns matches ordered by rank) for the PostgreSQL search engine. Both ship as
-- Debian packages (postgresql-15-postgis-3, postgresql-15-rum); see the README.
CREATE EXTENSION IF NOT EXISTS postgis;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS rum;--> statement-breakpoint
DROP INDEX "search_immersion_slots_lat_lng_idx";--> statement-breakpoint
DROP INDEX "search_offers_lat_lng_idx";--> statement-breakpoint
DROP INDEX "search_youth_lat_lng_idx";--> statement-breakpoint
ALTER TABLE "search_immersion_slots" ADD COLUMN "geo" geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "search_immersion_slots" ADD COLUMN "rank_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "search_offers" ADD COLUMN "geo" geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "search_offers" ADD COLUMN "rank_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "search_youth" ADD COLUMN "geo" geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "search_youth" ADD COLUMN "rank_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE INDEX "search_immersion_slots_rank_rum_idx" ON "search_immersion_slots" USING rum ("rank_vector" rum_tsvector_ops);--> statement-breakpoint
CREATE INDEX "search_immersion_slots_geo_idx" ON "search_immersion_slots" USING gist ("geo");--> statement-breakpoint
CREATE INDEX "search_offers_rank_rum_idx" ON "search_offers" USING rum ("rank_vector" rum_tsvector_ops);--> statement-breakpoint
CREATE INDEX "search_offers_geo_idx" ON "search_offers" USING gist ("geo");--> statement-breakpoint
CREATE INDEX "search_youth_rank_rum_idx" ON "search_youth" USING rum ("rank_vector" rum_tsvector_ops);--> statement-breakpoint
CREATE INDEX "search_youth_geo_idx" ON "search_youth" USING gist ("geo");--> statement-breakpoint
-- Documents indexed before this migration get their rank vector from the document they hold
-- (the field weightedText() puts first); new writes compute it.
UPDATE "search_offers" SET "rank_vector" = setweight(to_tsvector('french_unaccent', document->>'title'), 'A');--> statement-breakpoint
UPDATE "search_immersion_slots" SET "rank_vector" = setweight(to_tsvector('french_unaccent', document->>'title'), 'A');--> statement-breakpoint
UPDATE "search_youth" SET "rank_vector" = setweight(to_tsvector('french_unaccent',
  array_to_string(array(select jsonb_array_elements_text(document->'romeLabels')), ' ')), 'A');--> statement-breakpoint
ALTER TABLE "search_offers" ALTER COLUMN "rank_vector" DROP DEFAULT, ALTER COLUMN "rank_vector" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "search_immersion_slots" ALTER COLUMN "rank_vector" DROP DEFAULT, ALTER COLUMN "rank_vector" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "search_youth" ALTER COLUMN "rank_vector" DROP DEFAULT, ALTER COLUMN "rank_vector" SET STORAGE MAIN;
