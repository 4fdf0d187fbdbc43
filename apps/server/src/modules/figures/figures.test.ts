import type { Case, FiguresRow, ServiceFigures } from "@zoneos/contracts";
import { formatPercent, formatWorkingDays } from "@zoneos/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { findUnitByName, findUserByUsername } from "../org/org.queries.ts";

/**
 * A hand-built set of cases (category 政策咨询: accept the same working day, resolve within 3 working days), each
 * driven through the API with the clock moved by hand. Received Monday 2026-03-02 09:00 → accept due 03-02 17:30,
 * resolve due Thursday 03-05 17:30.
 *
 *  case  unit           accepted          replied (working days)   rating / end
 *  C1    高新技术产业园  03-02 10:00 in time  03-04 10:00 (2) on time   满意 → closed on time
 *  C2    高新技术产业园  03-02 10:00 in time  03-09 10:00 (5) late      基本满意 → closed late
 *  C3    规划和自然资源局 03-03 10:00 late     03-05 10:00 (3) on time   closed by the administrator, not rated
 *  C4    规划和自然资源局 03-02 15:00 in time  03-04 10:00 (2)           不满意 → reopened (rated, not closed)
 *  C5    高新技术产业园  04-14 11:00 in time  —                          open (received Tuesday 04-14 10:00)
 *  C6    → 兜底办       never                —                          escalated by the administrator (04-14)
 *  C0    received 2025-12-30: outside the period, counted nowhere.
 *
 * By hand: received 6; accepted in time 4 (C1 C2 C4 C5) → 响应率 66.7%; closed 3 (C1 C2 C3) → 办结率 50.0%;
 * closed on time 2 (C1 C3) → 按期办结率 66.7%; rated 3: 满意 1 / 基本满意 1 / 不满意 1 → 满意率 66.7%;
 * handling (2 + 5 + 3) ÷ 3 = 3.3 working days; reopened 1 (C4); escalated 1 (C6).
 */

let env: TestEnv;
let zone: TestZone;
let units: { park: string; planning: string; desk: string };
const cn = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);
const PERIOD = "from=2026-01-01&to=2026-12-31";

async function as(who: string, at: string): Promise<Client> {
  env.clock.set(cn(at));
  return Client.login(env.app, who.startsWith(zone.prefix) ? who : `${zone.prefix}${who}`);
}

async function step(who: string, at: string, c: Case, body: Record<string, unknown>): Promise<Case> {
  const client = await as(who, at);
  const fresh = json<Case>(await client.get(`/api/v1/cases/${c.id}`));
  const res = await client.post(`/api/v1/cases/${c.id}/steps`, { version: fresh.version, ...body });
  if (res.statusCode !== 200) throw new Error(`${body.step} by ${who}: ${res.statusCode} ${res.body}`);
  return json<Case>(res);
}

async function receive(at: string, title: string, unitId: string, officerId?: string): Promise<Case> {
  const ent = await as("enterprise", at);
  const res = await ent.post("/api/v1/cases", { category: "policy", title, description: `${title}的说明` });
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  return step("admin", at, json<Case>(res), { step: "dispatch", unitId, officerId: officerId ?? null });
}

