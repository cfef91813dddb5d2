-- Narrow rows in the search tables: every count and every tier scan reads the rows it checks, so
-- the fewer pages a row takes, the fewer pages a search reads (and the more of the table stays in
-- shared buffers). The document (jsonb, ~1 kB, read only for the page's 20 hits) leaves the row
-- for TOAST as soon as the row passes 128 bytes; the vectors the scans test stay in the row
-- (STORAGE MAIN), compressed with lz4 when compressed at all (cheap to write, cheaper to read than
-- pglz). Rows written before this migration keep their layout until they are written again
-- (`npm run reindex`).
ALTER TABLE "search_offers" SET (toast_tuple_target = 128);--> statement-breakpoint
ALTER TABLE "search_immersion_slots" SET (toast_tuple_target = 128);--> statement-breakpoint
ALTER TABLE "search_youth" SET (toast_tuple_target = 128);--> statement-breakpoint
ALTER TABLE "search_offers" ALTER COLUMN "document" SET COMPRESSION lz4, ALTER COLUMN "search_vector" SET STORAGE MAIN, ALTER COLUMN "search_vector" SET COMPRESSION lz4, ALTER COLUMN "rank_vector" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "search_immersion_slots" ALTER COLUMN "document" SET COMPRESSION lz4, ALTER COLUMN "search_vector" SET STORAGE MAIN, ALTER COLUMN "search_vector" SET COMPRESSION lz4, ALTER COLUMN "rank_vector" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "search_youth" ALTER COLUMN "document" SET COMPRESSION lz4, ALTER COLUMN "search_vector" SET STORAGE MAIN, ALTER COLUMN "search_vector" SET COMPRESSION lz4, ALTER COLUMN "rank_vector" SET COMPRESSION lz4;
