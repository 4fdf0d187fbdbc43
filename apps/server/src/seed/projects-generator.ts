/**
 * Major projects (重大项目) at scale, for the benchmark and tools/generate.ts: N projects of generated names over the
 * zone's units, projects and plans in multi-row inserts, the monthly reports by the database (INSERT … SELECT over
 * the months), then ANALYZE. The demo zone's hand-named projects are projects-demo.ts.
 */

import { randomUUID } from "node:crypto";
import { chinaDate, type ProjectLevel, type ProjectStage, type ProjectType } from "@zoneos/domain";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { UnitRow, UserRow } from "../modules/org/org.queries.ts";
import { projectPlans, projectPlanVersions, projectReports, projects } from "../modules/projects/projects.tables.ts";
import { searchTextOf } from "../platform/pinyin.ts";
import { DEMO_UNITS, type Rng, ROADS, rng } from "./generator.ts";
import {
  at,
  earlier,
  isoOf,
  logUniform,
  monthOf,
  PLAN_CHANGE_REASONS,
  type PlanInsert,
  type PlanVersionInsert,
  PROGRESS,
  type ProjectInsert,
  roundWan,
  SEASON,
  SIDES,
  TOTAL_RANGE,
  uniform,
  updateCounters,
  yearOf,
  zoneFacts,
} from "./projects-common.ts";

const BRANDS = "华芯中科博远瑞达恒信天合鼎盛宏图金鹏汇通精工星耀卓越新源永泰康宁明德润泽凯旋腾飞智联海纳云帆启航嘉禾";
const PRODUCTS = [
  "锂电池正极材料",
  "功率半导体器件",
  "新型显示模组",
  "集成电路封装测试",
  "汽车电子控制单元",
  "光电子器件",
  "工业机器人",
  "储能电池",
  "光伏组件",
  "氢燃料电池电堆",
  "高端医疗器械",
  "生物创新药",
  "智能传感器",
  "精密数控机床",
  "碳纤维复合材料",
  "新能源汽车零部件",
  "服务器整机",
  "5G通信模组",
];
const INDUSTRY_FORMS = ["年产{n}万套{p}项目", "{b}{p}生产基地", "{b}{p}产业化项目", "{p}扩产项目", "{b}{p}智能工厂"];
const INFRA_FORMS = [
  "{r}提升改造工程",
  "{r}污水管网改造工程",
  "{r}综合管廊工程",
  "110千伏变电站新建工程",
  "{r}快速化改造工程",
  "标准厂房",
];
const LIVELIHOOD_FORMS = [
  "人才公寓",
  "邻里中心",
  "实验小学",
  "保障性租赁住房项目",
  "社区卫生服务中心",
  "九年一贯制学校",
];
const PHASES = ["", "", "一期", "二期", "三期"];

function scaleName(r: Rng, type: ProjectType): string {
  const forms = type === "industry" ? INDUSTRY_FORMS : type === "infrastructure" ? INFRA_FORMS : LIVELIHOOD_FORMS;
  const b = BRANDS.charAt(r.int(0, BRANDS.length - 1)) + BRANDS.charAt(r.int(0, BRANDS.length - 1));
  const name = r
    .pick(forms)
    .replace("{n}", String(r.pick([10, 20, 50, 100, 200, 500])))
    .replace("{p}", r.pick(PRODUCTS))
    .replace("{b}", b)
    .replace("{r}", r.pick(ROADS));
  return name + r.pick(PHASES);
}

function pickWeighted<T>(r: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items.at(-1) as [T, number])[0];
}

const SCALE_STAGES: [ProjectStage, number][] = [
  ["signed", 5],
  ["preliminary", 12],
  ["new_start", 15],
  ["continuing", 43],
  ["completed", 10],
  ["in_production", 10],
  ["full_production", 5],
];

export interface GenerateProjectsOptions {
  zoneId: string;
  count: number;
  /** Reports for `years` × 12 months, ending with the month before `now`; plans for every year they touch. */
  years: number;
  now: Date;
  seed: number;
}

/**
 * Writes `count` projects for the zone's units, leaders, staff and enterprises (the zone needs its units; the rest
 * is optional), each with a plan for every year of the window and a report for every month of it (all projects in
 * plan and reporting: the board's worst case). Units: the parks carry most (高新技术产业园 the most), 建设管理局 and
 * 城市建设投资集团 the infrastructure; levels 8% 省重大, 27% 市重点, 65% 区重点; 90% with a leader. Then ANALYZE.
 */
