CREATE TABLE "case_categories" (
	"zone_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"accept_days" integer DEFAULT 0 NOT NULL,
	"resolve_days" integer NOT NULL,
	"escalate_after_days" integer DEFAULT 2 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "case_categories_pk" PRIMARY KEY("zone_id","code")
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counters_pk" PRIMARY KEY("zone_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"zone_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"step" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL,
	"comment" text,
	"from_state" text,
	"to_state" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"enterprise_id" uuid,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"received_unit_id" uuid,
	"owner_unit_id" uuid,
	"owner_officer_id" uuid,
	"dispatcher_unit_id" uuid,
	"assist_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"accept_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"supervised" boolean DEFAULT false NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"rating" text,
	"rated_at" timestamp with time zone,
	"remind_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_state" CHECK ("cases"."state" in ('new', 'dispatched', 'accepted', 'replied', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_counters" ADD CONSTRAINT "case_counters_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_steps" ADD CONSTRAINT "case_steps_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_steps" ADD CONSTRAINT "case_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_steps_case" ON "case_steps" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_zone_number" ON "cases" USING btree ("zone_id","number");--> statement-breakpoint
CREATE INDEX "cases_zone_owner_unit" ON "cases" USING btree ("zone_id","owner_unit_id","state");--> statement-breakpoint
CREATE INDEX "cases_zone_owner_officer" ON "cases" USING btree ("zone_id","owner_officer_id","state");--> statement-breakpoint
CREATE INDEX "cases_zone_enterprise" ON "cases" USING btree ("zone_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "cases_zone_state_received" ON "cases" USING btree ("zone_id","state","received_at");
