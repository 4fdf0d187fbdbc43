/**
 * Major projects (重大项目) of a generated zone, in two sizes:
 * - `seedDemoProjects`: the demo zone's 41 hand-named projects — 20 of 高新技术产业园 (the demo officer's and unit
 *   head's park: journey 3 reports a month for them) in this year's plan, the rest over the other parks, 建设管理局
 *   and 城市建设投资集团; plans for this year and the last with 8 planned new starts and mid-year changes; monthly
 *   reports from January of last year up to the month before this one (this month stays open to report), spread
 *   around 序时进度; approval items of the four stages, a few over their limits. Content is deterministic for a seed
 *   and relative to `now`; JavaScript builds the rows, one bulk insert per table writes them.
 * - `generateProjects`: N projects at scale (the benchmark): projects and plans in multi-row inserts, the monthly
 *   reports by the database (INSERT … SELECT over the months), then ANALYZE.
 */
import { randomUUID } from "node:crypto";
import {
  APPROVAL_ITEM_CATALOGUE,
  type ApprovalStage,
  chinaDate,
  DEFAULT_PROJECT_SETTINGS,
  type ProjectLevel,
  type ProjectStage,
  type ProjectType,
  reportWindow,
  type WorkingCalendar,
} from "@zoneos/domain";
import { eq, sql } from "drizzle-orm";
import type { Conn, Db } from "../db/client.ts";
import { zoneCalendar } from "../modules/calendar/calendar.service.ts";
import { insertEnterprise } from "../modules/enterprises/enterprises.queries.ts";
import { enterpriseColumns } from "../modules/enterprises/enterprises.service.ts";
import { enterprises } from "../modules/enterprises/enterprises.tables.ts";
import { listUnits, listUsers, type UnitRow, type UserRow } from "../modules/org/org.queries.ts";
import {
  projectApprovals,
  projectCounters,
  projectPlans,
  projectPlanVersions,
  projectReports,
  projects,
} from "../modules/projects/projects.tables.ts";
import { searchTextOf } from "../platform/pinyin.ts";
import { creditCode, DEMO_UNITS, type Rng, rng } from "./generator.ts";

type ProjectInsert = typeof projects.$inferInsert;
type PlanInsert = typeof projectPlans.$inferInsert;
type PlanVersionInsert = typeof projectPlanVersions.$inferInsert;
type ReportInsert = typeof projectReports.$inferInsert;
type ApprovalInsert = typeof projectApprovals.$inferInsert;

// ---------------------------------------------------------------------------------------------------------------
// Dates (China calendar dates, YYYY-MM-DD)

const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, "0");
const isoOf = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthOf = (date: string) => Number(date.slice(5, 7));
const yearOf = (date: string) => Number(date.slice(0, 4));
/** An instant of a China date at hh:mm. */
const at = (date: string, hh = 10, mm = 0) => new Date(`${date}T${pad2(hh)}:${pad2(mm)}:00+08:00`);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

/** Amounts in 万元 with two decimals, kept as whole hundredths so that months add up exactly. */
const wanOfCents = (cents: number) => `${Math.floor(cents / 100)}.${pad2(cents % 100)}`;
/** A plan or total rounded as people write them: to 100 万元 from 10,000 up, to 10 below. */
const roundWan = (wan: number) =>
  wan >= 10_000 ? Math.round(wan / 100) * 100 : Math.max(10, Math.round(wan / 10) * 10);
const uniform = (r: Rng, lo: number, hi: number) => lo + r.next() * (hi - lo);
/** Log-uniform between lo and hi: many small projects, a few large ones. */
const logUniform = (r: Rng, lo: number, hi: number) => Math.exp(uniform(r, Math.log(lo), Math.log(hi)));

/** Relative weight of each month's investment: slow around the Spring Festival, a push at the year's end. */
const SEASON = [0.55, 0.45, 0.9, 1, 1.05, 1.05, 1, 1, 1.05, 1.1, 1.1, 1.25];

const ROADS = [
  "科创大道",
  "天元东路",
  "秣周东路",
  "胜太路",
  "诚信大道",
  "将军大道",
  "双龙大道",
  "苏源大道",
  "利源中路",
];
const SIDES = ["以东", "以西", "以南", "以北"];

