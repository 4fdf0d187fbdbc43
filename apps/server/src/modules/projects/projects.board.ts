import type { ProjectBoard, ProjectBoardQuery, ProjectFilter, ProjectSummary } from "@zoneos/contracts";
import {
  chinaDate,
  elapsedOfYear,
  exactPercent,
  formatWan,
  groupSchedule,
  lastDayOfMonthIso,
  type ProjectLevel,
  type ProjectSettings,
  type ProjectStage,
  type ProjectType,
  parseWan,
  type Ratio,
  reportWindow,
  schedule,
  startRate,
  startRateOfCounts,
  sumWan,
  totalInvestmentPercent,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import type { RequestContext } from "../../platform/context.ts";
import { enterpriseNamesById } from "../enterprises/enterprises.queries.ts";
import { type BoardRow, boardPage, boardRows, projectNames } from "./projects.board.queries.ts";
import type { ProjectFilterSql } from "./projects.queries.ts";
import { projectScopeOf } from "./projects.service.ts";
import { projectSettingsOf } from "./projects.settings.ts";

type Filter = z.output<typeof ProjectFilter>;

/** The period a page shows when none is asked for: the current month in China. */
export function currentPeriod(now: Date): { year: number; month: number; today: string } {
  const today = chinaDate(now);
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)), today };
}

/** The date 序时进度 is taken at for day granularity: the period's last day, or today inside the period. */
export function asOfDate(period: { year: number; month: number }, today: string): string {
  const last = new Date(Date.UTC(period.year, period.month, 0)).toISOString().slice(0, 10);
  return today < last && today.startsWith(`${period.year}-${String(period.month).padStart(2, "0")}`) ? today : last;
}

/** The filter as SQL sees it: "mine" becomes the user's leader, unit or task-force condition. */
function sqlFilter(actor: Actor, f: Filter): ProjectFilterSql {
  const out: ProjectFilterSql = {
    q: f.q,
    level: f.level,
    stage: f.stage,
    type: f.type,
    unitId: f.unitId,
    leaderId: f.leaderId,
    parkUnitId: f.parkUnitId,
  };
  if (f.mine === "leader") out.leaderId = actor.userId;
  if (f.mine === "member") out.memberId = actor.userId;
  if (f.mine === "unit")
    out.unitIds = actor.role === "unithead" ? actor.unitSubtree : actor.unitId ? [actor.unitId] : [];
  return out;
}

export interface BoardPeriod {
  year: number;
  month: number;
  asOf: string;
  elapsed: Ratio;
}

/**
 * The period asked for; by default the latest month whose reporting window has closed (the current month after its
 * deadline day, else the month before: early in a month nobody has reported it yet, and every project would look
 * behind). Also the date 序时进度 is taken at for day granularity. `today` is the China date.
 */
export function boardPeriod(f: Pick<Filter, "year" | "month">, today: string, settings: ProjectSettings): BoardPeriod {
  const cy = Number(today.slice(0, 4));
  const cm = Number(today.slice(5, 7));
  const closed = today > reportWindow(cy, cm, settings.reportDeadlineDay).closesOn;
  const latest = closed ? { year: cy, month: cm } : cm > 1 ? { year: cy, month: cm - 1 } : { year: cy - 1, month: 12 };
  let year = f.year ?? latest.year;
  let month = f.month ?? (year === latest.year ? latest.month : year < cy ? 12 : 1);
  if (f.year === undefined && f.month !== undefined) year = f.month <= cm ? cy : cy - 1;
  month = Math.min(12, Math.max(1, month));
  const asOf = asOfDate({ year, month }, today);
  return { year, month, asOf, elapsed: elapsedOfYear({ year, month }, settings.granularity, asOf) };
}

/** A board row's figures (names are added for the page only). */
export function boardItem(r: BoardRow, period: BoardPeriod, settings: ProjectSettings): ProjectSummary {
  const ytd = r.ytdWan ?? "0";
  const cumulative = r.cumulativeWan ?? "0";
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    ownerEnterpriseId: r.ownerEnterpriseId,
    ownerName: null,
    totalInvestmentWan: formatWan(parseWan(r.totalInvestmentWan)),
    type: r.type as ProjectType,
    level: r.level as ProjectLevel,
    stage: r.stage as ProjectStage,
    parkUnitId: r.parkUnitId,
    parkName: null,
    unitId: r.unitId,
    unitName: null,
    leaderId: r.leaderId,
    leaderName: null,
    plannedStartOn: r.plannedStartOn,
    actualStartOn: r.actualStartOn,
    schedule: schedule(
      {
        planWan: r.planWan === null ? null : formatWan(parseWan(r.planWan)),
        completedYtdWan: formatWan(parseWan(ytd)),
      },
      period.elapsed,
      settings.behindThresholdPoints,
    ),
    monthCompletedWan: r.monthWan === null ? null : formatWan(parseWan(r.monthWan)),
    cumulativeWan: formatWan(parseWan(cumulative)),
    totalPercent: totalInvestmentPercent(cumulative, r.totalInvestmentWan),
    newStartPlanned: r.newStartPlanned,
    newStartMonth: r.newStartMonth,
  };
}

const SORTS: Record<Filter["sort"], (a: ProjectSummary, b: ProjectSummary) => number> = {
  code: (a, b) => a.code.localeCompare(b.code),
  pointsAhead: (a, b) => nullsLast(a.schedule.pointsAhead, b.schedule.pointsAhead, 1),
  "-pointsAhead": (a, b) => nullsLast(a.schedule.pointsAhead, b.schedule.pointsAhead, -1),
  "-completion": (a, b) => nullsLast(a.schedule.completionPercent, b.schedule.completionPercent, -1),
  "-planWan": (a, b) => compareWan(b.schedule.planWan, a.schedule.planWan),
  "-totalInvestmentWan": (a, b) => compareWan(b.totalInvestmentWan, a.totalInvestmentWan),
};

