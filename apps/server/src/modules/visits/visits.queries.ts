import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { caseCountOfVisit } from "../cases/cases.queries.ts";
import { enterpriseInScope, type ResolvedScope } from "../enterprises/enterprises.queries.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import { visitRules, visits } from "./visits.tables.ts";

export type VisitRow = typeof visits.$inferSelect;
export type NewVisitRow = typeof visits.$inferInsert;
export type VisitRuleRow = typeof visitRules.$inferSelect;

/**
 * Which visits an actor sees: admin and leader the zone; a unit head those made by a unit of the subtree or to an
 * enterprise in their enterprise scope; an officer those they went on or recorded, and those to enterprises they
 * serve; an enterprise user those to its enterprise.
 */
export type VisitScope =
  | { kind: "zone" }
  | { kind: "units"; unitIds: string[]; enterprises: ResolvedScope }
  | { kind: "officer"; userId: string }
  | { kind: "enterprise"; enterpriseId: string | null };

// Qualified by hand: inside a sub-query drizzle may render bare column names, which the sub-query's table shadows.
const VISIT_ID = sql.raw('"visits"."id"');
const VISITOR_IDS = sql.raw('"visits"."visitor_ids"');
const VISIT_UNIT = sql.raw('"visits"."unit_id"');
const VISIT_CREATED_BY = sql.raw('"visits"."created_by"');

function scopeCondition(zoneId: string, scope: VisitScope): SQL | undefined {
  switch (scope.kind) {
    case "zone":
      return undefined;
    case "enterprise":
      return scope.enterpriseId ? eq(visits.enterpriseId, scope.enterpriseId) : sql`false`;
    case "units": {
      const byEnterprise = enterpriseInScope(zoneId, scope.enterprises, visits.enterpriseId);
      return scope.unitIds.length ? sql`(${inArray(visits.unitId, scope.unitIds)} or ${byEnterprise})` : byEnterprise;
    }
    case "officer":
      return sql`(${scope.userId}::uuid = any(${visits.visitorIds}) or ${visits.createdBy} = ${scope.userId} or ${enterpriseInScope(
        zoneId,
        { kind: "officer", userId: scope.userId },
        visits.enterpriseId,
      )})`;
  }
}

export interface VisitFilter {
  enterpriseId?: string;
  projectId?: string;
  officerId?: string;
  unitId?: string;
  kind?: string;
  from?: string;
  to?: string;
}

function conditions(zoneId: string, scope: VisitScope, f: VisitFilter): SQL[] {
  const conds: SQL[] = [inZone(visits, zoneId)];
  const s = scopeCondition(zoneId, scope);
  if (s) conds.push(s);
  if (f.enterpriseId) conds.push(eq(visits.enterpriseId, f.enterpriseId));
  if (f.projectId) conds.push(eq(visits.projectId, f.projectId));
  if (f.officerId) conds.push(sql`${f.officerId}::uuid = any(${visits.visitorIds})`);
  if (f.unitId) conds.push(eq(visits.unitId, f.unitId));
  if (f.kind) conds.push(eq(visits.kind, f.kind));
  if (f.from) conds.push(gte(visits.visitedOn, f.from));
  if (f.to) conds.push(lte(visits.visitedOn, f.to));
  return conds;
}

const withNames = {
  ...getTableColumns(visits),
  visitorNames: sql<
    (string | null)[]
  >`array(select ${userNameOf(sql.raw("t.v"))} from unnest(${VISITOR_IDS}) with ordinality as t(v, n) order by t.n)`,
  unitName: unitNameOf(VISIT_UNIT),
  createdByName: userNameOf(VISIT_CREATED_BY),
  demandCount: caseCountOfVisit(VISIT_ID),
};
export type VisitWithNames = VisitRow & {
  visitorNames: (string | null)[];
  unitName: string | null;
  createdByName: string | null;
  demandCount: number;
};