const PROGRESS = {
  preliminary: ["前期手续办理中", "方案设计深化，办理规划许可", "施工图设计及审查", "场地平整及临时设施搭建"],
  early: ["桩基工程施工中", "土方开挖及基坑支护施工", "地下室底板浇筑完成", "基础工程施工"],
  build: [
    "主体结构施工至第6层",
    "主体结构封顶",
    "钢结构厂房吊装完成",
    "二次结构及机电安装施工",
    "幕墙及外立面施工",
    "道路基层及管网施工",
  ],
  late: ["设备进场安装调试", "室外配套及绿化施工", "装饰装修收尾", "生产线试运行"],
  done: ["已竣工，办理竣工验收备案", "已投产，产能逐步释放"],
};
const PROBLEMS = [
  "施工用电增容尚未完成，影响设备调试",
  "用地红线内管线迁改进度滞后",
  "建设资金到位不足，需协调银行贷款",
  "受连续降雨影响，土方施工暂停",
  "施工许可办理周期较长，开工时间推迟",
];
const PLAN_CHANGE_REASONS = {
  down: "受用地报批进度影响，经管委会同意，年度投资计划调减",
  up: "项目加快建设，追加设备投资，年度投资计划调增",
  lastYear: "设备采购合同调整，年中调整年度投资计划",
};

// ---------------------------------------------------------------------------------------------------------------
// The demo's projects

interface DemoSpec {
  name: string;
  /** The responsible unit (a DEMO_UNITS key). */
  unit: string;
  type: ProjectType;
  level: ProjectLevel;
  stage: ProjectStage;
  /** A planned new start of this year: started as planned, not started though its month has passed, or later. */
  newStart?: "started" | "overdue" | "later";
  /** A mid-year change (年中调整) of this year's plan; `lastYear`: of last year's. */
  change?: "down" | "up" | "lastYear";
  /** An approval item over its limit: still pending, or approved late. */
  late?: "pending" | "approved";
  owner?: string;
}

const CITY_INVESTMENT = "示范高新区城市建设投资集团有限公司";

/**
 * The demo's projects in priority order (`count` takes the first ones; the first 20 are 高新技术产业园's): name,
 * responsible unit (a DEMO_UNITS key), type, level, stage, then flags: newStart=started|overdue|later (a planned new
 * start of this year), change=down|up|lastYear (a mid-year change), late=pending|approved (an approval item over its
 * limit), owner=<enterprise name>.
 */
const DEMO_TABLE = `
年产10万吨锂电池正极材料项目      park-hitech         industry        provincial  continuing       change=lastYear
高新区智能制造产业园二期          park-hitech         industry        municipal   new_start        newStart=started late=approved
人才公寓三期                      park-hitech         livelihood      district    continuing
科创大道提升改造工程              park-hitech         infrastructure  district    new_start        newStart=started
12英寸功率半导体晶圆制造项目      park-hitech         industry        provincial  continuing
新型显示模组研发生产基地          park-hitech         industry        municipal   continuing
工业互联网创新中心                park-hitech         industry        district    completed        owner=江苏迅特科技有限公司
集成电路封装测试扩产项目          park-hitech         industry        municipal   continuing       change=down
年产500万套汽车电子控制单元项目   park-hitech         industry        municipal   preliminary      newStart=overdue late=pending
高端光电子器件产业化项目          park-hitech         industry        district    new_start        newStart=started
5G通信基站滤波器生产线项目        park-hitech         industry        district    continuing
科技企业孵化器B区                 park-hitech         industry        district    completed
智能传感器产业园一期              park-hitech         industry        municipal   continuing
研发总部大楼项目                  park-hitech         industry        district    signed
高新区邻里中心                    park-hitech         livelihood      district    continuing
高新区第二实验小学                park-hitech         livelihood      municipal   continuing
天元东路污水管网改造工程          park-hitech         infrastructure  district    continuing
精密数控机床生产基地项目          park-hitech         industry        district    preliminary      newStart=later
激光雷达及智能驾驶系统产业化项目  park-hitech         industry        provincial  new_start        newStart=started
人工智能算力中心                  park-hitech         industry        municipal   continuing
年产2亿只MLCC片式电容项目         park-hitech         industry        municipal   full_production
工业机器人整机及核心部件项目      park-manufacturing  industry        provincial  continuing
高端装备智能工厂建设项目          park-manufacturing  industry        municipal   preliminary      newStart=overdue
新能源汽车驱动电机生产基地        park-manufacturing  industry        municipal   continuing       change=up
智能制造产业园标准厂房三期        park-manufacturing  infrastructure  district    completed
精密铸件绿色化改造项目            park-manufacturing  industry        district    in_production
生物医药创新港一期                park-bio            industry        provincial  continuing
高端医疗器械产业化基地            park-bio            industry        municipal   preliminary
创新药中试及产业化平台            park-bio            industry        district    continuing
年产20GWh储能电池项目             park-energy         industry        provincial  new_start        newStart=started late=approved
光伏组件智能工厂项目              park-energy         industry        municipal   continuing
氢燃料电池电堆产业化项目          park-energy         industry        district    signed
220千伏变电站新建工程             park-energy         infrastructure  municipal   continuing
数据中心二期                      park-digital        industry        municipal   continuing
软件和信息服务产业园              park-digital        industry        district    completed
数字经济创新中心                  park-digital        industry        district    continuing
主干道提升改造工程                construction        infrastructure  municipal   continuing
秣周东路快速化改造工程            construction        infrastructure  district    continuing
园区综合管廊工程                  company-invest      infrastructure  district    continuing
九年一贯制学校新建工程            company-invest      livelihood      municipal   continuing
保障性租赁住房项目                company-invest      livelihood      district    continuing
`;

