CREATE TABLE "chain_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"chain_id" uuid NOT NULL,
	"parent_id" uuid,
	"segment" text NOT NULL,
	"name" text NOT NULL,
	"industry_code" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "chain_links_segment" CHECK ("chain_links"."segment" in ('upstream', 'midstream', 'downstream'))
);
--> statement-breakpoint
CREATE TABLE "chain_placements" (
	"zone_id" uuid NOT NULL,
	"chain_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_placements_pk" PRIMARY KEY("link_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "chain_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"chain_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"region_code" text,
	"size" text,
	"listed" boolean DEFAULT false NOT NULL,
	"reason" text,
	"lead_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_targets_size" CHECK ("chain_targets"."size" is null or "chain_targets"."size" in ('large', 'medium', 'small', 'micro'))
);
--> statement-breakpoint
CREATE TABLE "chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"weak_min" integer NOT NULL,
	"strong_min" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chains_thresholds" CHECK ("chains"."weak_min" >= 1 and "chains"."strong_min" > "chains"."weak_min")
);
--> statement-breakpoint
CREATE TABLE "lead_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"summary" text NOT NULL,
	"participants" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_activities_kind" CHECK ("lead_activities"."kind" in ('meeting', 'site_visit', 'call', 'document', 'other'))
);
--> statement-breakpoint
CREATE TABLE "lead_counters" (
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "lead_counters_pk" PRIMARY KEY("zone_id","year")
);
--> statement-breakpoint
CREATE TABLE "lead_scorecards" (
	"lead_id" uuid PRIMARY KEY NOT NULL,
	"zone_id" uuid NOT NULL,
	"values" jsonb NOT NULL,
	"score" numeric(8, 2) NOT NULL,
	"max_score" numeric(8, 2) NOT NULL,
	"passed" boolean NOT NULL,
	"scheme" jsonb NOT NULL,
	"scored_by" uuid,
	"scored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_settings" (
	"zone_id" uuid PRIMARY KEY NOT NULL,
	"scheme" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" uuid,
	"note" text,
	"lost_reason" text,
	"override_by" uuid,
	"override_reason" text,
	CONSTRAINT "lead_stage_changes_to" CHECK ("lead_stage_changes"."to_stage" in ('clue', 'contact', 'negotiation', 'signed', 'registered', 'started', 'producing', 'lost'))
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"search_text" text NOT NULL,
	"investor_name" text NOT NULL,
	"investor_credit_code" text,
	"investor_region_code" text,
	"investor_marks" text[] DEFAULT '{}'::text[] NOT NULL,
	"investment_wan" numeric(16, 4) NOT NULL,
	"signed_amount_wan" numeric(16, 4),
	"signed_on" date,
	"industry_code" text,
	"chain_id" uuid,
	"chain_link_id" uuid,
	"channel" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"officer_id" uuid,
	"leader_id" uuid,
	"land_mu" numeric(12, 2),
	"jobs" integer,
	"stage" text NOT NULL,
	"stage_on" date NOT NULL,
	"lost_reason" text,
	"lost_note" text,
	"trip_id" uuid,
	"target_id" uuid,
	"project_id" uuid,
	"registered_enterprise_id" uuid,
	"notes" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_stage" CHECK ("leads"."stage" in ('clue', 'contact', 'negotiation', 'signed', 'registered', 'started', 'producing', 'lost')),
	CONSTRAINT "leads_channel" CHECK ("leads"."channel" in ('chain', 'business', 'capital', 'entrusted', 'resident', 'event', 'other')),
	CONSTRAINT "leads_lost_reason" CHECK (("leads"."stage" = 'lost') = ("leads"."lost_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"leader_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"member_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"destination_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"companies_met" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"purpose" text NOT NULL,
	"summary" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trips_dates" CHECK ("trips"."end_on" >= "trips"."start_on")
);
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_subject_type";--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_activities" ADD CONSTRAINT "lead_activities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_counters" ADD CONSTRAINT "lead_counters_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_scorecards" ADD CONSTRAINT "lead_scorecards_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_scorecards" ADD CONSTRAINT "lead_scorecards_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_settings" ADD CONSTRAINT "lead_settings_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_stage_changes" ADD CONSTRAINT "lead_stage_changes_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_stage_changes" ADD CONSTRAINT "lead_stage_changes_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_links_chain" ON "chain_links" USING btree ("zone_id","chain_id","sort_order");--> statement-breakpoint
CREATE INDEX "chain_placements_chain" ON "chain_placements" USING btree ("zone_id","chain_id","link_id");--> statement-breakpoint
CREATE INDEX "chain_placements_enterprise" ON "chain_placements" USING btree ("zone_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "chain_targets_chain" ON "chain_targets" USING btree ("zone_id","chain_id","link_id");--> statement-breakpoint
CREATE INDEX "chain_targets_region" ON "chain_targets" USING btree ("zone_id","region_code");--> statement-breakpoint
CREATE INDEX "chains_zone" ON "chains" USING btree ("zone_id","sort_order");--> statement-breakpoint
CREATE INDEX "lead_activities_lead" ON "lead_activities" USING btree ("lead_id","on");--> statement-breakpoint
CREATE INDEX "lead_stage_changes_lead" ON "lead_stage_changes" USING btree ("lead_id","at");--> statement-breakpoint
CREATE INDEX "lead_stage_changes_zone" ON "lead_stage_changes" USING btree ("zone_id","to_stage","on");--> statement-breakpoint
CREATE INDEX "lead_stage_changes_first" ON "lead_stage_changes" USING btree ("zone_id","on") WHERE "lead_stage_changes"."from_stage" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_zone_code" ON "leads" USING btree ("zone_id","code");--> statement-breakpoint
CREATE INDEX "leads_zone_stage" ON "leads" USING btree ("zone_id","stage","investment_wan");--> statement-breakpoint
CREATE INDEX "leads_zone_unit" ON "leads" USING btree ("zone_id","unit_id");--> statement-breakpoint
CREATE INDEX "leads_zone_officer" ON "leads" USING btree ("zone_id","officer_id");--> statement-breakpoint
CREATE INDEX "leads_zone_link" ON "leads" USING btree ("zone_id","chain_link_id");--> statement-breakpoint
CREATE INDEX "leads_zone_trip" ON "leads" USING btree ("zone_id","trip_id");--> statement-breakpoint
CREATE INDEX "leads_zone_signed" ON "leads" USING btree ("zone_id","signed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_zone_project" ON "leads" USING btree ("zone_id","project_id") WHERE "leads"."project_id" is not null;--> statement-breakpoint
CREATE INDEX "leads_search_trgm" ON "leads" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "trips_zone_start" ON "trips" USING btree ("zone_id","start_on");--> statement-breakpoint
CREATE INDEX "trips_zone_leader" ON "trips" USING btree ("zone_id","leader_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_subject_type" CHECK ("attachments"."subject_type" is null or "attachments"."subject_type" in ('case', 'visit', 'project_report', 'lead_activity'));