CREATE TYPE "public"."offer_status" AS ENUM('draft', 'published', 'closed');--> statement-breakpoint
CREATE TYPE "public"."immersion_slot_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"status" "offer_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"rome_code" varchar(5) NOT NULL,
	"description" text NOT NULL,
	"required_skills" text[] DEFAULT '{}' NOT NULL,
	"nice_to_have_skills" text[] DEFAULT '{}' NOT NULL,
	"contract_type" text NOT NULL,
	"hours_per_week" double precision NOT NULL,
	"schedules" text[] NOT NULL,
	"min_education_level" text,
	"driving_licence_required" boolean DEFAULT false NOT NULL,
	"commune_insee" varchar(5) NOT NULL,
	"commune_name" text NOT NULL,
	"postcode" varchar(5),
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"precise_location" boolean DEFAULT false NOT NULL,
	"positions" integer DEFAULT 1 NOT NULL,
	"start_date" date,
	"expiry_date" date,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_contract_type" CHECK ("offers"."contract_type" in ('cdi', 'cdd', 'interim', 'apprenticeship', 'professional_contract', 'seasonal', 'immersion')),
	CONSTRAINT "offers_schedules" CHECK ("offers"."schedules" <@ array['day', 'evening', 'night', 'weekend']::text[]),
	CONSTRAINT "offers_min_education_level" CHECK ("offers"."min_education_level" in ('none', '3', '4', '5', '6', '7', '8')),
	CONSTRAINT "offers_hours_per_week" CHECK ("offers"."hours_per_week" > 0 and "offers"."hours_per_week" <= 48),
	CONSTRAINT "offers_positions" CHECK ("offers"."positions" >= 1)
);
--> statement-breakpoint
CREATE TABLE "immersion_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"status" "immersion_slot_status" DEFAULT 'open' NOT NULL,
	"rome_code" varchar(5) NOT NULL,
	"appellation_ogr" integer,
	"activities" text NOT NULL,
	"commune_insee" varchar(5) NOT NULL,
	"commune_name" text NOT NULL,
	"postcode" varchar(5),
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"precise_location" boolean DEFAULT false NOT NULL,
	"tutor_name" text NOT NULL,
	"tutor_job" text NOT NULL,
	"tutor_email" text NOT NULL,
	"tutor_phone" text NOT NULL,
	"capacity" integer NOT NULL,
	"available_from" date NOT NULL,
	"available_to" date NOT NULL,
	"schedules" text[] NOT NULL,
	"hours_per_week" double precision NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "immersion_slots_schedules" CHECK ("immersion_slots"."schedules" <@ array['day', 'evening', 'night', 'weekend']::text[]),
	CONSTRAINT "immersion_slots_hours_per_week" CHECK ("immersion_slots"."hours_per_week" > 0 and "immersion_slots"."hours_per_week" <= 48),
	CONSTRAINT "immersion_slots_capacity" CHECK ("immersion_slots"."capacity" >= 1),
	CONSTRAINT "immersion_slots_period" CHECK ("immersion_slots"."available_from" <= "immersion_slots"."available_to")
);
--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_rome_code_rome_codes_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_slots" ADD CONSTRAINT "immersion_slots_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_slots" ADD CONSTRAINT "immersion_slots_rome_code_rome_codes_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_slots" ADD CONSTRAINT "immersion_slots_appellation_ogr_rome_appellations_ogr_fk" FOREIGN KEY ("appellation_ogr") REFERENCES "public"."rome_appellations"("ogr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_employer_idx" ON "offers" USING btree ("employer_id","status");--> statement-breakpoint
CREATE INDEX "offers_status_idx" ON "offers" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "offers_published_expiry_idx" ON "offers" USING btree ("expiry_date") WHERE "offers"."status" = 'published';--> statement-breakpoint
CREATE INDEX "immersion_slots_employer_idx" ON "immersion_slots" USING btree ("employer_id","status");--> statement-breakpoint
CREATE INDEX "immersion_slots_status_idx" ON "immersion_slots" USING btree ("status","created_at");