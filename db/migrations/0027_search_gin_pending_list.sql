-- GIN indexes of the search tables keep a small pending list. GIN adds new entries to an
-- unsorted pending list (fastupdate) that every search of the index reads in full, tuple by
-- tuple, until a vacuum or an insert past `gin_pending_list_limit` merges it into the index. At
-- the default limit (4 MB, ~500 pages), 5,000 youth written one at a time made the youth
-- searches several times slower until a vacuum; 256 kB bounds what a search reads there to 32
-- pages, while writes still merge their entries in batches (fastupdate stays on: without it
-- a bulk load inserts every word of every document into the index one by one).
ALTER INDEX "search_offers_vector_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "search_immersion_slots_vector_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "search_youth_vector_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "search_offers_schedules_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "search_immersion_slots_schedules_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "search_youth_rome_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "search_vocabulary_word_trgm_idx" SET (gin_pending_list_limit = 256);
