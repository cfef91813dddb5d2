-- Levenshtein distance for the typo tolerance of the PostgreSQL search engine.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;--> statement-breakpoint
CREATE TABLE "search_vocabulary" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "search_immersion_slots_text_trgm_idx";--> statement-breakpoint
DROP INDEX "search_offers_text_trgm_idx";--> statement-breakpoint
DROP INDEX "search_youth_text_trgm_idx";--> statement-breakpoint
DROP INDEX "search_immersion_slots_status_sort_idx";--> statement-breakpoint
DROP INDEX "search_offers_status_sort_idx";--> statement-breakpoint
DROP INDEX "search_youth_structure_sort_idx";--> statement-breakpoint
CREATE INDEX "search_vocabulary_word_trgm_idx" ON "search_vocabulary" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_immersion_slots_status_sort_idx" ON "search_immersion_slots" USING btree ("status","sort_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "search_offers_status_sort_idx" ON "search_offers" USING btree ("status","sort_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "search_youth_structure_sort_idx" ON "search_youth" USING btree ("structure_id","sort_at" DESC NULLS FIRST,"id") WHERE "search_youth"."searchable";--> statement-breakpoint
ALTER TABLE "search_immersion_slots" DROP COLUMN "search_text";--> statement-breakpoint
ALTER TABLE "search_offers" DROP COLUMN "search_text";--> statement-breakpoint
ALTER TABLE "search_youth" DROP COLUMN "search_text";--> statement-breakpoint
-- Keep the search tables' heap narrow: a query reads the vector and the filter columns of every
-- candidate row, but the document only for the page it returns. toast_tuple_target = 128 makes
-- PostgreSQL move the document (storage EXTENDED: compressed, out of line) to the TOAST table,
-- while STORAGE MAIN keeps the vector and the filter columns inline.
ALTER TABLE "search_offers" SET (toast_tuple_target = 128);--> statement-breakpoint
ALTER TABLE "search_offers" ALTER COLUMN "search_vector" SET STORAGE MAIN, ALTER COLUMN "schedules" SET STORAGE MAIN,
  ALTER COLUMN "status" SET STORAGE MAIN, ALTER COLUMN "rome_code" SET STORAGE MAIN, ALTER COLUMN "contract_type" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "search_immersion_slots" SET (toast_tuple_target = 128);--> statement-breakpoint
ALTER TABLE "search_immersion_slots" ALTER COLUMN "search_vector" SET STORAGE MAIN, ALTER COLUMN "schedules" SET STORAGE MAIN,
  ALTER COLUMN "status" SET STORAGE MAIN, ALTER COLUMN "rome_code" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "search_youth" SET (toast_tuple_target = 128);--> statement-breakpoint
ALTER TABLE "search_youth" ALTER COLUMN "search_vector" SET STORAGE MAIN, ALTER COLUMN "schedules" SET STORAGE MAIN,
  ALTER COLUMN "rome_codes" SET STORAGE MAIN, ALTER COLUMN "contract_types" SET STORAGE MAIN;
