CREATE TYPE "public"."match_status" AS ENUM('proposed', 'accepted', 'declined', 'withdrawn', 'expired', 'hired', 'not_hired', 'immersion_started', 'no_show');--> statement-breakpoint
CREATE TABLE "identity_reveals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"match_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"viewer_user_id" uuid,
	"fields" text[] NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"youth_id" uuid NOT NULL,
	"offer_id" uuid,
	"slot_id" uuid,
	"employer_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"proposed_by" uuid,
	"status" "match_status" DEFAULT 'proposed' NOT NULL,
	"score" integer NOT NULL,
	"explanation" jsonb NOT NULL,
	"travel_band" text,
	"decline_reason" text,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"outcome_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_one_target" CHECK (("matches"."offer_id" is null) <> ("matches"."slot_id" is null)),
	CONSTRAINT "matches_decline_reason" CHECK ("matches"."decline_reason" in ('position_filled', 'skills_mismatch', 'experience_insufficient', 'availability_mismatch', 'too_far', 'offer_cancelled', 'other')),
	CONSTRAINT "matches_score" CHECK ("matches"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "identity_reveals" ADD CONSTRAINT "identity_reveals_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_reveals" ADD CONSTRAINT "identity_reveals_viewer_user_id_users_id_fk" FOREIGN KEY ("viewer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_slot_id_immersion_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."immersion_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_reveals_match_idx" ON "identity_reveals" USING btree ("match_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_active_offer_key" ON "matches" USING btree ("youth_id","offer_id") WHERE "matches"."offer_id" is not null and "matches"."status" in ('proposed', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "matches_active_slot_key" ON "matches" USING btree ("youth_id","slot_id") WHERE "matches"."slot_id" is not null and "matches"."status" in ('proposed', 'accepted');--> statement-breakpoint
CREATE INDEX "matches_employer_idx" ON "matches" USING btree ("employer_id","proposed_at");--> statement-breakpoint
CREATE INDEX "matches_structure_idx" ON "matches" USING btree ("structure_id","proposed_at");--> statement-breakpoint
CREATE INDEX "matches_youth_idx" ON "matches" USING btree ("youth_id");