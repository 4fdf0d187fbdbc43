import type {
  AssignmentImportResult,
  Case,
  CaseSummary,
  Coverage,
  EnterpriseSummary,
  Visit,
  VisitSummary,
} from "@zoneos/contracts";
import { eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, T0, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { enterprises as enterpriseTable } from "../enterprises/enterprises.tables.ts";
import { findUserByUsername } from "../org/org.queries.ts";
import { visits as visitTable } from "./visits.tables.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

type List<T> = { items: T[]; total: number };

interface World {
  zone: TestZone;
  admin: Client;
  /** Enterprises by position, sorted by name; [0] is the demo enterprise user's own. */
  ents: EnterpriseSummary[];
  ownId: string;
  userId(name: string): Promise<string>;
  /** Sets key flag and officer directly (test set-up). */
  set(id: string, values: { isKey?: boolean; officerId?: string | null }): Promise<void>;
}

async function world(enterprises = 4): Promise<World> {
  env.clock.set(T0); // 2026-03-02 09:00 in China
  const zone = await makeZone(env, { enterprises });
  const db = env.database.db;
  const admin = await Client.login(env.app, zone.user("admin"));
  const list = json<List<EnterpriseSummary>>(await admin.get("/api/v1/enterprises?pageSize=50&sort=name"));
  const ent = await Client.login(env.app, zone.user("enterprise"));
  const ownId = json<{ enterpriseId: string }>(await ent.get("/api/v1/auth/me")).enterpriseId;
  const ents = [...list.items].sort((a, b) => (a.id === ownId ? -1 : b.id === ownId ? 1 : 0));
  const userId = async (name: string) => (await findUserByUsername(db, `${zone.prefix}${name}`))?.id as string;
  // No enterprise starts with an officer or as key: each test says what it needs.
  await db
    .update(enterpriseTable)
    .set({ officerId: null, isKey: false })
    .where(
      inArray(
        enterpriseTable.id,
        ents.map((e) => e.id),
      ),
    );
  return {
    zone,
    admin,
    ents,
    ownId,
    userId,
    set: async (id, values) => {
      await db.update(enterpriseTable).set(values).where(eq(enterpriseTable.id, id));
    },
  };
}

const demand = (title: string, category = "talent") => ({ category, title, description: `${title}的详细情况` });

async function countVisitRows(zoneId: string) {
  return (await env.database.db.select().from(visitTable).where(eq(visitTable.zoneId, zoneId))).length;
}

describe("recording a visit", () => {
  it("two demands become two cases with source visit, due times and a history, in the recorder's unit", async () => {
    const w = await world();
    const officerId = await w.userId("officer");
    const target = w.ents[1] as EnterpriseSummary;
    expect((await w.admin.put(`/api/v1/enterprises/${target.id}/officer`, { officerId })).statusCode).toBe(200);
    const officer = await Client.login(env.app, w.zone.user("officer"));
    const res = await officer.post("/api/v1/visits", {
      enterpriseId: target.id,
      visitedOn: "2026-03-01",
      kind: "service_day",
      participants: "企业法人 张三",
      notes: "企业产能利用率约八成",
      demands: [demand("招聘 20 名技术工人"), { ...demand("厂房扩建用地", "land"), priority: "urgent" }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = json<Visit>(res);
    expect(v.enterpriseName).toBe(target.name);
    expect(v.visitors.map((x) => x.id)).toEqual([officerId]);
    expect(v.kind).toBe("service_day");
    expect(v.demandCount).toBe(2);
    expect(v.demands).toHaveLength(2);
    for (const c of v.demands) {
      expect(c.source).toBe("visit");
      expect(c.enterpriseId).toBe(target.id);
      expect(c.state).toBe("new");
      expect(c.ownerUnitName).toBe("高新技术产业园");
    }
    // Received Monday 2026-03-02 09:00: accept the same working day; 人才 5 and 用地 15 working days from the next.
    const talent = v.demands.find((c) => c.category === "talent") as CaseSummary;
    const land = v.demands.find((c) => c.category === "land") as CaseSummary;
    expect(new Date(talent.acceptDueAt).toISOString()).toBe("2026-03-02T09:30:00.000Z");
    expect(new Date(talent.resolveDueAt).toISOString()).toBe("2026-03-09T09:30:00.000Z");
    expect(new Date(land.resolveDueAt).toISOString()).toBe("2026-03-23T09:30:00.000Z");
    expect(land.priority).toBe("urgent");
    const detail = json<Case>(await officer.get(`/api/v1/cases/${talent.id}`));
    expect(detail.history.map((h) => h.step)).toEqual(["create"]);
    expect(detail.history[0]?.data).toEqual({ source: "visit" });
    // The case list shows them as visit cases, and the visit is audited with the case numbers.
    const cases = json<List<CaseSummary>>(await officer.get("/api/v1/cases?source=visit"));
    expect(cases.total).toBe(2);
    // POST /api/v1/cases goes through the same creation: a hotline case of the officer, not linked to the visit.
    const hotline = await officer.post("/api/v1/cases", { enterpriseId: target.id, ...demand("电话反映用电") });
    expect(hotline.statusCode).toBe(201);
    expect(json<Case>(hotline)).toMatchObject({ source: "hotline", ownerUnitName: "高新技术产业园" });
    expect(json<Visit>(await officer.get(`/api/v1/visits/${v.id}`)).demands).toHaveLength(2);
    const audit = json<List<{ action: string; after: Record<string, unknown> }>>(
      await w.admin.get(`/api/v1/audit?entityType=visit&entityId=${v.id}`),
    );
    expect(audit.items.map((a) => a.action)).toEqual(["visit.create"]);
    expect(audit.items[0]?.after.cases).toEqual(v.demands.map((c) => c.number).sort());
  });

  it("a demand that fails leaves nothing behind: no visit, no case", async () => {
    const w = await world();
    const target = w.ents[1] as EnterpriseSummary;
    const base = { enterpriseId: target.id, visitedOn: "2026-03-01", notes: "走访" };
    // An empty title is refused before anything is written…
    const empty = await w.admin.post("/api/v1/visits", {
      ...base,
      demands: [demand("用工"), { ...demand(""), title: " " }],
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe("demands.1.title");
    // …and the second demand's unknown category rolls back the visit and the first demand's case.
    const unknown = await w.admin.post("/api/v1/visits", {
      ...base,
      demands: [demand("用工"), demand("其他", "nope")],
    });
    expect(unknown.statusCode).toBe(404);
    expect(await countVisitRows(w.zone.zoneId)).toBe(0);
    expect(json<List<CaseSummary>>(await w.admin.get("/api/v1/cases")).total).toBe(0);
    expect(json<List<VisitSummary>>(await w.admin.get("/api/v1/visits")).total).toBe(0);
    // More than 10 demands is refused too.
    const many = await w.admin.post("/api/v1/visits", {
      ...base,
      demands: Array.from({ length: 11 }, (_, i) => demand(`诉求${i}`)),
    });
    expect(many.statusCode).toBe(400);
  });

  it("refuses a date in the future (China date) and visitors who are not staff", async () => {
    const w = await world();
    const target = w.ents[1] as EnterpriseSummary;
    const future = await w.admin.post("/api/v1/visits", { enterpriseId: target.id, visitedOn: "2026-03-03" });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe("VISIT_DATE_IN_FUTURE");
    const entUser = await w.userId("enterprise");
    const bad = await w.admin.post("/api/v1/visits", {
      enterpriseId: target.id,
      visitedOn: "2026-03-02",
      visitorIds: [entUser],
    });
    expect(bad.statusCode).toBe(404);
    const leader = await w.userId("leader");
    const ok = await w.admin.post("/api/v1/visits", {
      enterpriseId: target.id,
      visitedOn: "2026-03-02",
      kind: "leader",
      visitorIds: [leader, leader],
    });
    expect(ok.statusCode).toBe(201);
    expect(json<Visit>(ok).visitors.map((v) => v.id)).toEqual([await w.userId("admin"), leader]);
  });
});

describe("scope", () => {
  it("an officer records only for enterprises they serve; an enterprise user sees only its own visits, without notes", async () => {
    const w = await world();
    const officerId = await w.userId("officer");
    const [own, mine, other] = w.ents as [EnterpriseSummary, EnterpriseSummary, EnterpriseSummary];
    await w.set(mine.id, { officerId });
    const officer = await Client.login(env.app, w.zone.user("officer"));
    const refused = await officer.post("/api/v1/visits", { enterpriseId: other.id, visitedOn: "2026-03-01" });
    expect(refused.statusCode).toBe(404);
    expect(await countVisitRows(w.zone.zoneId)).toBe(0);
    expect((await officer.post("/api/v1/visits", { enterpriseId: mine.id, visitedOn: "2026-03-01" })).statusCode).toBe(
      201,
    );
    const toOwn = json<Visit>(
      await w.admin.post("/api/v1/visits", {
        enterpriseId: own.id,
        visitedOn: "2026-02-20",
        notes: "内部记录：企业资金紧张",
        demands: [demand("人才公寓")],
      }),
    );
    const toOther = json<Visit>(
      await w.admin.post("/api/v1/visits", { enterpriseId: other.id, visitedOn: "2026-02-21" }),
    );

    const ent = await Client.login(env.app, w.zone.user("enterprise"));
    const seen = json<List<VisitSummary>>(await ent.get("/api/v1/visits"));
    expect(seen.items.map((v) => v.id)).toEqual([toOwn.id]);
    expect(seen.items[0]?.notes).toBeNull();
    const detail = json<Visit>(await ent.get(`/api/v1/visits/${toOwn.id}`));
    expect(detail.notes).toBeNull();
    expect(detail.demands.map((d) => d.title)).toEqual(["人才公寓"]);
    expect((await ent.get(`/api/v1/visits/${toOther.id}`)).statusCode).toBe(404);
    expect((await ent.get(`/api/v1/visits?enterpriseId=${other.id}`)).json().total).toBe(0);
    expect((await ent.post("/api/v1/visits", { enterpriseId: own.id, visitedOn: "2026-03-01" })).statusCode).toBe(403);
    expect((await ent.get("/api/v1/visits/coverage")).statusCode).toBe(403);
    expect((await ent.get("/api/v1/visits/export")).statusCode).toBe(403);

    // The officer sees the visits to the enterprise they serve and their own, not the one to `other`.
    const officerSees = json<List<VisitSummary>>(await officer.get("/api/v1/visits"));
    expect(officerSees.items.map((v) => v.enterpriseId).sort()).toEqual([mine.id]);
    expect((await officer.get(`/api/v1/visits/${toOther.id}`)).statusCode).toBe(404);
    expect(json<Visit>(await w.admin.get(`/api/v1/visits/${toOwn.id}`)).notes).toBe("内部记录：企业资金紧张");

    // The unit head of 高新技术产业园 sees the visit its officer made (by unit), and the leader sees all.
    const head = await Client.login(env.app, w.zone.user("unithead"));
    const headSees = json<List<VisitSummary>>(await head.get(`/api/v1/visits?enterpriseId=${mine.id}`));
    expect(headSees.items.map((v) => v.unitName)).toEqual(["高新技术产业园"]);
    const leader = await Client.login(env.app, w.zone.user("leader"));
    expect(json<List<VisitSummary>>(await leader.get("/api/v1/visits")).total).toBe(3);
    const filtered = json<List<VisitSummary>>(await leader.get(`/api/v1/visits?officerId=${officerId}&kind=routine`));
    expect(filtered.items.map((v) => v.enterpriseId)).toEqual([mine.id]);
    const range = json<List<VisitSummary>>(await leader.get("/api/v1/visits?from=2026-02-21&to=2026-02-28"));
    expect(range.items.map((v) => v.id)).toEqual([toOther.id]);
  });

  it("only the recorder or an administrator changes a visit; a stale version gets 409", async () => {
    const w = await world();
    const officerId = await w.userId("officer");
    const mine = w.ents[1] as EnterpriseSummary;
    await w.set(mine.id, { officerId });
    const officer = await Client.login(env.app, w.zone.user("officer"));
    const v = json<Visit>(await w.admin.post("/api/v1/visits", { enterpriseId: mine.id, visitedOn: "2026-02-01" }));
    const body = { visitedOn: "2026-02-02", kind: "routine", visitorIds: [], notes: "改", version: v.version };
    expect((await officer.put(`/api/v1/visits/${v.id}`, body)).statusCode).toBe(403);
    const changed = await w.admin.put(`/api/v1/visits/${v.id}`, { ...body, visitorIds: [officerId] });
    expect(changed.statusCode).toBe(200);
    expect(json<Visit>(changed).visitedOn).toBe("2026-02-02");
    expect(json<Visit>(changed).visitors.map((x) => x.id)).toEqual([await w.userId("admin"), officerId]);
    expect((await w.admin.put(`/api/v1/visits/${v.id}`, body)).statusCode).toBe(409);
  });
});

describe("assignments (挂点)", () => {
  it("a unit head assigns only officers of the unit subtree; an officer may not assign", async () => {
    const w = await world();
    const [, a] = w.ents as [EnterpriseSummary, EnterpriseSummary];
    const parkOfficer = await w.userId("officer");
    const otherUnitOfficer = await w.userId("officer002"); // 智能制造产业园
    await w.set(a.id, { officerId: parkOfficer });
    const head = await Client.login(env.app, w.zone.user("unithead"));
    expect((await head.put(`/api/v1/enterprises/${a.id}/officer`, { officerId: otherUnitOfficer })).statusCode).toBe(
      404,
    );
    const self = await w.userId("unithead");
    const ok = await head.put(`/api/v1/enterprises/${a.id}/officer`, { officerId: self });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().officerName).toBe("李明（园区主任）");
    const officer = await Client.login(env.app, w.zone.user("officer"));
    expect((await officer.put(`/api/v1/enterprises/${a.id}/officer`, { officerId: null })).statusCode).toBe(403);
    // The administrator clears it; a stale version gets 409.
    const cleared = await w.admin.put(`/api/v1/enterprises/${a.id}/officer`, { officerId: null });
    expect(cleared.json().officerId).toBeNull();
    const stale = await w.admin.put(`/api/v1/enterprises/${a.id}/officer`, { officerId: self, version: 1 });
    expect(stale.statusCode).toBe(409);
    const overview = json<{ officers: { officerId: string; enterpriseCount: number }[]; unassignedCount: number }>(
      await head.get("/api/v1/visits/assignments"),
    );
    expect(overview.officers.map((o) => o.officerId)).toContain(self);
    expect(overview.officers.map((o) => o.officerId)).not.toContain(otherUnitOfficer);
  });

  async function sheet(rows: (string | null)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("挂点分配");
    ws.addRow(["统一社会信用代码", "企业名称", "干部账号", "干部姓名"]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it("bulk assignment by Excel: all rows or none, with a report naming row, column and reason", async () => {
    const w = await world(5);
    const [e0, e1, e2, e3] = w.ents as EnterpriseSummary[] as [
      EnterpriseSummary,
      EnterpriseSummary,
      EnterpriseSummary,
      EnterpriseSummary,
    ];
    const p = w.zone.prefix;
    const tpl = await w.admin.get("/api/v1/visits/assignments/template");
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers["content-type"]).toContain("spreadsheetml");

    const bad = await sheet([
      [e0.creditCode, null, `${p}officer`, null],
      ["91110000600037341L", null, `${p}officer`, null], // valid code, no such enterprise
      [null, e1.name, `${p}nobody`, null],
      [null, e2.name, null, null],
      [e0.creditCode, null, `${p}officer001`, null], // the same enterprise twice
    ]);
    const rejected = await w.admin.upload("/api/v1/visits/assignments/import", "挂点.xlsx", bad);
    expect(rejected.statusCode, rejected.body).toBe(200);
    const r = json<AssignmentImportResult>(rejected);
    expect(r.status).toBe("rejected");
    expect(r.totalRows).toBe(5);
    expect(r.problems.map((x) => [x.sheet, x.row, x.column])).toEqual([
      ["挂点分配", 3, "A（统一社会信用代码）"],
      ["挂点分配", 4, "C（干部账号）"],
      ["挂点分配", 5, "C（干部账号）"],
      ["挂点分配", 6, "A（统一社会信用代码）"],
    ]);
    expect(r.problems[0]?.reason).toContain("没有该统一社会信用代码");
    expect(r.problems[3]?.reason).toBe("与第 2 行是同一家企业");
    const unchanged = await env.database.db
      .select({ officerId: enterpriseTable.officerId })
      .from(enterpriseTable)
      .where(eq(enterpriseTable.id, e0.id));
    expect(unchanged[0]?.officerId).toBeNull();

    const officerId = await w.userId("officer");
    const officer001 = await w.userId("officer001");
    await w.set(e3.id, { officerId: officer001 });
    const good = await sheet([
      [e0.creditCode.toLowerCase(), null, `${p}officer`, null],
      [null, e1.name, `${p}OFFICER`, "王芳"],
      [e2.creditCode, e2.name, null, "王芳"],
      [e3.creditCode, null, `${p}officer001`, null], // already so: unchanged
    ]);
    const done = json<AssignmentImportResult>(
      await w.admin.upload("/api/v1/visits/assignments/import", "挂点.xlsx", good),
    );
    expect(done).toMatchObject({ status: "done", totalRows: 4, changedRows: 3, unchangedRows: 1, problems: [] });
    const rows = await env.database.db
      .select({ id: enterpriseTable.id, officerId: enterpriseTable.officerId })
      .from(enterpriseTable)
      .where(inArray(enterpriseTable.id, [e0.id, e1.id, e2.id, e3.id]));
    const officerOf = new Map(rows.map((x) => [x.id, x.officerId]));
    expect([e0, e1, e2].map((e) => officerOf.get(e.id))).toEqual([officerId, officerId, officerId]);
    expect(officerOf.get(e3.id)).toBe(officer001);
    const audit = json<List<{ entityId: string }>>(
      await w.admin.get("/api/v1/audit?action=enterprise.assign_officer&pageSize=50"),
    );
    expect(audit.items.map((a) => a.entityId).sort()).toEqual([e0.id, e1.id, e2.id].sort());
  });
});

describe("visit rules and coverage", () => {
  it("coverage per officer and unit, computed by hand, for the current and a past period", async () => {
    const w = await world(6);
    const [e1, e2, e3, e4, e5, e6] = w.ents as EnterpriseSummary[] as [
      EnterpriseSummary,
      EnterpriseSummary,
      EnterpriseSummary,
      EnterpriseSummary,
      EnterpriseSummary,
      EnterpriseSummary,
    ];
    const a = await w.userId("officer"); // 高新技术产业园
    const b = await w.userId("officer002"); // 智能制造产业园
    await w.set(e1.id, { isKey: true, officerId: a });
    await w.set(e2.id, { isKey: true, officerId: a });
    await w.set(e3.id, { isKey: true, officerId: null });
    await w.set(e4.id, { officerId: a });
    await w.set(e5.id, { officerId: b });
    void e6; // neither key nor assigned: never due
    const visit = async (e: EnterpriseSummary, visitedOn: string) =>
      expect((await w.admin.post("/api/v1/visits", { enterpriseId: e.id, visitedOn })).statusCode).toBe(201);
    await visit(e1, "2026-02-10"); // key, this quarter: visited
    await visit(e2, "2025-12-20"); // key, last quarter only: not visited
    await visit(e4, "2026-01-05"); // assigned, this half-year: visited
    await visit(e6, "2026-02-01"); // not due: does not count

    const cov = json<Coverage>(await w.admin.get("/api/v1/visits/coverage?period=2026Q1"));
    expect(cov.referenceDate).toBe("2026-03-02");
    expect(cov.rules.map((r) => [r.code, r.periodKey])).toEqual([
      ["key_quarterly", "2026Q1"],
      ["assigned_half_year", "2026H1"],
    ]);
    expect(cov.total).toEqual({ due: 5, visited: 2, rate: 0.4 });
    const row = (id: string | null) => cov.officers.find((o) => o.officerId === id);
    expect(row(a)).toMatchObject({ due: 3, visited: 2, unitName: "高新技术产业园" });
    expect(row(a)?.rate).toBeCloseTo(2 / 3, 12);
    expect(row(b)).toMatchObject({ due: 1, visited: 0, rate: 0, unitName: "智能制造产业园" });
    expect(row(null)).toMatchObject({ due: 1, visited: 0, rate: 0 });
    expect(row(await w.userId("unithead"))).toMatchObject({ due: 0, visited: 0, rate: null });
    const unit = (name: string | null) => cov.units.find((u) => u.unitName === name);
    expect(unit("高新技术产业园")).toMatchObject({ due: 3, visited: 2 });
    expect(unit("智能制造产业园")).toMatchObject({ due: 1, visited: 0, rate: 0 });

    const unvisited = json<List<{ enterpriseId: string; lastVisitedOn: string | null; periodKey: string }>>(
      await w.admin.get(`/api/v1/visits/coverage/unvisited?period=2026Q1&officerId=${a}`),
    );
    expect(unvisited.items).toEqual([
      expect.objectContaining({ enterpriseId: e2.id, lastVisitedOn: "2025-12-20", periodKey: "2026Q1" }),
    ]);
    const all = json<List<{ enterpriseId: string }>>(await w.admin.get("/api/v1/visits/coverage/unvisited"));
    expect(all.items.map((i) => i.enterpriseId).sort()).toEqual([e2.id, e3.id, e5.id].sort());

    // As of 2025-12-31 (2025Q4, 2025H2): only e2's December visit counts.
    const past = json<Coverage>(await w.admin.get("/api/v1/visits/coverage?period=2025Q4"));
    expect(past.referenceDate).toBe("2025-12-31");
    expect(past.total).toEqual({ due: 5, visited: 1, rate: 0.2 });

    // The officer sees their own row only; a bad period is refused.
    const officer = await Client.login(env.app, w.zone.user("officer"));
    const own = json<Coverage>(await officer.get("/api/v1/visits/coverage"));
    expect(own.officers.map((o) => [o.officerId, o.due, o.visited])).toEqual([[a, 3, 2]]);
    expect((await w.admin.get("/api/v1/visits/coverage?period=2026Q5")).json().code).toBe("VISIT_PERIOD_INVALID");
    const xlsx = await w.admin.get("/api/v1/visits/coverage/export?period=2026Q1");
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["按干部", "按单位", "未走访企业"]);
    expect(wb.getWorksheet("未走访企业")?.rowCount).toBe(4);

    // Rules are the administrator's: with the key rule only, e4 and e5 are no longer due.
    expect((await officer.put("/api/v1/visits/rules", { items: [] })).statusCode).toBe(403);
    const rules = json<{ items: { code: string }[] }>(await w.admin.get("/api/v1/visits/rules"));
    const keyOnly = rules.items.filter((r) => r.code === "key_quarterly");
    expect((await w.admin.put("/api/v1/visits/rules", { items: keyOnly })).statusCode).toBe(200);
    const after = json<Coverage>(await w.admin.get("/api/v1/visits/coverage"));
    expect(after.total).toEqual({ due: 3, visited: 1, rate: 1 / 3 });
  });
});