const DEMO_PROJECTS: DemoSpec[] = DEMO_TABLE.trim()
  .split("\n")
  .map((line) => {
    const [name, unit, type, level, stage, ...flags] = line.trim().split(/\s+/);
    const flag = (key: string) => flags.find((x) => x.startsWith(`${key}=`))?.slice(key.length + 1);
    return {
      name: name as string,
      unit: unit as string,
      type: type as ProjectType,
      level: level as ProjectLevel,
      stage: stage as ProjectStage,
      newStart: flag("newStart") as DemoSpec["newStart"],
      change: flag("change") as DemoSpec["change"],
      late: flag("late") as DemoSpec["late"],
      owner: flag("owner"),
    };
  });

export const DEMO_PROJECT_COUNT = DEMO_PROJECTS.length;

/** Total investment (万元) by level: 省重大 are the big ones. */
const TOTAL_RANGE: Record<ProjectLevel, [number, number]> = {
  provincial: [100_000, 500_000],
  municipal: [20_000, 150_000],
  district: [5_000, 60_000],
};

/** The department that handles an approval item: a unit of the zone by key, or a name outside it. */
const DEPARTMENT_OF: Record<string, string> = {
  项目备案: "economy",
  用地预审与选址意见书: "planning",
  建设用地规划许可证: "planning",
  "不动产权证书（土地）": "planning",
  设计方案审查: "planning",
  建设工程规划许可证: "planning",
  初步设计审批: "construction",
  施工图审查: "construction",
  消防设计审查: "construction",
  人防工程设计审查: "区人防办",
  施工许可证: "construction",
  规划条件核实: "planning",
  消防验收: "construction",
  竣工联合验收: "construction",
  竣工验收备案: "construction",
};
/** Limits in working days, from the shipped catalogue. */
const LIMIT_OF = new Map(APPROVAL_ITEM_CATALOGUE.map((i) => [i.name, i.limitWorkingDays]));

export interface DemoProjectsOptions {
  zoneId: string;
  /** At most DEMO_PROJECT_COUNT. */
  count: number;
  seed: number;
  now: Date;
  /** The prefix of the demo accounts' user names in this zone. */
  usernamePrefix?: string;
}

interface ZoneFacts {
  /** In the zone's order. */
  units: UnitRow[];
  unitByKey: Map<string, UnitRow>;
  staffOfUnit: (unitId: string) => UserRow[];
  user: (username: string) => UserRow | undefined;
  leaders: UserRow[];
  enterprisesByPark: Map<string | null, { id: string; name: string; industryCode: string | null; isKey: boolean }[]>;
}

