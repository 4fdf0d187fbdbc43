import type { AuditEntry, Enterprise, EnterpriseSummary, User } from "@zoneos/contracts";
import { creditCodeCheckChar } from "@zoneos/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

/** A valid credit code of a company in 江宁区, different for each n. */
function code(n: number): string {
  const body = `91320115MA${String(n).padStart(7, "0")}`;
  return body + creditCodeCheckChar(body);
}

type List = { items: EnterpriseSummary[]; total: number };
type Options = {
  parks: { id: string; name: string }[];
  officers: { id: string; displayName: string; unitName: string | null }[];
};

/** What the edit form sends back for an enterprise as the server showed it. */
function inputOf(e: Enterprise) {
  return {
    creditCode: e.creditCode,
    name: e.name,
    industryCode: e.industryCode,
    regionCode: e.regionCode,
    parkUnitId: e.parkUnitId,
    officerId: e.officerId,
    landMu: e.landMu,
    registeredCapitalWan: e.registeredCapitalWan,
    establishedOn: e.establishedOn,
    legalRepresentative: e.legalRepresentative,
    address: e.address,
    isKey: e.isKey,
    labels: e.labelDetails.map(({ label, awardedOn, expiresOn }) => ({ label, awardedOn, expiresOn })),
    contacts: e.contacts.map(({ name, title, phone, email, isPrimary }) => ({ name, title, phone, email, isPrimary })),
    version: e.version,
  };
}

async function listAll(c: Client, query = ""): Promise<List> {
  const res = await c.get(`/api/v1/enterprises?pageSize=200${query ? `&${query}` : ""}`);
  expect(res.statusCode).toBe(200);
  return json<List>(res);
}
const names = (l: List) => l.items.map((e) => e.name).sort();

async function auditOf(admin: Client, id: string): Promise<AuditEntry[]> {
  const res = await admin.get(`/api/v1/audit?entityType=enterprise&entityId=${id}`);
  expect(res.statusCode).toBe(200);
  return json<{ items: AuditEntry[] }>(res).items;
}

async function usersOf(admin: Client): Promise<User[]> {
  return json<{ items: User[] }>(await admin.get("/api/v1/users?pageSize=200")).items;
}

