import { and, asc, count, desc, eq, getTableColumns, inArray, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Conn } from "../../db/client.ts";
import type { CaseScope } from "../../platform/access.ts";
import { inZone } from "../../platform/tenancy.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import { caseCategories, caseCounters, caseSteps, cases } from "./cases.tables.ts";

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type CaseStepRow = typeof caseSteps.$inferSelect;
export type CaseCategoryRow = typeof caseCategories.$inferSelect;

const OPEN_STATES = ["new", "dispatched", "accepted"];

/** Which cases an actor sees: see `caseScope` in platform/access.ts. */
function scopeCondition(scope: CaseScope): SQL | undefined {
  switch (scope.kind) {
    case "zone":
      return undefined;
    case "enterprise":
      // A project's problems (raised by its unit in a report or on a visit) are the administration's, not the owner's.
      return scope.enterpriseId
        ? sql`(${eq(cases.enterpriseId, scope.enterpriseId)} and ${cases.projectId} is null)`
        : sql`false`;
    case "units": {
      if (!scope.unitIds.length) return sql`false`;
      const ids = sql`array[${sql.join(
        scope.unitIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`;
      return or(
        inArray(cases.ownerUnitId, scope.unitIds),
        inArray(cases.receivedUnitId, scope.unitIds),
        sql`${cases.assistUnitIds} && ${ids}`,
      );
    }
    case "officer": {
      const parts: SQL[] = [eq(cases.ownerOfficerId, scope.userId), eq(cases.createdBy, scope.userId)];
      if (scope.unitId)
        parts.push(eq(cases.ownerUnitId, scope.unitId), sql`${scope.unitId}::uuid = any(${cases.assistUnitIds})`);
      return or(...parts);
    }
  }
}

/**
 * The deadline that counts now, as SQL (the same rule as `nextDueAt` in the domain): acceptance until the case was
 * first accepted, then resolution; null once replied. Sorting by it ascending puts overdue cases first, then the
 * soonest due.
 */
const nextDue = sql<Date | null>`(case when ${cases.state} in ('new', 'dispatched', 'accepted') then
  case when ${cases.acceptedAt} is null and ${cases.state} <> 'accepted' then ${cases.acceptDueAt} else ${cases.resolveDueAt} end
end)`;