/** Visits in the scope and filter, latest first. */
export async function listVisits(
  conn: Conn,
  zoneId: string,
  scope: VisitScope,
  f: VisitFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: VisitWithNames[]; total: number }> {
  const where = and(...conditions(zoneId, scope, f));
  const [rows, totals] = await Promise.all([
    conn
      .select(withNames)
      .from(visits)
      .where(where)
      .orderBy(desc(visits.visitedOn), desc(visits.createdAt), asc(visits.id))
      .limit(page.limit)
      .offset(page.offset),
    conn.select({ n: count() }).from(visits).where(where),
  ]);
  return { rows: rows as VisitWithNames[], total: totals[0]?.n ?? 0 };
}

export async function findVisit(
  conn: Conn,
  zoneId: string,
  scope: VisitScope,
  id: string,
): Promise<VisitWithNames | undefined> {
  const [row] = await conn
    .select(withNames)
    .from(visits)
    .where(and(...conditions(zoneId, scope, {}), eq(visits.id, id)));
  return row as VisitWithNames | undefined;
}

export async function insertVisit(conn: Conn, values: NewVisitRow): Promise<VisitRow> {
  const [row] = await conn.insert(visits).values(values).returning();
  return row as VisitRow;
}

/** Many visits at once (demo data). */
export async function insertVisitsBulk(conn: Conn, rows: NewVisitRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await conn.insert(visits).values(rows.slice(i, i + 500));
}

/** Changes a visit when it is still at `version`; undefined when someone changed it meanwhile. */
export async function updateVisit(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<Pick<VisitRow, "visitedOn" | "kind" | "visitorIds" | "participants" | "notes" | "updatedAt">>,
): Promise<VisitRow | undefined> {
  const [row] = await conn
    .update(visits)
    .set({ ...values, version: version + 1 })
    .where(and(inZone(visits, zoneId), eq(visits.id, id), eq(visits.version, version)))
    .returning();
  return row;
}

/** The dates of the visits to the enterprises of a scope within [from, to]. */
export async function visitDates(
  conn: Conn,
  zoneId: string,
  enterprises: ResolvedScope,
  from: string,
  to: string,
): Promise<{ enterpriseId: string; visitedOn: string }[]> {
  return conn
    .select({ enterpriseId: visits.enterpriseId, visitedOn: visits.visitedOn })
    .from(visits)
    .where(
      and(
        inZone(visits, zoneId),
        enterpriseInScope(zoneId, enterprises, visits.enterpriseId),
        gte(visits.visitedOn, from),
        lte(visits.visitedOn, to),
      ),
    );
}

/** The latest visit date of each of these enterprises up to a date. */
export async function lastVisitDates(
  conn: Conn,
  zoneId: string,
  enterpriseIds: string[],
  upTo: string,
): Promise<Map<string, string>> {
  if (!enterpriseIds.length) return new Map();
  const rows = await conn
    .select({ enterpriseId: visits.enterpriseId, last: sql<string>`max(${visits.visitedOn})` })
    .from(visits)
    .where(and(inZone(visits, zoneId), inArray(visits.enterpriseId, enterpriseIds), lte(visits.visitedOn, upTo)))
    .groupBy(visits.enterpriseId);
  return new Map(rows.map((r) => [r.enterpriseId, r.last]));
}

// ---- rules

export async function listRules(conn: Conn, zoneId: string): Promise<VisitRuleRow[]> {
  return conn
    .select()
    .from(visitRules)
    .where(inZone(visitRules, zoneId))
    .orderBy(asc(visitRules.sortOrder), asc(visitRules.code));
}

export async function insertMissingRules(conn: Conn, rows: (typeof visitRules.$inferInsert)[]): Promise<void> {
  if (rows.length) await conn.insert(visitRules).values(rows).onConflictDoNothing();
}

/** Replaces a zone's rules with these (in this order). */
export async function replaceRules(
  conn: Conn,
  zoneId: string,
  rows: (typeof visitRules.$inferInsert)[],
): Promise<void> {
  await conn.delete(visitRules).where(inZone(visitRules, zoneId));
  if (rows.length) await conn.insert(visitRules).values(rows);
}

/** Embeddable: how many visits were made to a project (走访项目). */
export const visitCountOfProject = (projectId: SQL | PgColumn) =>
  sql<number>`(select count(*)::int from ${visits} v where v.project_id = ${projectId})`;