describe("create, read, update, delete", () => {
  let zone: TestZone;
  let admin: Client;
  // Each test gets a zone of its own.
  beforeEach(async () => {
    zone = await makeZone(env);
    admin = await Client.login(env.app, zone.user("admin"));
  });

  it("creates an enterprise with its facts, labels and contacts and reads it back", async () => {
    const { parks, officers } = json<Options>(await admin.get("/api/v1/enterprises/options"));
    const park = parks.find((p) => p.name === "高新技术产业园");
    const officer = officers.find((o) => o.displayName === "王芳");
    const res = await admin.post("/api/v1/enterprises", {
      creditCode: " 91360100ma35f2k1xh ",
      name: "  迅特科技有限公司 ",
      industryCode: "6513",
      regionCode: "320115",
      parkUnitId: park?.id,
      officerId: officer?.id,
      landMu: "12.5",
      registeredCapitalWan: "1,000",
      establishedOn: "2018-05-20",
      legalRepresentative: "陈迅",
      address: "科创大道 1 号",
      isKey: true,
      labels: [
        { label: "high_tech", awardedOn: "2024-11-20", expiresOn: "2027-11-19" },
        { label: "gazelle", awardedOn: "2020-01-01", expiresOn: "2022-12-31" },
      ],
      contacts: [{ name: "陈经理", title: "总经理", phone: "13800000000", email: "chen@example.cn", isPrimary: true }],
    });
    expect(res.statusCode).toBe(201);
    const created = json<Enterprise>(res);
    const read = json<Enterprise>(await admin.get(`/api/v1/enterprises/${created.id}`));
    expect(read).toEqual(created);
    expect(read).toMatchObject({
      creditCode: "91360100MA35F2K1XH",
      name: "迅特科技有限公司",
      industryCode: "6513",
      industryName: "应用软件开发",
      industryPath: ["I", "65", "651", "6513"],
      regionCode: "320115",
      regionName: "江苏省南京市江宁区",
      parkName: "高新技术产业园",
      officerName: "王芳",
      landMu: "12.50",
      registeredCapitalWan: "1000.0000",
      establishedOn: "2018-05-20",
      isKey: true,
      labels: ["gazelle", "high_tech"],
      version: 1,
      canEdit: true,
    });
    // The clock of the test is 2026-03-02: the 瞪羚 title has lapsed, 高新技术企业 is held.
    expect(read.labelDetails.map((l) => [l.label, l.active])).toEqual([
      ["gazelle", false],
      ["high_tech", true],
    ]);
    expect(read.contacts).toEqual([
      {
        id: expect.any(String),
        name: "陈经理",
        title: "总经理",
        phone: "13800000000",
        email: "chen@example.cn",
        isPrimary: true,
      },
    ]);
  });

  it("refuses a wrong check character, naming the expected one, in Chinese and in English", async () => {
    const before = (await listAll(admin)).total;
    const res = await admin.post("/api/v1/enterprises", { creditCode: "91360100MA35F2K1XJ", name: "校验位错误公司" });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(json(res)).toMatchObject({
      code: "VALIDATION_FAILED",
      detail: "输入有误：creditCode: 校验位错误：第 18 位应为“H”，实际为“J”",
      errors: [{ path: "creditCode", message: "校验位错误：第 18 位应为“H”，实际为“J”" }],
    });
    const en = new Client(env.app);
    en.cookies = admin.cookies;
    en.lang = "en-US";
    const resEn = await en.post("/api/v1/enterprises", { creditCode: "91110000600037342L", name: "Check Ltd" });
    expect(json(resEn).detail).toBe(
      'Invalid input: creditCode: Wrong check character: position 18 should be "P", not "L"',
    );
    expect((await listAll(admin)).total).toBe(before);
  });

  it("lists every invalid field of a form at once, each with its Chinese reason", async () => {
    const res = await admin.post("/api/v1/enterprises", {
      creditCode: "91360100MO35F2K1XH",
      name: "某公司",
      industryCode: "9999",
      regionCode: "999999",
      landMu: "-3",
      registeredCapitalWan: "1.23456",
    });
    expect(res.statusCode).toBe(400);
    const errors = json<{ errors: { path: string; message: string }[] }>(res).errors;
    expect(errors).toEqual([
      { path: "creditCode", message: "第 10 位字符“O”不允许（不能含 I、O、S、V、Z 及符号）" },
      { path: "industryCode", message: "不是 GB/T 4754-2017 行业代码" },
      { path: "regionCode", message: "不是 GB/T 2260 区县级行政区划代码" },
      { path: "landMu", message: "应为不小于 0 的数字，最多 2 位小数" },
      { path: "registeredCapitalWan", message: "应为不小于 0 的数字，最多 4 位小数" },
    ]);
  });

  it("refuses a credit code that is already in the zone with 409, naming the enterprise that has it", async () => {
    const first = json<Enterprise>(
      await admin.post("/api/v1/enterprises", { creditCode: code(101), name: "先登记有限公司" }),
    );
    const dup = await admin.post("/api/v1/enterprises", {
      creditCode: code(101).toLowerCase(),
      name: "后登记有限公司",
    });
    expect(dup.statusCode).toBe(409);
    expect(json(dup)).toMatchObject({
      code: "DUPLICATE_CREDIT_CODE",
      detail: `统一社会信用代码 ${code(101)} 已存在（先登记有限公司）`,
    });
    expect(json<List>(await admin.get("/api/v1/enterprises?q=后登记")).total).toBe(0);

    // Changing another enterprise's code to it is refused the same way.
    const other = json<Enterprise>(
      await admin.post("/api/v1/enterprises", { creditCode: code(102), name: "另一家有限公司" }),
    );
    const clash = await admin.put(`/api/v1/enterprises/${other.id}`, { ...inputOf(other), creditCode: code(101) });
    expect(clash.statusCode).toBe(409);
    expect(json(clash).detail).toBe(`统一社会信用代码 ${code(101)} 已存在（先登记有限公司）`);
    expect(json<Enterprise>(await admin.get(`/api/v1/enterprises/${other.id}`))).toMatchObject({
      creditCode: code(102),
      version: 1,
    });
    expect(first.creditCode).toBe(code(101));
  });

  it("refuses a park that is not a park of the zone", async () => {
    const units = json<{ items: { id: string; name: string }[] }>(await admin.get("/api/v1/units")).items;
    const department = units.find((u) => u.name === "财政局");
    const res = await admin.post("/api/v1/enterprises", {
      creditCode: code(103),
      name: "园区错误有限公司",
      parkUnitId: department?.id,
    });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ code: "NOT_FOUND", detail: "园区不存在或无权查看" });
  });

  it("updates with the current version, then refuses a stale version with 409 and changes nothing", async () => {
    const created = json<Enterprise>(
      await admin.post("/api/v1/enterprises", { creditCode: code(104), name: "版本测试有限公司", landMu: "10" }),
    );
    const first = await admin.put(`/api/v1/enterprises/${created.id}`, {
      ...inputOf(created),
      name: "版本测试（改名）有限公司",
    });
    expect(first.statusCode).toBe(200);
    expect(json<Enterprise>(first)).toMatchObject({ name: "版本测试（改名）有限公司", version: 2 });

    // A second editor still holds version 1.
    const stale = await admin.put(`/api/v1/enterprises/${created.id}`, { ...inputOf(created), landMu: "99" });
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ code: "VERSION_CONFLICT", detail: "该记录已被他人修改，请刷新后再试" });
    const now = json<Enterprise>(await admin.get(`/api/v1/enterprises/${created.id}`));
    expect(now).toMatchObject({ name: "版本测试（改名）有限公司", landMu: "10.00", version: 2 });
    expect((await auditOf(admin, created.id)).map((a) => a.action)).toEqual(["enterprise.update", "enterprise.create"]);

    const staleDelete = await admin.del(`/api/v1/enterprises/${created.id}?version=1`);
    expect(staleDelete.statusCode).toBe(409);
    expect(json(staleDelete).code).toBe("VERSION_CONFLICT");
    expect((await admin.get(`/api/v1/enterprises/${created.id}`)).statusCode).toBe(200);
  });

  it("deletes with the current version; the enterprise is gone afterwards", async () => {
    const created = json<Enterprise>(
      await admin.post("/api/v1/enterprises", {
        creditCode: code(105),
        name: "待删除有限公司",
        labels: [{ label: "listed" }],
        contacts: [{ name: "刘" }],
      }),
    );
    const res = await admin.del(`/api/v1/enterprises/${created.id}?version=1`);
    expect(res.statusCode).toBe(204);
    const gone = await admin.get(`/api/v1/enterprises/${created.id}`);
    expect(gone.statusCode).toBe(404);
    expect(json(gone)).toMatchObject({ code: "NOT_FOUND", detail: "企业不存在或无权查看" });
    expect(json<List>(await admin.get(`/api/v1/enterprises?q=${code(105)}`)).total).toBe(0);
    // The credit code is free again.
    expect((await admin.post("/api/v1/enterprises", { creditCode: code(105), name: "新来有限公司" })).statusCode).toBe(
      201,
    );
  });

  it("answers 400 for an id that is not a uuid and 404 for an unknown one", async () => {
    expect(json(await admin.get("/api/v1/enterprises/not-a-uuid")).code).toBe("VALIDATION_FAILED");
    const res = await admin.get("/api/v1/enterprises/00000000-0000-4000-8000-000000000000");
    expect(res.statusCode).toBe(404);
  });
});

