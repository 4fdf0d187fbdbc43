import type {
  AuditEntry,
  EnterpriseSummary,
  Project,
  ProjectBoard,
  ReportImportResult,
  ReportSheet,
} from "@zoneos/contracts";
import { creditCodeCheckChar } from "@zoneos/domain";
import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { listUnits } from "../org/org.queries.ts";

/**
 * Projects and Excel through the API: journey 3 (a month's report of 20 projects from the template, all rows or
 * none, the locked month, the reopening), the project import (creates, updates, new owner enterprises, refusals)
 * and the board's export as a monthly report read back cell by cell.
 */

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

type List<T> = { items: T[]; total: number };
type Cell = string | number | Date | null;
/** China time 10:00 on a date. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A valid credit code of a company in 江宁区, different for each n. */
function creditCode(n: number): string {
  const body = `91320115MA${String(n).padStart(7, "0")}`;
  return body + creditCodeCheckChar(body);
}

function xlsxOf(res: LightMyRequestResponse): Buffer {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe(XLSX);
  return res.rawPayload;
}

async function readXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The values of every non-empty row of a sheet (column A first, empty cells null), keyed by row number. */
function rowsOf(ws: ExcelJS.Worksheet | undefined): Map<number, ExcelJS.CellValue[]> {
  const out = new Map<number, ExcelJS.CellValue[]>();
  const width = ws?.columnCount ?? 0;
  ws?.eachRow((row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    out.set(
      n,
      Array.from({ length: Math.max(width, values.length - 1) }, (_, i) => values[i + 1] ?? null),
    );
  });
  return out;
}

