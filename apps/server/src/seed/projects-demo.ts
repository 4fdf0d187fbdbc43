/**
 * The demo zone's 41 hand-named major projects (重大项目; the table is in projects-demo.data.ts) — 20 of 高新技术产业园
 * (the demo officer's and unit head's park: journey 3 reports a month for them) in this year's plan, the rest over the
 * other parks, 建设管理局 and 城市建设投资集团; plans for this year and the last with 8 planned new starts and mid-year
 * changes; monthly reports from January of last year up to the month before this one (this month stays open to
 * report), spread around 序时进度; approval items of the four stages, a few over their limits. Content is
 * deterministic for a seed and relative to `now`; JavaScript builds the rows, one bulk insert per table writes them.
 */

import { randomUUID } from "node:crypto";
import { chinaDate, DEFAULT_PROJECT_SETTINGS, reportWindow } from "@zoneos/domain";
import type { Db } from "../db/client.ts";
import { zoneCalendar } from "../modules/calendar/calendar.service.ts";
import { insertEnterprise } from "../modules/enterprises/enterprises.queries.ts";
import { enterpriseColumns } from "../modules/enterprises/enterprises.service.ts";
import { projectApprovals, projectPlans, projectPlanVersions, projects } from "../modules/projects/projects.tables.ts";
import { searchTextOf } from "../platform/pinyin.ts";
import { creditCode, ROADS, rng } from "./generator.ts";
import {
  type ApprovalInsert,
  addDays,
  at,
  daysInMonth,
  earlier,
  isoOf,
  logUniform,
  monthOf,
  PLAN_CHANGE_REASONS,
  type PlanInsert,
  type PlanVersionInsert,
  PROGRESS,
  type ProjectInsert,
  type ReportInsert,
  roundWan,
  SEASON,
  SIDES,
  TOTAL_RANGE,
  uniform,
  updateCounters,
  wanOfCents,
  yearOf,
  zoneFacts,
} from "./projects-common.ts";
import { CITY_INVESTMENT, DEMO_PROJECTS, type DemoSpec, PROBLEMS } from "./projects-demo.data.ts";
import { approvalsOf } from "./projects-demo-approvals.ts";
import { insertReports, milestonesOf, progressText, spread } from "./projects-demo-reports.ts";

export interface DemoProjectsOptions {
  zoneId: string;
  /** At most DEMO_PROJECT_COUNT. */
  count: number;
  seed: number;
  now: Date;
  /** The prefix of the demo accounts' user names in this zone. */
  usernamePrefix?: string;
}

/**
 * Writes the demo zone's projects (the first `count` of DEMO_PROJECTS) with their plans, monthly reports and
 * approval items; the zone needs its demo units and accounts. Returns what it wrote.
 */
