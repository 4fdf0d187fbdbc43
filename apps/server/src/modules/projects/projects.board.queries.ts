import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { enterpriseNameOf } from "../enterprises/enterprises.queries.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import { type ProjectFilterSql, type ProjectScope, projectConditions } from "./projects.queries.ts";
import { projectPlans, projectPlanVersions, projectReports, projects } from "./projects.tables.ts";

/** The board's statements (项目看板): a period's sums per project, the totals and a page. */

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
    .where(and(...projectConditions(zoneId, scope, f)))
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
  plannedProjects: number;
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
  where ${and(...projectConditions(zoneId, scope, f))}
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
    count(g.plan_wan)::int as t_planned_projects,
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
      plannedProjects: int(first.t_planned_projects),
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
