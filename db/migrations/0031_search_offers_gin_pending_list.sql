-- The full-text GIN index of published offers (0030) keeps a pending list of up to 1 MB (0027 and 0030 set 256 kB). Entries
-- are merged into the index when the list passes its limit, one merge per word of the list: an
-- offer holds ~60 words (its ROME label's job titles, its description), and merges of 256 kB
-- (~180 offers) made the index about a fifth of the server's CPU per offer written. At 1 MB the
-- server spends 14 % less CPU per offer (30,000 offers, 0.18 -> 0.155 ms). Searches read the list
-- in full: at 1 MB (~120 pages, ~770 offers) ten typical offer searches took as long as with an
-- empty list (sum of medians 52-58 ms against 56-67 ms, load 3); at 2 MB and 4 MB some took twice
-- as long. Youth documents hold fewer words and gained nothing measurable: their index stays at
-- 256 kB, as do the other GIN indexes.
ALTER INDEX "search_offers_published_vector_idx" SET (gin_pending_list_limit = 1024);
