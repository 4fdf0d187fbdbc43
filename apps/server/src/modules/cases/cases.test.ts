import type { Case, CaseSummary, EnterpriseSummary } from "@zoneos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { hashPassword } from "../../platform/passwords.ts";
import { DEMO_PASSWORD } from "../../seed/demo.ts";
import { findUnitByName, insertUser } from "../org/org.queries.ts";
import { runCaseTimers } from "./cases.service.ts";

let env: TestEnv;
let passwordHash: string;
beforeAll(async () => {
  env = await makeTestEnv();
  passwordHash = await hashPassword(DEMO_PASSWORD);
});
afterAll(() => env.close());

type CaseList = { items: CaseSummary[]; total: number };
const cn = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);

interface World {
  zone: TestZone;
  units: { planning: string; centre: string; desk: string; park: string };
  enterprises: EnterpriseSummary[];
  /** The demo enterprise user's enterprise. */
  ownEnterpriseId: string;
  login(who: string): Promise<Client>;
}

/** A zone with 3 enterprises, an officer in 规划和自然资源局 and one in 企业服务中心, a user of another enterprise. */
async function world(at: string): Promise<World> {
  env.clock.set(cn(at));
  const zone = await makeZone(env, { enterprises: 3 });
  const db = env.database.db;
  const unit = async (name: string, parentId: string | null = null) =>
    (await findUnitByName(db, zone.zoneId, parentId, name))?.id as string;
  const centre = await unit("企业服务中心");
  const units = {
    planning: await unit("规划和自然资源局"),
    centre,
    desk: await unit("兜底办", centre),
    park: await unit("高新技术产业园"),
  };
  const admin = await Client.login(env.app, zone.user("admin"));
  const enterprises = json<{ items: EnterpriseSummary[] }>(await admin.get("/api/v1/enterprises?pageSize=50")).items;
  const me = json<{ enterpriseId: string | null }>(
    await (await Client.login(env.app, zone.user("enterprise"))).get("/api/v1/auth/me"),
  );
  const ownEnterpriseId = me.enterpriseId as string;
  const other = enterprises.find((e) => e.id !== ownEnterpriseId) as EnterpriseSummary;
  const add = (name: string, role: string, unitId: string | null, enterpriseId: string | null = null) =>
    insertUser(db, {
      zoneId: zone.zoneId,
      username: `${zone.prefix}${name}`,
      displayName: name,
      role,
      unitId,
      enterpriseId,
      passwordHash,
      mustChangePassword: false,
    });
  await add("plan_officer", "officer", units.planning);
  await add("planhead", "unithead", units.planning);
  await add("centre", "officer", units.centre);
  await add("desk", "officer", units.desk);
  await add("other_ent", "enterprise", null, other.id);
  return {
    zone,
    units,
    enterprises,
    ownEnterpriseId,
    login: (who) => Client.login(env.app, who.includes("_") && who.startsWith("t") ? who : `${zone.prefix}${who}`),
  };
}

