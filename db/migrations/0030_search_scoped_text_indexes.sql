-- Text indexes scoped as every public search is, so that a search's scope is an index predicate
-- (or key), never a bitmap of its own. A bitmap costs per entry: the status index's bitmap of
-- 80,000 published offers took longer to build than the words' own, for a condition that left
-- out a fifth of the rows; the youth words' bitmap held every structure's youth (22,000 entries
-- for `accueil client`) where the structure's were 4,900.
-- - offers (slots): the words of published (open) documents only; an employer's own documents,
--   in any status, are found through employer_id and their words checked row by row;
-- - youth: the words within the structure's searchable youth (btree_gin), as the place already is
--   (0028);
-- - offers: the place within the contract type, published only (btree_gist), in place of the place
--   alone: a radius with a contract filter was a bitmap of every offer in the disc (36,000 around
--   Lyon) ANDed with one of every offer of that contract type (28,000); an employer's offers are
--   found by employer_id, public searches without a contract filter walk (rome_code, geo);
-- - offers: the schedules within the contract type, published only (btree_gin), in place of the
--   schedules alone: a filter on both was two bitmaps of 18,000 and 28,000 entries for the 5,500
--   offers they share.
-- GIN pending lists stay bounded as in 0027.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "search_immersion_slots_vector_idx";--> statement-breakpoint
DROP INDEX "search_offers_vector_idx";--> statement-breakpoint
DROP INDEX "search_offers_geo_idx";--> statement-breakpoint
DROP INDEX "search_offers_schedules_idx";--> statement-breakpoint
DROP INDEX "search_youth_vector_idx";--> statement-breakpoint
CREATE INDEX "search_immersion_slots_open_vector_idx" ON "search_immersion_slots" USING gin ("search_vector") WITH (gin_pending_list_limit = 256) WHERE "search_immersion_slots"."status" = 'open';--> statement-breakpoint
CREATE INDEX "search_offers_published_vector_idx" ON "search_offers" USING gin ("search_vector") WITH (gin_pending_list_limit = 256) WHERE "search_offers"."status" = 'published';--> statement-breakpoint
CREATE INDEX "search_offers_published_contract_geo_idx" ON "search_offers" USING gist ("contract_type","geo") WHERE "search_offers"."status" = 'published';--> statement-breakpoint
CREATE INDEX "search_offers_published_contract_schedules_idx" ON "search_offers" USING gin ("contract_type","schedules") WITH (gin_pending_list_limit = 256) WHERE "search_offers"."status" = 'published';--> statement-breakpoint
CREATE INDEX "search_youth_structure_vector_idx" ON "search_youth" USING gin ("structure_id","search_vector") WITH (gin_pending_list_limit = 256) WHERE "search_youth"."searchable";
