DROP INDEX "outbox_events_pending_idx";--> statement-breakpoint
ALTER TABLE "outbox_events" ADD COLUMN "run_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD COLUMN "key" text;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outbox_events_due_idx" ON "outbox_events" USING btree ("run_at","id") WHERE "outbox_events"."dispatched_at" is null and "outbox_events"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_events_key_idx" ON "outbox_events" USING btree ("key") WHERE "outbox_events"."key" is not null and "outbox_events"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_events_dispatched_idx" ON "outbox_events" USING btree ("dispatched_at") WHERE "outbox_events"."dispatched_at" is not null;