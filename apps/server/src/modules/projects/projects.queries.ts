import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { caseCountOfProject } from "../cases/cases.queries.ts";
import { enterpriseNameOf } from "../enterprises/enterprises.queries.ts";
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

export const BOARD_SORT_SQL = {
  code: sql`g.code collate "C"`,
  pointsAhead: sql`g.points asc nulls last, g.code collate "C"`,
  "-pointsAhead": sql`g.points desc nulls last, g.code collate "C"`,
  "-completion": sql`g.completion desc nulls last, g.code collate "C"`,
  "-planWan": sql`g.plan_wan desc nulls last, g.code collate "C"`,
  "-totalInvestmentWan": sql`g.total_investment_wan desc, g.code collate "C"`,
} as const;

export interface BoardPageParams {
  year: number;
  month: number;
  /** 序时进度 as an exact fraction. */
  elapsed: { num: bigint; den: bigint };
  behindThresholdPoints: number;
  /** The period's last day: a planned new start counts as started when it started by then. */
  periodEnd: string;
  /** Only projects in the year's plan (a plan version in force for the month). */
  planned: boolean;
  /** Only those more (true) or not more (false) than the threshold behind. */
  behind?: boolean;
  sort: keyof typeof BOARD_SORT_SQL;
  limit: number;
  offset: number;
}

/** The totals of a board over every project selected (amounts as numeric text). */
export interface BoardTotalsRow {
  projects: number;
  /** Σ plan and Σ year to date over the projects with a plan (null: none has one). */
  planWan: string | null;
  ytdWan: string | null;
  behind: number;
  reported: number;
  totalInvestmentWan: string | null;
  plannedAnnual: number;
  plannedToDate: number;
  started: number;
}

export type BoardPageRow = BoardRow & {
  ownerName: string | null;
  unitName: string | null;
  leaderName: string | null;
  parkName: string | null;
};

/**
 * The board of a period as one statement: the projects the filters select with the plan in force for the month and
 * the year to date (`b`), which of them are behind and their rounded figures to sort by (`g`; the domain's rule —
 * more than the threshold behind on unrounded values — in exact numeric), the totals over all of them, and one page
 * with its names and the sums since each project began (read for the page's rows only). The caller computes the
 * shown figures of the page and of the totals with the domain's functions.
 */
