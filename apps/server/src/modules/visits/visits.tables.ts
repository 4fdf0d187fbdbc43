import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/**
 * A visit (走访) to an enterprise: who went, when, what kind, notes. Demands raised on the visit are cases with
 * source 'visit' and `cases.visit_id` pointing here. The service officer assigned to an enterprise (挂点) is
 * `enterprises.officer_id`.
 */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    enterpriseId: uuid("enterprise_id").notNull(),
    /** A visit to a project (走访项目): the project, whose owner is `enterprise_id`. */
    projectId: uuid("project_id"),
    visitedOn: date("visited_on", { mode: "string" }).notNull(),
    /** routine 日常走访 | service_day 企业服务日 | director_day 局长服务日 | leader 领导带队. */
    kind: text("kind").notNull(),
    /** The users who went (the recorder first). */
    visitorIds: uuid("visitor_ids").array().notNull(),
    /** The unit of the recorder: the visit counts for it. */
    unitId: uuid("unit_id"),
    /** Others present who have no account (e.g. 企业法人 张三). */
    participants: text("participants"),
    notes: text("notes").notNull().default(""),
    createdBy: uuid("created_by").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("visits_zone_enterprise").on(t.zoneId, t.enterpriseId, t.visitedOn),
    index("visits_zone_date").on(t.zoneId, t.visitedOn),
    index("visits_zone_project").on(t.zoneId, t.projectId),
    check("visits_kind", sql`${t.kind} in ('routine', 'service_day', 'director_day', 'leader')`),
  ],
);

/**
 * A zone's visit rules (走访计划): which enterprises must be visited how often. Shipped: every key enterprise once
 * a quarter, every assigned enterprise once every half-year. Plans and coverage are computed from these, the
 * assignments and the visits; nothing of a plan is stored.
 */
export const visitRules = pgTable(
  "visit_rules",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** key: key enterprises (重点企业); assigned: every enterprise with a service officer; all: every enterprise. */
    appliesTo: text("applies_to").notNull(),
    /** month | quarter | half_year | year. */
    period: text("period").notNull(),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "visit_rules_pk", columns: [t.zoneId, t.code] }),
    check("visit_rules_applies_to", sql`${t.appliesTo} in ('key', 'assigned', 'all')`),
    check("visit_rules_period", sql`${t.period} in ('month', 'quarter', 'half_year', 'year')`),
  ],
);
