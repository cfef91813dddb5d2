-- Youth: the place indexed within the structure's searchable youth (btree_gist), instead of
-- alone. Every youth search is scoped to one structure: a radius read every structure's youth
-- in it (a bitmap of ~50,000 entries around a city, ANDed with the structure's ~20,000), and a
-- walk by distance walked every structure's youth nearer. Replaces the index on the place alone.
DROP INDEX "search_youth_geo_idx";--> statement-breakpoint
CREATE INDEX "search_youth_structure_geo_idx" ON "search_youth" USING gist ("structure_id","geo") WHERE "search_youth"."searchable";