async function create(c: Client, body: Record<string, unknown>): Promise<Case> {
  const res = await c.post("/api/v1/cases", {
    category: "talent",
    title: "人才公寓申请",
    description: "三名博士需要人才公寓",
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<Case>(res);
}

async function step(c: Client, k: Case, body: Record<string, unknown>, status = 200) {
  const res = await c.post(`/api/v1/cases/${k.id}/steps`, { version: k.version, ...body });
  expect(res.statusCode, res.body).toBe(status);
  return json<Case & { code: string; title: string }>(res);
}

async function list(c: Client, query = ""): Promise<CaseList> {
  const res = await c.get(`/api/v1/cases?pageSize=200${query ? `&${query}` : ""}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<CaseList>(res);
}

describe("cases", () => {
  it("computes due times across the 2024 Spring Festival and derives overdue and due soon", async () => {
    const w = await world("2024-02-08 10:00");
    const officer = await w.login("officer");
    const k = await create(officer, { enterpriseId: w.ownEnterpriseId, source: "visit" });
    expect(k).toMatchObject({
      state: "new",
      source: "visit",
      categoryName: "人才",
      acceptDueAt: cn("2024-02-08 17:30").toISOString(),
      resolveDueAt: cn("2024-02-21 17:30").toISOString(),
      overdue: false,
      dueSoon: true,
    });
    expect(k.number).toBe("SQ2024-000001");
    expect(k.history).toMatchObject([{ step: "create", toState: "new" }]);
    const planning = await create(officer, { category: "planning", title: "规划调整" });
    expect(planning.number).toBe("SQ2024-000002");
    // 15 working days: 02-09, 02-18…23, 02-26…03-01, 03-04…06.
    expect(planning.resolveDueAt).toBe(cn("2024-03-06 17:30").toISOString());

    const head = await w.login("unithead");
    const accepted = await step(head, await step(head, k, { step: "dispatch", unitId: w.units.park }), {
      step: "accept",
    });
    expect(accepted.state).toBe("accepted");
    env.clock.set(cn("2024-02-16 10:00"));
    const c1 = await w.login("unithead");
    expect((await list(c1, "view=unit")).items.find((i) => i.id === k.id)).toMatchObject({
      overdue: false,
      dueSoon: false,
    });
    env.clock.set(cn("2024-02-20 10:00"));
    const c2 = await w.login("unithead");
    expect((await list(c2, "view=unit")).items.find((i) => i.id === k.id)).toMatchObject({ dueSoon: true });
    env.clock.set(cn("2024-02-21 18:00"));
    const c3 = await w.login("unithead");
    const queue = await list(c3, "view=unit");
    // Overdue first: the accepted case (due 02-21) before the new one (accept due 02-08, also overdue, but later
    // in the list only when due later) — ordered by the deadline that counts.
    expect(queue.items.map((i) => i.number)).toEqual(["SQ2024-000002", "SQ2024-000001"]);
    expect(queue.items.every((i) => i.overdue)).toBe(true);
    expect((await list(c3, "overdue=true")).total).toBe(2);
  });

  it("walks the happy path: create → dispatch to 规划和自然资源局 → accept → reply → 满意 → closed", async () => {
    const w = await world("2026-03-02 10:00");
    const officer = await w.login("officer");
    let k = await create(officer, { enterpriseId: w.ownEnterpriseId, category: "planning", title: "厂房规划许可" });
    const centre = await w.login("centre");
    k = await step(centre, k, { step: "dispatch", unitId: w.units.planning, comment: "请规划局办理" });
    expect(k).toMatchObject({ state: "dispatched", ownerUnitName: "规划和自然资源局" });
    const planner = await w.login("plan_officer");
    expect((await list(planner, "view=unit")).items.map((i) => i.id)).toEqual([k.id]);
    expect((await list(officer, "view=unit")).total).toBe(0);
    k = await step(planner, k, { step: "accept" });
    expect(k).toMatchObject({ state: "accepted", ownerOfficerName: "plan_officer" });
    expect((await list(planner, "view=mine")).items.map((i) => i.id)).toEqual([k.id]);
    env.clock.advance(600_000);
    k = await step(planner, k, { step: "reply", comment: "已批复，可按图施工" });
    expect(k.state).toBe("replied");
    const ent = await w.login("enterprise");
    expect((await list(ent)).items.map((i) => i.id)).toEqual([k.id]);
    const seen = json<Case>(await ent.get(`/api/v1/cases/${k.id}`));
    expect(seen.allowedSteps).toContain("rate");
    expect(seen.history.find((h) => h.step === "reply")?.comment).toBe("已批复，可按图施工");
    k = await step(ent, seen, { step: "rate", rating: "satisfied", comment: "很快" });
    expect(k).toMatchObject({ state: "closed", rating: "satisfied" });
    expect(k.history.map((h) => h.step)).toEqual(["create", "dispatch", "accept", "reply", "rate"]);
    expect(k.history.map((h) => h.actorName)).toEqual([
      "王芳",
      "centre",
      "plan_officer",
      "plan_officer",
      "迅特科技 陈经理",
    ]);
    const admin = await w.login("admin");
    const audit = json<{ items: { action: string }[] }>(
      await admin.get(`/api/v1/audit?entityType=case&entityId=${k.id}`),
    );
    expect(audit.items.map((a) => a.action).sort()).toEqual(
      ["case.accept", "case.create", "case.dispatch", "case.rate", "case.reply"].sort(),
    );
  });

  it("refuses impossible steps with clear problem codes in Chinese", async () => {
    const w = await world("2026-03-02 10:00");
    const officer = await w.login("officer");
    const k = await create(officer, { enterpriseId: w.ownEnterpriseId });
    // The officer of the receiving park is not the service centre: it may not dispatch.
    const r1 = await step(officer, k, { step: "dispatch", unitId: w.units.planning }, 403);
    expect(r1).toMatchObject({ code: "CASE_STEP_FORBIDDEN", title: "您无权对该诉求执行“分派”" });
    const head = await w.login("unithead");
    const d = await step(head, k, { step: "dispatch", unitId: w.units.planning });
    // Nobody of another unit accepts it.
    expect((await step(officer, d, { step: "accept" }, 403)).code).toBe("CASE_STEP_FORBIDDEN");
    const planner = await w.login("plan_officer");
    // It has not been replied yet: nothing to rate; and a reply needs to be accepted first.
    const ent = await w.login("enterprise");
    const r2 = await step(ent, d, { step: "rate", rating: "satisfied" }, 409);
    expect(r2).toMatchObject({ code: "CASE_STEP_NOT_ALLOWED", title: "诉求当前为“待受理”状态，不能执行“评价”" });
    expect((await step(planner, d, { step: "reply", comment: "好" }, 409)).code).toBe("CASE_STEP_NOT_ALLOWED");
    // A leader supervises but does not handle; an enterprise user may not supervise (no permission at all).
    expect((await step(await w.login("leader"), d, { step: "accept" }, 403)).code).toBe("CASE_STEP_FORBIDDEN");
    expect((await step(ent, d, { step: "supervise", on: true }, 403)).code).toBe("CASE_STEP_FORBIDDEN");
    const sup = await step(await w.login("leader"), d, { step: "supervise", on: true });
    expect(sup.supervised).toBe(true);
    // A return needs a reason (validated as input) and goes back to the dispatcher's unit.
    const noReason = await planner.post(`/api/v1/cases/${d.id}/steps`, { version: sup.version, step: "return" });
    expect(noReason.statusCode).toBe(400);
    const back = await step(planner, sup, { step: "return", comment: "不属于我局职责" });
    expect(back).toMatchObject({ state: "new", ownerUnitId: w.units.park, resolveDueAt: k.resolveDueAt });
    // A stale version: 409 VERSION_CONFLICT.
    expect((await step(head, sup, { step: "dispatch", unitId: w.units.planning }, 409)).code).toBe("VERSION_CONFLICT");
  });

  it("reopens on the first 不满意 and escalates to 兜底办 on the second", async () => {
    const w = await world("2026-03-02 10:00");
    const centre = await w.login("centre");
    const ent = await w.login("enterprise");
    let k = await create(ent, { source: "hotline" });
    expect(k).toMatchObject({ source: "portal", enterpriseId: w.ownEnterpriseId, ownerUnitId: null });
    k = await step(centre, k, { step: "dispatch", unitId: w.units.planning });
    const planner = await w.login("plan_officer");
    k = await step(planner, k, { step: "accept" });
    k = await step(planner, k, { step: "reply", comment: "第一次答复" });
    k = await step(ent, k, { step: "rate", rating: "unsatisfied", comment: "没解决" });
    expect(k).toMatchObject({ state: "accepted", reopenCount: 1, escalated: false });
    k = await step(planner, k, { step: "reply", comment: "第二次答复" });
    k = await step(ent, k, { step: "rate", rating: "unsatisfied", comment: "还是没解决" });
    expect(k).toMatchObject({
      state: "dispatched",
      escalated: true,
      ownerUnitId: w.units.desk,
      ownerUnitName: "兜底办",
    });
    expect((await list(centre, "view=escalated")).items.map((i) => i.id)).toEqual([k.id]);
    const leader = await w.login("leader");
    expect((await list(leader, "view=escalated")).items.map((i) => i.id)).toEqual([k.id]);
    // The leader reassigns it.
    k = await step(leader, k, { step: "dispatch", unitId: w.units.park });
    expect(k).toMatchObject({ state: "dispatched", ownerUnitName: "高新技术产业园", escalated: true });
  });

  it("closes unrated replies and escalates overdue cases through runCaseTimers", async () => {
    // Thursday 2026-03-05; 政策咨询 is due in 3 working days: Tuesday 03-10 17:30.
    const w = await world("2026-03-05 10:00");
    const centre = await w.login("centre");
    const planner = await w.login("plan_officer");
    const mk = async (title: string) =>
      step(centre, await create(centre, { enterpriseId: w.ownEnterpriseId, category: "policy", title }), {
        step: "dispatch",
        unitId: w.units.planning,
      });
    let replied = await mk("已答复未评价");
    replied = await step(planner, await step(planner, replied, { step: "accept" }), { step: "reply", comment: "答复" });
    const late = await step(planner, await mk("超期未办"), { step: "accept" });

    // Auto-close at the end of the 3rd working day after the reply (Tuesday 03-10 17:30); escalate when overdue by
    // more than 2 working days (Thursday 03-12 17:30).
    // (The timers run over every zone of the test database; this test looks at its own cases.)
    await runCaseTimers(env.database.db, cn("2026-03-10 17:00"));
    expect(json<Case>(await centre.get(`/api/v1/cases/${replied.id}`)).state).toBe("replied");
    const first = await runCaseTimers(env.database.db, cn("2026-03-11 09:00"));
    expect(first.closed).toBeGreaterThanOrEqual(1);
    env.clock.set(cn("2026-03-11 09:00"));
    const admin = await w.login("admin");
    const closed = json<Case>(await admin.get(`/api/v1/cases/${replied.id}`));
    expect(closed).toMatchObject({ state: "closed", rating: null, closedAt: cn("2026-03-11 09:00").toISOString() });
    expect(closed.history.at(-1)).toMatchObject({ step: "auto_close", actorId: null, actorName: "系统" });
    expect(json<Case>(await admin.get(`/api/v1/cases/${late.id}`))).toMatchObject({ state: "accepted", overdue: true });

    await runCaseTimers(env.database.db, cn("2026-03-12 17:00"));
    expect(json<Case>(await admin.get(`/api/v1/cases/${late.id}`)).escalated).toBe(false);
    await runCaseTimers(env.database.db, cn("2026-03-13 09:00"));
    env.clock.set(cn("2026-03-13 09:00"));
    const desk = await w.login("desk");
    const escalated = json<Case>(await desk.get(`/api/v1/cases/${late.id}`));
    expect(escalated).toMatchObject({ state: "dispatched", escalated: true, ownerUnitName: "兜底办" });
    expect(escalated.history.at(-1)).toMatchObject({ step: "auto_escalate", actorName: "系统" });
    // Running again changes nothing.
    await runCaseTimers(env.database.db, cn("2026-03-13 09:05"));
    expect(json<Case>(await desk.get(`/api/v1/cases/${late.id}`)).version).toBe(escalated.version);
  });

  it("of two simultaneous replies exactly one succeeds and one history entry is written", async () => {
    const w = await world("2026-03-02 10:00");
    const centre = await w.login("centre");
    const planner = await w.login("plan_officer");
    const head = await w.login("planhead");
    let k = await create(centre, { enterpriseId: w.ownEnterpriseId });
    k = await step(centre, k, { step: "dispatch", unitId: w.units.planning });
    k = await step(planner, k, { step: "accept" });
    const [a, b] = await Promise.all([
      planner.post(`/api/v1/cases/${k.id}/steps`, { step: "reply", version: k.version, comment: "答复一" }),
      head.post(`/api/v1/cases/${k.id}/steps`, { step: "reply", version: k.version, comment: "答复二" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(json(loser)).toMatchObject({ code: "VERSION_CONFLICT" });
    const now = json<Case>(await planner.get(`/api/v1/cases/${k.id}`));
    expect(now.state).toBe("replied");
    expect(now.history.filter((h) => h.step === "reply")).toHaveLength(1);
  });

  it("an enterprise user never sees another enterprise's cases: by id, list or search", async () => {
    const w = await world("2026-03-02 10:00");
    const ent = await w.login("enterprise");
    const other = await w.login("other_ent");
    const mine = await create(ent, { title: "我司的诉求 ABC" });
    const theirs = await create(other, { title: "他司的诉求 ABC" });
    expect((await ent.get(`/api/v1/cases/${theirs.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/cases/${mine.id}`)).statusCode).toBe(404);
    expect((await list(ent)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(ent, "q=ABC")).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(ent, `enterpriseId=${theirs.enterpriseId}`)).total).toBe(0);
    expect((await list(ent, `q=${theirs.number}`)).total).toBe(0);
    // Nor act on them.
    expect((await other.post(`/api/v1/cases/${mine.id}/steps`, { step: "remind", version: 1 })).statusCode).toBe(404);
    // Staff of an unrelated unit do not see them either; the service centre does.
    expect((await (await w.login("plan_officer")).get(`/api/v1/cases/${mine.id}`)).statusCode).toBe(404);
    expect((await list(await w.login("centre"))).total).toBe(2);
  });

  it("lists the categories with their SLA; the administrator edits them, audited", async () => {
    const w = await world("2026-03-02 10:00");
    const officer = await w.login("officer");
    const cats = json<{ items: { code: string; name: string; resolveDays: number }[] }>(
      await officer.get("/api/v1/cases/categories"),
    ).items;
    expect(cats).toHaveLength(10);
    expect(cats.find((c) => c.code === "policy")).toMatchObject({ name: "政策咨询", resolveDays: 3 });
    const body = { name: "政策咨询", acceptDays: 0, resolveDays: 2, escalateAfterDays: 1, active: true };
    expect((await officer.put("/api/v1/cases/categories/policy", body)).statusCode).toBe(403);
    const admin = await w.login("admin");
    const res = await admin.put("/api/v1/cases/categories/policy", body);
    expect(res.statusCode, res.body).toBe(200);
    const k = await create(officer, { category: "policy" });
    expect(k.resolveDueAt).toBe(cn("2026-03-04 17:30").toISOString());
    const audit = json<{ items: { action: string }[] }>(await admin.get("/api/v1/audit?entityType=case_category"));
    expect(audit.items.map((a) => a.action)).toEqual(["case_category.update"]);
    expect((await admin.put("/api/v1/cases/categories/nope", body)).statusCode).toBe(404);
  });
});
