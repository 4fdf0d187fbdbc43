import type { ScreeningScheme } from "@zoneos/domain";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

const STAGES = sql.raw(`'clue', 'contact', 'negotiation', 'signed', 'registered', 'started', 'producing', 'lost'`);

/**
 * An investment lead (招商项目) in the pipeline 线索 → 投产 or 流失. The stage dates are kept in
 * `lead_stage_changes`; what is derived from them (the furthest stage, days per stage) is never stored.
 */
export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    /** ZS2026-001 unless the zone gives its own code; unique per zone. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** lower-case name, investor, full pinyin, initials, code and investor's credit code, for one ILIKE. */
    searchText: text("search_text").notNull(),
    investorName: text("investor_name").notNull(),
    investorCreditCode: text("investor_credit_code"),
    /** Home region of the investor, a GB/T 2260 code of any level (province "32", city "3201", county "320115"). */
    investorRegionCode: text("investor_region_code"),
    /** 世界500强 / 中国500强 / 央企 / 上市: 'global500' | 'china500' | 'central_soe' | 'listed'. */
    investorMarks: text("investor_marks").array().notNull().default(sql`'{}'::text[]`),
    /** Planned investment (计划投资), 万元. */
    investmentWan: numeric("investment_wan", { precision: 16, scale: 4 }).notNull(),
    /** The contract amount and date, set when the lead is signed (签约). */
    signedAmountWan: numeric("signed_amount_wan", { precision: 16, scale: 4 }),
    signedOn: date("signed_on", { mode: "string" }),
    industryCode: text("industry_code"),
    chainId: uuid("chain_id"),
    chainLinkId: uuid("chain_link_id"),
    channel: text("channel").notNull(),
    unitId: uuid("unit_id").notNull(),
    officerId: uuid("officer_id"),
    /** 领导挂钩. */
    leaderId: uuid("leader_id"),
    landMu: numeric("land_mu", { precision: 12, scale: 2 }),
    jobs: integer("jobs"),
    stage: text("stage").notNull(),
    /** The date of the last stage change (the current stage's date). */
    stageOn: date("stage_on", { mode: "string" }).notNull(),
    lostReason: text("lost_reason"),
    lostNote: text("lost_note"),
    /** The trip (外出招商) the lead came from, the chain target it was created from. */
    tripId: uuid("trip_id"),
    targetId: uuid("target_id"),
    /** The project of the project registry the lead became at 开工. */
    projectId: uuid("project_id"),
    /** The enterprise registered in the zone for it (注册). */
    registeredEnterpriseId: uuid("registered_enterprise_id"),
    notes: text("notes"),
    createdBy: uuid("created_by"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("leads_zone_code").on(t.zoneId, t.code),
    // The pipeline figures group a zone's leads by stage and amount: index-only from here.
    index("leads_zone_stage").on(t.zoneId, t.stage, t.investmentWan),
    index("leads_zone_unit").on(t.zoneId, t.unitId),
    index("leads_zone_officer").on(t.zoneId, t.officerId),
    index("leads_zone_link").on(t.zoneId, t.chainLinkId),
    index("leads_zone_trip").on(t.zoneId, t.tripId),
    index("leads_zone_signed").on(t.zoneId, t.signedOn),
    // A project of the registry came from at most one lead (two 开工 moves at once cannot both link it).
    uniqueIndex("leads_zone_project").on(t.zoneId, t.projectId).where(sql`${t.projectId} is not null`),
    index("leads_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    check("leads_stage", sql`${t.stage} in (${STAGES})`),
    check(
      "leads_channel",
      sql`${t.channel} in ('chain', 'business', 'capital', 'entrusted', 'resident', 'event', 'other')`,
    ),
    check("leads_lost_reason", sql`(${t.stage} = 'lost') = (${t.lostReason} is not null)`),
  ],
);