describe("audit of enterprise writes", () => {
  it("a create, an edit and a delete each leave exactly one audit row with the right diff", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const created = json<Enterprise>(
      await admin.post("/api/v1/enterprises", {
        creditCode: code(201),
        name: "审计测试有限公司",
        industryCode: "3011",
        landMu: "12.5",
        isKey: false,
        labels: [{ label: "tech_sme", awardedOn: "2025-01-01", expiresOn: null }],
        contacts: [{ name: "周", phone: "025-1234", isPrimary: true }],
      }),
    );
    let rows = await auditOf(admin, created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "enterprise.create",
      entityType: "enterprise",
      entityId: created.id,
      entityName: "审计测试有限公司",
      actorName: "系统管理员",
      before: null,
      after: {
        creditCode: code(201),
        name: "审计测试有限公司",
        industryCode: "3011",
        landMu: "12.50",
        isKey: false,
        labels: [{ label: "tech_sme", awardedOn: "2025-01-01", expiresOn: null }],
        contacts: [{ name: "周", title: null, phone: "025-1234", email: null, isPrimary: true }],
      },
    });

    const edited = json<Enterprise>(
      await admin.put(`/api/v1/enterprises/${created.id}`, {
        ...inputOf(created),
        name: "审计测试（新）有限公司",
        landMu: "20",
      }),
    );
    expect(edited.version).toBe(2);
    rows = await auditOf(admin, created.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ action: "enterprise.update", entityName: "审计测试（新）有限公司" });
    expect(rows[0]?.before).toEqual({ name: "审计测试有限公司", landMu: "12.50" });
    expect(rows[0]?.after).toEqual({ name: "审计测试（新）有限公司", landMu: "20.00" });

    expect((await admin.del(`/api/v1/enterprises/${created.id}?version=2`)).statusCode).toBe(204);
    rows = await auditOf(admin, created.id);
    expect(rows.map((r) => r.action)).toEqual(["enterprise.delete", "enterprise.update", "enterprise.create"]);
    expect(rows[0]).toMatchObject({ after: null, entityName: "审计测试（新）有限公司" });
    expect(rows[0]?.before).toMatchObject({
      creditCode: code(201),
      name: "审计测试（新）有限公司",
      landMu: "20.00",
      labels: [{ label: "tech_sme" }],
    });
  });

  it("a refused write leaves no audit row", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const created = json<Enterprise>(
      await admin.post("/api/v1/enterprises", { creditCode: code(202), name: "无痕有限公司" }),
    );
    await admin.put(`/api/v1/enterprises/${created.id}`, { ...inputOf(created), version: 7, name: "改不了有限公司" });
    await admin.put(`/api/v1/enterprises/${created.id}`, { ...inputOf(created), industryCode: "0000" });
    await admin.del(`/api/v1/enterprises/${created.id}?version=3`);
    expect((await auditOf(admin, created.id)).map((r) => r.action)).toEqual(["enterprise.create"]);
  });

  it("shows the history to someone in scope and 404 to someone out of it", async () => {
    const zone = await makeZone(env);
    const admin = await Client.login(env.app, zone.user("admin"));
    const officerClient = await Client.login(env.app, zone.user("officer"));
    const officerId = (await usersOf(admin)).find((u) => u.username === zone.user("officer"))?.id;
    const mine = json<Enterprise>(
      await admin.post("/api/v1/enterprises", { creditCode: code(203), name: "历史可见有限公司", officerId }),
    );
    await admin.put(`/api/v1/enterprises/${mine.id}`, { ...inputOf(mine), address: "新地址 8 号" });
    const notMine = json<Enterprise>(
      await admin.post("/api/v1/enterprises", { creditCode: code(204), name: "历史不可见有限公司" }),
    );

    const history = await officerClient.get(`/api/v1/enterprises/${mine.id}/history`);
    expect(history.statusCode).toBe(200);
    const h = json<{ items: AuditEntry[]; total: number }>(history);
    expect(h.total).toBe(2);
    expect(h.items.map((a) => a.action)).toEqual(["enterprise.update", "enterprise.create"]);
    expect(h.items[0]?.after).toEqual({ address: "新地址 8 号" });

    const hidden = await officerClient.get(`/api/v1/enterprises/${notMine.id}/history`);
    expect(hidden.statusCode).toBe(404);
    expect(JSON.stringify(json(hidden))).not.toContain("历史不可见");
  });
});