const figures = async (who: string, query: string) => {
  const res = await (await as(who, "2026-04-20 10:00")).get(`/api/v1/figures/service?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<ServiceFigures>(res);
};
const shown = (r: Omit<FiguresRow, "key" | "name">) => ({
  received: r.received,
  响应率: formatPercent(r.responseRate),
  办结率: formatPercent(r.closeRate),
  按期办结率: formatPercent(r.onTimeRate),
  满意率: formatPercent(r.satisfactionRate),
  平均办理用时: formatWorkingDays(r.averageHandlingDays),
  重办: r.reopened,
  兜底: r.escalated,
});

beforeAll(async () => {
  env = await makeTestEnv();
  env.clock.set(cn("2025-12-01 09:00"));
  zone = await makeZone(env, { enterprises: 3 });
  const db = env.database.db;
  const unit = async (name: string, parentId: string | null = null) =>
    (await findUnitByName(db, zone.zoneId, parentId, name))?.id as string;
  const centre = await unit("企业服务中心");
  units = {
    park: await unit("高新技术产业园"),
    planning: await unit("规划和自然资源局"),
    desk: await unit("兜底办", centre),
  };
  const officerId = (await findUserByUsername(db, zone.user("officer")))?.id as string;
  const planner = `${zone.prefix}planner`;

  await receive("2025-12-30 10:00", "C0 去年的诉求", units.park, officerId);

  let c1 = await receive("2026-03-02 09:00", "C1 政策咨询", units.park, officerId);
  let c2 = await receive("2026-03-02 09:00", "C2 政策咨询", units.park, officerId);
  let c3 = await receive("2026-03-02 09:00", "C3 政策咨询", units.planning);
  let c4 = await receive("2026-03-02 09:00", "C4 政策咨询", units.planning);
  c1 = await step("officer", "2026-03-02 10:00", c1, { step: "accept" });
  c2 = await step("officer", "2026-03-02 10:00", c2, { step: "accept" });
  c4 = await step(planner, "2026-03-02 15:00", c4, { step: "accept" });
  c3 = await step(planner, "2026-03-03 10:00", c3, { step: "accept" });
  c1 = await step("officer", "2026-03-04 10:00", c1, { step: "reply", comment: "已答复" });
  c4 = await step(planner, "2026-03-04 10:00", c4, { step: "reply", comment: "已答复" });
  c3 = await step(planner, "2026-03-05 10:00", c3, { step: "reply", comment: "已答复" });
  c2 = await step("officer", "2026-03-09 10:00", c2, { step: "reply", comment: "已答复" });
  c1 = await step("enterprise", "2026-03-09 11:00", c1, { step: "rate", rating: "satisfied" });
  c2 = await step("enterprise", "2026-03-09 11:00", c2, { step: "rate", rating: "basically_satisfied" });
  c4 = await step("enterprise", "2026-03-09 11:00", c4, { step: "rate", rating: "unsatisfied" });
  c3 = await step("admin", "2026-03-10 10:00", c3, { step: "close" });
  expect([c1.state, c2.state, c3.state, c4.state]).toEqual(["closed", "closed", "closed", "accepted"]);

  let c5 = await receive("2026-04-14 10:00", "C5 政策咨询", units.park, officerId);
  c5 = await step("officer", "2026-04-14 11:00", c5, { step: "accept" });
  let c6 = await receive("2026-04-14 10:00", "C6 政策咨询", units.park, officerId);
  c6 = await step("admin", "2026-04-15 10:00", c6, { step: "escalate", comment: "企业反映无人受理" });
  expect(c6.ownerUnitId).toBe(units.desk);
}, 120_000);
afterAll(() => env.close());

describe("GET /api/v1/figures/service", () => {
  it("gives the hand-computed totals for the whole zone", async () => {
    const f = await figures("leader", `${PERIOD}&groupBy=unit`);
    expect(shown(f.totals)).toEqual({
      received: 6,
      响应率: "66.7%",
      办结率: "50.0%",
      按期办结率: "66.7%",
      满意率: "66.7%",
      平均办理用时: "3.3",
      重办: 1,
      兜底: 1,
    });
    expect(f.totals).toMatchObject({ acceptedInTime: 4, closed: 3, closedOnTime: 2, rated: 3, satisfied: 1 });
    expect(f.totals.basicallySatisfied).toBe(1);
    expect(f.yearsWithoutCalendar).toEqual([]);
  });

  it("breaks them down per owner unit", async () => {
    const f = await figures("admin", `${PERIOD}&groupBy=unit`);
    const byName = Object.fromEntries(f.rows.map((r) => [r.name, shown(r)]));
    expect(byName).toEqual({
      高新技术产业园: {
        received: 3,
        响应率: "100.0%",
        办结率: "66.7%",
        按期办结率: "50.0%",
        满意率: "100.0%",
        平均办理用时: "3.5",
        重办: 0,
        兜底: 0,
      },
      规划和自然资源局: {
        received: 2,
        响应率: "50.0%",
        办结率: "50.0%",
        按期办结率: "100.0%",
        满意率: "0.0%",
        平均办理用时: "3.0",
        重办: 1,
        兜底: 0,
      },
      兜底办: {
        received: 1,
        响应率: "0.0%",
        办结率: "0.0%",
        按期办结率: "—",
        满意率: "—",
        平均办理用时: "—",
        重办: 0,
        兜底: 1,
      },
    });
    expect(f.rows.map((r) => r.key)).toEqual([units.park, units.planning, units.desk]);
    expect(f.rows.find((r) => r.key === units.desk)?.onTimeRate).toBeNull();
  });

  it("breaks them down per month of receipt, every month of the period", async () => {
    const f = await figures("leader", `${PERIOD}&groupBy=month`);
    expect(f.rows).toHaveLength(12);
    expect(shown(f.rows[2] as FiguresRow)).toEqual({
      received: 4,
      响应率: "75.0%",
      办结率: "75.0%",
      按期办结率: "66.7%",
      满意率: "66.7%",
      平均办理用时: "3.3",
      重办: 1,
      兜底: 0,
    });
    expect(f.rows[3]).toMatchObject({ key: "2026-04", received: 2, closed: 0, closeRate: 0, onTimeRate: null });
    expect(f.rows[0]).toMatchObject({ key: "2026-01", received: 0, closeRate: null, responseRate: null });
  });

  it("counts only the period: last year's case shows in last year's figures", async () => {
    const f = await figures("leader", "from=2025-12-01&to=2025-12-31&groupBy=category");
    expect(f.totals.received).toBe(1);
    expect(f.rows).toEqual([expect.objectContaining({ key: "policy", name: "政策咨询", received: 1 })]);
    const march = await figures("leader", "from=2026-03-01&to=2026-03-31&groupBy=officer");
    expect(march.totals.received).toBe(4);
    expect(march.rows.find((r) => r.name === "王芳")).toMatchObject({ received: 2, closed: 2 });
  });

  it("shows a unit head only the cases owned in their unit subtree", async () => {
    const head = await figures("unithead", `${PERIOD}&groupBy=unit`);
    expect(head.totals.received).toBe(3);
    expect(head.rows.map((r) => r.name)).toEqual(["高新技术产业园"]);
    const planner = await figures(`${zone.prefix}planner`, `${PERIOD}&groupBy=month`);
    expect(shown(planner.totals)).toMatchObject({ received: 2, 办结率: "50.0%", 满意率: "0.0%" });
  });

  it("refuses officers and enterprise users, and a period that ends before it starts", async () => {
    const officer = await as("officer", "2026-04-20 10:00");
    expect((await officer.get(`/api/v1/figures/service?${PERIOD}`)).statusCode).toBe(403);
    const ent = await as("enterprise", "2026-04-20 10:00");
    expect((await ent.get(`/api/v1/figures/service/export?${PERIOD}`)).statusCode).toBe(403);
    const admin = await as("admin", "2026-04-20 10:00");
    const bad = await admin.get("/api/v1/figures/service?from=2026-05-01&to=2026-04-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("结束日期不能早于开始日期");
  });

  it("defaults to the current year", async () => {
    const f = await figures("admin", "");
    expect([f.from, f.to, f.groupBy, f.totals.received]).toEqual(["2026-01-01", "2026-12-31", "unit", 6]);
  });
});

describe("GET /api/v1/figures/service/export", () => {
  it("holds the same rows and a totals row, rates as numbers in % format", async () => {
    const admin = await as("admin", "2026-04-20 10:00");
    const res = await admin.get(`/api/v1/figures/service/export?${PERIOD}&groupBy=unit`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("服务数据-2026-01-01-2026-12-31.xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(["承办单位", "受理数", "按时受理", "响应率", "办结数", "办结率", "按期办结数"]);
    expect(header).toContain("平均办理用时(工作日)");
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [2, 3, 4, 5].map((i) => ws.getRow(i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(["高新技术产业园", "规划和自然资源局", "兜底办", "合计"]);
    const total = rows[3] as ExcelJS.Row;
    expect(total.getCell(col("受理数")).value).toBe(6);
    expect(total.getCell(col("响应率")).value).toBeCloseTo(4 / 6, 10);
    expect(total.getCell(col("响应率")).numFmt).toBe("0.0%");
    expect(total.getCell(col("办结率")).value).toBe(0.5);
    expect(total.getCell(col("按期办结率")).value).toBeCloseTo(2 / 3, 10);
    expect(total.getCell(col("满意率")).value).toBeCloseTo(2 / 3, 10);
    expect(total.getCell(col("平均办理用时(工作日)")).value).toBeCloseTo(10 / 3, 10);
    expect(total.getCell(col("重办")).value).toBe(1);
    expect(total.getCell(col("兜底")).value).toBe(1);
    // A rate of nothing is a dash, not 0%.
    expect((rows[2] as ExcelJS.Row).getCell(col("按期办结率")).value).toBe("—");
  });
});