export async function generateProjects(
  db: Db,
  o: GenerateProjectsOptions,
): Promise<{ projects: number; plans: number; reports: number }> {
  const { zoneId } = o;
  const r = rng(o.seed * 13 + 5);
  const f = await zoneFacts(db, zoneId, "");
  const units = f.units;
  if (!units.length) return { projects: 0, plans: 0, reports: 0 };
  const leaderWeights: [UserRow, number][] = f.leaders.map((l, k) => [l, k === 0 ? 3 : 1]);
  const ents = [...f.enterprisesByPark.values()].flat();
  const unitWeight = (u: UnitRow, type: ProjectType): number => {
    const key = DEMO_UNITS.find((d) => d.name === u.name)?.key;
    if (u.kind === "park") return type === "industry" ? (key === "park-hitech" ? 4 : 3) : 1;
    if (key === "construction") return type === "infrastructure" ? 6 : type === "livelihood" ? 2 : 0;
    if (key === "company-invest") return type === "industry" ? 0 : 5;
    if (key === "economy" || key === "tech" || key === "invest") return type === "industry" ? 0.6 : 0;
    return 0;
  };
  const weightedUnits = (type: ProjectType): [UnitRow, number][] => {
    const w = units.map((u): [UnitRow, number] => [u, unitWeight(u, type)]).filter(([, x]) => x > 0);
    return w.length ? w : units.map((u): [UnitRow, number] => [u, 1]);
  };
  const byType = new Map<ProjectType, [UnitRow, number][]>(
    (["industry", "infrastructure", "livelihood"] as const).map((t) => [t, weightedUnits(t)]),
  );

  const today = chinaDate(o.now);
  const Y = yearOf(today);
  const M = monthOf(today);
  // The window: `years` × 12 months ending with the month before now.
  const monthsOfWindow: { y: number; m: number }[] = [];
  for (let k = o.years * 12; k >= 1; k--) {
    const idx = Y * 12 + (M - 1) - k;
    monthsOfWindow.push({ y: Math.floor(idx / 12), m: (idx % 12) + 1 });
  }
  const planYears = [...new Set(monthsOfWindow.map((x) => x.y))];
  const firstYear = planYears[0] ?? Y;

  const projectRows: ProjectInsert[] = [];
  const planRows: PlanInsert[] = [];
  const versionRows: PlanVersionInsert[] = [];
  const seqOfYear = new Map<number, number>();
  for (let i = 0; i < o.count; i++) {
    const type = pickWeighted<ProjectType>(r, [
      ["industry", 65],
      ["infrastructure", 20],
      ["livelihood", 15],
    ]);
    const level = pickWeighted<ProjectLevel>(r, [
      ["provincial", 8],
      ["municipal", 27],
      ["district", 65],
    ]);
    const stage = pickWeighted(r, SCALE_STAGES);
    const unit = pickWeighted(r, byType.get(type) ?? []);
    const [lo, hi] = TOTAL_RANGE[level];
    const total = roundWan(logUniform(r, lo, hi));
    // Every project reports through the whole window, so it started before it (or in its first year).
    const startYear = stage === "new_start" ? Y : firstYear - r.int(0, 2);
    // A new start of this year started in a month before this one (an actual date is never in the future).
    const startMonth = stage === "new_start" ? r.int(1, Math.max(1, M - 1)) : r.int(1, 12);
    const startOn = isoOf(startYear, startMonth, r.int(1, 28));
    const actualStartOn = stage === "signed" || stage === "preliminary" ? null : ([startOn, today].sort()[0] as string);
    const completionYear =
      stage === "completed" ? Y : stage === "in_production" || stage === "full_production" ? Y - 1 : null;
    const actualCompletionOn = completionYear
      ? isoOf(completionYear, r.int(1, completionYear === Y ? Math.max(1, M - 1) : 12), r.int(1, 28))
      : null;
    const plannedStartOn = actualStartOn ?? isoOf(Y + r.int(0, 1), r.int(1, 12), 15);
    const entryYear = Math.max(
      firstYear,
      Math.min(Y, actualStartOn ? yearOf(actualStartOn) : Y - r.int(0, o.years - 1)),
    );
    const seq = (seqOfYear.get(entryYear) ?? 0) + 1;
    seqOfYear.set(entryYear, seq);
    const code = `XM${entryYear}-${String(seq).padStart(3, "0")}`;
    const name = scaleName(r, type);
    const isPark = unit.kind === "park";
    const owners = type === "industry" ? (f.enterprisesByPark.get(isPark ? unit.id : null) ?? ents) : ents;
    const owner = owners.length ? owners[r.int(0, owners.length - 1)] : undefined;
    const staff = f.staffOfUnit(unit.id);
    const members = new Set<string>();
    for (let k = r.int(0, 3); k > 0 && staff.length; k--)
      members.add((staff[r.int(0, staff.length - 1)] as UserRow).id);
    const id = randomUUID();
    const createdAt = earlier(at(isoOf(entryYear, 1, 10)), o.now);
    projectRows.push({
      id,
      zoneId,
      code,
      name,
      searchText: searchTextOf(name, code),
      ownerEnterpriseId: owner?.id ?? randomUUID(),
      totalInvestmentWan: String(total),
      type,
      level,
      parkUnitId: isPark ? unit.id : null,
      industryCode: type === "industry" ? (owner?.industryCode ?? null) : null,
      stage,
      plannedStartOn,
      plannedCompletionOn: isoOf(yearOf(plannedStartOn) + r.int(1, 3), r.int(1, 12), 28),
      actualStartOn,
      actualCompletionOn,
      leaderId: leaderWeights.length && r.chance(0.9) ? pickWeighted(r, leaderWeights).id : null,
      unitId: unit.id,
      memberIds: [...members],
      location: `${isPark ? unit.name : ""}${r.pick(ROADS)}${r.pick(SIDES)}`,
      createdAt,
      updatedAt: createdAt,
    });
    for (const year of planYears) {
      const plan = roundWan(total * uniform(r, 0.1, 0.35));
      const newStart = actualStartOn !== null && yearOf(actualStartOn) === year;
      // Half the projects in preparation are planned to start this year, some in months already past.
      const plannedLater = stage === "preliminary" && year === Y && r.chance(0.5);
      planRows.push({
        zoneId,
        projectId: id,
        year,
        newStartPlanned: newStart || plannedLater,
        newStartMonth: newStart && actualStartOn ? monthOf(actualStartOn) : plannedLater ? r.int(1, 12) : null,
        milestones: [],
      });
      const changedAt = earlier(at(isoOf(year, 1, 12)), o.now);
      versionRows.push({ zoneId, projectId: id, year, fromMonth: 1, planWan: String(plan), changedAt });
      if (r.chance(0.04) && (year < Y || M >= 8))
        versionRows.push({
          zoneId,
          projectId: id,
          year,
          fromMonth: 7,
          planWan: String(roundWan(plan * uniform(r, 0.7, 1.3))),
          reason: PLAN_CHANGE_REASONS.down,
          changedAt: earlier(at(isoOf(year, 7, 5)), o.now),
        });
    }
  }

  // Multi-row inserts under PostgreSQL's 65,535 parameters a statement.
  await db.transaction(async (tx) => {
    for (let k = 0; k < projectRows.length; k += 1000) await tx.insert(projects).values(projectRows.slice(k, k + 1000));
    for (let k = 0; k < planRows.length; k += 5000) await tx.insert(projectPlans).values(planRows.slice(k, k + 5000));
    for (let k = 0; k < versionRows.length; k += 5000)
      await tx.insert(projectPlanVersions).values(versionRows.slice(k, k + 5000));
    await updateCounters(tx, zoneId);
  });

  // The reports, by the database: each month ≈ the year's first plan ÷ 12 × the season × a pace of the project and
  // year × the month's own noise (0.75–1.25), from md5 of the code so the same seed gives the same amounts.
  const season = `{${SEASON.join(",")}}`;
  for (const year of planYears) {
    const months = monthsOfWindow.filter((x) => x.y === year).map((x) => x.m);
    const progress = `{${[...PROGRESS.early, ...PROGRESS.build, ...PROGRESS.late].map((t) => `"${t}"`).join(",")}}`;
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into ${projectReports} (zone_id, project_id, year, month, completed_wan, progress, reported_at)
        select v.zone_id, v.project_id, v.year, m.m,
          round(v.plan_wan / 12 * (${season}::numeric[])[m.m]
            * (0.7 + 0.6 * get_byte(decode(md5(p.code || ':' || v.year), 'hex'), 0) / 255.0)
            * (0.75 + 0.5 * get_byte(decode(md5(p.code || ':' || v.year || ':' || m.m), 'hex'), 1) / 255.0), 2),
          (${progress}::text[])[1 + get_byte(decode(md5(p.code || ':' || v.year || ':' || m.m), 'hex'), 2) % ${PROGRESS.early.length + PROGRESS.build.length + PROGRESS.late.length}],
          make_timestamptz(v.year, m.m, 20, 10, 0, 0, 'Asia/Shanghai')
        from ${projectPlanVersions} v
        join ${projects} p on p.id = v.project_id
        cross join unnest(${`{${months.join(",")}}`}::int[]) as m(m)
        where v.zone_id = ${zoneId}::uuid and v.year = ${year} and v.from_month = 1`);
    });
  }
  for (const t of ["projects", "project_plans", "project_plan_versions", "project_reports"])
    await db.execute(sql.raw(`analyze ${t}`));
  const [written] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(projectReports)
    .where(eq(projectReports.zoneId, zoneId));
  return { projects: projectRows.length, plans: planRows.length, reports: written?.n ?? 0 };
}
