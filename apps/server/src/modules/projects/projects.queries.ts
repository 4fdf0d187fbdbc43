import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { caseCountOfProject } from "../cases/cases.queries.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import { visitCountOfProject } from "../visits/visits.queries.ts";
import {
  projectApprovals,
  projectCounters,
  projectPlans,
  projectPlanVersions,
  projectReportReopenings,
  projectReports,
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

function conditions(zoneId: string, scope: ProjectScope, f: ProjectFilterSql): SQL[] {
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

/** One project of the board with the period's sums (amounts as numeric text). */
export interface BoardRow {
  id: string;
  code: string;
  name: string;
  ownerEnterpriseId: string;
  totalInvestmentWan: string;
  type: string;
  level: string;
  stage: string;
  parkUnitId: string | null;
  unitId: string;
  memberIds: string[];
  leaderId: string | null;
  plannedStartOn: string | null;
  actualStartOn: string | null;
  planWan: string | null;
  newStartPlanned: boolean;
  newStartMonth: number | null;
  ytdWan: string | null;
  monthWan: string | null;
  cumulativeWan: string | null;
}

/**
 * Every project the filters select with its sums for a period (year, month): the plan in force for the month, the
 * year to date, the month and the total since the project began. One statement; the caller computes the schedule.
 */
export function boardRowsSql(
  conn: Conn,
  zoneId: string,
  scope: ProjectScope,
  f: ProjectFilterSql,
  period: { year: number; month: number },
) {
  const { year, month } = period;
  const plans = conn
    .selectDistinctOn([projectPlanVersions.projectId], {
      projectId: projectPlanVersions.projectId,
      planWan: projectPlanVersions.planWan,
    })
    .from(projectPlanVersions)
    .where(
      and(
        inZone(projectPlanVersions, zoneId),
        eq(projectPlanVersions.year, year),
        sql`${projectPlanVersions.fromMonth} <= ${month}`,
      ),
    )
    .orderBy(projectPlanVersions.projectId, desc(projectPlanVersions.fromMonth))
    .as("pv");
  const sums = conn
    .select({
      projectId: projectReports.projectId,
      ytdWan: sql<
        string | null
      >`sum(${projectReports.completedWan}) filter (where ${projectReports.year} = ${year})`.as("ytd_wan"),
      monthWan: sql<
        string | null
      >`sum(${projectReports.completedWan}) filter (where ${projectReports.year} = ${year} and ${projectReports.month} = ${month})`.as(
        "month_wan",
      ),
      cumulativeWan: sql<string | null>`sum(${projectReports.completedWan})`.as("cumulative_wan"),
    })
    .from(projectReports)
    .where(
      and(
        inZone(projectReports, zoneId),
        sql`(${projectReports.year} < ${year} or (${projectReports.year} = ${year} and ${projectReports.month} <= ${month}))`,
      ),
    )
    .groupBy(projectReports.projectId)
    .as("r");
  return conn
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      ownerEnterpriseId: projects.ownerEnterpriseId,
      totalInvestmentWan: projects.totalInvestmentWan,
      type: projects.type,
      level: projects.level,
      stage: projects.stage,
      parkUnitId: projects.parkUnitId,
      unitId: projects.unitId,
      memberIds: projects.memberIds,
      leaderId: projects.leaderId,
      plannedStartOn: projects.plannedStartOn,
      actualStartOn: projects.actualStartOn,
      planWan: plans.planWan,
      newStartPlanned: sql<boolean>`coalesce(${projectPlans.newStartPlanned}, false)`,
      newStartMonth: sql<number | null>`${projectPlans.newStartMonth}::int`,
      ytdWan: sums.ytdWan,
      monthWan: sums.monthWan,
      cumulativeWan: sums.cumulativeWan,
    })
    .from(projects)
    .leftJoin(plans, eq(plans.projectId, projects.id))
    .leftJoin(projectPlans, and(eq(projectPlans.projectId, projects.id), eq(projectPlans.year, year)))
    .leftJoin(sums, eq(sums.projectId, projects.id))
    .where(and(...conditions(zoneId, scope, f)))
    .orderBy(asc(projects.code));
}

export async function boardRows(
  conn: Conn,
  zoneId: string,
  scope: ProjectScope,
  f: ProjectFilterSql,
  period: { year: number; month: number },
): Promise<BoardRow[]> {
  return (await boardRowsSql(conn, zoneId, scope, f, period)) as BoardRow[];
}

