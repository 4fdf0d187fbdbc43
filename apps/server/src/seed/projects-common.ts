/**
 * What the demo's projects (projects-demo.ts) and the scale generator (projects-generator.ts) share: the row types,
 * China calendar dates and 万元 amounts, the texts and tables both draw from, the zone's units, people and
 * enterprises, and the project counters after a bulk insert.
 */
import type { ProjectLevel } from "@zoneos/domain";
import { eq, sql } from "drizzle-orm";
import type { Conn } from "../db/client.ts";
import { enterprises } from "../modules/enterprises/enterprises.tables.ts";
import { listUnits, listUsers, type UnitRow, type UserRow } from "../modules/org/org.queries.ts";
import {
  type projectApprovals,
  projectCounters,
  type projectPlans,
  type projectPlanVersions,
  type projectReports,
  projects,
} from "../modules/projects/projects.tables.ts";
import { DEMO_UNITS, type Rng } from "./generator.ts";

export type ProjectInsert = typeof projects.$inferInsert;
export type PlanInsert = typeof projectPlans.$inferInsert;
export type PlanVersionInsert = typeof projectPlanVersions.$inferInsert;
export type ReportInsert = typeof projectReports.$inferInsert;
export type ApprovalInsert = typeof projectApprovals.$inferInsert;

// ---------------------------------------------------------------------------------------------------------------
// Dates (China calendar dates, YYYY-MM-DD)

const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, "0");
export const isoOf = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const monthOf = (date: string) => Number(date.slice(5, 7));
export const yearOf = (date: string) => Number(date.slice(0, 4));
/** An instant of a China date at hh:mm. */
export const at = (date: string, hh = 10, mm = 0) => new Date(`${date}T${pad2(hh)}:${pad2(mm)}:00+08:00`);
export const earlier = (a: Date, b: Date) => (a < b ? a : b);

/** Amounts in 万元 with two decimals, kept as whole hundredths so that months add up exactly. */
export const wanOfCents = (cents: number) => `${Math.floor(cents / 100)}.${pad2(cents % 100)}`;
/** A plan or total rounded as people write them: to 100 万元 from 10,000 up, to 10 below. */
export const roundWan = (wan: number) =>
  wan >= 10_000 ? Math.round(wan / 100) * 100 : Math.max(10, Math.round(wan / 10) * 10);
export const uniform = (r: Rng, lo: number, hi: number) => lo + r.next() * (hi - lo);
/** Log-uniform between lo and hi: many small projects, a few large ones. */
export const logUniform = (r: Rng, lo: number, hi: number) => Math.exp(uniform(r, Math.log(lo), Math.log(hi)));

/** Relative weight of each month's investment: slow around the Spring Festival, a push at the year's end. */
export const SEASON = [0.55, 0.45, 0.9, 1, 1.05, 1.05, 1, 1, 1.05, 1.1, 1.1, 1.25];

export const SIDES = ["以东", "以西", "以南", "以北"];

export const PROGRESS = {
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
export const PLAN_CHANGE_REASONS = {
  down: "受用地报批进度影响，经管委会同意，年度投资计划调减",
  up: "项目加快建设，追加设备投资，年度投资计划调增",
  lastYear: "设备采购合同调整，年中调整年度投资计划",
};

/** Total investment (万元) by level: 省重大 are the big ones. */
export const TOTAL_RANGE: Record<ProjectLevel, [number, number]> = {
  provincial: [100_000, 500_000],
  municipal: [20_000, 150_000],
  district: [5_000, 60_000],
};

export interface ZoneFacts {
  /** In the zone's order. */
  units: UnitRow[];
  unitByKey: Map<string, UnitRow>;
  staffOfUnit: (unitId: string) => UserRow[];
  user: (username: string) => UserRow | undefined;
  leaders: UserRow[];
  enterprisesByPark: Map<string | null, { id: string; name: string; industryCode: string | null; isKey: boolean }[]>;
}

export async function zoneFacts(db: Conn, zoneId: string, prefix: string): Promise<ZoneFacts> {
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

/** The zone's project counters after a bulk insert: projects created through the app continue the numbering. */
export async function updateCounters(tx: Conn, zoneId: string): Promise<void> {
  await tx.execute(sql`
    insert into ${projectCounters} (zone_id, year, last)
    select ${zoneId}::uuid, substr(code, 3, 4)::int, max(substr(code, 8)::int)
    from ${projects} where zone_id = ${zoneId}::uuid and code ~ '^XM[0-9]{4}-[0-9]+$'
    group by 1, 2
    on conflict (zone_id, year) do update set last = greatest(${projectCounters.last}, excluded.last)`);
}
