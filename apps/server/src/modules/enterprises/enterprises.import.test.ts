import type { AuditEntry, Enterprise, EnterpriseSummary, ImportStatus } from "@zoneos/contracts";
import { creditCodeCheckChar } from "@zoneos/domain";
import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv } from "../../../test/helpers.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const TEMPLATE_HEADERS = [
  "统一社会信用代码*",
  "企业名称*",
  "行业代码",
  "行政区划代码",
  "所属园区",
  "服务专员用户名",
  "占地面积（亩）",
  "注册资本（万元）",
  "成立日期",
  "法定代表人",
  "地址",
  "重点企业",
  "企业标签",
  "联系人",
  "联系电话",
];

/** A valid credit code of a company in 江宁区, different for each n. */
function code(n: number): string {
  const body = `91320115MA${String(n).padStart(7, "0")}`;
  return body + creditCodeCheckChar(body);
}

/** The same code with a wrong check character, and the character the check expects. */
function withWrongCheck(valid: string): { bad: string; expected: string } {
  const expected = valid.charAt(17);
  return { bad: valid.slice(0, 17) + (expected === "0" ? "1" : "0"), expected };
}

type Cell = string | number | Date | null;

/** Fills rows 2… of the template's 企业信息 sheet and returns the .xlsx bytes. */
async function fillTemplate(template: Buffer, rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("企业信息");
  if (!ws) throw new Error("the template has no 企业信息 sheet");
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 2);
    values.forEach((v, j) => {
      row.getCell(j + 1).value = v;
    });
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function rowsOf(ws: ExcelJS.Worksheet | undefined): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  ws?.eachRow((row) => {
    out.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return out;
}

async function template(c: Client): Promise<Buffer> {
  const res = await c.get("/api/v1/enterprises/import-template");
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

async function upload(c: Client, buf: Buffer, fileName = "企业.xlsx"): Promise<ImportStatus> {
  const res = await c.upload("/api/v1/enterprises/imports", fileName, buf);
  expect(res.statusCode, res.body).toBe(202);
  const started = json<ImportStatus>(res);
  expect(started.status).toBe("checking");
  return waitForImport(c, started.id);
}

async function waitForImport(c: Client, id: string): Promise<ImportStatus> {
  for (let i = 0; i < 1200; i++) {
    const s = json<ImportStatus>(await c.get(`/api/v1/enterprises/imports/${id}`));
    if (s.status !== "checking" && s.status !== "writing") return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

async function total(c: Client, query = ""): Promise<number> {
  return json<{ total: number }>(await c.get(`/api/v1/enterprises?pageSize=1${query ? `&${query}` : ""}`)).total;
}

async function allEnterprises(c: Client): Promise<EnterpriseSummary[]> {
  const out: EnterpriseSummary[] = [];
  for (let page = 1; ; page++) {
    const r = json<{ items: EnterpriseSummary[]; total: number }>(
      await c.get(`/api/v1/enterprises?pageSize=200&sort=name&page=${page}`),
    );
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

function xlsxOf(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  return res.rawPayload;
}

describe("import template", () => {
  it("has the 企业信息 sheet with the template's header row and a sheet of instructions naming the zone's parks", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const res = await admin.get("/api/v1/enterprises/import-template");
    expect(res.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("企业导入模板.xlsx")}`);
    const wb = await readXlsx(xlsxOf(res));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["企业信息", "填写说明"]);
    const [header] = rowsOf(wb.getWorksheet("企业信息"));
    expect(header).toEqual(TEMPLATE_HEADERS);
    expect(wb.getWorksheet("企业信息")?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const help = rowsOf(wb.getWorksheet("填写说明")).map((r) => r.join(" "));
    expect(help.find((l) => l.startsWith("所属园区"))).toContain(
      "高新技术产业园、智能制造产业园、生物医药产业园、新能源产业园、数字经济产业园",
    );
  });

  it("is for those who may import: 403 for an officer", async () => {
    const zone = await makeZone(env);
    const officer = await Client.login(env.app, zone.user("officer"));
    const res = await officer.get("/api/v1/enterprises/import-template");
    expect(res.statusCode).toBe(403);
    expect(json(res).code).toBe("FORBIDDEN");
    expect((await officer.upload("/api/v1/enterprises/imports", "x.xlsx", Buffer.from("PK"))).statusCode).toBe(403);
  });
});

describe("importing 2,000 enterprises", () => {
  it("refuses the whole file for one bad credit code, reports sheet, row, column and reason, then imports all 2,000 once fixed", async () => {
    const zone = await makeZone(env, { enterprises: 5 });
    const admin = await Client.login(env.app, zone.user("admin"));
    const tpl = await template(admin);
    expect(await total(admin)).toBe(5);

    const labels = ["高新技术企业、规上", "科技型中小企业", "", "专精特新中小企业，瞪羚"];
    const parks = ["高新技术产业园", "智能制造产业园", "", "生物医药产业园"];
    const rows: Cell[][] = Array.from({ length: 2000 }, (_, i) => [
      code(10_000 + i),
      `导入测试第${i + 1}号科技有限公司`,
      i % 3 === 0 ? "3973" : "C3011",
      i % 2 === 0 ? "320115" : "江苏省南京市江宁区",
      parks[i % 4] as string,
      i % 5 === 0 ? `${zone.prefix}officer` : "",
      (i % 100) + 0.5,
      1000 + i,
      new Date(Date.UTC(2010 + (i % 10), i % 12, (i % 28) + 1)),
      "张三",
      `科创大道${i + 1}号`,
      i % 7 === 0 ? "是" : "否",
      labels[i % 4] as string,
      i % 2 === 0 ? "李四" : "",
      i % 2 === 0 ? `1380000${String(i).padStart(4, "0")}` : "",
    ]);
    const badIndex = 1234; // Excel row 1236
    const { bad, expected } = withWrongCheck(rows[badIndex]?.[0] as string);
    const fixedCode = rows[badIndex]?.[0] as string;
    (rows[badIndex] as Cell[])[0] = bad;

    const refused = await upload(admin, await fillTemplate(tpl, rows), "企业名录.xlsx");
    expect(refused).toMatchObject({
      status: "rejected",
      fileName: "企业名录.xlsx",
      totalRows: 2000,
      processedRows: 2000,
      importedRows: 0,
      problemCount: 1,
    });
    expect(refused.problems).toEqual([
      {
        sheet: "企业信息",
        row: 1236,
        column: "A（统一社会信用代码）",
        value: bad,
        reason: `校验位错误：第 18 位应为“${expected}”，实际为“${bad.charAt(17)}”`,
      },
    ]);
    expect(await total(admin)).toBe(5);

    const reportRes = await admin.get(`/api/v1/enterprises/imports/${refused.id}/report`);
    expect(reportRes.headers["content-disposition"]).toContain(encodeURIComponent("导入错误报告-企业名录.xlsx"));
    const report = rowsOf((await readXlsx(xlsxOf(reportRes))).worksheets[0]);
    expect(report).toEqual([
      ["工作表", "行号", "列", "原值", "原因"],
      [
        "企业信息",
        1236,
        "A（统一社会信用代码）",
        bad,
        `校验位错误：第 18 位应为“${expected}”，实际为“${bad.charAt(17)}”`,
      ],
    ]);

    (rows[badIndex] as Cell[])[0] = fixedCode;
    const done = await upload(admin, await fillTemplate(tpl, rows), "企业名录.xlsx");
    expect(done).toMatchObject({
      status: "done",
      totalRows: 2000,
      processedRows: 2000,
      importedRows: 2000,
      problemCount: 0,
      problems: [],
    });
    expect(await total(admin)).toBe(2005);
    expect(await total(admin, `q=${encodeURIComponent("导入测试第")}`)).toBe(2000);

    // One row checked field by field: row 2 of the sheet is rows[0].
    const first = json<{ items: EnterpriseSummary[] }>(await admin.get(`/api/v1/enterprises?q=${code(10_000)}`))
      .items[0] as EnterpriseSummary;
    const e = json<Enterprise>(await admin.get(`/api/v1/enterprises/${first.id}`));
    expect(e).toMatchObject({
      creditCode: code(10_000),
      name: "导入测试第1号科技有限公司",
      industryCode: "3973",
      regionCode: "320115",
      parkName: "高新技术产业园",
      officerName: "王芳",
      landMu: "0.50",
      registeredCapitalWan: "1000.0000",
      establishedOn: "2010-01-01",
      legalRepresentative: "张三",
      address: "科创大道1号",
      isKey: true,
      labels: ["above_scale", "high_tech"],
      contacts: [
        { name: "李四", phone: "13800000000", isPrimary: true, id: expect.any(String), title: null, email: null },
      ],
    });
    const second = json<{ items: EnterpriseSummary[] }>(await admin.get(`/api/v1/enterprises?q=${code(10_001)}`))
      .items[0];
    expect(second).toMatchObject({
      industryCode: "3011",
      parkName: "智能制造产业园",
      officerName: null,
      isKey: false,
      labels: ["tech_sme"],
    });

    // Every imported enterprise has exactly one audit row of the import.
    const audit = json<{ items: AuditEntry[]; total: number }>(
      await admin.get(`/api/v1/audit?action=enterprise.import&pageSize=1`),
    );
    expect(audit.total).toBe(2000);
    const audited: string[] = [];
    for (let page = 1; page <= 10; page++) {
      const p = json<{ items: AuditEntry[] }>(
        await admin.get(`/api/v1/audit?action=enterprise.import&pageSize=200&page=${page}`),
      );
      audited.push(...p.items.map((a) => a.entityId));
    }
    const imported = (await allEnterprises(admin)).filter((x) => x.name.startsWith("导入测试第")).map((x) => x.id);
    expect(imported).toHaveLength(2000);
    expect(new Set(audited).size).toBe(2000);
    expect([...audited].sort()).toEqual([...imported].sort());
    const one = json<{ items: AuditEntry[] }>(
      await admin.get(`/api/v1/audit?entityType=enterprise&entityId=${first.id}`),
    ).items;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      action: "enterprise.import",
      entityName: "导入测试第1号科技有限公司",
      after: { creditCode: code(10_000), name: "导入测试第1号科技有限公司", isKey: true },
    });
  });
});

describe("import problems", () => {
  it("rejects unknown parks, labels and officers, bad dates, missing names, duplicates in the file and codes already registered", async () => {
    const zone = await makeZone(env, { enterprises: 3 });
    const admin = await Client.login(env.app, zone.user("admin"));
    const registered = (await allEnterprises(admin)).find(
      (e) => e.name === "江苏迅特科技有限公司",
    ) as EnterpriseSummary;
    const blank = (): Cell[] => Array(15).fill(null);
    const row = (values: Partial<Record<number, Cell>>) => {
      const r = blank();
      for (const [k, v] of Object.entries(values)) r[Number(k)] = v as Cell;
      return r;
    };
    const rows: Cell[][] = [
      row({ 0: code(1), 1: "正常一号有限公司", 4: "高新技术产业园" }), // row 2
      row({ 0: code(2), 1: "园区不存在有限公司", 4: "火星产业园" }), // row 3
      row({ 0: code(3), 1: "标签不存在有限公司", 12: "高新技术企业、瞪羚企业" }), // row 4
      row({ 0: code(4), 1: "日期不对有限公司", 8: "2020-02-30" }), // row 5
      row({ 0: ` ${code(1).toLowerCase()} `, 1: "重复一号有限公司" }), // row 6
      row({ 0: registered.creditCode, 1: "已登记有限公司" }), // row 7
      row({ 0: code(7), 1: "专员不存在有限公司", 5: "nobody" }), // row 8
      row({ 0: code(8), 1: "", 2: "3011" }), // row 9
      row({ 0: code(9), 1: "重点不明有限公司", 11: "也许" }), // row 10
      row({ 0: code(10), 1: "行业不对有限公司", 2: "9999", 3: "999999" }), // row 11
      row({ 0: code(11), 1: "正常二号有限公司", 8: "2021/3/4" }), // row 12
    ];
    const s = await upload(admin, await fillTemplate(await template(admin), rows));
    expect(s.status).toBe("rejected");
    expect(s.problems.map((p) => [p.row, p.column, p.value, p.reason])).toEqual([
      [3, "E（所属园区）", "火星产业园", "园区不存在"],
      [4, "M（企业标签）", "瞪羚企业", "未知的企业标签“瞪羚企业”"],
      [5, "I（成立日期）", "2020-02-30", "日期格式应为 YYYY-MM-DD"],
      [6, "A（统一社会信用代码）", ` ${code(1).toLowerCase()} `.trim(), "与第 2 行的统一社会信用代码重复"],
      [7, "A（统一社会信用代码）", registered.creditCode, "企业库中已有该统一社会信用代码（江苏迅特科技有限公司）"],
      [8, "F（服务专员用户名）", "nobody", "不是本区干部或单位负责人的用户名"],
      [9, "B（企业名称）", "", "必填"],
      [10, "L（重点企业）", "也许", "应填“是”或“否”"],
      [11, "C（行业代码）", "9999", "不是 GB/T 4754-2017 行业代码或名称"],
      [11, "D（行政区划代码）", "999999", "不是 GB/T 2260 区县级行政区划代码或名称"],
    ]);
    expect(s.problems.every((p) => p.sheet === "企业信息")).toBe(true);
    expect(s.problemCount).toBe(10);
    expect(await total(admin)).toBe(3);
  });

  it("answers an English report to an English user", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    admin.lang = "en-US";
    const s = await upload(
      admin,
      await fillTemplate(await template(admin), [[withWrongCheck(code(5)).bad, "Some Ltd"]]),
    );
    expect(s.problems[0]?.reason).toBe(
      `Wrong check character: position 18 should be "${code(5).charAt(17)}", not "${withWrongCheck(code(5)).bad.charAt(17)}"`,
    );
    expect(s.problems[0]?.column).toBe("A（统一社会信用代码）");
  });

  it("refuses a file that is not an .xlsx with a 400 problem in Chinese, and starts nothing", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const res = await admin.upload(
      "/api/v1/enterprises/imports",
      "企业.csv",
      Buffer.from("统一社会信用代码,企业名称\n91110000600037341L,某公司\n"),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(json(res)).toMatchObject({
      code: "IMPORT_BAD_FILE",
      detail: "无法读取 Excel 文件：不是 .xlsx 格式（请用 Excel 另存为 .xlsx）",
    });
    const noFile = await admin.request("POST", "/api/v1/enterprises/imports", {});
    expect(noFile.statusCode).toBe(400);
    expect(json(noFile)).toMatchObject({
      code: "IMPORT_BAD_FILE",
      detail: "无法读取 Excel 文件：请选择一个 .xlsx 文件",
    });
    expect(await total(admin)).toBe(0);
  });

  it("fails a workbook without the template's header or without data rows, saying why", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["名称", "代码"]);
    wb.getWorksheet("Sheet1")?.addRow(["某公司", code(1)]);
    const noHeader = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(noHeader.status).toBe("failed");
    expect(noHeader.problems[0]?.reason).toContain("第 1 行应为模板的表头");
    const empty = await upload(admin, await template(admin));
    expect(empty.status).toBe("failed");
    expect(empty.problems[0]?.reason).toBe("文件中没有数据行");
    expect(await total(admin)).toBe(0);
  });

  it("shows an import only to the user who started it", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const s = await upload(admin, await fillTemplate(await template(admin), [[code(1), "只给自己看有限公司"]]));
    expect(s.status).toBe("done");
    const other = await makeZone(env);
    const otherAdmin = await Client.login(env.app, other.user("admin"));
    expect((await otherAdmin.get(`/api/v1/enterprises/imports/${s.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/v1/enterprises/imports/${s.id}/report`)).statusCode).toBe(404);
  });
});

describe("export", () => {
  it("exports only the filtered rows, in the template's columns plus readable names", async () => {
    const zone = await makeZone(env, { enterprises: 30 });
    const admin = await Client.login(env.app, zone.user("admin"));
    const parks = json<{ parks: { id: string; name: string }[] }>(await admin.get("/api/v1/enterprises/options")).parks;
    const park = parks.find((p) => p.name === "高新技术产业园") as { id: string };
    const filter = `parkUnitId=${park.id}&sort=name`;
    const listed = json<{ items: EnterpriseSummary[]; total: number }>(
      await admin.get(`/api/v1/enterprises?pageSize=200&${filter}`),
    );
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.total).toBeLessThan(30);

    const res = await admin.get(`/api/v1/enterprises/export?${filter}`);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("企业名录-2026-03-02.xlsx"));
    const wb = await readXlsx(xlsxOf(res));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["企业信息"]);
    const [header, ...rows] = rowsOf(wb.worksheets[0]);
    expect(header).toEqual([...TEMPLATE_HEADERS, "行业名称", "行政区划名称"]);
    expect(rows.map((r) => r[0])).toEqual(listed.items.map((e) => e.creditCode));
    expect(rows.map((r) => r[1])).toEqual(listed.items.map((e) => e.name));
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(["高新技术产业园"]));

    const xunte = rows.find((r) => r[1] === "江苏迅特科技有限公司");
    expect(xunte?.slice(2, 6)).toEqual(["6513", "320115", "高新技术产业园", `${zone.prefix}officer`]);
    expect(xunte?.[11]).toBe("是");
    expect(xunte?.[12]).toBe("高新技术企业、专精特新中小企业");
    expect(xunte?.slice(15)).toEqual(["应用软件开发", "江苏省南京市江宁区"]);

    const keyOnly = rowsOf(
      (await readXlsx(xlsxOf(await admin.get("/api/v1/enterprises/export?isKey=true")))).worksheets[0],
    ).slice(1);
    expect(keyOnly.length).toBe(json<{ total: number }>(await admin.get("/api/v1/enterprises?isKey=true")).total);
    expect(keyOnly.every((r) => r[11] === "是")).toBe(true);

    const audit = json<{ items: AuditEntry[] }>(await admin.get("/api/v1/audit?action=enterprise.export")).items;
    expect(audit).toHaveLength(2);
    expect(audit[1]?.after).toMatchObject({ filter: { parkUnitId: park.id, sort: "name" } });
  });

  it("exports only what the user may see: an officer gets their own enterprises", async () => {
    const zone = await makeZone(env, { enterprises: 30 });
    const officer = await Client.login(env.app, zone.user("officer"));
    const mine = json<{ items: EnterpriseSummary[]; total: number }>(
      await officer.get("/api/v1/enterprises?pageSize=200&sort=name"),
    );
    expect(mine.total).toBeLessThan(30);
    const rows = rowsOf(
      (await readXlsx(xlsxOf(await officer.get("/api/v1/enterprises/export?sort=name")))).worksheets[0],
    ).slice(1);
    expect(rows.map((r) => r[0])).toEqual(mine.items.map((e) => e.creditCode));
  });

  it("writes names that begin with = + - @ as text, and the exported file re-imports them unchanged", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const parks = json<{ parks: { id: string; name: string }[] }>(await admin.get("/api/v1/enterprises/options")).parks;
    const dangerous = ['=HYPERLINK("http://x")公司', "+86科技有限公司", "-负号科技有限公司", "@艾特科技有限公司"];
    for (const [i, name] of dangerous.entries()) {
      const res = await admin.post("/api/v1/enterprises", {
        creditCode: code(500 + i),
        name,
        parkUnitId: parks[0]?.id,
        address: i === 0 ? "=1+1" : null,
        labels: [{ label: "high_tech" }],
      });
      expect(res.statusCode).toBe(201);
    }
    const exported = xlsxOf(await admin.get("/api/v1/enterprises/export?sort=name"));
    const ws = (await readXlsx(exported)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(5);
    const seen: string[] = [];
    for (let r = 2; r <= 5; r++) {
      const cell = ws.getRow(r).getCell(2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      const text = cell.value as string;
      expect(text.startsWith("'")).toBe(true);
      seen.push(text.slice(1));
    }
    expect(seen.sort()).toEqual([...dangerous].sort());
    const linkRow = [2, 3, 4, 5]
      .map((r) => ws.getRow(r))
      .find((row) => row.getCell(2).value === `'${dangerous[0]}`) as ExcelJS.Row;
    expect(linkRow.getCell(11).type).toBe(ExcelJS.ValueType.String);
    expect(linkRow.getCell(11).value).toBe("'=1+1");

    const fresh = await makeZone(env);
    const freshAdmin = await Client.login(env.app, fresh.user("admin"));
    const s = await upload(freshAdmin, exported, "导出.xlsx");
    expect(s).toMatchObject({ status: "done", importedRows: 4 });
    const back = await allEnterprises(freshAdmin);
    expect(back.map((e) => e.name).sort()).toEqual([...dangerous].sort());
    const link = back.find((e) => e.name === dangerous[0]) as EnterpriseSummary;
    expect(json<Enterprise>(await freshAdmin.get(`/api/v1/enterprises/${link.id}`))).toMatchObject({
      creditCode: code(500),
      address: "=1+1",
      parkName: parks[0]?.name,
      labels: ["high_tech"],
    });
  });
});
