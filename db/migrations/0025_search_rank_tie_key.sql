DROP INDEX "search_immersion_slots_rank_rum_idx";--> statement-breakpoint
DROP INDEX "search_offers_rank_rum_idx";--> statement-breakpoint
DROP INDEX "search_youth_rank_rum_idx";--> statement-breakpoint
ALTER TABLE "search_immersion_slots" ADD COLUMN "tie_key" bigint GENERATED ALWAYS AS (('x' || left(replace(id::text, '-', ''), 16))::bit(64)::bigint # (-9223372036854775808)::bigint) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "search_offers" ADD COLUMN "tie_key" bigint GENERATED ALWAYS AS (('x' || left(replace(id::text, '-', ''), 16))::bit(64)::bigint # (-9223372036854775808)::bigint) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "search_youth" ADD COLUMN "tie_key" bigint GENERATED ALWAYS AS (('x' || left(replace(id::text, '-', ''), 16))::bit(64)::bigint # (-9223372036854775808)::bigint) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "search_immersion_slots_rank_tie_rum_idx" ON "search_immersion_slots" USING rum ("rank_vector" rum_tsvector_addon_ops,"tie_key") WITH (attach=tie_key,to=rank_vector);--> statement-breakpoint
CREATE INDEX "search_offers_rank_tie_rum_idx" ON "search_offers" USING rum ("rank_vector" rum_tsvector_addon_ops,"tie_key") WITH (attach=tie_key,to=rank_vector);--> statement-breakpoint
CREATE INDEX "search_youth_rank_tie_rum_idx" ON "search_youth" USING rum ("rank_vector" rum_tsvector_addon_ops,"tie_key") WITH (attach=tie_key,to=rank_vector);