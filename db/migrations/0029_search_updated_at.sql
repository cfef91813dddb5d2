-- The document's updatedAt as a column of its own, written with the row: the matching's retrieval
-- asks for pages of ids and version stamps only, and reading the stamp out of the document would
-- fetch the TOASTed document of every row walked (about three more buffers per row).
ALTER TABLE "search_immersion_slots" ADD COLUMN "updated_at" text GENERATED ALWAYS AS (document->>'updatedAt') STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "search_offers" ADD COLUMN "updated_at" text GENERATED ALWAYS AS (document->>'updatedAt') STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "search_youth" ADD COLUMN "updated_at" text GENERATED ALWAYS AS (document->>'updatedAt') STORED NOT NULL;