describe("search, filters, sorts and paging", () => {
  let zone: TestZone;
  let admin: Client;
  let parks: Map<string, string>;
  let officer: string;
  let officer001: string;
  const ids = new Map<string, string>();
  // Each test gets a zone of its own.
  beforeEach(async () => {
    zone = await makeZone(env);
    admin = await Client.login(env.app, zone.user("admin"));
    parks = new Map(json<Options>(await admin.get("/api/v1/enterprises/options")).parks.map((p) => [p.name, p.id]));
    const users = await usersOf(admin);
    officer = users.find((u) => u.username === zone.user("officer"))?.id as string;
    officer001 = users.find((u) => u.username === `${zone.prefix}officer001`)?.id as string;
    const rows = [
      {
        n: 301,
        name: "迅特科技有限公司",
        park: "高新技术产业园",
        industryCode: "6513",
        labels: ["high_tech"],
        isKey: true,
        officerId: officer,
        landMu: "30",
        cap: "500",
      },
      {
        n: 302,
        name: "博远智能装备有限公司",
        park: "智能制造产业园",
        industryCode: "3411",
        labels: [],
        isKey: false,
        officerId: officer,
        landMu: "55.5",
        cap: "8000",
      },
      {
        n: 303,
        name: "恒信精密机械有限公司",
        park: "智能制造产业园",
        industryCode: "3011",
        labels: ["tech_sme"],
        isKey: false,
        officerId: officer001,
        landMu: null,
        cap: "120",
      },
      {
        n: 304,
        name: "嘉禾生物医药有限公司",
        park: "生物医药产业园",
        industryCode: "2720",
        labels: ["high_tech", "tech_sme"],
        isKey: false,
        officerId: null,
        landMu: "8",
        cap: null,
      },
      {
        n: 305,
        name: "卓越新能源有限公司",
        park: "新能源产业园",
        industryCode: "3841",
        labels: ["little_giant"],
        isKey: true,
        officerId: null,
        landMu: "120",
        cap: "30000",
      },
      {
        n: 306,
        name: "明德软件有限公司",
        park: "高新技术产业园",
        industryCode: "6511",
        labels: [],
        isKey: false,
        officerId: null,
        landMu: "2.25",
        cap: "50",
      },
    ];
    for (const r of rows) {
      const res = await admin.post("/api/v1/enterprises", {
        creditCode: code(r.n),
        name: r.name,
        parkUnitId: parks.get(r.park),
        industryCode: r.industryCode,
        labels: r.labels.map((label) => ({ label })),
        isKey: r.isKey,
        officerId: r.officerId,
        landMu: r.landMu,
        registeredCapitalWan: r.cap,
      });
      expect(res.statusCode).toBe(201);
      ids.set(r.name, json<Enterprise>(res).id);
      env.clock.advance(1000); // distinct updatedAt
    }
  });

  const q = async (query: string) => names(await listAll(admin, query));

  it("finds by part of the name, by full pinyin, by pinyin initials and by credit code", async () => {
    expect(await q(`q=${encodeURIComponent("精密")}`)).toEqual(["恒信精密机械有限公司"]);
    expect(await q(`q=${encodeURIComponent("有限公司")}`)).toHaveLength(6);
    expect(await q("q=xtkj")).toEqual(["迅特科技有限公司"]);
    expect(await q("q=XTKJ")).toEqual(["迅特科技有限公司"]);
    expect(await q("q=xuntekeji")).toEqual(["迅特科技有限公司"]);
    expect(await q(`q=${encodeURIComponent("xun te ke ji")}`)).toEqual(["迅特科技有限公司"]);
    expect(await q("q=mingde")).toEqual(["明德软件有限公司"]);
    expect(await q("q=jhsw")).toEqual(["嘉禾生物医药有限公司"]);
    expect(await q(`q=${code(304)}`)).toEqual(["嘉禾生物医药有限公司"]);
    expect(await q(`q=${code(305).slice(-8).toLowerCase()}`)).toEqual(["卓越新能源有限公司"]);
    expect(await q("q=nothing-like-this")).toEqual([]);
  });

  it("treats % and _ in the search text as plain characters", async () => {
    expect((await listAll(admin, "q=%25")).total).toBe(0);
    expect((await listAll(admin, "q=_")).total).toBe(0);
  });

  it("filters by park, industry section and division, label, key flag and officer, alone and together", async () => {
    expect(await q(`parkUnitId=${parks.get("智能制造产业园")}`)).toEqual([
      "博远智能装备有限公司",
      "恒信精密机械有限公司",
    ]);
    expect(await q("industryCode=C")).toEqual(
      ["博远智能装备有限公司", "卓越新能源有限公司", "嘉禾生物医药有限公司", "恒信精密机械有限公司"].sort(),
    );
    expect(await q("industryCode=I")).toEqual(["明德软件有限公司", "迅特科技有限公司"].sort());
    expect(await q("industryCode=65")).toEqual(["明德软件有限公司", "迅特科技有限公司"].sort());
    expect(await q("industryCode=34")).toEqual(["博远智能装备有限公司"]);
    expect(await q("industryCode=6513")).toEqual(["迅特科技有限公司"]);
    expect(await q("industryCode=A")).toEqual([]);
    expect(await q("label=high_tech")).toEqual(["嘉禾生物医药有限公司", "迅特科技有限公司"].sort());
    expect(await q("label=little_giant")).toEqual(["卓越新能源有限公司"]);
    expect(await q("isKey=true")).toEqual(["卓越新能源有限公司", "迅特科技有限公司"].sort());
    expect(await q("isKey=false")).toHaveLength(4);
    expect(await q(`officerId=${officer}`)).toEqual(["博远智能装备有限公司", "迅特科技有限公司"].sort());
    expect(await q(`officerId=${officer001}`)).toEqual(["恒信精密机械有限公司"]);
    expect(await q(`parkUnitId=${parks.get("高新技术产业园")}&isKey=true`)).toEqual(["迅特科技有限公司"]);
    expect(await q(`label=tech_sme&industryCode=C&q=jiahe`)).toEqual(["嘉禾生物医药有限公司"]);
  });

  it("refuses an unknown label or sort with 400", async () => {
    expect((await admin.get("/api/v1/enterprises?label=bogus")).statusCode).toBe(400);
    expect((await admin.get("/api/v1/enterprises?sort=creditCode")).statusCode).toBe(400);
  });

  it("sorts by name in pinyin order, by land and capital (empty last) and by last change", async () => {
    const order = async (sort: string) =>
      json<List>(await admin.get(`/api/v1/enterprises?sort=${sort}`)).items.map((e) => e.name.slice(0, 2));
    expect(await order("name")).toEqual(["博远", "恒信", "嘉禾", "明德", "迅特", "卓越"]);
    expect(await order("-name")).toEqual(["卓越", "迅特", "明德", "嘉禾", "恒信", "博远"]);
    expect(await order("landMu")).toEqual(["明德", "嘉禾", "迅特", "博远", "卓越", "恒信"]);
    expect(await order("-landMu")).toEqual(["卓越", "博远", "迅特", "嘉禾", "明德", "恒信"]);
    expect(await order("-registeredCapitalWan")).toEqual(["卓越", "博远", "迅特", "恒信", "明德", "嘉禾"]);
    expect(await order("-updatedAt")).toEqual(["明德", "卓越", "嘉禾", "恒信", "博远", "迅特"]);
    expect(await order("updatedAt")).toEqual(["迅特", "博远", "恒信", "嘉禾", "卓越", "明德"]);
  });

  it("pages through the list with a stable total", async () => {
    const page = (n: number) =>
      admin.get(`/api/v1/enterprises?sort=name&pageSize=4&page=${n}`).then((r) => json<List>(r));
    const [p1, p2, p3] = await Promise.all([page(1), page(2), page(3)]);
    expect([p1.total, p2.total, p3.total]).toEqual([6, 6, 6]);
    expect(p1.items.map((e) => e.name.slice(0, 2))).toEqual(["博远", "恒信", "嘉禾", "明德"]);
    expect(p2.items.map((e) => e.name.slice(0, 2))).toEqual(["迅特", "卓越"]);
    expect(p3.items).toEqual([]);
    const filtered = json<List>(await admin.get("/api/v1/enterprises?industryCode=C&pageSize=3&page=2"));
    expect(filtered.total).toBe(4);
    expect(filtered.items).toHaveLength(1);
    expect((await admin.get("/api/v1/enterprises?pageSize=201")).statusCode).toBe(400);
  });

  it("shows the park and officer names and the labels in the list", async () => {
    const item = (await listAll(admin, "q=xtkj")).items[0];
    expect(item).toMatchObject({
      id: ids.get("迅特科技有限公司"),
      parkName: "高新技术产业园",
      officerName: "王芳",
      industryName: "应用软件开发",
      labels: ["high_tech"],
      isKey: true,
    });
  });
});

