CREATE TABLE "project_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"name" text NOT NULL,
	"department_unit_id" uuid,
	"department" text NOT NULL,
	"applied_on" date,
	"approved_on" date,
	"limit_working_days" integer,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_approvals_stage" CHECK ("project_approvals"."stage" in ('land_planning', 'engineering_permit', 'construction_permit', 'completion_acceptance'))
);
--> statement-breakpoint
CREATE TABLE "project_counters" (
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "project_counters_pk" PRIMARY KEY("zone_id","year")
);
--> statement-breakpoint
CREATE TABLE "project_plan_versions" (
	"zone_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"from_month" smallint NOT NULL,
	"plan_wan" numeric(16, 4) NOT NULL,
	"reason" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_plan_versions_pk" PRIMARY KEY("project_id","year","from_month"),
	CONSTRAINT "project_plan_versions_month" CHECK ("project_plan_versions"."from_month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "project_plans" (
	"zone_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"new_start_planned" boolean DEFAULT false NOT NULL,
	"new_start_month" smallint,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "project_plans_pk" PRIMARY KEY("project_id","year")
);
--> statement-breakpoint
CREATE TABLE "project_report_reopenings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"reason" text NOT NULL,
	"until" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"completed_wan" numeric(16, 4) NOT NULL,
	"progress" text,
	"problems" text,
	"reported_by" uuid,
	"reported_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "project_reports_month" CHECK ("project_reports"."month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "project_settings" (
	"zone_id" uuid PRIMARY KEY NOT NULL,
	"granularity" text NOT NULL,
	"behind_threshold_points" numeric(5, 1) NOT NULL,
	"report_deadline_day" smallint NOT NULL,
	"approval_target_working_days" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"search_text" text NOT NULL,
	"owner_enterprise_id" uuid NOT NULL,
	"total_investment_wan" numeric(16, 4) NOT NULL,
	"type" text NOT NULL,
	"level" text NOT NULL,
	"park_unit_id" uuid,
	"industry_code" text,
	"stage" text NOT NULL,
	"planned_start_on" date,
	"planned_completion_on" date,
	"actual_start_on" date,
	"actual_completion_on" date,
	"leader_id" uuid,
	"unit_id" uuid NOT NULL,
	"member_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"location" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_type" CHECK ("projects"."type" in ('industry', 'infrastructure', 'livelihood')),
	CONSTRAINT "projects_level" CHECK ("projects"."level" in ('provincial', 'municipal', 'district')),
	CONSTRAINT "projects_stage" CHECK ("projects"."stage" in ('signed', 'preliminary', 'new_start', 'continuing', 'completed', 'in_production', 'full_production'))
);
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_subject_type";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_counters" ADD CONSTRAINT "project_counters_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_plan_versions" ADD CONSTRAINT "project_plan_versions_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_plan_versions" ADD CONSTRAINT "project_plan_versions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_plans" ADD CONSTRAINT "project_plans_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_plans" ADD CONSTRAINT "project_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_report_reopenings" ADD CONSTRAINT "project_report_reopenings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_settings" ADD CONSTRAINT "project_settings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_approvals_project" ON "project_approvals" USING btree ("zone_id","project_id");--> statement-breakpoint
CREATE INDEX "project_plan_versions_zone_year" ON "project_plan_versions" USING btree ("zone_id","year","from_month");--> statement-breakpoint
CREATE INDEX "project_plans_zone_year" ON "project_plans" USING btree ("zone_id","year");--> statement-breakpoint
CREATE INDEX "project_report_reopenings_zone" ON "project_report_reopenings" USING btree ("zone_id","year","month","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_reports_project_month" ON "project_reports" USING btree ("project_id","year","month");--> statement-breakpoint
CREATE INDEX "project_reports_zone_year" ON "project_reports" USING btree ("zone_id","year","month","project_id","completed_wan");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_zone_code" ON "projects" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "projects_zone_unit" ON "projects" USING btree ("zone_id","unit_id");--> statement-breakpoint
CREATE INDEX "projects_zone_leader" ON "projects" USING btree ("zone_id","leader_id");--> statement-breakpoint
CREATE INDEX "projects_zone_owner" ON "projects" USING btree ("zone_id","owner_enterprise_id");--> statement-breakpoint
CREATE INDEX "projects_search_trgm" ON "projects" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_zone_project" ON "cases" USING btree ("zone_id","project_id");--> statement-breakpoint
CREATE INDEX "visits_zone_project" ON "visits" USING btree ("zone_id","project_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_subject_type" CHECK ("attachments"."subject_type" is null or "attachments"."subject_type" in ('case', 'visit', 'project_report'));