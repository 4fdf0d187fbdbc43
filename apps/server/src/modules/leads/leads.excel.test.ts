import type { AuditEntry, Lead, LeadImportResult, LeadList } from "@zoneos/contracts";
import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { chainLinks, chains } from "../chains/chains.tables.ts";
import { findUserByUsername, listUnits } from "../org/org.queries.ts";

/**
 * The lead list as Excel (招商项目台账): the export of the list's selection in the actor's scope, the import template,
 * and the all-or-nothing import that creates leads as the form does (numbering, search, first stage and date, audit).
 */

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const PASSING = {
  intensity: 520,
  tax_per_mu: 32,
  energy: 0.08,
  environment: "A",
  chain_pull: "leader",
  technology: "world",
};
const IMPORT_HEADER = [
  "项目名称*",
  "编号",
  "投资方*",
  "统一社会信用代码",
  "投资方所在地",
  "计划投资（万元）*",
  "所属行业",
  "产业链",
  "环节",
  "招商方式*",
  "责任单位*",
  "招商专员",
  "挂钩领导",
  "预计用地（亩）",
  "预计就业（人）",
  "当前阶段",
  "阶段日期",
  "备注",
];
type Cell = string | number | Date | null;

interface World {
  zone: TestZone;
  admin: Client;
  officer: Client;
  leader: Client;
  /** An officer of another unit (企业服务中心). */
  stranger: Client;
  units: Map<string, string>;
}

