CREATE TABLE "search_immersion_slots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"schedules" text[] NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"sort_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"search_text" text NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"employer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"rome_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"schedules" text[] NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"sort_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"search_text" text NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"employer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"rome_code" text NOT NULL,
	"contract_type" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_youth" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"schedules" text[] NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"sort_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"search_text" text NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"structure_id" uuid NOT NULL,
	"searchable" boolean NOT NULL,
	"rome_codes" text[] NOT NULL,
	"contract_types" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_immersion_slots_vector_idx" ON "search_immersion_slots" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "search_immersion_slots_text_trgm_idx" ON "search_immersion_slots" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_immersion_slots_earth_idx" ON "search_immersion_slots" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "search_immersion_slots_status_sort_idx" ON "search_immersion_slots" USING btree ("status","sort_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "search_immersion_slots_rome_idx" ON "search_immersion_slots" USING btree ("rome_code");--> statement-breakpoint
CREATE INDEX "search_immersion_slots_employer_idx" ON "search_immersion_slots" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "search_offers_vector_idx" ON "search_offers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "search_offers_text_trgm_idx" ON "search_offers" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_offers_earth_idx" ON "search_offers" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "search_offers_status_sort_idx" ON "search_offers" USING btree ("status","sort_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "search_offers_rome_idx" ON "search_offers" USING btree ("rome_code");--> statement-breakpoint
CREATE INDEX "search_offers_employer_idx" ON "search_offers" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "search_youth_vector_idx" ON "search_youth" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "search_youth_text_trgm_idx" ON "search_youth" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_youth_earth_idx" ON "search_youth" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "search_youth_structure_sort_idx" ON "search_youth" USING btree ("structure_id","sort_at" DESC NULLS LAST,"id") WHERE "search_youth"."searchable";--> statement-breakpoint
CREATE INDEX "search_youth_rome_idx" ON "search_youth" USING gin ("rome_codes");