/** Sets cells of a workbook's first sheet ({row: {column: value}}, 1-based) and returns the bytes. */
async function edit(buf: Buffer, changes: Record<number, Record<number, Cell>>): Promise<Buffer> {
  const wb = await readXlsx(buf);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  for (const [r, cells] of Object.entries(changes))
    for (const [c, v] of Object.entries(cells)) ws.getCell(Number(r), Number(c)).value = v;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface World {
  zone: TestZone;
  admin: Client;
  officer: Client;
  unithead: Client;
  parkId: string;
  units: Map<string, string>;
  ents: EnterpriseSummary[];
  /** Moves the clock to a day (10:00 in China) and logs everyone in again (sessions expire). */
  moveTo(date: string): Promise<void>;
}

async function world(date: string): Promise<World> {
  env.clock.set(at(date));
  const zone = await makeZone(env, { enterprises: 3 });
  const admin = await Client.login(env.app, zone.user("admin"));
  const units = new Map((await listUnits(env.database.db, zone.zoneId)).map((u) => [u.name, u.id]));
  const ents = json<List<EnterpriseSummary>>(await admin.get("/api/v1/enterprises?pageSize=10&sort=name")).items;
  const officer = await Client.login(env.app, zone.user("officer"));
  const unithead = await Client.login(env.app, zone.user("unithead"));
  const clients: [Client, string][] = [
    [admin, zone.user("admin")],
    [officer, zone.user("officer")],
    [unithead, zone.user("unithead")],
  ];
  return {
    zone,
    admin,
    officer,
    unithead,
    parkId: units.get("高新技术产业园") as string,
    units,
    ents,
    async moveTo(day) {
      env.clock.set(at(day));
      for (const [c, username] of clients) c.cookies = (await Client.login(env.app, username)).cookies;
    },
  };
}

const LEVELS = ["provincial", "municipal", "district"] as const;
/** Project i's name; project 2 has a name a spreadsheet would run as a formula. */
const projectName = (i: number) => (i === 2 ? '=HYPERLINK("http://x")项目' : `测试项目${i + 1}号`);

/**
 * 20 projects of 高新技术产业园 (XM2026-001…020), levels in turn 省重大/市重点/区重点, each with a 2026 plan of
 * 10,000 万元 (Σ 200,000); the first four are planned new starts in March, the first two started on 2026-03-05.
 */
async function twentyProjects(w: World): Promise<Project[]> {
  const out: Project[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await w.admin.post("/api/v1/projects", {
      name: projectName(i),
      ownerEnterpriseId: w.ents[i % w.ents.length]?.id,
      totalInvestmentWan: "50000",
      type: "industry",
      level: LEVELS[i % 3],
      stage: i < 4 ? "new_start" : "continuing",
      unitId: w.parkId,
      actualStartOn: i < 2 ? "2026-03-05" : null,
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = json<Project>(res);
    const plan = await w.admin.put(`/api/v1/projects/${p.id}/plans/2026`, {
      planWan: "10000",
      newStartPlanned: i < 4,
      newStartMonth: i < 4 ? 3 : null,
    });
    expect(plan.statusCode, plan.body).toBe(200);
    out.push(json<Project>(plan));
  }
  return out;
}

/** March: 1,300 + 100·i 万元 for project i, with 0.5 moved from project 2 to project 1 (Σ 45,000). */
const march = (i: number) => (i === 0 ? 1300.5 : i === 1 ? 1399.5 : 1300 + 100 * i);
/** April: 850 万元 each (Σ 17,000; with March 62,000 of 200,000 = 31.0%). */
const APRIL = 850;

/** Columns of the report template: A 项目编号 … F 本月完成投资 G 形象进度 H 存在问题; data from row 4. */
const COL = { code: 1, name: 2, completed: 6, progress: 7, problems: 8 };
const FIRST = 4;

async function reportTemplate(c: Client, year: number, month: number): Promise<Buffer> {
  return xlsxOf(await c.get(`/api/v1/project-reports/template?year=${year}&month=${month}`));
}

async function importReports(c: Client, year: number, month: number, file: Buffer): Promise<ReportImportResult> {
  const res = await c.upload(`/api/v1/project-reports/import?year=${year}&month=${month}`, "月报.xlsx", file);
  expect(res.statusCode, res.body).toBe(200);
  return json<ReportImportResult>(res);
}

async function board(c: Client, year: number, month: number): Promise<ProjectBoard> {
  const res = await c.get(`/api/v1/projects?year=${year}&month=${month}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return json<ProjectBoard>(res);
}

async function auditTotal(c: Client, action: string): Promise<number> {
  return json<List<AuditEntry>>(await c.get(`/api/v1/audit?action=${action}&pageSize=1`)).total;
}

describe("journey 3: a month's report of 20 projects from the Excel template", () => {
  it("imports all rows or none, shows the figures on the board, refuses a locked month until it is reopened", async () => {
    const w = await world("2026-03-10");
    const projects = await twentyProjects(w);
    expect(projects.map((p) => p.code)).toEqual(
      Array.from({ length: 20 }, (_, i) => `XM2026-${String(i + 1).padStart(3, "0")}`),
    );

    // The template lists the officer's 20 projects with the plan and the year to date before March (grey).
    const tplRes = await w.officer.get("/api/v1/project-reports/template?year=2026&month=3");
    expect(tplRes.headers["content-disposition"]).toContain(encodeURIComponent("项目月报-2026年3月.xlsx"));
    const tpl = xlsxOf(tplRes);
    const tplBook = await readXlsx(tpl);
    expect(tplBook.worksheets.map((s) => s.name)).toEqual(["项目月报", "填写说明"]);
    const tplRows = rowsOf(tplBook.worksheets[0]);
    expect(tplRows.get(1)?.[0]).toBe("2026年3月重大项目投资完成情况填报表");
    expect(String(tplRows.get(2)?.[0])).toContain("填报截止：2026-03-25");
    expect(tplRows.get(3)).toEqual([
      "项目编号",
      "项目名称",
      "责任单位",
      "年度计划(万元)",
      "1–2月累计(万元)",
      "本月完成投资(万元)*",
      "形象进度",
      "存在问题",
    ]);
    for (let i = 0; i < 20; i++)
      expect(tplRows.get(FIRST + i)?.slice(0, 5)).toEqual([
        projects[i]?.code,
        i === 2 ? `'${projectName(2)}` : projectName(i),
        "高新技术产业园",
        10000,
        0,
      ]);
    expect(tplRows.get(FIRST + 20)).toBeUndefined();
    expect(tplBook.worksheets[0]?.getCell(FIRST, 1).fill).toMatchObject({ fgColor: { argb: "FFEFEFEF" } });
    const help = [...rowsOf(tplBook.getWorksheet("填写说明")).values()].map((r) => r.join(" "));
    expect(help.find((l) => l.startsWith("填报截止"))).toContain("2026-03-25");
    expect(help.find((l) => l.startsWith("本月完成投资"))).toContain("不是 1 月至今的累计");

    // Filled in (one text begins with "-": stored as typed) and uploaded: all 20 reported.
    const filled: Record<number, Record<number, Cell>> = {};
    for (let i = 0; i < 20; i++) filled[FIRST + i] = { [COL.completed]: march(i) };
    filled[FIRST] = {
      [COL.completed]: march(0),
      [COL.progress]: "-3 层基坑开挖完成",
      [COL.problems]: "施工用电待接入",
    };
    const marchFile = await edit(tpl, filled);
    expect(await importReports(w.officer, 2026, 3, marchFile)).toEqual({
      status: "done",
      totalRows: 20,
      changedRows: 20,
      unchangedRows: 0,
      problems: [],
    });
    expect(await auditTotal(w.admin, "project.report")).toBe(20);

    // The board of March: Σ 45,000 of 200,000 = 22.5% against 序时进度 3/12 = 25.0% → 2.5 points behind.
    const inMarch = await board(w.admin, 2026, 3);
    expect(inMarch.totals.schedule).toMatchObject({
      planWan: "200000",
      completedYtdWan: "45000",
      completionPercent: 22.5,
      elapsedPercent: 25,
      pointsAhead: -2.5,
    });
    expect(inMarch.totals.reportedCount).toBe(20);
    const first = inMarch.items.find((p) => p.code === "XM2026-001");
    // 1,300.5 ÷ 10,000 = 13.005% → 13.0; 13.005 − 25 = −11.995 → −12.0; more than 5 points behind.
    expect(first?.schedule).toMatchObject({
      completedYtdWan: "1300.5",
      completionPercent: 13,
      pointsAhead: -12,
      behind: true,
    });
    expect(first?.monthCompletedWan).toBe("1300.5");
    const last = inMarch.items.find((p) => p.code === "XM2026-020");
    // 3,200 ÷ 10,000 = 32.0% → 7.0 points ahead.
    expect(last?.schedule).toMatchObject({ completionPercent: 32, pointsAhead: 7, behind: false });
    const sheet = json<ReportSheet>(await w.officer.get("/api/v1/project-reports?year=2026&month=3"));
    expect(sheet.items.find((r) => r.code === "XM2026-001")?.report).toMatchObject({
      completedWan: "1300.5",
      progress: "-3 层基坑开挖完成",
      problems: "施工用电待接入",
    });

    // The same file again: nothing changes.
    expect(await importReports(w.officer, 2026, 3, marchFile)).toMatchObject({
      status: "done",
      changedRows: 0,
      unchangedRows: 20,
    });
    // The template downloaded again comes filled in with the reports and uploads unchanged (round trip).
    const again = await reportTemplate(w.officer, 2026, 3);
    const againRows = rowsOf((await readXlsx(again)).worksheets[0]);
    expect(againRows.get(FIRST)?.slice(5)).toEqual([1300.5, "'-3 层基坑开挖完成", "施工用电待接入"]);
    expect(await importReports(w.officer, 2026, 3, again)).toMatchObject({ changedRows: 0, unchangedRows: 20 });
    expect(await auditTotal(w.admin, "project.report")).toBe(20);

    // One bad amount and one unknown code (and a changed amount that must not land): refused, nothing written.
    const bad = await edit(marchFile, {
      [FIRST]: { [COL.completed]: 9999 },
      [FIRST + 1]: { [COL.completed]: 12.34567 },
      [FIRST + 5]: { [COL.code]: "XM2099-999" },
    });
    expect(await importReports(w.officer, 2026, 3, bad)).toEqual({
      status: "rejected",
      totalRows: 20,
      changedRows: 0,
      unchangedRows: 0,
      problems: [
        {
          sheet: "项目月报",
          row: 5,
          column: "F（本月完成投资(万元)）",
          value: "12.34567",
          reason: "应为不小于 0 的数字，最多 4 位小数",
        },
        {
          sheet: "项目月报",
          row: 9,
          column: "A（项目编号）",
          value: "XM2099-999",
          reason: "不是您可填报的项目（项目编号不存在，或项目不属于您的单位）",
        },
      ],
    });
    expect((await board(w.admin, 2026, 3)).totals).toEqual(inMarch.totals);
    expect(await auditTotal(w.admin, "project.report")).toBe(20);
    // The same report in English for an English user.
    w.officer.lang = "en-US";
    const english = await importReports(w.officer, 2026, 3, bad);
    expect(english.problems.map((p) => p.reason)).toEqual([
      "Must be a number ≥ 0 with at most 4 decimals",
      "Not a project you report (no such code, or the project is not your unit's)",
    ]);
    w.officer.lang = "zh-CN";

    // April: the template carries March as the year to date; 850 each → Σ 62,000 of 200,000.
    await w.moveTo("2026-04-10");
    const aprilTpl = await reportTemplate(w.officer, 2026, 4);
    const aprilRows = rowsOf((await readXlsx(aprilTpl)).worksheets[0]);
    expect(aprilRows.get(3)?.[4]).toBe("1–3月累计(万元)");
    expect(aprilRows.get(FIRST)?.slice(3, 6)).toEqual([10000, 1300.5, null]);
    const aprilFill: Record<number, Record<number, Cell>> = {};
    for (let i = 0; i < 20; i++) aprilFill[FIRST + i] = { [COL.completed]: APRIL };
    expect(await importReports(w.officer, 2026, 4, await edit(aprilTpl, aprilFill))).toMatchObject({
      status: "done",
      changedRows: 20,
    });
    // PRODUCT.md's example: 62,000 of 200,000 by the end of April → 31.0%, 序时进度 33.3%, 2.3 points behind;
    // 2 of 4 planned new starts started → 50.0%.
    const inApril = await board(w.admin, 2026, 4);
    expect(inApril.totals.schedule).toMatchObject({
      planWan: "200000",
      completedYtdWan: "62000",
      completionPercent: 31,
      elapsedPercent: 33.3,
      pointsAhead: -2.3,
      behind: false,
    });
    expect(inApril.totals.startRate).toMatchObject({ started: 2, plannedAnnual: 4, annualPercent: 50 });
    // 2,150.5 ÷ 10,000 = 21.505% → 21.5; 21.505 − 33.33… = −11.83 → −11.8.
    expect(inApril.items.find((p) => p.code === "XM2026-001")?.schedule).toMatchObject({
      completedYtdWan: "2150.5",
      completionPercent: 21.5,
      pointsAhead: -11.8,
    });

    // The board exported as the monthly report: title, totals sentence, level blocks with subtotals, 合计.
    const exportRes = await w.admin.get("/api/v1/projects/export?year=2026&month=4");
    expect(exportRes.headers["content-disposition"]).toContain(encodeURIComponent("重大项目进展月报-2026年4月.xlsx"));
    const exported = await readXlsx(xlsxOf(exportRes));
    const ws = exported.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe("2026年1–4月重大项目进展情况表");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    const ex = rowsOf(ws);
    expect(ex.get(1)?.[0]).toBe("2026年1–4月重大项目进展情况表");
    expect(String(ex.get(2)?.[0])).toMatch(
      /^20 个项目完成投资 6\.20 亿元，占年度计划 31\.0%，慢序时进度 2\.3 个百分点；新开工 2\/4，开工率 50\.0%/,
    );
    expect(ex.get(3)).toEqual([
      "序号",
      "项目编号",
      "项目名称",
      "业主单位",
      "级别",
      "类型",
      "阶段",
      "责任单位",
      "挂钩领导",
      "总投资(万元)",
      "年度计划(万元)",
      "本月完成(万元)",
      "1–4月累计完成(万元)",
      "完成率(%)",
      "序时进度(%)",
      "超(慢)序时进度(百分点)",
      "累计完成占总投资(%)",
      "是否滞后",
    ]);
    // 省重大: projects 1, 4, …, 19 (7); March 15,400.5 + April 5,950 = 21,350.5 of 70,000 = 30.50…% → −2.8.
    expect(ex.get(4)?.slice(2)).toEqual([
      "一、省重大项目小计（7 个）",
      null,
      null,
      null,
      null,
      null,
      null,
      350000,
      70000,
      5950,
      21350.5,
      30.5,
      33.3,
      -2.8,
      6.1,
      "否",
    ]);
    const firstProject = ex.get(5) ?? [];
    expect(firstProject.slice(0, 9)).toEqual([
      1,
      "XM2026-001",
      "测试项目1号",
      w.ents[0]?.name,
      "省重大",
      "产业",
      "新开工",
      "高新技术产业园",
      null,
    ]);
    expect(firstProject.slice(9)).toEqual([50000, 10000, 850, 2150.5, 21.5, 33.3, -11.8, 4.3, "是"]);
    const labels = [...ex.values()].map((r) => r[2]);
    expect(labels.filter((l) => typeof l === "string" && /小计/.test(l))).toEqual([
      "一、省重大项目小计（7 个）",
      "二、市重点项目小计（7 个）",
      "三、区重点项目小计（6 个）",
    ]);
    // The name that looks like a formula is text with the apostrophe, never a formula.
    const risky = [...ex.values()].find((r) => r[1] === "XM2026-003");
    expect(risky?.[2]).toBe(`'${projectName(2)}`);
    const totalRow = [...ex.values()].find((r) => r[2] === "合计（20 个）") ?? [];
    expect(totalRow.slice(9)).toEqual([
      1000000,
      200000,
      17000,
      62000,
      inApril.totals.schedule.completionPercent,
      inApril.totals.schedule.elapsedPercent,
      inApril.totals.schedule.pointsAhead,
      6.2,
      "否",
    ]);
    const exports = json<List<AuditEntry>>(await w.admin.get("/api/v1/audit?action=project.export")).items;
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({
      entityType: "project",
      entityId: "*",
      after: { filter: { year: 2026, month: 4 } },
    });

    // March is locked now (closed 2026-03-25): a correction is refused with the reason, nothing written.
    const correction = await edit(marchFile, { [FIRST + 19]: { [COL.completed]: 3300 } });
    const locked = await importReports(w.officer, 2026, 3, correction);
    expect(locked.status).toBe("rejected");
    expect(locked.problems).toHaveLength(20);
    expect(locked.problems[0]).toEqual({
      sheet: "项目月报",
      row: FIRST,
      column: "A（项目编号）",
      value: "XM2026-001",
      reason: "2026 年 3 月的填报已于 2026-03-25 截止并锁定；如需补报或更正，请单位负责人重新开放",
    });
    expect((await board(w.admin, 2026, 4)).totals).toEqual(inApril.totals);

    // The unit head reopens March for the park until 2026-04-15: the same file passes, one row changed.
    const reopen = await w.unithead.post("/api/v1/project-reports/reopenings", {
      unitId: w.parkId,
      year: 2026,
      month: 3,
      reason: "补报三月数据",
      until: "2026-04-15",
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(await importReports(w.officer, 2026, 3, correction)).toMatchObject({
      status: "done",
      changedRows: 1,
      unchangedRows: 19,
      problems: [],
    });
    const corrected = await board(w.admin, 2026, 4);
    expect(corrected.totals.schedule).toMatchObject({
      completedYtdWan: "62100",
      completionPercent: 31.1,
      pointsAhead: -2.3,
    });
    expect(await auditTotal(w.admin, "project.report")).toBe(41);
  });
});

describe("report import: matching and the file", () => {
  it("matches by name when the code is empty, refuses duplicates, a missing amount, a name that is not unique, another month's file", async () => {
    const w = await world("2026-03-10");
    for (const [i, name] of ["一号厂房", "二号厂房", "二号厂房"].entries()) {
      const res = await w.admin.post("/api/v1/projects", {
        name,
        ownerEnterpriseId: w.ents[0]?.id,
        totalInvestmentWan: "1000",
        type: "industry",
        level: LEVELS[i],
        stage: "continuing",
        unitId: w.parkId,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("填报");
    ws.addRow(["2026年3月重大项目投资完成情况填报表"]);
    ws.addRow(["项目编号", "项目名称", "本月完成投资（万元）", "形象进度"]);
    ws.addRow(["", "一号厂房", 100, "主体施工"]); // 3: by name
    ws.addRow(["XM2026-001", "", 50]); // 4: the same project again
    ws.addRow(["", "二号厂房", 10]); // 5: two projects have this name
    ws.addRow(["XM2026-003", "二号厂房", ""]); // 6: no amount
    ws.addRow(["XM2026-002", "", -5]); // 7: negative
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const refused = await importReports(w.officer, 2026, 3, file);
    expect(refused.problems.map((p) => [p.row, p.column, p.value, p.reason])).toEqual([
      [4, "A（项目编号）", "XM2026-001", "与第 3 行是同一个项目"],
      [5, "B（项目名称）", "二号厂房", "有多个同名项目，请填写项目编号"],
      [6, "C（本月完成投资(万元)）", "", "必填"],
      [7, "C（本月完成投资(万元)）", "-5", "应为不小于 0 的数字，最多 4 位小数"],
    ]);
    expect(refused.problems.every((p) => p.sheet === "填报")).toBe(true);

    // Fixed: rows by name and by code land.
    const fixedBook = new ExcelJS.Workbook();
    const fixedSheet = fixedBook.addWorksheet("填报");
    fixedSheet.addRow(["项目编号", "项目名称", "本月完成投资（万元）", "形象进度"]);
    fixedSheet.addRow(["", "一号厂房", 100, "主体施工"]);
    fixedSheet.addRow(["XM2026-003", "", 20.25]);
    const fixed = await importReports(w.officer, 2026, 3, Buffer.from(await fixedBook.xlsx.writeBuffer()));
    expect(fixed).toMatchObject({ status: "done", totalRows: 2, changedRows: 2 });
    const b = json<ProjectBoard>(await w.admin.get("/api/v1/projects?year=2026&month=3&planned=false"));
    expect(b.items.map((i) => [i.code, i.monthCompletedWan])).toEqual([
      ["XM2026-001", "100"],
      ["XM2026-002", null],
      ["XM2026-003", "20.25"],
    ]);

    // A file of another month, a file without the header, a template without rows.
    const res = await w.officer.upload("/api/v1/project-reports/import?year=2026&month=2", "x.xlsx", file);
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({
      code: "IMPORT_BAD_FILE",
      detail: "无法读取 Excel 文件：这是 2026 年 3 月的填报表，不是 2026 年 2 月的",
    });
    const noHeader = new ExcelJS.Workbook();
    noHeader.addWorksheet("x").addRow(["编号", "金额"]);
    const res2 = await w.officer.upload(
      "/api/v1/project-reports/import?year=2026&month=3",
      "x.xlsx",
      Buffer.from(await noHeader.xlsx.writeBuffer()),
    );
    expect(res2.statusCode).toBe(400);
    expect(json(res2).detail).toContain("找不到填报表的表头行");
    const empty = await w.unithead.get(
      `/api/v1/project-reports/template?year=2026&month=3&unitId=${w.units.get("建设管理局")}`,
    );
    const res3 = await w.officer.upload("/api/v1/project-reports/import?year=2026&month=3", "x.xlsx", xlsxOf(empty));
    expect(res3.statusCode).toBe(400);
    expect(json(res3)).toMatchObject({ code: "IMPORT_EMPTY" });
  });
});

// ---- the project import

const PROJECT_HEADERS = [
  "项目编号",
  "项目名称*",
  "业主单位统一社会信用代码*",
  "业主单位名称",
  "总投资(万元)*",
  "项目类型*",
  "项目级别*",
  "所属园区",
  "行业代码",
  "建设阶段*",
  "计划开工日期",
  "计划竣工日期",
  "实际开工日期",
  "实际竣工日期",
  "挂钩领导",
  "责任单位*",
  "专班成员",
  "建设地点",
  "2026年计划投资(万元)",
  "2026年计划新开工",
  "计划开工月份",
];

/** A row of the project template from values named by their header (without the star). */
function projectRow(values: Record<string, Cell | undefined>): Cell[] {
  return PROJECT_HEADERS.map((h) => values[h.replace("*", "")] ?? null);
}

async function fillProjects(template: Buffer, rows: Cell[][]): Promise<Buffer> {
  const changes: Record<number, Record<number, Cell>> = {};
  rows.forEach((values, i) => {
    changes[i + 2] = Object.fromEntries(values.map((v, j) => [j + 1, v]));
  });
  return edit(template, changes);
}

async function importProjects(c: Client, file: Buffer): Promise<ReportImportResult> {
  const res = await c.upload("/api/v1/projects/import", "项目.xlsx", file);
  expect(res.statusCode, res.body).toBe(200);
  return json<ReportImportResult>(res);
}

async function projectTemplate(c: Client): Promise<Buffer> {
  return xlsxOf(await c.get("/api/v1/projects/import-template"));
}

describe("project import", () => {
  it("creates projects with this year's plan and a new owner enterprise, then updates one by its code", async () => {
    const w = await world("2026-03-10");
    const tplRes = await w.admin.get("/api/v1/projects/import-template");
    expect(tplRes.headers["content-disposition"]).toContain(encodeURIComponent("重大项目导入模板.xlsx"));
    const tpl = xlsxOf(tplRes);
    const book = await readXlsx(tpl);
    expect(book.worksheets.map((s) => s.name)).toEqual(["重大项目", "填写说明"]);
    expect(rowsOf(book.worksheets[0]).get(1)).toEqual(PROJECT_HEADERS);
    const notes = [...rowsOf(book.getWorksheet("填写说明")).values()].map((r) => r.join(" "));
    expect(notes.find((l) => l.startsWith("挂钩领导"))).toContain("张建国（分管领导）");

    const owner = w.ents[1] as EnterpriseSummary;
    const newCode = creditCode(4242);
    const rows = [
      projectRow({
        项目名称: "新能源电池项目",
        业主单位统一社会信用代码: owner.creditCode.toLowerCase(),
        "总投资(万元)": 80000,
        项目类型: "产业",
        项目级别: "省重大",
        所属园区: "新能源产业园",
        行业代码: "C3841",
        建设阶段: "新开工",
        计划开工日期: new Date(Date.UTC(2026, 2, 1)),
        计划竣工日期: "2027-12-31",
        挂钩领导: "张建国",
        责任单位: "高新技术产业园",
        专班成员: `${w.zone.prefix}officer、李明（园区主任）`,
        建设地点: "科创大道 1 号",
        "2026年计划投资(万元)": 20000,
        "2026年计划新开工": "是",
        计划开工月份: "3月",
      }),
      projectRow({
        项目名称: "人才公寓",
        业主单位统一社会信用代码: newCode,
        业主单位名称: "新设置业有限公司",
        "总投资(万元)": "12000.5",
        项目类型: "社会民生",
        项目级别: "市重点",
        建设阶段: "前期",
        责任单位: "高新技术产业园",
        "2026年计划投资(万元)": 5000,
        "2026年计划新开工": "否",
      }),
      projectRow({
        项目编号: "ZD-2026-01",
        项目名称: "园区道路改造",
        业主单位统一社会信用代码: owner.creditCode,
        "总投资(万元)": 3000,
        项目类型: "基础设施",
        项目级别: "区重点",
        建设阶段: "续建",
        责任单位: "高新技术产业园",
      }),
    ];
    const file = await fillProjects(tpl, rows);
    expect(await importProjects(w.admin, file)).toEqual({
      status: "done",
      totalRows: 3,
      changedRows: 3,
      unchangedRows: 0,
      problems: [],
    });

    const all = json<ProjectBoard>(await w.admin.get("/api/v1/projects?planned=false&year=2026&month=3&pageSize=50"));
    expect(all.items.map((p) => [p.code, p.name, p.schedule.planWan])).toEqual([
      ["XM2026-001", "新能源电池项目", "20000"],
      ["XM2026-002", "人才公寓", "5000"],
      ["ZD-2026-01", "园区道路改造", null],
    ]);
    const battery = json<Project>(await w.admin.get(`/api/v1/projects/${all.items[0]?.id}`));
    expect(battery).toMatchObject({
      ownerEnterpriseId: owner.id,
      totalInvestmentWan: "80000",
      type: "industry",
      level: "provincial",
      stage: "new_start",
      parkName: "新能源产业园",
      industryCode: "3841",
      plannedStartOn: "2026-03-01",
      plannedCompletionOn: "2027-12-31",
      leaderName: "张建国（分管领导）",
      unitName: "高新技术产业园",
      location: "科创大道 1 号",
      newStartPlanned: true,
      newStartMonth: 3,
    });
    expect(battery.members.map((m) => m.name)).toEqual(["王芳", "李明（园区主任）"]);
    const flat = json<Project>(await w.admin.get(`/api/v1/projects/${all.items[1]?.id}`));
    expect(flat).toMatchObject({
      ownerName: "新设置业有限公司",
      totalInvestmentWan: "12000.5",
      newStartPlanned: false,
    });
    const created = json<List<EnterpriseSummary>>(await w.admin.get(`/api/v1/enterprises?q=${newCode}`));
    expect(created.items.map((e) => [e.creditCode, e.name])).toEqual([[newCode, "新设置业有限公司"]]);
    expect(await auditTotal(w.admin, "project.create")).toBe(3);
    expect(await auditTotal(w.admin, "project.plan")).toBe(2);
    expect(await auditTotal(w.admin, "enterprise.create")).toBe(1);

    // By code: the same row changes nothing; a changed total updates the project (audited), nothing else moves.
    const byCode = (total: number) => {
      const r = [...(rows[0] ?? [])];
      r[0] = "XM2026-001";
      r[4] = total;
      return r;
    };
    const road = rows[2] ?? [];
    const same = await fillProjects(tpl, [byCode(80000), road]);
    expect(await importProjects(w.admin, same)).toMatchObject({ status: "done", changedRows: 0, unchangedRows: 2 });
    const changed = await fillProjects(tpl, [byCode(90000), road]);
    expect(await importProjects(w.admin, changed)).toMatchObject({ status: "done", changedRows: 1, unchangedRows: 1 });
    expect(json<Project>(await w.admin.get(`/api/v1/projects/${battery.id}`))).toMatchObject({
      totalInvestmentWan: "90000",
      version: 2,
      plans: [{ year: 2026, versions: [{ fromMonth: 1, planWan: "20000" }] }],
    });
    const updates = json<List<AuditEntry>>(await w.admin.get(`/api/v1/audit?action=project.update`)).items;
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      before: { totalInvestmentWan: "80000" },
      after: { totalInvestmentWan: "90000" },
    });
    expect(await auditTotal(w.admin, "project.plan")).toBe(2);
  });

  it("refuses a file with a bad credit code, an unknown unit and more, naming row and column, and writes nothing", async () => {
    const w = await world("2026-03-10");
    const tpl = await projectTemplate(w.admin);
    const good = {
      项目名称: "正常项目",
      业主单位统一社会信用代码: w.ents[0]?.creditCode ?? "",
      "总投资(万元)": 1000,
      项目类型: "产业",
      项目级别: "区重点",
      建设阶段: "续建",
      责任单位: "高新技术产业园",
    } as const;
    const valid = creditCode(77);
    const wrongCheck = valid.slice(0, 17) + (valid.charAt(17) === "0" ? "1" : "0");
    const row = (v: Record<string, Cell>) => projectRow({ ...good, ...v });
    const rows = [
      row({}), // 2: fine
      row({ 业主单位统一社会信用代码: wrongCheck, 业主单位名称: "校验位错误有限公司" }), // 3
      row({ 责任单位: "不存在的局" }), // 4
      row({ 项目编号: "ZD-1" }), // 5
      row({ 项目编号: "ZD-1", 项目类型: "工业", "总投资(万元)": "很多" }), // 6
      row({ 业主单位统一社会信用代码: valid }), // 7: unknown owner without a name
      row({ 项目名称: "", 计划开工日期: "2026-02-30", "2026年计划新开工": "是" }), // 8
    ];
    const refused = await importProjects(w.admin, await fillProjects(tpl, rows));
    expect(refused.status).toBe("rejected");
    expect(refused.changedRows).toBe(0);
    expect(refused.problems.map((p) => [p.row, p.column, p.value, p.reason])).toEqual([
      [
        3,
        "C（业主单位统一社会信用代码）",
        wrongCheck,
        `校验位错误：第 18 位应为“${valid.charAt(17)}”，实际为“${wrongCheck.charAt(17)}”`,
      ],
      [4, "P（责任单位）", "不存在的局", "本区没有该单位"],
      [6, "A（项目编号）", "ZD-1", "与第 5 行的项目编号重复"],
      [6, "E（总投资(万元)）", "很多", "应为不小于 0 的数字，最多 4 位小数"],
      [6, "F（项目类型）", "工业", "应为 产业、基础设施、社会民生 之一"],
      [7, "D（业主单位名称）", "", "企业库中没有该统一社会信用代码，请填写业主单位名称（导入时新建该企业）"],
      [8, "B（项目名称）", "", "必填"],
      [8, "K（计划开工日期）", "2026-02-30", "日期格式应为 YYYY-MM-DD"],
      [8, "S（2026年计划投资(万元)）", "", "必填"],
      [8, "U（计划开工月份）", "", "计划新开工项目须填写计划开工月份"],
    ]);
    expect(refused.problems.every((p) => p.sheet === "重大项目")).toBe(true);
    expect(json<ProjectBoard>(await w.admin.get("/api/v1/projects?planned=false")).total).toBe(0);
    expect(json<List<EnterpriseSummary>>(await w.admin.get(`/api/v1/enterprises?q=${valid}`)).total).toBe(0);
    expect(await auditTotal(w.admin, "project.create")).toBe(0);

    // A unit head imports only for their own units; an officer may not import at all.
    const other = await importProjects(w.unithead, await fillProjects(tpl, [row({ 责任单位: "建设管理局" })]));
    expect(other.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [2, "P（责任单位）", "只能把项目的责任单位设为本单位（单位负责人可设为本单位及下级单位）"],
    ]);
    expect(
      (await w.unithead.upload("/api/v1/projects/import", "x.xlsx", await fillProjects(tpl, [row({})]))).statusCode,
    ).toBe(200);
    expect((await w.officer.upload("/api/v1/projects/import", "x.xlsx", tpl)).statusCode).toBe(403);
    expect(json<ProjectBoard>(await w.admin.get("/api/v1/projects?planned=false")).total).toBe(1);
  });
});
