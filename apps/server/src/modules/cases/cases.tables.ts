import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/**
 * A case (诉求/问题): an enterprise's demand, later also a project's problem. `accept_due_at` and `resolve_due_at`
 * are facts computed once at receipt from the calendar and the category's SLA; overdue and due-soon are derived
 * from them and the current time, never stored.
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    /** SQ2026-000123: the year of receipt and a running count per zone and year. */
    number: text("number").notNull(),
    source: text("source").notNull(),
    enterpriseId: uuid("enterprise_id"),
    /** The project a problem is about (category 项目问题, raised in a monthly report or on a project visit). */
    projectId: uuid("project_id"),
    /** The visit on which the demand was raised (source 'visit'). */
    visitId: uuid("visit_id"),
    category: text("category").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    priority: text("priority").notNull().default("normal"),
    /** The unit that took the case in (the creator's unit; null from the portal). */
    receivedUnitId: uuid("received_unit_id"),
    ownerUnitId: uuid("owner_unit_id"),
    ownerOfficerId: uuid("owner_officer_id"),
    dispatcherUnitId: uuid("dispatcher_unit_id"),
    assistUnitIds: uuid("assist_unit_ids").array().notNull().default(sql`'{}'::uuid[]`),
    state: text("state").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    acceptDueAt: timestamp("accept_due_at", { withTimezone: true }).notNull(),
    resolveDueAt: timestamp("resolve_due_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    supervised: boolean("supervised").notNull().default(false),
    reopenCount: integer("reopen_count").notNull().default(0),
    rating: text("rating"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    remindCount: integer("remind_count").notNull().default(0),
    createdBy: uuid("created_by"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cases_zone_number").on(t.zoneId, t.number),
    index("cases_zone_owner_unit").on(t.zoneId, t.ownerUnitId, t.state),
    index("cases_zone_owner_officer").on(t.zoneId, t.ownerOfficerId, t.state),
    index("cases_zone_enterprise").on(t.zoneId, t.enterpriseId),
    index("cases_visit").on(t.visitId),
    index("cases_zone_project").on(t.zoneId, t.projectId),
    index("cases_zone_state_received").on(t.zoneId, t.state, t.receivedAt),
    // Also "cases_zone_received_figures" on (zone_id, received_at) INCLUDE (the columns the service figures count),
    // so a year's figures at province scale read only the index: written by hand in migration 0003 because
    // drizzle's index builder has no INCLUDE (appended by hand to migration 0003).
    check("cases_state", sql`${t.state} in ('new', 'dispatched', 'accepted', 'replied', 'closed')`),
  ],
);

/** The history of a case: one row per step, who took it, when and with what comment. */
export const caseSteps = pgTable(
  "case_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The order of steps taken in the same instant. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    step: text("step").notNull(),
    /** null when the platform acted (a timer). */
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    comment: text("comment"),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    data: jsonb("data").$type<Record<string, string | number | boolean | null>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index("case_steps_case").on(t.caseId, t.seq)],
);

/** A zone's case categories and their SLA rules in working days (seeded from the domain's defaults). */
export const caseCategories = pgTable(
  "case_categories",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    acceptDays: integer("accept_days").notNull().default(0),
    resolveDays: integer("resolve_days").notNull(),
    escalateAfterDays: integer("escalate_after_days").notNull().default(2),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [primaryKey({ name: "case_categories_pk", columns: [t.zoneId, t.code] })],
);

/** The last case number given per zone and year. */
export const caseCounters = pgTable(
  "case_counters",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ name: "case_counters_pk", columns: [t.zoneId, t.year] })],
);