export async function seedDemoProjects(
  db: Db,
  o: DemoProjectsOptions,
): Promise<{ projects: number; plans: number; reports: number; approvals: number }> {
  const { zoneId, now } = o;
  const r = rng(o.seed * 7 + 3);
  const f = await zoneFacts(db, zoneId, o.usernamePrefix ?? "");
  const cal = await zoneCalendar(db, zoneId);
  const today = chinaDate(now);
  const yesterday = addDays(today, -1);
  const Y = yearOf(today);
  const M = monthOf(today);
  const lastYear = Y - 1;
  // This month is reported once its window has closed (after the deadline day); until then, up to last month.
  const reportedThrough = today > reportWindow(Y, M, DEFAULT_PROJECT_SETTINGS.reportDeadlineDay).closesOn ? M : M - 1;
  const specs = DEMO_PROJECTS.slice(0, Math.max(0, Math.min(o.count, DEMO_PROJECTS.length)));

  const demoLeader = f.user("leader") ?? f.leaders[0];
  const otherLeaders = f.leaders.filter((l) => l.id !== demoLeader?.id);
  const officer = f.user("officer");
  const unithead = f.user("unithead");
  const planner = f.user("planner");
  const service = f.user("service");
  const admin = f.user("admin");

  // The owner of infrastructure and public-service projects: the zone's city investment company, registered once.
  const allEnterprises = [...f.enterprisesByPark.values()].flat();
  let cityInvestment = allEnterprises.find((e) => e.name === CITY_INVESTMENT)?.id;
  if (!cityInvestment) {
    const row = await insertEnterprise(db, {
      zoneId,
      ...enterpriseColumns({
        creditCode: creditCode(rng(o.seed + 11), "320115"),
        name: CITY_INVESTMENT,
        industryCode: "4813",
        regionCode: "320115",
        parkUnitId: null,
        officerId: null,
        landMu: null,
        registeredCapitalWan: "500000",
        establishedOn: "2012-06-18",
        legalRepresentative: "钱国平",
        address: "示范高新区科创大道88号",
        isKey: true,
      }),
      createdAt: now,
      updatedAt: now,
    });
    cityInvestment = row.id;
  }

  // The planned months of this year's new starts: those started before this month, spread from January; the ones
  // overdue in the months just passed; the later ones after this month.
  const started = specs.filter((s) => s.newStart === "started");
  const overdue = specs.filter((s) => s.newStart === "overdue");
  const later = specs.filter((s) => s.newStart === "later");
  const plannedMonth = new Map<DemoSpec, number>();
  for (const [k, s] of started.entries())
    plannedMonth.set(s, 1 + Math.floor((k * Math.max(1, M - 1)) / started.length));
  for (const [k, s] of overdue.entries()) plannedMonth.set(s, Math.max(1, M - 1 - k));
  for (const [k, s] of later.entries()) plannedMonth.set(s, Math.min(12, M + 1 + k));

  const projectRows: ProjectInsert[] = [];
  const planRows: PlanInsert[] = [];
  const versionRows: PlanVersionInsert[] = [];
  const reportRows: ReportInsert[] = [];
  const approvalRows: ApprovalInsert[] = [];
  const seqOfYear = new Map<number, number>();

  for (const [i, spec] of specs.entries()) {
    const unit = f.unitByKey.get(spec.unit) ?? f.unitByKey.get("park-hitech");
    if (!unit) throw new Error(`the demo projects need the demo units: ${spec.unit} is missing`);
    const isPark = unit.kind === "park";
    let stage = spec.stage;

    // ---- dates
    let actualStartOn: string | null = null;
    let actualCompletionOn: string | null = null;
    let plannedStartOn: string;
    let plannedCompletionOn: string;
    const pm = plannedMonth.get(spec);
    if (stage === "new_start") {
      const start = isoOf(Y, pm ?? 1, r.int(3, 25));
      actualStartOn = start <= yesterday ? start : yesterday >= `${Y}-01-01` ? yesterday : null;
      if (!actualStartOn) stage = "preliminary";
      plannedStartOn = isoOf(Y, pm ?? 1, 1);
      plannedCompletionOn = isoOf(Y + 2, r.int(3, 12), 28);
    } else if (stage === "continuing") {
      const startYear = i % 3 === 0 ? Y - 2 : lastYear;
      actualStartOn = isoOf(startYear, r.int(2, 10), r.int(1, 28));
      plannedStartOn = addDays(actualStartOn, -r.int(0, 45));
      plannedCompletionOn = isoOf(Y + r.int(1, 2), r.int(1, 12), 28);
    } else if (stage === "completed") {
      // Built in about a year and a half: most of it last year, the rest this year (so 累计 nears the total).
      actualStartOn = isoOf(lastYear, r.int(2, 5), r.int(1, 28));
      const c = isoOf(Y, Math.max(1, M - 1 - r.int(0, 3)), r.int(5, 25));
      actualCompletionOn = c <= yesterday ? c : yesterday >= `${Y}-01-01` ? yesterday : `${lastYear}-12-28`;
      plannedStartOn = actualStartOn;
      plannedCompletionOn = isoOf(Y, Math.max(1, monthOf(actualCompletionOn) - r.int(0, 2)), 28);
    } else if (stage === "in_production" || stage === "full_production") {
      actualStartOn = isoOf(Y - 3, r.int(3, 10), r.int(1, 28));
      actualCompletionOn = isoOf(lastYear, r.int(3, 9), r.int(1, 28));
      plannedStartOn = actualStartOn;
      plannedCompletionOn = actualCompletionOn;
    } else {
      // signed / preliminary: not started; planned for its month this year, or next year.
      plannedStartOn = pm ? isoOf(Y, pm, 15) : isoOf(Y + 1, r.int(3, 9), 1);
      plannedCompletionOn = isoOf(yearOf(plannedStartOn) + 2, r.int(3, 12), 28);
    }

    const [lo, hi] = TOTAL_RANGE[spec.level];
    const total = roundWan(logUniform(r, lo, hi));
    // A new start that is overdue this year was already planned last year (and slipped).
    const slipped = spec.newStart === "overdue";
    const hasLastYearPlan = (actualStartOn !== null && yearOf(actualStartOn) <= lastYear) || slipped;
    const hasThisYearPlan = stage !== "in_production" && stage !== "full_production";
    const entryYear = hasLastYearPlan ? lastYear : Y;
    const seq = (seqOfYear.get(entryYear) ?? 0) + 1;
    seqOfYear.set(entryYear, seq);
    const code = `XM${entryYear}-${String(seq).padStart(3, "0")}`;
    const createdAt = earlier(at(isoOf(entryYear, 1, 10), 9, i), now);

    // ---- owner, people
    let owner: { id: string; industryCode: string | null } | undefined;
    if (spec.owner) owner = allEnterprises.find((e) => e.name === spec.owner);
    if (!owner && spec.type === "industry") {
      const candidates = f.enterprisesByPark.get(isPark ? unit.id : null) ?? allEnterprises;
      const keyOnes = candidates.filter((e) => e.isKey);
      const pool = keyOnes.length >= 3 && r.chance(0.6) ? keyOnes : candidates;
      if (pool.length) owner = pool[(i * 7 + r.int(0, pool.length - 1)) % pool.length];
    }
    const ownerId = owner?.id ?? cityInvestment;
    const industryCode = spec.type === "industry" ? (owner?.industryCode ?? null) : null;

    const leader = i % 2 === 0 || !otherLeaders.length ? demoLeader : otherLeaders[i % otherLeaders.length];
    const staff = f.staffOfUnit(unit.id).filter((u) => u.id !== officer?.id && u.id !== unithead?.id);
    const members = new Set<string>();
    if (spec.unit === "park-hitech") {
      if (officer && i % 3 !== 2) members.add(officer.id);
      if (unithead && i % 4 === 0) members.add(unithead.id);
    }
    for (const s of staff.slice(0, 2)) if (r.chance(0.7)) members.add(s.id);
    if (planner && (spec.late || spec.stage === "preliminary" || spec.stage === "signed")) members.add(planner.id);
    if (service && spec.unit !== "park-hitech" && (spec.level === "provincial" || i % 9 === 0)) members.add(service.id);
    const reporters = [...(spec.unit === "park-hitech" && officer ? [officer, officer, officer] : []), ...staff];
    const reporterOf = () => (reporters.length ? (reporters[r.int(0, reporters.length - 1)]?.id ?? null) : null);

    const id = randomUUID();
    projectRows.push({
      id,
      zoneId,
      code,
      name: spec.name,
      searchText: searchTextOf(spec.name, code),
      ownerEnterpriseId: ownerId,
      totalInvestmentWan: String(total),
      type: spec.type,
      level: spec.level,
      parkUnitId: isPark ? unit.id : null,
      industryCode,
      stage,
      plannedStartOn,
      plannedCompletionOn,
      actualStartOn,
      actualCompletionOn,
      leaderId: leader?.id ?? null,
      unitId: unit.id,
      memberIds: [...members],
      location: `${isPark ? unit.name : ""}${r.pick(ROADS)}${r.pick(SIDES)}`,
      createdBy: admin?.id ?? null,
      createdAt,
      updatedAt: createdAt,
    });

    // ---- plans and reports of last year and this year
    const startYear = actualStartOn ? yearOf(actualStartOn) : null;
    const completionYear = actualCompletionOn ? yearOf(actualCompletionOn) : null;
    let lastYearShare = 0;
    for (const year of [lastYear, Y]) {
      if (year === lastYear ? !hasLastYearPlan : !hasThisYearPlan) continue;
      // The plan's share of the total: a project completed this year finishes what last year left.
      const share =
        year === lastYear
          ? slipped
            ? uniform(r, 0.02, 0.05)
            : completionYear === lastYear || completionYear === Y
              ? uniform(r, 0.45, 0.55)
              : uniform(r, 0.2, 0.35)
          : stage === "continuing"
            ? uniform(r, 0.18, 0.35)
            : stage === "new_start"
              ? uniform(r, 0.1, 0.25)
              : stage === "completed"
                ? (1 - lastYearShare) * uniform(r, 0.92, 1)
                : uniform(r, 0.02, 0.06);
      if (year === lastYear) lastYearShare = share;
      const plan = roundWan(total * share);
      const plannedNewStart =
        year === Y
          ? pm !== undefined
          : slipped || (startYear === lastYear && (stage === "continuing" || stage === "completed"));
      const newStartMonth =
        year === Y ? (pm ?? null) : slipped ? 10 : plannedNewStart && actualStartOn ? monthOf(actualStartOn) : null;
      planRows.push({
        zoneId,
        projectId: id,
        year,
        newStartPlanned: plannedNewStart,
        newStartMonth: plannedNewStart ? newStartMonth : null,
        milestones: milestonesOf(stage, year === Y),
      });
      const changer = unithead?.id ?? admin?.id ?? null;
      versionRows.push({
        zoneId,
        projectId: id,
        year,
        fromMonth: 1,
        planWan: String(plan),
        reason: null,
        changedBy: changer,
        changedAt: earlier(at(isoOf(year, 1, 12), 9, i), now),
      });
      // The plan in force for the month the figures are judged at (December last year, this month this year).
      let planNow = plan;
      const changeMonth =
        year === lastYear && spec.change === "lastYear"
          ? 7
          : year === Y && (spec.change === "down" || spec.change === "up") && M >= 2
            ? Math.max(2, spec.change === "down" ? M - 3 : M - 1)
            : null;
      if (changeMonth !== null) {
        const kind = spec.change as "down" | "up" | "lastYear";
        planNow = roundWan(plan * (kind === "up" ? 1.25 : kind === "down" ? 0.7 : 0.85));
        versionRows.push({
          zoneId,
          projectId: id,
          year,
          fromMonth: changeMonth,
          planWan: String(planNow),
          reason: PLAN_CHANGE_REASONS[kind],
          changedBy: changer,
          changedAt: earlier(at(isoOf(year, changeMonth, 5), 15, i), new Date(now.getTime() - 3_600_000)),
        });
      }

      // The year to date at the judged month: last year around its plan; this year spread around 序时进度 of the
      // latest month reported — the months before `now`, and this month too once its reporting window has closed
      // (the board's default period) —, completed projects at their plan.
      const months = year === lastYear ? 12 : reportedThrough;
      if (months < 1) continue;
      let target: number;
      let band: "ahead" | "near" | "behind" = "near";
      if (year === lastYear)
        target = planNow * (completionYear === lastYear ? uniform(r, 0.97, 1.05) : uniform(r, 0.88, 1.1));
      else if (stage === "completed") target = planNow * uniform(r, 0.97, 1.03);
      else {
        const x = r.next();
        band = spec.newStart === "overdue" || x >= 0.72 ? "behind" : x < 0.34 ? "ahead" : "near";
        const points =
          band === "ahead" ? uniform(r, 2, 12) : band === "near" ? uniform(r, -4.5, 1.5) : uniform(r, -20, -6);
        target = planNow * Math.max(0.02, months / 12 + points / 100);
      }
      const weights: number[] = [];
      for (let m = 1; m <= months; m++) {
        let w = (SEASON[m - 1] ?? 1) * uniform(r, 0.8, 1.2);
        if (startYear === year && actualStartOn && m < monthOf(actualStartOn)) w *= 0.15;
        if (!actualStartOn && stage !== "new_start") w *= 0.6;
        if (completionYear === year && actualCompletionOn && m > monthOf(actualCompletionOn)) w = 0;
        weights.push(w);
      }
      const cents = spread(Math.round(target * 100), weights);
      for (let m = 1; m <= months; m++) {
        const afterCompletion =
          completionYear === year && actualCompletionOn !== null && m > monthOf(actualCompletionOn);
        const progress = afterCompletion
          ? (PROGRESS.done[0] as string)
          : progressText(r, stage, actualStartOn, year, m, months);
        const problems = band === "behind" && m >= months - 1 && r.chance(0.6) ? r.pick(PROBLEMS) : null;
        const day = Math.min(daysInMonth(year, m), r.int(15, 25));
        reportRows.push({
          zoneId,
          projectId: id,
          year,
          month: m,
          completedWan: wanOfCents(cents[m - 1] ?? 0),
          progress,
          problems,
          reportedBy: reporterOf(),
          reportedAt: at(isoOf(year, m, day), r.int(9, 17), r.int(0, 59)),
        });
      }
    }

    // ---- approval items
    approvalRows.push(
      ...approvalsOf({
        r,
        cal,
        today,
        zoneId,
        projectId: id,
        stage,
        late: spec.late,
        startOn: actualStartOn ?? plannedStartOn,
        started: actualStartOn !== null,
        completedOn: actualCompletionOn,
        unitId: (key) => f.unitByKey.get(key),
      }),
    );
  }

  await db.transaction(async (tx) => {
    if (projectRows.length) await tx.insert(projects).values(projectRows);
    if (planRows.length) await tx.insert(projectPlans).values(planRows);
    if (versionRows.length) await tx.insert(projectPlanVersions).values(versionRows);
    await insertReports(tx, reportRows);
    if (approvalRows.length) await tx.insert(projectApprovals).values(approvalRows);
    await updateCounters(tx, zoneId);
  });
  return {
    projects: projectRows.length,
    plans: planRows.length,
    reports: reportRows.length,
    approvals: approvalRows.length,
  };
}