/** Every stage change of a lead, with its date (the day it happened, as the user says) and who made it. */
export const leadStageChanges = pgTable(
  "lead_stage_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    /** Null for the lead's first stage (when it was entered). */
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    on: date("on", { mode: "string" }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    by: uuid("by"),
    note: text("note"),
    lostReason: text("lost_reason"),
    /** A leader's override of the screening (签约 without a passing scorecard), with the leader's reason. */
    overrideBy: uuid("override_by"),
    overrideReason: text("override_reason"),
  },
  (t) => [
    index("lead_stage_changes_lead").on(t.leadId, t.at),
    index("lead_stage_changes_zone").on(t.zoneId, t.toStage, t.on),
    // The figures' cohort: the leads whose first stage (no from-stage) is dated in a period.
    index("lead_stage_changes_first").on(t.zoneId, t.on).where(sql`${t.fromStage} is null`),
    check("lead_stage_changes_to", sql`${t.toStage} in (${STAGES})`),
  ],
);

/** A lead's screening (项目准入评估): the values given, the result, and the scheme it was scored on. */
export const leadScorecards = pgTable("lead_scorecards", {
  leadId: uuid("lead_id")
    .primaryKey()
    .references(() => leads.id, { onDelete: "cascade" }),
  zoneId: uuid("zone_id")
    .notNull()
    .references(() => zones.id),
  values: jsonb("values").$type<Record<string, number | string | null>>().notNull(),
  score: numeric("score", { precision: 8, scale: 2 }).notNull(),
  maxScore: numeric("max_score", { precision: 8, scale: 2 }).notNull(),
  passed: boolean("passed").notNull(),
  scheme: jsonb("scheme").$type<ScreeningScheme>().notNull(),
  scoredBy: uuid("scored_by"),
  scoredAt: timestamp("scored_at", { withTimezone: true }).notNull(),
});

/** Work on a lead: a meeting, a site visit, a call, a document; files attach to it. */
export const leadActivities = pgTable(
  "lead_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    on: date("on", { mode: "string" }).notNull(),
    summary: text("summary").notNull(),
    participants: text("participants"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lead_activities_lead").on(t.leadId, t.on),
    check("lead_activities_kind", sql`${t.kind} in ('meeting', 'site_visit', 'call', 'document', 'other')`),
  ],
);

/** A trip out to attract investment (外出招商): who led it, who went, where, whom they met. */
export const trips = pgTable(
  "trips",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    /** The leader who led the trip (带队领导): a leader of the zone or a unit head. */
    leaderId: uuid("leader_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    memberIds: uuid("member_ids").array().notNull().default(sql`'{}'::uuid[]`),
    startOn: date("start_on", { mode: "string" }).notNull(),
    endOn: date("end_on", { mode: "string" }).notNull(),
    /** GB/T 2260 codes of the places visited (any level). */
    destinationCodes: text("destination_codes").array().notNull().default(sql`'{}'::text[]`),
    /** The companies met: name, and what came of it. */
    companiesMet: jsonb("companies_met")
      .$type<{ name: string; note: string | null }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    purpose: text("purpose").notNull(),
    summary: text("summary"),
    createdBy: uuid("created_by"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("trips_zone_start").on(t.zoneId, t.startOn),
    index("trips_zone_leader").on(t.zoneId, t.leaderId),
    check("trips_dates", sql`${t.endOn} >= ${t.startOn}`),
  ],
);

/** A zone's screening scheme (the criteria and thresholds); a zone without a row uses the shipped default. */
export const leadSettings = pgTable("lead_settings", {
  zoneId: uuid("zone_id")
    .primaryKey()
    .references(() => zones.id),
  scheme: jsonb("scheme").$type<ScreeningScheme>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** The last lead number given per zone and year (ZS2026-001). */
export const leadCounters = pgTable(
  "lead_counters",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ name: "lead_counters_pk", columns: [t.zoneId, t.year] })],
);