async function zoneFacts(db: Conn, zoneId: string, prefix: string): Promise<ZoneFacts> {
  const units = (await listUnits(db, zoneId)).sort((a, b) => a.sortOrder - b.sortOrder);
  const unitByKey = new Map<string, UnitRow>();
  for (const spec of DEMO_UNITS) {
    const u = units.find((x) => x.name === spec.name);
    if (u) unitByKey.set(spec.key, u);
  }
  const users = (await listUsers(db, zoneId, {}, { limit: 100_000, offset: 0 })).rows
    .filter((u) => !u.disabled)
    .sort((a, b) => (a.username < b.username ? -1 : 1));
  const rows = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      parkUnitId: enterprises.parkUnitId,
      industryCode: enterprises.industryCode,
      isKey: enterprises.isKey,
    })
    .from(enterprises)
    .where(eq(enterprises.zoneId, zoneId));
  // By name, so the picks do not depend on the order rows come back in.
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const enterprisesByPark = new Map<string | null, typeof rows>();
  for (const e of rows) {
    const inPark = enterprisesByPark.get(e.parkUnitId);
    if (inPark) inPark.push(e);
    else enterprisesByPark.set(e.parkUnitId, [e]);
  }
  return {
    units,
    unitByKey,
    staffOfUnit: (unitId) =>
      users.filter((u) => u.unitId === unitId && (u.role === "officer" || u.role === "unithead")),
    user: (username) => users.find((u) => u.username === `${prefix}${username}`),
    leaders: users.filter((u) => u.role === "leader").sort((a, b) => (a.username < b.username ? -1 : 1)),
    enterprisesByPark,
  };
}

/** The first working day on or after `date`. */
const workingOnOrAfter = (cal: WorkingCalendar, date: string) =>
  cal.isWorkingDay(date) ? date : cal.addWorkingDays(date, 1);

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

/**
 * Monthly reports in one statement of one array a column (unnest): on PGlite several times faster than a
 * multi-row VALUES list of the same rows, which binds ten parameters a row.
 */