function nullsLast(a: number | null, b: number | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return (a - b) * dir;
}

function compareWan(a: string | null, b: string | null): number {
  const x = a === null ? -1n : parseWan(a);
  const y = b === null ? -1n : parseWan(b);
  return x === y ? 0 : x > y ? 1 : -1;
}

/** Every project of the board for a filter and period, with its figures, filtered and sorted (not paged). */
export async function boardProjects(db: Db, ctx: RequestContext, f: Filter) {
  const zoneId = ctx.actor.zoneId;
  const settings = await projectSettingsOf(db, zoneId);
  const period = boardPeriod(f, currentPeriod(ctx.now).today, settings);
  const rows = await boardRows(db, zoneId, projectScopeOf(ctx.actor), sqlFilter(ctx.actor, f), period);
  let items = rows.map((r) => boardItem(r, period, settings));
  if (f.planned === "true") items = items.filter((i) => i.schedule.planWan !== null);
  if (f.behind === "true") items = items.filter((i) => i.schedule.behind);
  if (f.behind === "false") items = items.filter((i) => !i.schedule.behind);
  items.sort((a, b) => SORTS[f.sort](a, b) || a.code.localeCompare(b.code));
  return { settings, period, items };
}

/** The zone (or filtered group) totals of a board: the group schedule, the start rate and counts. */
export function boardTotals(items: readonly ProjectSummary[], period: BoardPeriod, settings: ProjectSettings) {
  const periodEnd = lastDayOfMonthIso(period.year, period.month);
  return {
    projects: items.length,
    schedule: (({ projects: _n, ...s }) => s)(
      groupSchedule(
        items.map((i) => ({ planWan: i.schedule.planWan, completedYtdWan: i.schedule.completedYtdWan })),
        period.elapsed,
        settings.behindThresholdPoints,
      ),
    ),
    startRate: startRate(
      items
        .filter((i) => i.newStartPlanned)
        .map((i) => ({
          plannedMonth: i.newStartMonth,
          started: i.actualStartOn !== null && i.actualStartOn <= periodEnd,
        })),
      period.month,
    ),
    behindCount: items.filter((i) => i.schedule.behind).length,
    reportedCount: items.filter((i) => i.monthCompletedWan !== null).length,
    totalInvestmentWan: sumWan(items.map((i) => i.totalInvestmentWan)),
  };
}

/** Adds owner, unit, leader and park names to some board items. */
export async function withNames(db: Db, zoneId: string, items: ProjectSummary[]): Promise<ProjectSummary[]> {
  const [names, owners] = await Promise.all([
    projectNames(
      db,
      zoneId,
      items.map((i) => i.id),
    ),
    enterpriseNamesById(db, zoneId, [...new Set(items.map((i) => i.ownerEnterpriseId))]),
  ]);
  return items.map((i) => ({
    ...i,
    ...(names.get(i.id) ?? { unitName: null, leaderName: null, parkName: null }),
    ownerName: owners.get(i.ownerEnterpriseId) ?? null,
  }));
}

/**
 * The project board (项目看板) for a period: one page of projects with their progress against 序时进度, and the
 * totals over every project the filters select — counted and summed by the database in one statement
 * (`boardPageSql`); the shown figures come from the domain's functions on those sums and on the page's rows.
 */
export async function projectBoard(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof ProjectBoardQuery>,
): Promise<ProjectBoard> {
  const { page, pageSize, ...f } = q;
  const zoneId = ctx.actor.zoneId;
  const settings = await projectSettingsOf(db, zoneId);
  const period = boardPeriod(f, currentPeriod(ctx.now).today, settings);
  const { totals, rows } = await boardPage(db, zoneId, projectScopeOf(ctx.actor), sqlFilter(ctx.actor, f), {
    year: period.year,
    month: period.month,
    elapsed: period.elapsed,
    behindThresholdPoints: settings.behindThresholdPoints,
    periodEnd: lastDayOfMonthIso(period.year, period.month),
    planned: f.planned === "true",
    behind: f.behind === undefined ? undefined : f.behind === "true",
    sort: f.sort,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const wanOrNull = (v: string | null) => (v === null ? null : formatWan(parseWan(v)));
  return {
    period: {
      year: period.year,
      month: period.month,
      granularity: settings.granularity,
      asOf: period.asOf,
      elapsedPercent: exactPercent(period.elapsed.num, period.elapsed.den) ?? 0,
      behindThresholdPoints: settings.behindThresholdPoints,
    },
    totals: {
      projects: totals.projects,
      plannedProjects: totals.plannedProjects,
      schedule: schedule(
        { planWan: wanOrNull(totals.planWan), completedYtdWan: wanOrNull(totals.ytdWan) ?? "0" },
        period.elapsed,
        settings.behindThresholdPoints,
      ),
      startRate: startRateOfCounts(totals),
      behindCount: totals.behind,
      reportedCount: totals.reported,
      totalInvestmentWan: wanOrNull(totals.totalInvestmentWan) ?? "0",
    },
    items: rows.map((r) => ({
      ...boardItem(r, period, settings),
      ownerName: r.ownerName,
      unitName: r.unitName,
      leaderName: r.leaderName,
      parkName: r.parkName,
    })),
    total: totals.projects,
  };
}
