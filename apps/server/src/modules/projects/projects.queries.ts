import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { caseCountOfProject } from "../cases/cases.queries.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import { visitCountOfProject } from "../visits/visits.queries.ts";
import {
  type projectApprovals,
  projectCounters,
  projectPlans,
  projectPlanVersions,
  type projectReportReopenings,
  type projectReports,
  projectSettings,
  projects,
} from "./projects.tables.ts";

export type ProjectRow = typeof projects.$inferSelect;
export type NewProjectRow = typeof projects.$inferInsert;
export type PlanRow = typeof projectPlans.$inferSelect;
export type PlanVersionRow = typeof projectPlanVersions.$inferSelect;
export type ReportRow = typeof projectReports.$inferSelect;
export type ReopeningRow = typeof projectReportReopenings.$inferSelect;
export type ApprovalRow = typeof projectApprovals.$inferSelect;
export type SettingsRow = typeof projectSettings.$inferSelect;

/**
 * Which projects an actor sees: admin and leader the zone; a unit head those of a unit of their subtree or whose
 * task force (专班) they are in; an officer those of their unit or whose task force they are in.
 */
export type ProjectScope = { kind: "zone" } | { kind: "units"; unitIds: string[]; userId: string };

const PROJECT_ID = sql.raw('"projects"."id"');

