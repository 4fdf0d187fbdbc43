CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"subject_type" text,
	"subject_id" uuid,
	"step_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_subject_type" CHECK ("attachments"."subject_type" is null or "attachments"."subject_type" in ('case', 'visit'))
);
--> statement-breakpoint
CREATE TABLE "enterprise_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"phone" text,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notification_deliveries_channel" CHECK ("notification_deliveries"."channel" in ('webhook', 'email')),
	CONSTRAINT "notification_deliveries_state" CHECK ("notification_deliveries"."state" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scheduler_runs" (
	"job" text PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL,
	"last_result" text
);
--> statement-breakpoint
CREATE TABLE "visit_rules" (
	"zone_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"applies_to" text NOT NULL,
	"period" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "visit_rules_pk" PRIMARY KEY("zone_id","code"),
	CONSTRAINT "visit_rules_applies_to" CHECK ("visit_rules"."applies_to" in ('key', 'assigned', 'all')),
	CONSTRAINT "visit_rules_period" CHECK ("visit_rules"."period" in ('month', 'quarter', 'half_year', 'year'))
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"kind" text NOT NULL,
	"visitor_ids" uuid[] NOT NULL,
	"unit_id" uuid,
	"participants" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_kind" CHECK ("visits"."kind" in ('routine', 'service_day', 'director_day', 'leader'))
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "visit_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_invites" ADD CONSTRAINT "enterprise_invites_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_rules" ADD CONSTRAINT "visit_rules_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_subject" ON "attachments" USING btree ("zone_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "attachments_unlinked" ON "attachments" USING btree ("created_at") WHERE "attachments"."subject_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_invites_token" ON "enterprise_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "enterprise_invites_enterprise" ON "enterprise_invites" USING btree ("zone_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_due" ON "notification_deliveries" USING btree ("next_attempt_at") WHERE "notification_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_unread" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "visits_zone_enterprise" ON "visits" USING btree ("zone_id","enterprise_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_zone_date" ON "visits" USING btree ("zone_id","visited_on");--> statement-breakpoint
CREATE INDEX "cases_visit" ON "cases" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "cases_zone_received_figures" ON "cases" USING btree ("zone_id","received_at") INCLUDE ("owner_unit_id","owner_officer_id","category","state","accepted_at","accept_due_at","replied_at","resolve_due_at","rating","reopen_count","escalated_at");
