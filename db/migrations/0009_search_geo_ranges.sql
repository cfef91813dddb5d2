DROP INDEX "search_immersion_slots_earth_idx";--> statement-breakpoint
DROP INDEX "search_offers_earth_idx";--> statement-breakpoint
DROP INDEX "search_youth_earth_idx";--> statement-breakpoint
CREATE INDEX "search_immersion_slots_lat_lng_idx" ON "search_immersion_slots" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "search_offers_lat_lng_idx" ON "search_offers" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "search_youth_lat_lng_idx" ON "search_youth" USING btree ("lat","lng");