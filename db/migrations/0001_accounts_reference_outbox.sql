CREATE TYPE "public"."user_role" AS ENUM('admin', 'advisor', 'organiser', 'employer');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('invited', 'active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."user_token_purpose" AS ENUM('set_password');--> statement-breakpoint
CREATE TABLE "employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"siret" varchar(14) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employers_siret_unique" UNIQUE("siret")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "structures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"commune_insee" varchar(5),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "user_token_purpose" NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "user_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"structure_id" uuid,
	"employer_id" uuid,
	"password_hash" text,
	"status" "user_status" DEFAULT 'invited' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_attachment" CHECK (("users"."role" = 'admin' and "users"."structure_id" is null and "users"."employer_id" is null)
       or ("users"."role" in ('advisor', 'organiser') and "users"."structure_id" is not null and "users"."employer_id" is null)
       or ("users"."role" = 'employer' and "users"."employer_id" is not null and "users"."structure_id" is null))
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"id" serial PRIMARY KEY NOT NULL,
	"insee" varchar(5) NOT NULL,
	"postcode" varchar(5) NOT NULL,
	"name" text NOT NULL,
	"department" varchar(3) NOT NULL,
	"region" varchar(3),
	"type" varchar(4) NOT NULL,
	"parent_insee" varchar(5),
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"population" integer,
	"search_name" text GENERATED ALWAYS AS (passerelle_normalize(name)) STORED
);
--> statement-breakpoint
CREATE TABLE "rome_appellations" (
	"ogr" integer PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"short_label" text NOT NULL,
	"rome_code" varchar(5) NOT NULL,
	"rarely_used" boolean DEFAULT false NOT NULL,
	"search_label" text GENERATED ALWAYS AS (passerelle_normalize(label)) STORED
);
--> statement-breakpoint
CREATE TABLE "rome_codes" (
	"code" varchar(5) PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"parent_code" varchar(5) NOT NULL,
	"search_label" text GENERATED ALWAYS AS (passerelle_normalize(label)) STORED
);
--> statement-breakpoint
CREATE TABLE "mail_deliveries" (
	"key" text PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"message_id" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_appellations" ADD CONSTRAINT "rome_appellations_rome_code_rome_codes_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_structure_idx" ON "users" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "users_employer_idx" ON "users" USING btree ("employer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "communes_natural_key" ON "communes" USING btree ("insee","postcode","type");--> statement-breakpoint
CREATE INDEX "communes_insee_idx" ON "communes" USING btree ("insee");--> statement-breakpoint
CREATE INDEX "communes_postcode_idx" ON "communes" USING btree ("postcode");--> statement-breakpoint
CREATE INDEX "rome_appellations_code_idx" ON "rome_appellations" USING btree ("rome_code");--> statement-breakpoint
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" USING btree ("id") WHERE "outbox_events"."dispatched_at" is null;