async function world(date = "2026-03-02"): Promise<World> {
  env.clock.set(at(date));
  const zone = await makeZone(env);
  const units = new Map((await listUnits(env.database.db, zone.zoneId)).map((u) => [u.name, u.id]));
  return {
    zone,
    admin: await Client.login(env.app, zone.user("admin")),
    officer: await Client.login(env.app, zone.user("officer")),
    leader: await Client.login(env.app, zone.user("leader")),
    stranger: await Client.login(env.app, `${zone.prefix}service`),
    units,
  };
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

/** The values of every non-empty row of the first sheet (column A first, empty cells null). */
async function rowsOf(buf: Buffer): Promise<Cell[][]> {
  const ws = (await readXlsx(buf)).worksheets[0] as ExcelJS.Worksheet;
  const out: Cell[][] = [];
  const width = ws.columnCount;
  ws.eachRow((row) => {
    const values = row.values as Cell[];
    out.push(Array.from({ length: Math.max(width, values.length - 1) }, (_, i) => values[i + 1] ?? null));
  });
  return out;
}

/** The template with data rows put under its header (each row by header name). */
async function fill(template: Buffer, rows: Record<string, Cell>[]): Promise<Buffer> {
  const wb = await readXlsx(template);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  rows.forEach((r, i) => {
    for (const [h, v] of Object.entries(r)) {
      const c = IMPORT_HEADER.indexOf(h);
      if (c < 0) throw new Error(`no column ${h}`);
      ws.getCell(i + 2, c + 1).value = v;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFile(c: Client, file: Buffer): Promise<LeadImportResult> {
  const res = await c.upload("/api/v1/leads/import", "招商项目.xlsx", file);
  expect(res.statusCode, res.body).toBe(200);
  return json<LeadImportResult>(res);
}

async function list(c: Client, query = ""): Promise<LeadList> {
  const res = await c.get(`/api/v1/leads?pageSize=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<LeadList>(res);
}

function leadInput(w: World, overrides: Record<string, unknown> = {}) {
  return {
    name: "年产20GWh动力电池项目",
    investorName: "宁德新能源科技有限公司",
    investorCreditCode: "91110000600037341L",
    investorRegionCode: "3509",
    investorMarks: ["china500", "listed"],
    investmentWan: "500000",
    industryCode: "3841",
    channel: "chain",
    unitId: w.units.get("高新技术产业园"),
    landMu: "800.5",
    jobs: 1200,
    initialStage: "negotiation",
    stageOn: "2026-01-15",
    ...overrides,
  };
}

async function create(c: Client, body: unknown): Promise<Lead> {
  const res = await c.post("/api/v1/leads", body);
  expect(res.statusCode, res.body).toBe(201);
  return json<Lead>(res);
}

const GOOD_ROW = {
  "项目名称*": "高端装备制造基地",
  "投资方*": "苏州精工集团有限公司",
  "计划投资（万元）*": 80000,
  "招商方式*": "以商招商",
  "责任单位*": "高新技术产业园",
};

describe("lead list as Excel", () => {
  it("exports the leads the filters select in the actor's scope, with the bucket's name, numbers and dates", async () => {
    const w = await world();
    const userId = async (name: string) =>
      (await findUserByUsername(env.database.db, `${w.zone.prefix}${name}`))?.id as string;
    const big = await create(
      w.officer,
      leadInput(w, { officerId: await userId("officer"), leaderId: await userId("leader") }),
    );
    await create(
      w.officer,
      leadInput(w, {
        name: "半导体封测基地",
        investorName: "华天电子集团",
        investorCreditCode: null,
        investorMarks: [],
        investmentWan: "6000",
        channel: "business",
        initialStage: "clue",
        stageOn: "2026-02-01",
        landMu: null,
        jobs: null,
      }),
    );
    await create(
      w.stranger,
      leadInput(w, { name: "服务中心的项目", unitId: w.units.get("企业服务中心"), investmentWan: "20000" }),
    );
    // The big one signed: its amount and date are in the sheet.
    const scored = await w.officer.put(`/api/v1/leads/${big.id}/scorecard`, { values: PASSING });
    expect(scored.statusCode, scored.body).toBe(200);
    const signed = await w.officer.post(`/api/v1/leads/${big.id}/stage`, {
      version: big.version,
      to: "signed",
      on: "2026-02-20",
      signedAmountWan: "480000.5",
    });
    expect(signed.statusCode, signed.body).toBe(200);

    const res = await w.officer.get("/api/v1/leads/export?sort=code");
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("招商项目台账-2026-03-02.xlsx"));
    const rows = await rowsOf(xlsxOf(res));
    expect(rows[0]).toEqual([
      "编号",
      "项目名称",
      "投资方",
      "统一社会信用代码",
      "投资方所在地",
      "投资方类型",
      "计划投资（万元）",
      "规模",
      "签约金额（万元）",
      "签约日期",
      "所属行业",
      "产业链 · 环节",
      "招商方式",
      "责任单位",
      "招商专员",
      "挂钩领导",
      "预计用地（亩）",
      "预计就业（人）",
      "当前阶段",
      "阶段日期",
      "流失原因",
      "准入评估",
    ]);
    // The officer's unit's two leads, not the other unit's.
    expect(rows.slice(1).map((r) => r[0])).toEqual(["ZS2026-001", "ZS2026-002"]);
    const [first, second] = [rows[1] as Cell[], rows[2] as Cell[]];
    expect(first.slice(0, 10)).toEqual([
      "ZS2026-001",
      "年产20GWh动力电池项目",
      "宁德新能源科技有限公司",
      "91110000600037341L",
      "福建省宁德市",
      "中国500强、上市公司",
      500000,
      "50亿元以上",
      480000.5,
      new Date("2026-02-20T00:00:00Z"),
    ]);
    expect(String(first[10])).toMatch(/^3841 /);
    expect(first.slice(12)).toEqual([
      "产业链招商",
      "高新技术产业园",
      "王芳",
      "张建国（分管领导）",
      800.5,
      1200,
      "签约",
      new Date("2026-02-20T00:00:00Z"),
      null,
      "通过",
    ]);
    expect(second[6]).toBe(6000);
    expect(second[7]).toBe("亿元以下");
    expect(second[18]).toBe("线索");
    expect(second[19]).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(second[21]).toBe("未评估");

    // The list's filters apply; the leader sees the zone.
    const stage = await rowsOf(xlsxOf(await w.leader.get("/api/v1/leads/export?stage=negotiation")));
    expect(stage.slice(1).map((r) => r[1])).toEqual(["服务中心的项目"]);
    const all = await rowsOf(xlsxOf(await w.leader.get("/api/v1/leads/export?bucket=b1")));
    expect(all).toHaveLength(3);
    const audit = json<{ items: AuditEntry[] }>(await w.admin.get("/api/v1/audit?action=lead.export&pageSize=10"));
    expect(audit.items.length).toBeGreaterThanOrEqual(1);
  });

  it("imports the template filled in: numbered, searchable by pinyin, first stage and date kept, audited", async () => {
    const w = await world();
    const db = env.database.db;
    const [chain] = await db
      .insert(chains)
      .values({ zoneId: w.zone.zoneId, name: "新能源汽车", weakMin: 1, strongMin: 3 })
      .returning();
    await db
      .insert(chainLinks)
      .values({ zoneId: w.zone.zoneId, chainId: chain?.id as string, segment: "upstream", name: "电解液" });

    const tplRes = await w.officer.get("/api/v1/leads/import/template");
    expect(tplRes.headers["content-disposition"]).toContain(encodeURIComponent("招商项目导入模板.xlsx"));
    const tpl = xlsxOf(tplRes);
    const book = await readXlsx(tpl);
    expect(book.worksheets.map((s) => s.name)).toEqual(["招商项目", "填写说明"]);
    expect((await rowsOf(tpl))[0]).toEqual(IMPORT_HEADER);
    // Only staff may import.
    expect((await w.leader.get("/api/v1/leads/import/template")).statusCode).toBe(403);
    expect((await w.leader.upload("/api/v1/leads/import", "x.xlsx", tpl)).statusCode).toBe(403);

    const file = await fill(tpl, [
      {
        ...GOOD_ROW,
        "项目名称*": "动力电池电解液项目",
        "投资方*": "广州天赐高新材料股份有限公司",
        统一社会信用代码: "91110000600037341L",
        投资方所在地: "广东省",
        "计划投资（万元）*": 150000,
        所属行业: "3841",
        产业链: "新能源汽车",
        环节: "电解液",
        "招商方式*": "产业链招商",
        招商专员: "王芳",
        挂钩领导: "张建国",
        "预计用地（亩）": 320.5,
        "预计就业（人）": 600,
        当前阶段: "洽谈",
        阶段日期: new Date("2026-01-15T00:00:00Z"),
        备注: "春节前已二次考察",
      },
      { ...GOOD_ROW, 编号: "ZS2026-100", 投资方所在地: "440305", 当前阶段: "接洽", 阶段日期: "2026/2/3" },
      { ...GOOD_ROW, "项目名称*": "半导体封测基地", "投资方*": "华天电子集团", 环节: "电解液" },
    ]);
    const result = await importFile(w.officer, file);
    expect(result).toMatchObject({
      status: "done",
      totalRows: 3,
      createdRows: 3,
      codes: ["ZS2026-001", "ZS2026-100", "ZS2026-002"],
      problems: [],
    });

    const names = async (q: string) => (await list(w.officer, `q=${encodeURIComponent(q)}`)).items.map((l) => l.code);
    expect(await names("dianjieye")).toEqual(["ZS2026-001"]);
    expect(await names("bdtfc")).toEqual(["ZS2026-002"]);
    expect(await names("tianci")).toEqual(["ZS2026-001"]);
    const items = (await list(w.officer, "sort=code")).items;
    expect(items.map((l) => [l.code, l.stage, l.stageOn])).toEqual([
      ["ZS2026-001", "negotiation", "2026-01-15"],
      ["ZS2026-002", "clue", "2026-03-02"],
      ["ZS2026-100", "contact", "2026-02-03"],
    ]);
    const lead = json<Lead>(await w.officer.get(`/api/v1/leads/${items[0]?.id}`));
    expect(lead).toMatchObject({
      investorRegionCode: "44",
      investmentWan: "150000",
      bucket: "b10",
      industryCode: "3841",
      chainName: "新能源汽车",
      chainLinkName: "电解液",
      channel: "chain",
      unitName: "高新技术产业园",
      officerName: "王芳",
      leaderName: "张建国（分管领导）",
      landMu: "320.50",
      jobs: 600,
      notes: "春节前已二次考察",
    });
    expect(lead.history.map((h) => [h.fromStage, h.toStage, h.on])).toEqual([[null, "negotiation", "2026-01-15"]]);
    const third = items[1] as { id: string };
    expect(json<Lead>(await w.officer.get(`/api/v1/leads/${third.id}`))).toMatchObject({ chainLinkName: "电解液" });
    const audit = json<{ items: AuditEntry[] }>(
      await w.admin.get(`/api/v1/audit?entityId=${items[0]?.id}&pageSize=10`),
    );
    expect(audit.items.map((a) => a.action)).toContain("lead.create");

    // The same file again: its code is now taken; nothing more is written.
    const again = await importFile(w.officer, file);
    expect(again.status).toBe("rejected");
    expect(again.problems).toEqual([
      expect.objectContaining({ row: 3, column: "B（编号）", value: "ZS2026-100", reason: "本区已有该编号的招商项目" }),
    ]);
    expect((await list(w.officer)).total).toBe(3);
  });

  it("writes nothing from a file with bad rows and lists every problem with its row and column", async () => {
    const w = await world();
    const tpl = xlsxOf(await w.officer.get("/api/v1/leads/import/template"));
    const file = await fill(tpl, [
      { ...GOOD_ROW, 编号: "A-1" },
      { ...GOOD_ROW, "责任单位*": "不存在的局" },
      { ...GOOD_ROW, 当前阶段: "签约" },
      { ...GOOD_ROW, 统一社会信用代码: "91110000600037341X" },
      { ...GOOD_ROW, 编号: "A-1" },
      { ...GOOD_ROW, "计划投资（万元）*": "五千万" },
      { ...GOOD_ROW, 阶段日期: "2026-03-09", "招商方式*": "路演" },
      { ...GOOD_ROW, "投资方*": null, 挂钩领导: "王芳" },
    ] as Record<string, Cell>[]);
    const result = await importFile(w.officer, file);
    expect(result.status).toBe("rejected");
    expect(result.createdRows).toBe(0);
    expect(result.totalRows).toBe(8);
    const found = result.problems.map((p) => [p.row, p.column]);
    expect(found).toEqual([
      [3, "K（责任单位）"],
      [4, "P（当前阶段）"],
      [5, "D（统一社会信用代码）"],
      [6, "B（编号）"],
      [7, "F（计划投资（万元））"],
      [8, "J（招商方式）"],
      [8, "Q（阶段日期）"],
      [9, "C（投资方）"],
      [9, "M（挂钩领导）"],
    ]);
    const reason = (row: number, col: string) =>
      result.problems.find((p) => p.row === row && p.column.includes(col))?.reason ?? "";
    expect(reason(3, "责任单位")).toBe("本区没有该单位");
    expect(reason(4, "当前阶段")).toContain("签约及以后的阶段须在平台中推进");
    expect(reason(6, "编号")).toBe("与第 2 行的编号重复");
    expect(reason(7, "计划投资")).toContain("数字");
    expect(reason(8, "阶段日期")).toContain("不能晚于今天");
    expect(reason(9, "投资方")).toBe("必填");
    expect(reason(9, "挂钩领导")).toContain("没有该姓名或用户名的领导");
    expect((await list(w.admin)).total).toBe(0);
    // In the user's language.
    w.officer.lang = "en-US";
    const en = await importFile(w.officer, file);
    expect(en.problems.find((p) => p.row === 3)?.reason).toBe("No unit of the zone has this name");
    expect(en.problems.find((p) => p.row === 4)?.reason).toContain("cannot be imported at Signed");
    expect((await list(w.admin)).total).toBe(0);
  });

  it("refuses, row by row, leads an officer may not put under another unit; an administrator may", async () => {
    const w = await world();
    const tpl = xlsxOf(await w.officer.get("/api/v1/leads/import/template"));
    const file = await fill(tpl, [
      { ...GOOD_ROW },
      { ...GOOD_ROW, "责任单位*": "企业服务中心" },
      { ...GOOD_ROW, "责任单位*": "经济发展局" },
    ]);
    const refused = await importFile(w.officer, file);
    expect(refused.status).toBe("rejected");
    expect(refused.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, "K（责任单位）", "企业服务中心"],
      [4, "K（责任单位）", "经济发展局"],
    ]);
    expect(refused.problems[0]?.reason).toBe("只能为本单位（单位负责人：本单位及下属单位）录入招商项目");
    expect((await list(w.admin)).total).toBe(0);
    const done = await importFile(w.admin, file);
    expect(done).toMatchObject({ status: "done", createdRows: 3, codes: ["ZS2026-001", "ZS2026-002", "ZS2026-003"] });
    expect((await list(w.officer)).items.map((l) => l.code)).toEqual(["ZS2026-001"]);
  });
});
