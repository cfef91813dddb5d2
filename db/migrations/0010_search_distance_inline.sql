-- The distance function of the PostgreSQL search engine, unchanged but for STRICT: a STRICT SQL
-- function whose body holds a non-strict call (least) cannot be inlined, so every row paid a
-- function call, twice per row of a radius query (filter and distance column). Inlined, the
-- planner folds the constant half of the formula and a radius query over 20,000 documents
-- takes half the time. No caller passes NULL: the search columns are NOT NULL and the point
-- comes from a validated query.
CREATE OR REPLACE FUNCTION passerelle_distance_km(lat1 float8, lng1 float8, lat2 float8, lng2 float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE CALLED ON NULL INPUT
  RETURN 2 * 6371.0088 * asin(least(1, sqrt(
    sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lng2 - lng1) / 2) ^ 2)));