export function projectScopeCondition(scope: ProjectScope): SQL | undefined {
  if (scope.kind === "zone") return undefined;
  const member = sql`${scope.userId}::uuid = any(${projects.memberIds})`;
  return scope.unitIds.length ? sql`(${inArray(projects.unitId, scope.unitIds)} or ${member})` : member;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface ProjectFilterSql {
  q?: string;
  level?: string;
  stage?: string;
  type?: string;
  unitId?: string;
  leaderId?: string;
  parkUnitId?: string;
  /** Of the 专班 of this user. */
  memberId?: string;
  /** Of one of these units. */
  unitIds?: string[];
}

/** The zone, the actor's scope and the filters as conditions on `projects`. */
export function projectConditions(zoneId: string, scope: ProjectScope, f: ProjectFilterSql): SQL[] {
  const conds: SQL[] = [inZone(projects, zoneId)];
  const s = projectScopeCondition(scope);
  if (s) conds.push(s);
  if (f.q) conds.push(sql`${projects.searchText} ilike ${`%${escapeLike(f.q.toLowerCase())}%`}`);
  if (f.level) conds.push(eq(projects.level, f.level));
  if (f.stage) conds.push(eq(projects.stage, f.stage));
  if (f.type) conds.push(eq(projects.type, f.type));
  if (f.unitId) conds.push(eq(projects.unitId, f.unitId));
  if (f.leaderId) conds.push(eq(projects.leaderId, f.leaderId));
  if (f.parkUnitId) conds.push(eq(projects.parkUnitId, f.parkUnitId));
  if (f.memberId) conds.push(sql`${f.memberId}::uuid = any(${projects.memberIds})`);
  if (f.unitIds) conds.push(f.unitIds.length ? inArray(projects.unitId, f.unitIds) : sql`false`);
  return conds;
}

export type ProjectWithNames = ProjectRow & {
  unitName: string | null;
  leaderName: string | null;
  parkName: string | null;
  caseCount: number;
  visitCount: number;
};

export async function findProject(
  conn: Conn,
  zoneId: string,
  scope: ProjectScope,
  id: string,
): Promise<ProjectWithNames | undefined> {
  const conds = [inZone(projects, zoneId), eq(projects.id, id)];
  const s = projectScopeCondition(scope);
  if (s) conds.push(s);
  const [row] = await conn
    .select({
      ...getTableColumns(projects),
      unitName: unitNameOf(projects.unitId),
      leaderName: userNameOf(projects.leaderId),
      parkName: unitNameOf(projects.parkUnitId),
      caseCount: caseCountOfProject(PROJECT_ID),
      visitCount: visitCountOfProject(PROJECT_ID),
    })
    .from(projects)
    .where(and(...conds));
  return row;
}

/** Projects of a zone by code (the import matches rows to projects by it). */
export async function projectsByCode(
  conn: Conn,
  zoneId: string,
  scope: ProjectScope,
  codes: string[],
): Promise<Map<string, ProjectRow>> {
  if (!codes.length) return new Map();
  const conds = [inZone(projects, zoneId), inArray(projects.code, codes)];
  const s = projectScopeCondition(scope);
  if (s) conds.push(s);
  const rows = await conn
    .select()
    .from(projects)
    .where(and(...conds));
  return new Map(rows.map((r) => [r.code, r]));
}

export async function insertProject(conn: Conn, values: NewProjectRow): Promise<ProjectRow> {
  const [row] = await conn.insert(projects).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function updateProject(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<NewProjectRow>,
): Promise<ProjectRow | undefined> {
  const [row] = await conn
    .update(projects)
    .set({ ...values, version: sql`${projects.version} + 1` })
    .where(and(inZone(projects, zoneId), eq(projects.id, id), eq(projects.version, version)))
    .returning();
  return row;
}

export async function nextProjectSequence(conn: Conn, zoneId: string, year: number): Promise<number> {
  const [row] = await conn
    .insert(projectCounters)
    .values({ zoneId, year, last: 1 })
    .onConflictDoUpdate({
      target: [projectCounters.zoneId, projectCounters.year],
      set: { last: sql`${projectCounters.last} + 1` },
    })
    .returning({ last: projectCounters.last });
  if (!row) throw new Error("counter returned nothing");
  return row.last;
}

export async function codeTaken(conn: Conn, zoneId: string, code: string, exceptId?: string): Promise<boolean> {
  const rows = await conn
    .select({ id: projects.id })
    .from(projects)
    .where(and(inZone(projects, zoneId), eq(projects.code, code)));
  return rows.some((r) => r.id !== exceptId);
}

// ---- plans

export async function plansOf(conn: Conn, zoneId: string, projectId: string): Promise<PlanRow[]> {
  return conn
    .select()
    .from(projectPlans)
    .where(and(inZone(projectPlans, zoneId), eq(projectPlans.projectId, projectId)))
    .orderBy(desc(projectPlans.year));
}

export async function planVersionsOf(
  conn: Conn,
  zoneId: string,
  projectId: string,
): Promise<(PlanVersionRow & { changedByName: string | null })[]> {
  return conn
    .select({ ...getTableColumns(projectPlanVersions), changedByName: userNameOf(projectPlanVersions.changedBy) })
    .from(projectPlanVersions)
    .where(and(inZone(projectPlanVersions, zoneId), eq(projectPlanVersions.projectId, projectId)))
    .orderBy(desc(projectPlanVersions.year), asc(projectPlanVersions.fromMonth));
}

export async function upsertPlan(conn: Conn, values: typeof projectPlans.$inferInsert): Promise<void> {
  await conn
    .insert(projectPlans)
    .values(values)
    .onConflictDoUpdate({
      target: [projectPlans.projectId, projectPlans.year],
      set: {
        newStartPlanned: values.newStartPlanned,
        newStartMonth: values.newStartMonth,
        milestones: values.milestones,
      },
    });
}

export async function upsertPlanVersion(conn: Conn, values: typeof projectPlanVersions.$inferInsert): Promise<void> {
  await conn
    .insert(projectPlanVersions)
    .values(values)
    .onConflictDoUpdate({
      target: [projectPlanVersions.projectId, projectPlanVersions.year, projectPlanVersions.fromMonth],
      set: {
        planWan: values.planWan,
        reason: values.reason,
        changedBy: values.changedBy,
        changedAt: values.changedAt,
      },
    });
}

// ---- settings

export async function findSettings(conn: Conn, zoneId: string): Promise<SettingsRow | undefined> {
  const [row] = await conn.select().from(projectSettings).where(inZone(projectSettings, zoneId));
  return row;
}

export async function saveSettings(conn: Conn, values: typeof projectSettings.$inferInsert): Promise<void> {
  await conn.insert(projectSettings).values(values).onConflictDoUpdate({ target: projectSettings.zoneId, set: values });
}

/** Project names by id (another module's page shows them next to its rows). */
export async function projectNamesById(conn: Conn, zoneId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await conn
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(and(inZone(projects, zoneId), inArray(projects.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
