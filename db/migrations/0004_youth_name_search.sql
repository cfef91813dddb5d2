-- Name search for advisors (GET /v1/youth?q=): every word of the query must start a word of
-- the folded name, so the query is (' ' || search_name) LIKE '% word%' once per word. A
-- trigram GIN index on that expression serves these LIKE patterns whatever the word order.
CREATE INDEX IF NOT EXISTS "youth_search_name_trgm_idx" ON "youth" USING gin ((' ' || "search_name") gin_trgm_ops);