export interface CaseFilter {
  view: "all" | "mine" | "unit" | "escalated";
  q?: string;
  state?: string;
  category?: string;
  source?: string;
  enterpriseId?: string;
  ownerUnitId?: string;
  overdue?: boolean;
  /** The cases raised on one visit. */
  visitId?: string;
  /** The problems of one project. */
  projectId?: string;
  /** For view=mine: the officer; for view=unit: the units of the queue. */
  userId: string;
  queueUnitIds: string[];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(zoneId: string, scope: CaseScope, f: CaseFilter, now: Date): SQL[] {
  const conds: SQL[] = [inZone(cases, zoneId)];
  const s = scopeCondition(scope);
  if (s) conds.push(s);
  const open = inArray(cases.state, OPEN_STATES);
  if (f.view === "mine") {
    conds.push(open, eq(cases.ownerOfficerId, f.userId));
  } else if (f.view === "unit") {
    conds.push(open, f.queueUnitIds.length ? inArray(cases.ownerUnitId, f.queueUnitIds) : sql`false`);
  } else if (f.view === "escalated") {
    conds.push(open, sql`${cases.escalatedAt} is not null`);
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(
      sql`(${cases.title} ilike ${like} or ${cases.number} ilike ${like} or ${cases.description} ilike ${like})`,
    );
  }
  if (f.state) conds.push(eq(cases.state, f.state));
  if (f.category) conds.push(eq(cases.category, f.category));
  if (f.source) conds.push(eq(cases.source, f.source));
  if (f.enterpriseId) conds.push(eq(cases.enterpriseId, f.enterpriseId));
  if (f.ownerUnitId) conds.push(eq(cases.ownerUnitId, f.ownerUnitId));
  if (f.visitId) conds.push(eq(cases.visitId, f.visitId));
  if (f.projectId) conds.push(eq(cases.projectId, f.projectId));
  if (f.overdue === true) conds.push(sql`${nextDue} < ${now}`);
  if (f.overdue === false) conds.push(sql`(${nextDue} is null or ${nextDue} >= ${now})`);
  return conds;
}

// Qualified by hand: inside a sub-query drizzle would render the bare column names, which the sub-query's table shadows.
const CASE_ZONE = sql.raw('"cases"."zone_id"');
const CASE_CATEGORY = sql.raw('"cases"."category"');

const withNames = {
  ...getTableColumns(cases),
  categoryName: sql<
    string | null
  >`(select c.name from ${caseCategories} c where c.zone_id = ${CASE_ZONE} and c.code = ${CASE_CATEGORY})`,
  ownerUnitName: unitNameOf(cases.ownerUnitId),
  ownerOfficerName: userNameOf(cases.ownerOfficerId),
};
export type CaseWithNames = CaseRow & {
  categoryName: string | null;
  ownerUnitName: string | null;
  ownerOfficerName: string | null;
};

/** Cases in the scope and filter, most urgent first (overdue, then due soonest; replied and closed last, newest first). */
export async function listCases(
  conn: Conn,
  zoneId: string,
  scope: CaseScope,
  f: CaseFilter,
  now: Date,
  page: { limit: number; offset: number },
): Promise<{ rows: CaseWithNames[]; total: number }> {
  const where = and(...filterConditions(zoneId, scope, f, now));
  const [rows, totals] = await Promise.all([
    conn
      .select(withNames)
      .from(cases)
      .where(where)
      .orderBy(sql`${nextDue} asc nulls last`, desc(cases.receivedAt), asc(cases.id))
      .limit(page.limit)
      .offset(page.offset),
    conn.select({ n: count() }).from(cases).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** How many cases are in the scope and filter, and how many of them are overdue (count queries only). */
export async function countCases(
  conn: Conn,
  zoneId: string,
  scope: CaseScope,
  f: CaseFilter,
  now: Date,
): Promise<{ total: number; overdue: number }> {
  const [row] = await conn
    .select({
      total: count(),
      overdue: sql<number>`count(*) filter (where ${nextDue} < ${now})`.mapWith(Number),
    })
    .from(cases)
    .where(and(...filterConditions(zoneId, scope, f, now)));
  return { total: row?.total ?? 0, overdue: row?.overdue ?? 0 };
}

export async function findCase(
  conn: Conn,
  zoneId: string,
  scope: CaseScope,
  id: string,
): Promise<CaseWithNames | undefined> {
  const s = scopeCondition(scope);
  const [row] = await conn
    .select(withNames)
    .from(cases)
    .where(and(inZone(cases, zoneId), eq(cases.id, id), ...(s ? [s] : [])));
  return row;
}

export async function insertCase(conn: Conn, values: NewCaseRow): Promise<CaseRow> {
  const [row] = await conn.insert(cases).values(values).returning();
  return row as CaseRow;
}

/** Writes a case's new facts when its version is still `version`; undefined when someone changed it first. */
export async function updateCase(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<Omit<CaseRow, "id" | "zoneId" | "version">>,
): Promise<CaseRow | undefined> {
  const [row] = await conn
    .update(cases)
    .set({ ...values, version: sql`${cases.version} + 1` })
    .where(and(inZone(cases, zoneId), eq(cases.id, id), eq(cases.version, version)))
    .returning();
  return row;
}

/** The next number of the zone's year: counted in the database, so two cases at once never share one. */
export async function nextCaseSequence(conn: Conn, zoneId: string, year: number): Promise<number> {
  const [row] = await conn
    .insert(caseCounters)
    .values({ zoneId, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.zoneId, caseCounters.year],
      set: { last: sql`${caseCounters.last} + 1` },
    })
    .returning({ last: caseCounters.last });
  return row?.last ?? 1;
}

export async function insertStep(conn: Conn, values: typeof caseSteps.$inferInsert): Promise<void> {
  await conn.insert(caseSteps).values(values);
}

export async function listSteps(conn: Conn, zoneId: string, caseId: string): Promise<CaseStepRow[]> {
  return conn
    .select()
    .from(caseSteps)
    .where(and(inZone(caseSteps, zoneId), eq(caseSteps.caseId, caseId)))
    .orderBy(asc(caseSteps.seq));
}

/**
 * Cases the timers may have to act on: replied ones, and open ones not yet escalated whose resolve time has passed.
 * The domain decides with the calendar which of them are due.
 */
export async function listTimerCandidates(
  conn: Conn,
  zoneId: string,
  now: Date,
): Promise<(CaseRow & { escalateAfterDays: number })[]> {
  return conn
    .select({
      ...getTableColumns(cases),
      escalateAfterDays: sql<number>`coalesce((select c.escalate_after_days from ${caseCategories} c where c.zone_id = ${CASE_ZONE} and c.code = ${CASE_CATEGORY}), 2)`,
    })
    .from(cases)
    .where(
      and(
        inZone(cases, zoneId),
        or(
          eq(cases.state, "replied"),
          and(
            inArray(cases.state, OPEN_STATES),
            sql`${cases.escalatedAt} is null`,
            sql`${cases.resolveDueAt} < ${now}`,
          ),
        ),
      ),
    );
}

/** Open cases whose deadline that counts now (acceptance, then resolution) falls at or before `until`. */
export async function listCasesDueBy(conn: Conn, zoneId: string, until: Date): Promise<CaseRow[]> {
  return conn
    .select()
    .from(cases)
    .where(and(inZone(cases, zoneId), inArray(cases.state, OPEN_STATES), sql`${nextDue} <= ${until}`));
}

// ---- categories

export async function listCategories(conn: Conn, zoneId: string): Promise<CaseCategoryRow[]> {
  return conn
    .select()
    .from(caseCategories)
    .where(inZone(caseCategories, zoneId))
    .orderBy(asc(caseCategories.sortOrder), asc(caseCategories.code));
}

export async function findCategory(conn: Conn, zoneId: string, code: string): Promise<CaseCategoryRow | undefined> {
  const [row] = await conn
    .select()
    .from(caseCategories)
    .where(and(inZone(caseCategories, zoneId), eq(caseCategories.code, code)));
  return row;
}

export async function updateCategory(
  conn: Conn,
  zoneId: string,
  code: string,
  values: Pick<CaseCategoryRow, "name" | "acceptDays" | "resolveDays" | "escalateAfterDays" | "active">,
): Promise<CaseCategoryRow | undefined> {
  const [row] = await conn
    .update(caseCategories)
    .set(values)
    .where(and(inZone(caseCategories, zoneId), eq(caseCategories.code, code)))
    .returning();
  return row;
}

/** Adds the categories the zone does not have yet; leaves the ones it has as they are. */
export async function insertMissingCategories(conn: Conn, rows: (typeof caseCategories.$inferInsert)[]): Promise<void> {
  if (rows.length) await conn.insert(caseCategories).values(rows).onConflictDoNothing();
}

/** SQL for the number of cases raised on a visit, for other modules to embed next to a visit id column. */
export const caseCountOfVisit = (visitId: SQL | PgColumn) =>
  sql<number>`(select count(*)::int from ${cases} c where c.visit_id = ${visitId})`;

export const caseCountOfProject = (projectId: SQL | PgColumn) =>
  sql<number>`(select count(*)::int from ${cases} c where c.project_id = ${projectId})`;
