-- Search of the reference data (GET /v1/ref/communes, GET /v1/ref/rome).
-- One trigram index per searched text, on the text behind a leading space. It serves both
-- passes of src/modules/reference: the word-prefix patterns (' ' || search_name LIKE
-- '% saint eti%': the space marks a word start, so even 2-letter queries use the index) and the
-- typo candidates (query <% ' ' || search_name: the space adds no trigram, so the word
-- similarity is the same as on search_name).
CREATE INDEX IF NOT EXISTS "communes_search_name_trgm_idx" ON "communes" USING gin ((' ' || "search_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "rome_codes_search_label_trgm_idx" ON "rome_codes" USING gin ((' ' || "search_label") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "rome_appellations_search_label_trgm_idx" ON "rome_appellations" USING gin ((' ' || "search_label") gin_trgm_ops);