export function boardPageSql(zoneId: string, scope: ProjectScope, f: ProjectFilterSql, p: BoardPageParams): SQL {
  const { year, month } = p;
  const num = sql.raw(`${p.elapsed.num}::numeric`);
  const den = sql.raw(`${p.elapsed.den}::numeric`);
  const threshold = String(p.behindThresholdPoints);
  const gap = sql`(coalesce(b.ytd_wan, 0) * ${den} - ${num} * b.plan_wan)`;
  const behindFilter = p.behind === undefined ? sql`true` : p.behind ? sql`f.behind` : sql`not f.behind`;
  return sql`
with sel as materialized (
  select ${projects.id} as id from ${projects}
  where ${and(...conditions(zoneId, scope, f))}
), b as materialized (
  select ${projects.id} as id, ${projects.code} as code, ${projects.name} as name,
    ${projects.ownerEnterpriseId} as owner_enterprise_id, ${projects.totalInvestmentWan} as total_investment_wan,
    ${projects.type} as type, ${projects.level} as level, ${projects.stage} as stage,
    ${projects.parkUnitId} as park_unit_id, ${projects.unitId} as unit_id, ${projects.memberIds} as member_ids,
    ${projects.leaderId} as leader_id, ${projects.plannedStartOn} as planned_start_on,
    ${projects.actualStartOn} as actual_start_on, pv.plan_wan,
    coalesce(pp.new_start_planned, false) as new_start_planned, pp.new_start_month, r.ytd_wan, r.month_wan
  from ${projects}
  left join (
    select distinct on (v.project_id) v.project_id, v.plan_wan from ${projectPlanVersions} v
    where v.zone_id = ${zoneId} and v.year = ${year} and v.from_month <= ${month}
      and v.project_id in (select id from sel)
    order by v.project_id, v.from_month desc
  ) pv on pv.project_id = ${projects.id}
  left join ${projectPlans} pp on pp.zone_id = ${zoneId} and pp.project_id = ${projects.id} and pp.year = ${year}
  left join (
    select x.project_id, sum(x.completed_wan) as ytd_wan, sum(x.completed_wan) filter (where x.month = ${month}) as month_wan
    from ${projectReports} x
    where x.zone_id = ${zoneId} and x.year = ${year} and x.month <= ${month}
      and x.project_id in (select id from sel)
    group by x.project_id
  ) r on r.project_id = ${projects.id}
  where ${projects.id} in (select id from sel) ${p.planned ? sql`and pv.plan_wan is not null` : sql``}
), f as (
  select b.*,
    coalesce(b.plan_wan > 0 and ${gap} * 100 < -(${threshold}::numeric) * b.plan_wan * ${den}, false) as behind,
    case when b.plan_wan > 0 then round(coalesce(b.ytd_wan, 0) * 100 / b.plan_wan, 1) end as completion,
    case when b.plan_wan > 0 then round(${gap} * 100 / (b.plan_wan * ${den}), 1) end as points
  from b
), g as (
  select * from f where ${behindFilter}
), totals as (
  select count(*)::int as t_projects,
    sum(g.plan_wan)::text as t_plan_wan,
    (sum(coalesce(g.ytd_wan, 0)) filter (where g.plan_wan is not null))::text as t_ytd_wan,
    (count(*) filter (where g.behind))::int as t_behind,
    count(g.month_wan)::int as t_reported,
    sum(g.total_investment_wan)::text as t_total_investment_wan,
    (count(*) filter (where g.new_start_planned))::int as t_planned_annual,
    (count(*) filter (where g.new_start_planned and g.new_start_month <= ${month}))::int as t_planned_to_date,
    (count(*) filter (where g.new_start_planned and g.actual_start_on <= ${p.periodEnd}::date))::int as t_started
  from g
), page as (
  select g.id, g.code, g.name, g.owner_enterprise_id, g.total_investment_wan::text as total_investment_wan,
    g.type, g.level, g.stage, g.park_unit_id, g.unit_id, g.member_ids, g.leader_id,
    g.planned_start_on::text as planned_start_on, g.actual_start_on::text as actual_start_on,
    g.plan_wan::text as plan_wan, g.new_start_planned, g.new_start_month::int as new_start_month,
    g.ytd_wan::text as ytd_wan, g.month_wan::text as month_wan,
    (select sum(c.completed_wan) from ${projectReports} c
      where c.project_id = g.id and (c.year < ${year} or (c.year = ${year} and c.month <= ${month})))::text as cumulative_wan,
    ${enterpriseNameOf(sql.raw("g.owner_enterprise_id"))} as owner_name,
    ${unitNameOf(sql.raw("g.unit_id"))} as unit_name,
    ${userNameOf(sql.raw("g.leader_id"))} as leader_name,
    ${unitNameOf(sql.raw("g.park_unit_id"))} as park_name
  from g
  order by ${BOARD_SORT_SQL[p.sort]}
  limit ${p.limit} offset ${p.offset}
)
select * from totals left join page on true`;
}

/** Runs `boardPageSql`: the totals and the page's rows. */
export async function boardPage(
  conn: Conn,
  zoneId: string,
  scope: ProjectScope,
  f: ProjectFilterSql,
  p: BoardPageParams,
): Promise<{ totals: BoardTotalsRow; rows: BoardPageRow[] }> {
  const result = (await conn.execute(boardPageSql(zoneId, scope, f, p))) as unknown as {
    rows: Record<string, unknown>[];
  };
  const first = result.rows[0] ?? {};
  const int = (v: unknown) => Number(v ?? 0);
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    totals: {
      projects: int(first.t_projects),
      planWan: text(first.t_plan_wan),
      ytdWan: text(first.t_ytd_wan),
      behind: int(first.t_behind),
      reported: int(first.t_reported),
      totalInvestmentWan: text(first.t_total_investment_wan),
      plannedAnnual: int(first.t_planned_annual),
      plannedToDate: int(first.t_planned_to_date),
      started: int(first.t_started),
    },
    rows: result.rows
      .filter((r) => r.id !== null && r.id !== undefined)
      .map((r) => ({
        id: String(r.id),
        code: String(r.code),
        name: String(r.name),
        ownerEnterpriseId: String(r.owner_enterprise_id),
        totalInvestmentWan: String(r.total_investment_wan),
        type: String(r.type),
        level: String(r.level),
        stage: String(r.stage),
        parkUnitId: text(r.park_unit_id),
        unitId: String(r.unit_id),
        memberIds: (r.member_ids as string[] | null) ?? [],
        leaderId: text(r.leader_id),
        plannedStartOn: text(r.planned_start_on),
        actualStartOn: text(r.actual_start_on),
        planWan: text(r.plan_wan),
        newStartPlanned: r.new_start_planned === true,
        newStartMonth: r.new_start_month === null || r.new_start_month === undefined ? null : int(r.new_start_month),
        ytdWan: text(r.ytd_wan),
        monthWan: text(r.month_wan),
        cumulativeWan: text(r.cumulative_wan),
        ownerName: text(r.owner_name),
        unitName: text(r.unit_name),
        leaderName: text(r.leader_name),
        parkName: text(r.park_name),
      })),
  };
}