/** Names for a page of board rows (after paging, so the whole board does not pay for them). */
export async function projectNames(
  conn: Conn,
  zoneId: string,
  ids: string[],
): Promise<Map<string, { unitName: string | null; leaderName: string | null; parkName: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await conn
    .select({
      id: projects.id,
      unitName: unitNameOf(projects.unitId),
      leaderName: userNameOf(projects.leaderId),
      parkName: unitNameOf(projects.parkUnitId),
    })
    .from(projects)
    .where(and(inZone(projects, zoneId), inArray(projects.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
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

// ---- monthly reports

export type ReportWithNames = ReportRow & { reportedByName: string | null };

export async function reportsOf(conn: Conn, zoneId: string, projectIds: string[]): Promise<ReportWithNames[]> {
  if (!projectIds.length) return [];
  return conn
    .select({ ...getTableColumns(projectReports), reportedByName: userNameOf(projectReports.reportedBy) })
    .from(projectReports)
    .where(and(inZone(projectReports, zoneId), inArray(projectReports.projectId, projectIds)))
    .orderBy(desc(projectReports.year), desc(projectReports.month));
}

export async function findReport(
  conn: Conn,
  zoneId: string,
  projectId: string,
  year: number,
  month: number,
): Promise<ReportRow | undefined> {
  const [row] = await conn
    .select()
    .from(projectReports)
    .where(
      and(
        inZone(projectReports, zoneId),
        eq(projectReports.projectId, projectId),
        eq(projectReports.year, year),
        eq(projectReports.month, month),
      ),
    );
  return row;
}

export async function findReportById(conn: Conn, zoneId: string, id: string): Promise<ReportRow | undefined> {
  const [row] = await conn
    .select()
    .from(projectReports)
    .where(and(inZone(projectReports, zoneId), eq(projectReports.id, id)));
  return row;
}

export async function insertReport(conn: Conn, values: typeof projectReports.$inferInsert): Promise<ReportRow> {
  const [row] = await conn.insert(projectReports).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function updateReport(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<typeof projectReports.$inferInsert>,
): Promise<ReportRow | undefined> {
  const [row] = await conn
    .update(projectReports)
    .set({ ...values, version: sql`${projectReports.version} + 1` })
    .where(and(inZone(projectReports, zoneId), eq(projectReports.id, id), eq(projectReports.version, version)))
    .returning();
  return row;
}

export async function reopeningsOf(
  conn: Conn,
  zoneId: string,
  year: number,
  month: number,
): Promise<(ReopeningRow & { unitName: string | null; createdByName: string | null })[]> {
  return conn
    .select({
      ...getTableColumns(projectReportReopenings),
      unitName: unitNameOf(projectReportReopenings.unitId),
      createdByName: userNameOf(projectReportReopenings.createdBy),
    })
    .from(projectReportReopenings)
    .where(
      and(
        inZone(projectReportReopenings, zoneId),
        eq(projectReportReopenings.year, year),
        eq(projectReportReopenings.month, month),
      ),
    )
    .orderBy(desc(projectReportReopenings.createdAt));
}

export async function insertReopening(
  conn: Conn,
  values: typeof projectReportReopenings.$inferInsert,
): Promise<ReopeningRow> {
  const [row] = await conn.insert(projectReportReopenings).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

// ---- approvals

export async function approvalsOf(conn: Conn, zoneId: string, projectIds: string[]): Promise<ApprovalRow[]> {
  if (!projectIds.length) return [];
  return conn
    .select()
    .from(projectApprovals)
    .where(and(inZone(projectApprovals, zoneId), inArray(projectApprovals.projectId, projectIds)))
    .orderBy(asc(projectApprovals.stage), asc(projectApprovals.appliedOn), asc(projectApprovals.createdAt));
}

/** Every approval item of the projects in scope (the bottleneck report). */
export async function approvalsInScope(conn: Conn, zoneId: string, scope: ProjectScope): Promise<ApprovalRow[]> {
  const conds = [inZone(projects, zoneId)];
  const s = projectScopeCondition(scope);
  if (s) conds.push(s);
  return conn
    .select(getTableColumns(projectApprovals))
    .from(projectApprovals)
    .innerJoin(projects, eq(projects.id, projectApprovals.projectId))
    .where(and(inZone(projectApprovals, zoneId), ...conds));
}

export async function findApproval(
  conn: Conn,
  zoneId: string,
  projectId: string,
  id: string,
): Promise<ApprovalRow | undefined> {
  const [row] = await conn
    .select()
    .from(projectApprovals)
    .where(
      and(inZone(projectApprovals, zoneId), eq(projectApprovals.projectId, projectId), eq(projectApprovals.id, id)),
    );
  return row;
}

export async function insertApproval(conn: Conn, values: typeof projectApprovals.$inferInsert): Promise<ApprovalRow> {
  const [row] = await conn.insert(projectApprovals).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function updateApproval(
  conn: Conn,
  zoneId: string,
  id: string,
  values: Partial<typeof projectApprovals.$inferInsert>,
): Promise<ApprovalRow | undefined> {
  const [row] = await conn
    .update(projectApprovals)
    .set(values)
    .where(and(inZone(projectApprovals, zoneId), eq(projectApprovals.id, id)))
    .returning();
  return row;
}

export async function deleteApproval(conn: Conn, zoneId: string, id: string): Promise<void> {
  await conn.delete(projectApprovals).where(and(inZone(projectApprovals, zoneId), eq(projectApprovals.id, id)));
}

// ---- settings

export async function findSettings(conn: Conn, zoneId: string): Promise<SettingsRow | undefined> {
  const [row] = await conn.select().from(projectSettings).where(inZone(projectSettings, zoneId));
  return row;
}

export async function saveSettings(conn: Conn, values: typeof projectSettings.$inferInsert): Promise<void> {
  await conn.insert(projectSettings).values(values).onConflictDoUpdate({ target: projectSettings.zoneId, set: values });
}

/** The reports of one month of some projects. */
export async function reportsOfMonth(
  conn: Conn,
  zoneId: string,
  projectIds: string[],
  year: number,
  month: number,
): Promise<ReportWithNames[]> {
  if (!projectIds.length) return [];
  return conn
    .select({ ...getTableColumns(projectReports), reportedByName: userNameOf(projectReports.reportedBy) })
    .from(projectReports)
    .where(
      and(
        inZone(projectReports, zoneId),
        inArray(projectReports.projectId, projectIds),
        eq(projectReports.year, year),
        eq(projectReports.month, month),
      ),
    );
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
