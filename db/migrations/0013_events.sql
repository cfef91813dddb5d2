CREATE TYPE "public"."event_kind" AS ENUM('forum', 'workshop', 'info_session');--> statement-breakpoint
CREATE TYPE "public"."event_status" AS ENUM('draft', 'published', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."registrant_kind" AS ENUM('youth', 'employer', 'public');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('pending_confirmation', 'confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show');--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"bumped" boolean DEFAULT false NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" "registrant_kind" NOT NULL,
	"status" "registration_status" NOT NULL,
	"youth_id" uuid,
	"employer_id" uuid,
	"offer_ids" uuid[] DEFAULT '{}' NOT NULL,
	"full_name" text,
	"email" text,
	"phone" text,
	"registered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_registrations_registrant" CHECK (("event_registrations"."kind" = 'youth' and "event_registrations"."youth_id" is not null and "event_registrations"."employer_id" is null)
       or ("event_registrations"."kind" = 'employer' and "event_registrations"."employer_id" is not null and "event_registrations"."youth_id" is null)
       or ("event_registrations"."kind" = 'public' and "event_registrations"."email" is not null and "event_registrations"."youth_id" is null and "event_registrations"."employer_id" is null))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"created_by" uuid,
	"kind" "event_kind" NOT NULL,
	"status" "event_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"registration_deadline" timestamp with time zone NOT NULL,
	"address" text,
	"commune_insee" varchar(5),
	"commune_name" text,
	"postcode" varchar(5),
	"lat" double precision,
	"lng" double precision,
	"online_url" text,
	"youth_capacity" integer NOT NULL,
	"stand_capacity" integer,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_ends_after_start" CHECK ("events"."ends_at" > "events"."starts_at"),
	CONSTRAINT "events_deadline_before_start" CHECK ("events"."registration_deadline" <= "events"."starts_at"),
	CONSTRAINT "events_youth_capacity" CHECK ("events"."youth_capacity" >= 1),
	CONSTRAINT "events_stands_at_forums" CHECK (("events"."stand_capacity" is null) = ("events"."kind" <> 'forum') and coalesce("events"."stand_capacity", 1) >= 1),
	CONSTRAINT "events_somewhere" CHECK ("events"."commune_insee" is not null or "events"."online_url" is not null),
	CONSTRAINT "events_themes" CHECK ("events"."themes" <@ array['job_search', 'training', 'business_creation', 'mobility', 'housing', 'health', 'digital', 'rights']::text[])
);
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_registrations_event_idx" ON "event_registrations" USING btree ("event_id","status","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_youth_uq" ON "event_registrations" USING btree ("event_id","youth_id") WHERE "event_registrations"."youth_id" is not null and "event_registrations"."status" in ('pending_confirmation', 'confirmed', 'waitlisted');--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_employer_uq" ON "event_registrations" USING btree ("event_id","employer_id") WHERE "event_registrations"."employer_id" is not null and "event_registrations"."status" in ('pending_confirmation', 'confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX "events_structure_idx" ON "events" USING btree ("structure_id","starts_at");--> statement-breakpoint
CREATE INDEX "events_published_idx" ON "events" USING btree ("starts_at") WHERE "events"."status" = 'published';