async function insertReports(tx: Conn, rows: readonly ReportInsert[]): Promise<void> {
  if (!rows.length) return;
  // One PostgreSQL array literal a column, bound as one parameter.
  const col = (f: (r: ReportInsert) => string | number | null | undefined) =>
    `{${rows
      .map((r) => {
        const v = f(r);
        return v === null || v === undefined ? "NULL" : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`;
      })
      .join(",")}}`;
  await tx.execute(sql`
    insert into ${projectReports} (zone_id, project_id, year, month, completed_wan, progress, problems, reported_by,
      reported_at)
    select * from unnest(${col((r) => r.zoneId)}::uuid[], ${col((r) => r.projectId)}::uuid[],
      ${col((r) => r.year)}::smallint[], ${col((r) => r.month)}::smallint[], ${col((r) => r.completedWan)}::numeric[],
      ${col((r) => r.progress)}::text[], ${col((r) => r.problems)}::text[], ${col((r) => r.reportedBy)}::uuid[],
      ${col((r) => (r.reportedAt as Date).toISOString())}::timestamptz[])`);
}

/** `total` hundredths spread over the months by weight, exactly (the remainder to the heaviest month). */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - out.reduce((s, x) => s + x, 0);
  let heaviest = 0;
  weights.forEach((w, k) => {
    if (w > (weights[heaviest] ?? 0)) heaviest = k;
  });
  out[heaviest] = (out[heaviest] ?? 0) + rest;
  return out;
}

function progressText(
  r: Rng,
  stage: ProjectStage,
  startOn: string | null,
  year: number,
  month: number,
  months: number,
): string {
  const started = startOn !== null && startOn <= isoOf(year, month, daysInMonth(year, month));
  if (!started) return r.pick(PROGRESS.preliminary);
  const monthsIn = (year - yearOf(startOn)) * 12 + month - monthOf(startOn);
  if (stage === "completed" && month >= months - 1) return r.pick(PROGRESS.late);
  if (monthsIn < 4) return r.pick(PROGRESS.early);
  if (monthsIn < 18) return r.pick(PROGRESS.build);
  return r.pick(PROGRESS.late);
}

function milestonesOf(stage: ProjectStage, thisYear: boolean): { month: number; text: string }[] {
  if (!thisYear) return [];
  switch (stage) {
    case "new_start":
      return [
        { month: 6, text: "完成桩基施工" },
        { month: 12, text: "主体结构出正负零" },
      ];
    case "continuing":
      return [
        { month: 4, text: "主体结构封顶" },
        { month: 9, text: "设备进场安装" },
        { month: 12, text: "具备竣工验收条件" },
      ];
    case "completed":
      return [{ month: 10, text: "竣工验收" }];
    case "preliminary":
      return [{ month: 8, text: "取得施工许可证" }];
    default:
      return [];
  }
}

/**
 * A project's approval items: the stages before its start done in the months before it (施工许可证 shortly before
 * the start), a project not started yet with its current stage in progress, a completed one with its acceptance.
 * Working days are the zone's calendar's, so "within the limit" means what the app will compute.
 */
function approvalsOf(a: {
  r: Rng;
  cal: WorkingCalendar;
  today: string;
  zoneId: string;
  projectId: string;
  stage: ProjectStage;
  late: DemoSpec["late"];
  startOn: string;
  started: boolean;
  completedOn: string | null;
  unitId: (key: string) => UnitRow | undefined;
}): ApprovalInsert[] {
  const { r, cal, today } = a;
  const out: ApprovalInsert[] = [];
  const item = (stage: ApprovalStage, name: string, appliedNear: string, pendingIfRecent: boolean) => {
    const limit = LIMIT_OF.get(name) ?? 5;
    const applied = workingOnOrAfter(cal, appliedNear);
    if (applied > today) return;
    const late =
      (a.late === "approved" && name === "施工图审查") || (a.late === "pending" && name === "建设工程规划许可证");
    let approved: string | null = cal.addWorkingDays(applied, late ? limit + r.int(3, 6) : r.int(1, limit));
    // Pending: the late one, anything not approved by today, and half of those applied for within their limit.
    const recent = pendingIfRecent && applied >= cal.addWorkingDays(today, -limit);
    if (approved > today || (pendingIfRecent && late) || (recent && r.chance(0.5))) approved = null;
    const deptKey = DEPARTMENT_OF[name] ?? "construction";
    const unit = a.unitId(deptKey);
    const createdAt = at(applied, 9, r.int(0, 59));
    out.push({
      zoneId: a.zoneId,
      projectId: a.projectId,
      stage,
      name,
      departmentUnitId: unit?.id ?? null,
      department: unit?.name ?? deptKey,
      appliedOn: applied,
      approvedOn: approved,
      limitWorkingDays: limit,
      note: late && approved === null ? "材料补正后重新受理，催办中" : null,
      createdAt,
      updatedAt: approved ? at(approved, 16, r.int(0, 59)) : createdAt,
    });
  };
  // Dates before a start are laid out backwards from it; an item of a stage not reached yet is left out.
  const before = (days: number) => addDays(a.startOn, -days);
  const notStarted = !a.started;
  if (a.stage === "signed") {
    item("land_planning", "项目备案", addDays(today, -r.int(25, 60)), false);
    item("land_planning", "用地预审与选址意见书", a.cal.addWorkingDays(today, -r.int(2, 4)), true);
    return out;
  }
  if (notStarted) {
    // preliminary: land done, engineering under way; a late one waits past its limit.
    item("land_planning", "项目备案", addDays(today, -r.int(150, 220)), false);
    item("land_planning", "建设用地规划许可证", addDays(today, -r.int(70, 100)), false);
    item("engineering_permit", "设计方案审查", addDays(today, -r.int(30, 50)), false);
    const wait = a.late === "pending" ? (LIMIT_OF.get("建设工程规划许可证") ?? 5) + r.int(4, 7) : r.int(1, 3);
    item("engineering_permit", "建设工程规划许可证", a.cal.addWorkingDays(today, -wait), true);
    return out;
  }
  if (r.chance(0.7)) item("land_planning", "项目备案", before(r.int(240, 300)), false);
  item("land_planning", "用地预审与选址意见书", before(r.int(200, 230)), false);
  item("engineering_permit", "建设工程规划许可证", before(r.int(80, 100)), false);
  if (a.late === "approved" || r.chance(0.5)) item("construction_permit", "施工图审查", before(r.int(45, 60)), false);
  item("construction_permit", "施工许可证", before(r.int(12, 25)), false);
  if (a.completedOn) {
    item("completion_acceptance", "消防验收", addDays(a.completedOn, r.int(3, 10)), true);
    item("completion_acceptance", "竣工联合验收", addDays(a.completedOn, r.int(12, 20)), true);
  }
  return out;
}

/** The zone's project counters after a bulk insert: projects created through the app continue the numbering. */
async function updateCounters(tx: Conn, zoneId: string): Promise<void> {
  await tx.execute(sql`
    insert into ${projectCounters} (zone_id, year, last)
    select ${zoneId}::uuid, substr(code, 3, 4)::int, max(substr(code, 8)::int)
    from ${projects} where zone_id = ${zoneId}::uuid and code ~ '^XM[0-9]{4}-[0-9]+$'
    group by 1, 2
    on conflict (zone_id, year) do update set last = greatest(${projectCounters.last}, excluded.last)`);
}

// ---------------------------------------------------------------------------------------------------------------
// Scale

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
