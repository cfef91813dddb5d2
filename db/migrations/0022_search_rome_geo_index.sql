-- btree_gist (PostgreSQL contrib) lets one GiST index hold a text column beside the geography:
-- (rome_code, geo) walks one occupation's public documents nearest first.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
DROP INDEX "search_immersion_slots_rome_idx";--> statement-breakpoint
DROP INDEX "search_offers_rome_idx";--> statement-breakpoint
CREATE INDEX "search_immersion_slots_open_rome_geo_idx" ON "search_immersion_slots" USING gist ("rome_code","geo") WHERE "search_immersion_slots"."status" = 'open';--> statement-breakpoint
CREATE INDEX "search_offers_published_rome_geo_idx" ON "search_offers" USING gist ("rome_code","geo") WHERE "search_offers"."status" = 'published';