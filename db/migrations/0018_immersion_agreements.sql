CREATE TYPE "public"."immersion_agreement_status" AS ENUM('draft', 'ready_to_sign', 'partially_signed', 'signed', 'validated', 'in_progress', 'ended', 'assessed', 'rejected', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."immersion_link_purpose" AS ENUM('sign', 'assess');--> statement-breakpoint
CREATE TABLE "immersion_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"slot_id" uuid,
	"created_by" uuid,
	"status" "immersion_agreement_status" DEFAULT 'draft' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"schedule" jsonb NOT NULL,
	"objective" text NOT NULL,
	"activities" text NOT NULL,
	"skills_to_observe" text[] DEFAULT '{}' NOT NULL,
	"tutor_name" text NOT NULL,
	"tutor_role" text NOT NULL,
	"tutor_email" text NOT NULL,
	"tutor_phone" text NOT NULL,
	"employer_rep_name" text NOT NULL,
	"employer_rep_role" text NOT NULL,
	"employer_rep_email" text NOT NULL,
	"employer_rep_phone" text NOT NULL,
	"legal_rep_name" text,
	"legal_rep_email" text,
	"legal_rep_phone" text,
	"signature_round" integer DEFAULT 0 NOT NULL,
	"closing_reason" text,
	"validated_at" timestamp with time zone,
	"attendance" text,
	"skills_observed" text[],
	"would_hire" boolean,
	"assessment_comments" text,
	"assessed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "immersion_agreements_period" CHECK ("immersion_agreements"."start_date" <= "immersion_agreements"."end_date" and "immersion_agreements"."end_date" - "immersion_agreements"."start_date" < 30),
	CONSTRAINT "immersion_agreements_objective" CHECK ("immersion_agreements"."objective" in ('discover_trade', 'confirm_career_plan', 'start_recruitment')),
	CONSTRAINT "immersion_agreements_attendance" CHECK ("immersion_agreements"."attendance" is null or "immersion_agreements"."attendance" in ('completed', 'partial', 'did_not_show'))
);
--> statement-breakpoint
CREATE TABLE "immersion_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"purpose" "immersion_link_purpose" NOT NULL,
	"party" text NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	"used_from_ip" text,
	"used_user_agent" text,
	"voided_at" timestamp with time zone,
	CONSTRAINT "immersion_links_party" CHECK ("immersion_links"."party" in ('youth', 'employer_representative', 'legal_representative', 'tutor'))
);
--> statement-breakpoint
ALTER TABLE "immersion_agreements" ADD CONSTRAINT "immersion_agreements_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_agreements" ADD CONSTRAINT "immersion_agreements_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_agreements" ADD CONSTRAINT "immersion_agreements_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_agreements" ADD CONSTRAINT "immersion_agreements_slot_id_immersion_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."immersion_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_agreements" ADD CONSTRAINT "immersion_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "immersion_links" ADD CONSTRAINT "immersion_links_agreement_id_immersion_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."immersion_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "immersion_agreements_structure_idx" ON "immersion_agreements" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE INDEX "immersion_agreements_employer_idx" ON "immersion_agreements" USING btree ("employer_id","created_at");--> statement-breakpoint
CREATE INDEX "immersion_agreements_youth_idx" ON "immersion_agreements" USING btree ("youth_id","start_date");--> statement-breakpoint
CREATE INDEX "immersion_agreements_slot_idx" ON "immersion_agreements" USING btree ("slot_id") WHERE "immersion_agreements"."slot_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "immersion_links_token_idx" ON "immersion_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "immersion_links_agreement_idx" ON "immersion_links" USING btree ("agreement_id","purpose","party");