describe("data scope", () => {
  let zone: TestZone;
  let admin: Client;
  let all: List;
  let users: User[];
  // Each test gets a zone of its own.
  beforeEach(async () => {
    zone = await makeZone(env, { enterprises: 30 });
    admin = await Client.login(env.app, zone.user("admin"));
    all = await listAll(admin);
    users = await usersOf(admin);
  });
  const userId = (username: string) => users.find((u) => u.username === username)?.id as string;

  it("an enterprise user reads its own enterprise and nothing of any other", async () => {
    expect(all.total).toBe(30);
    const c = await Client.login(env.app, zone.user("enterprise"));
    const own = all.items.find((e) => e.name === "江苏迅特科技有限公司") as EnterpriseSummary;
    const other = all.items.find((e) => e.id !== own.id) as EnterpriseSummary;

    const mine = await c.get(`/api/v1/enterprises/${own.id}`);
    expect(mine.statusCode).toBe(200);
    expect(json<Enterprise>(mine)).toMatchObject({
      id: own.id,
      name: "江苏迅特科技有限公司",
      creditCode: own.creditCode,
    });

    const theirs = await c.get(`/api/v1/enterprises/${other.id}`);
    expect(theirs.statusCode).toBe(404);
    expect(json(theirs)).toMatchObject({ code: "NOT_FOUND", detail: "企业不存在或无权查看" });
    expect(theirs.body).not.toContain(other.name);
    expect(theirs.body).not.toContain(other.creditCode);
    expect((await c.get(`/api/v1/enterprises/${other.id}/history`)).statusCode).toBe(404);

    const list = await listAll(c);
    expect(list.total).toBe(1);
    expect(list.items.map((e) => e.id)).toEqual([own.id]);
    const search = await listAll(c, `q=${encodeURIComponent(other.name)}`);
    expect(search).toEqual({ items: [], total: 0 });
    expect((await listAll(c, `q=${other.creditCode}`)).total).toBe(0);
    expect(json<Options>(await c.get("/api/v1/enterprises/options"))).toEqual({ parks: [], officers: [] });
  });

  it("an enterprise user cannot export (403), edit another (404) or delete (403); nothing changes", async () => {
    const c = await Client.login(env.app, zone.user("enterprise"));
    const own = all.items.find((e) => e.name === "江苏迅特科技有限公司") as EnterpriseSummary;
    const other = json<Enterprise>(
      await admin.get(`/api/v1/enterprises/${all.items.find((e) => e.id !== own.id)?.id}`),
    );

    const exp = await c.get("/api/v1/enterprises/export");
    expect(exp.statusCode).toBe(403);
    expect(json(exp).code).toBe("FORBIDDEN");
    expect(exp.headers["content-type"]).not.toContain("spreadsheet");

    const edit = await c.put(`/api/v1/enterprises/${other.id}`, { ...inputOf(other), name: "被篡改有限公司" });
    expect(edit.statusCode).toBe(404);
    expect(json(edit).code).toBe("NOT_FOUND");

    const del = await c.del(`/api/v1/enterprises/${other.id}?version=${other.version}`);
    expect(del.statusCode).toBe(403);
    expect((await c.del(`/api/v1/enterprises/${own.id}?version=1`)).statusCode).toBe(403);

    expect(json<Enterprise>(await admin.get(`/api/v1/enterprises/${other.id}`))).toEqual(other);
    expect((await auditOf(admin, other.id)).length).toBe(0);
    expect((await listAll(admin)).total).toBe(30);
  });

  it("an enterprise user updates its own profile but not its park, officer or key status", async () => {
    const c = await Client.login(env.app, zone.user("enterprise"));
    const ownId = all.items.find((e) => e.name === "江苏迅特科技有限公司")?.id as string;
    const own = json<Enterprise>(await c.get(`/api/v1/enterprises/${ownId}`));
    const otherPark = json<Options>(await admin.get("/api/v1/enterprises/options")).parks.find(
      (p) => p.id !== own.parkUnitId,
    )?.id;
    const res = await c.put(`/api/v1/enterprises/${ownId}`, {
      ...inputOf(own),
      address: "迅特路 9 号",
      isKey: false,
      parkUnitId: otherPark,
      officerId: null,
    });
    expect(res.statusCode).toBe(200);
    expect(json<Enterprise>(res)).toMatchObject({
      address: "迅特路 9 号",
      isKey: true,
      parkUnitId: own.parkUnitId,
      officerId: own.officerId,
      version: own.version + 1,
    });
    const [row] = await auditOf(admin, ownId);
    expect(row?.after).toEqual({ address: "迅特路 9 号" });
  });

  it("an officer sees only the enterprises assigned to them", async () => {
    const c = await Client.login(env.app, zone.user("officer"));
    const officerId = userId(zone.user("officer"));
    const expected = all.items.filter((e) => e.officerId === officerId);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(30);
    const list = await listAll(c);
    expect(list.total).toBe(expected.length);
    expect(list.items.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());

    const other = all.items.find((e) => e.officerId !== officerId) as EnterpriseSummary;
    expect((await c.get(`/api/v1/enterprises/${other.id}`)).statusCode).toBe(404);
    const full = json<Enterprise>(await admin.get(`/api/v1/enterprises/${other.id}`));
    expect(
      (await c.put(`/api/v1/enterprises/${other.id}`, { ...inputOf(full), name: "不该改有限公司" })).statusCode,
    ).toBe(404);
    expect((await c.del(`/api/v1/enterprises/${other.id}?version=1`)).statusCode).toBe(403);
    expect((await listAll(c, `q=${encodeURIComponent(other.name)}`)).total).toBe(0);
  });

  it("an enterprise an officer enters is assigned to them, so it stays in their list", async () => {
    const c = await Client.login(env.app, zone.user("officer"));
    const res = await c.post("/api/v1/enterprises", { creditCode: code(401), name: "干部新录有限公司" });
    expect(res.statusCode).toBe(201);
    expect(json<Enterprise>(res)).toMatchObject({ officerId: userId(zone.user("officer")), officerName: "王芳" });
    expect(names(await listAll(c, "q=gbxl"))).toEqual(["干部新录有限公司"]);
    expect((await c.del(`/api/v1/enterprises/${json<Enterprise>(res).id}?version=1`)).statusCode).toBe(403);
    expect((await admin.del(`/api/v1/enterprises/${json<Enterprise>(res).id}?version=1`)).statusCode).toBe(204);
  });

  it("a unit head sees the enterprises in their unit's park or served by their unit's officers", async () => {
    const c = await Client.login(env.app, zone.user("unithead"));
    const head = users.find((u) => u.username === zone.user("unithead")) as User;
    const unitUsers = new Set(users.filter((u) => u.unitId === head.unitId).map((u) => u.id));
    const expected = all.items.filter(
      (e) => e.parkUnitId === head.unitId || (e.officerId !== null && unitUsers.has(e.officerId)),
    );
    expect(head.unitName).toBe("高新技术产业园");
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(30);
    // Someone is in scope only through an officer of the unit, not through the park.
    expect(expected.some((e) => e.parkUnitId !== head.unitId)).toBe(true);
    const list = await listAll(c);
    expect(list.items.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(list.total).toBe(expected.length);
    const outside = all.items.find((e) => !expected.includes(e)) as EnterpriseSummary;
    expect((await c.get(`/api/v1/enterprises/${outside.id}`)).statusCode).toBe(404);
  });

  it("a leader sees every enterprise but cannot create, edit or delete one", async () => {
    const c = await Client.login(env.app, zone.user("leader"));
    const list = await listAll(c);
    expect(list.total).toBe(30);
    const one = json<Enterprise>(await c.get(`/api/v1/enterprises/${all.items[5]?.id}`));
    expect(one.canEdit).toBe(false);
    const create = await c.post("/api/v1/enterprises", { creditCode: code(402), name: "领导新建有限公司" });
    expect(create.statusCode).toBe(403);
    expect(json(create)).toMatchObject({ code: "FORBIDDEN", detail: "无权执行此操作" });
    expect(
      (await c.put(`/api/v1/enterprises/${one.id}`, { ...inputOf(one), name: "领导改名有限公司" })).statusCode,
    ).toBe(403);
    expect((await c.del(`/api/v1/enterprises/${one.id}?version=${one.version}`)).statusCode).toBe(403);
    expect((await listAll(admin)).total).toBe(30);
  });

  it("another zone's admin never sees this zone's enterprises", async () => {
    const otherZone = await makeZone(env, { enterprises: 3, seed: 99 });
    const c = await Client.login(env.app, otherZone.user("admin"));
    const own = await listAll(c);
    expect(own.total).toBe(3);
    const ours = new Set(all.items.map((e) => e.id));
    expect(own.items.some((e) => ours.has(e.id))).toBe(false);
    const target = all.items[3] as EnterpriseSummary;
    const full = json<Enterprise>(await admin.get(`/api/v1/enterprises/${target.id}`));
    expect((await c.get(`/api/v1/enterprises/${target.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/v1/enterprises/${target.id}/history`)).statusCode).toBe(404);
    expect(
      (await c.put(`/api/v1/enterprises/${target.id}`, { ...inputOf(full), name: "跨区篡改有限公司" })).statusCode,
    ).toBe(404);
    expect((await c.del(`/api/v1/enterprises/${target.id}?version=${full.version}`)).statusCode).toBe(404);
    expect((await listAll(c, `q=${target.creditCode}`)).total).toBe(0);
    expect(
      json<{ total: number }>(await c.get(`/api/v1/audit?entityType=enterprise&entityId=${target.id}`)).total,
    ).toBe(0);
    // Unique per zone: the other zone may register the same credit code.
    expect(
      (await c.post("/api/v1/enterprises", { creditCode: target.creditCode, name: "同码异区有限公司" })).statusCode,
    ).toBe(201);
    expect(json<Enterprise>(await admin.get(`/api/v1/enterprises/${target.id}`))).toEqual(full);

    const res = await c.get("/api/v1/enterprises/export");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const exported: string[] = [];
    wb.worksheets[0]?.eachRow((row, n) => {
      if (n > 1) exported.push(String(row.getCell(1).value));
    });
    expect(exported).toHaveLength(4);
    expect(exported.filter((c) => all.items.some((e) => e.creditCode === c))).toEqual([target.creditCode]);
  });
});
