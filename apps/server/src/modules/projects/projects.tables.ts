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
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/**
 * A major project (重大项目). Its schedule (completion rate, 序时进度, points behind) is derived from the annual plan
 * and the monthly reports by `packages/domain/src/projects.ts`; nothing derived is stored.
 */
export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    /** XM2026-001 unless the zone gives its own code; unique per zone. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** lower-case name, full pinyin, pinyin initials and code, for one ILIKE. */
    searchText: text("search_text").notNull(),
    ownerEnterpriseId: uuid("owner_enterprise_id").notNull(),
    totalInvestmentWan: numeric("total_investment_wan", { precision: 16, scale: 4 }).notNull(),
    type: text("type").notNull(),
    level: text("level").notNull(),
    parkUnitId: uuid("park_unit_id"),
    industryCode: text("industry_code"),
    stage: text("stage").notNull(),
    plannedStartOn: date("planned_start_on", { mode: "string" }),
    plannedCompletionOn: date("planned_completion_on", { mode: "string" }),
    actualStartOn: date("actual_start_on", { mode: "string" }),
    actualCompletionOn: date("actual_completion_on", { mode: "string" }),
    /** 领导挂钩. */
    leaderId: uuid("leader_id"),
    /** The responsible unit: it reports the project monthly. */
    unitId: uuid("unit_id").notNull(),
    /** 专班 members (users). */
    memberIds: uuid("member_ids").array().notNull().default(sql`'{}'::uuid[]`),
    location: text("location"),
    createdBy: uuid("created_by"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_zone_code").on(t.zoneId, t.code),
    index("projects_zone_unit").on(t.zoneId, t.unitId),
    index("projects_zone_leader").on(t.zoneId, t.leaderId),
    index("projects_zone_owner").on(t.zoneId, t.ownerEnterpriseId),
    index("projects_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    check("projects_type", sql`${t.type} in ('industry', 'infrastructure', 'livelihood')`),
    check("projects_level", sql`${t.level} in ('provincial', 'municipal', 'district')`),
    check(
      "projects_stage",
      sql`${t.stage} in ('signed', 'preliminary', 'new_start', 'continuing', 'completed', 'in_production', 'full_production')`,
    ),
  ],
);

/** A project's plan for a year (年度计划) apart from the amount: the planned new start and the milestones. */
export const projectPlans = pgTable(
  "project_plans",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    /** A planned new start (计划新开工) of the year, and its month. */
    newStartPlanned: boolean("new_start_planned").notNull().default(false),
    newStartMonth: smallint("new_start_month"),
    milestones: jsonb("milestones").$type<{ month: number; text: string }[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    primaryKey({ name: "project_plans_pk", columns: [t.projectId, t.year] }),
    index("project_plans_zone_year").on(t.zoneId, t.year),
  ],
);

/**
 * The amount of a year's plan, versioned: the plan from January, a mid-year change (年中调整) from its month. The
 * plan in force for a month is the latest version from a month not after it.
 */
export const projectPlanVersions = pgTable(
  "project_plan_versions",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    fromMonth: smallint("from_month").notNull(),
    planWan: numeric("plan_wan", { precision: 16, scale: 4 }).notNull(),
    reason: text("reason"),
    changedBy: uuid("changed_by"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "project_plan_versions_pk", columns: [t.projectId, t.year, t.fromMonth] }),
    index("project_plan_versions_zone_year").on(t.zoneId, t.year, t.fromMonth),
    check("project_plan_versions_month", sql`${t.fromMonth} between 1 and 12`),
  ],
);

/** A project's report of one month: the investment completed in that month (the year to date is derived). */
export const projectReports = pgTable(
  "project_reports",
  {
    /** The subject of the report's photos (attachments). */
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    month: smallint("month").notNull(),
    completedWan: numeric("completed_wan", { precision: 16, scale: 4 }).notNull(),
    /** 形象进度. */
    progress: text("progress"),
    problems: text("problems"),
    reportedBy: uuid("reported_by"),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("project_reports_project_month").on(t.projectId, t.year, t.month),
    // The board sums a year's months of every project of a zone: index-only from here.
    index("project_reports_zone_year").on(t.zoneId, t.year, t.month, t.projectId, t.completedWan),
    check("project_reports_month", sql`${t.month} between 1 and 12`),
  ],
);

/** A unit head's reopening of a locked month for their unit (audited), until a day. */
export const projectReportReopenings = pgTable(
  "project_report_reopenings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    unitId: uuid("unit_id").notNull(),
    year: smallint("year").notNull(),
    month: smallint("month").notNull(),
    reason: text("reason").notNull(),
    until: date("until", { mode: "string" }).notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("project_report_reopenings_zone").on(t.zoneId, t.year, t.month, t.unitId)],
);

/** An approval item (工程建设项目审批事项) of a project, in one of the four stages. */
export const projectApprovals = pgTable(
  "project_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    stage: text("stage").notNull(),
    name: text("name").notNull(),
    departmentUnitId: uuid("department_unit_id"),
    /** The department by name: the unit's name when it is a unit of the zone. */
    department: text("department").notNull(),
    appliedOn: date("applied_on", { mode: "string" }),
    approvedOn: date("approved_on", { mode: "string" }),
    limitWorkingDays: integer("limit_working_days"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("project_approvals_project").on(t.zoneId, t.projectId),
    check(
      "project_approvals_stage",
      sql`${t.stage} in ('land_planning', 'engineering_permit', 'construction_permit', 'completion_acceptance')`,
    ),
  ],
);

/** A zone's project settings; a zone without a row uses the domain's defaults. */
export const projectSettings = pgTable("project_settings", {
  zoneId: uuid("zone_id")
    .primaryKey()
    .references(() => zones.id),
  granularity: text("granularity").notNull(),
  behindThresholdPoints: numeric("behind_threshold_points", { precision: 5, scale: 1 }).notNull(),
  reportDeadlineDay: smallint("report_deadline_day").notNull(),
  approvalTargetWorkingDays: integer("approval_target_working_days").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** The last project number given per zone and year (XM2026-001). */
export const projectCounters = pgTable(
  "project_counters",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ name: "project_counters_pk", columns: [t.zoneId, t.year] })],
);
