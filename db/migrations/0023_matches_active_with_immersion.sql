DROP INDEX "matches_active_offer_key";--> statement-breakpoint
DROP INDEX "matches_active_slot_key";--> statement-breakpoint
CREATE UNIQUE INDEX "matches_active_offer_key" ON "matches" USING btree ("youth_id","offer_id") WHERE "matches"."offer_id" is not null and "matches"."status" in ('proposed', 'accepted', 'immersion_started');--> statement-breakpoint
CREATE UNIQUE INDEX "matches_active_slot_key" ON "matches" USING btree ("youth_id","slot_id") WHERE "matches"."slot_id" is not null and "matches"."status" in ('proposed', 'accepted', 'immersion_started');