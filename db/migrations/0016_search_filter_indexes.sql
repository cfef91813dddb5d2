CREATE INDEX "search_immersion_slots_schedules_idx" ON "search_immersion_slots" USING gin ("schedules");--> statement-breakpoint
CREATE INDEX "search_offers_contract_idx" ON "search_offers" USING btree ("contract_type");--> statement-breakpoint
CREATE INDEX "search_offers_schedules_idx" ON "search_offers" USING gin ("schedules");