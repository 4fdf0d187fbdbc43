import { randomUUID } from "node:crypto";
import type { AuditEntry, Lead, LeadList, Project, ScorecardView, ScreeningSettings, Upload } from "@zoneos/contracts";
import { DEFAULT_SCREENING_SCHEME } from "@zoneos/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { chainLinks, chains, chainTargets } from "../chains/chains.tables.ts";
import { findUserByUsername, listUnits } from "../org/org.queries.ts";

/**
 * Leads (招商项目) through the API: numbering and search, who sees and moves a lead, the stage rules (screening or a
 * leader's override before 签约, 流失 with a reason, dates kept), the size buckets, 开工 into the project registry,
 * a lead from a chain target, activities with files, and the screening scheme.
 */

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

type List<T> = { items: T[]; total: number };
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const PASSING = {
  intensity: 520,
  tax_per_mu: 32,
  energy: 0.08,
  environment: "A",
  chain_pull: "leader",
  technology: "world",
};
const FAILING = { ...PASSING, environment: "D" };
const PDF = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "latin1");

interface World {
  zone: TestZone;
  admin: Client;
  officer: Client;
  unithead: Client;
  leader: Client;
  /** An officer of another unit (企业服务中心). */
  stranger: Client;
  parkId: string;
  units: Map<string, string>;
  userId(name: string): Promise<string>;
}

async function world(date = "2026-03-02"): Promise<World> {
  env.clock.set(at(date));
  const zone = await makeZone(env);
  const units = new Map((await listUnits(env.database.db, zone.zoneId)).map((u) => [u.name, u.id]));
  return {
    zone,
    admin: await Client.login(env.app, zone.user("admin")),
    officer: await Client.login(env.app, zone.user("officer")),
    unithead: await Client.login(env.app, zone.user("unithead")),
    leader: await Client.login(env.app, zone.user("leader")),
    stranger: await Client.login(env.app, `${zone.prefix}service`),
    parkId: units.get("高新技术产业园") as string,
    units,
    userId: async (name) => (await findUserByUsername(env.database.db, `${zone.prefix}${name}`))?.id as string,
  };
}

function leadInput(w: World, overrides: Record<string, unknown> = {}) {
  return {
    name: "年产20GWh动力电池项目",
    investorName: "宁德新能源科技有限公司",
    investorCreditCode: "91110000600037341L",
    investmentWan: "500000",
    channel: "chain",
    unitId: w.parkId,
    landMu: "800",
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

async function list(c: Client, query = ""): Promise<LeadList> {
  const res = await c.get(`/api/v1/leads?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<LeadList>(res);
}

async function get(c: Client, id: string): Promise<Lead> {
  const res = await c.get(`/api/v1/leads/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<Lead>(res);
}

async function move(c: Client, lead: { id: string; version: number }, body: Record<string, unknown>) {
  return c.post(`/api/v1/leads/${lead.id}/stage`, { version: lead.version, ...body });
}

async function moved(c: Client, lead: { id: string; version: number }, body: Record<string, unknown>): Promise<Lead> {
  const res = await move(c, lead, body);
  expect(res.statusCode, res.body).toBe(200);
  return json<Lead>(res);
}

async function score(c: Client, id: string, values: Record<string, unknown>): Promise<ScorecardView> {
  const res = await c.put(`/api/v1/leads/${id}/scorecard`, { values });
  expect(res.statusCode, res.body).toBe(200);
  return json<ScorecardView>(res);
}

async function audit(w: World, entityId: string): Promise<AuditEntry[]> {
  return json<List<AuditEntry>>(await w.admin.get(`/api/v1/audit?entityId=${entityId}&pageSize=100`)).items;
}

describe("leads", () => {
  it("numbers leads ZS<year>-NNN and finds them by name, pinyin, investor and credit code", async () => {
    const w = await world();
    const a = await create(w.officer, leadInput(w));
    expect(a).toMatchObject({
      code: "ZS2026-001",
      stage: "negotiation",
      stageOn: "2026-01-15",
      unitName: "高新技术产业园",
      bucket: "b50",
      canEdit: true,
    });
    expect(a.history.map((h) => [h.fromStage, h.toStage, h.on])).toEqual([[null, "negotiation", "2026-01-15"]]);
    const b = await create(
      w.officer,
      leadInput(w, { name: "半导体封测基地", investorName: "华天电子集团", investorCreditCode: null, stageOn: null }),
    );
    expect(b.code).toBe("ZS2026-002");
    expect(b.stageOn).toBe("2026-03-02");
    const names = async (q: string) => (await list(w.officer, `q=${encodeURIComponent(q)}`)).items.map((l) => l.code);
    expect(await names("dongli")).toEqual(["ZS2026-001"]);
    expect(await names("bdtfc")).toEqual(["ZS2026-002"]);
    expect(await names("华天")).toEqual(["ZS2026-002"]);
    expect(await names("91110000600037341l")).toEqual(["ZS2026-001"]);
    expect(await names("ZS2026-00")).toHaveLength(2);
    // Another unit is not the officer's to give leads to; a code is unique in the zone.
    const other = await w.officer.post("/api/v1/leads", leadInput(w, { unitId: w.units.get("经济发展局") }));
    expect(other.statusCode).toBe(403);
    expect(json(other).code).toBe("LEAD_UNIT_NOT_ALLOWED");
    const dup = await w.officer.post("/api/v1/leads", leadInput(w, { code: "ZS2026-001" }));
    expect(dup.statusCode).toBe(409);
    // An officer as the leader, a date in the future: refused.
    const badLeader = await w.officer.post("/api/v1/leads", leadInput(w, { leaderId: await w.userId("officer") }));
    expect(badLeader.statusCode).toBe(404);
    const future = await w.officer.post("/api/v1/leads", leadInput(w, { stageOn: "2026-03-03" }));
    expect(future.statusCode).toBe(400);
    expect(json(future).code).toBe("LEAD_STAGE_DATE_INVALID");
  });

  it("shows a lead to its unit and the leaders; another unit's officer neither sees nor changes it", async () => {
    const w = await world();
    const lead = await create(w.officer, leadInput(w));
    expect((await get(w.unithead, lead.id)).canEdit).toBe(true);
    const asLeader = await get(w.leader, lead.id);
    expect(asLeader).toMatchObject({ canEdit: false, canOverride: true });
    expect((await w.stranger.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await list(w.stranger)).total).toBe(0);
    expect((await w.stranger.put(`/api/v1/leads/${lead.id}`, { ...leadInput(w), version: 1 })).statusCode).toBe(404);
    expect((await move(w.stranger, lead, { to: "contact", note: "x" })).statusCode).toBe(404);
    expect((await w.stranger.put(`/api/v1/leads/${lead.id}/scorecard`, { values: PASSING })).statusCode).toBe(404);
    // Made its officer, the other unit's officer sees and works on it.
    const serviceId = await w.userId("service");
    const res = await w.officer.put(`/api/v1/leads/${lead.id}`, {
      ...leadInput(w),
      officerId: serviceId,
      version: lead.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Lead>(res).officerName).toBe("赵磊（企业服务中心）");
    expect((await get(w.stranger, lead.id)).canEdit).toBe(true);
    expect((await list(w.stranger, "mine=officer")).total).toBe(1);
    // A stale version is refused.
    const stale = await w.officer.put(`/api/v1/leads/${lead.id}`, { ...leadInput(w), version: lead.version });
    expect(stale.statusCode).toBe(409);
    const staleMove = await move(w.officer, lead, { to: "lost", lostReason: "land", note: "无地" });
    expect(staleMove.statusCode).toBe(409);
    const ent = await Client.login(env.app, w.zone.user("enterprise"));
    expect((await ent.get("/api/v1/leads")).statusCode).toBe(403);
  });

  it("refuses signing without a passing scorecard unless a leader overrides it with a reason, audited", async () => {
    const w = await world();
    let lead = await create(w.officer, leadInput(w));
    // No scorecard: the officer is told a leader must do it.
    const refused = await move(w.officer, lead, { to: "signed", on: "2026-02-10" });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).code).toBe("LEAD_SCREENING_REQUIRED");
    expect(json<{ detail: string }>(refused).detail).toContain("领导特批");
    expect(
      (await move(w.officer, lead, { to: "signed", overrideReason: "我说可以" })).statusCode,
      "an officer cannot override",
    ).toBe(409);
    const signedMove = (await get(w.officer, lead.id)).moves.find((m) => m.to === "signed");
    expect(signedMove?.refusal).toBe("SCREENING_REQUIRED");
    // Skipping past 签约 is the same.
    expect(json(await move(w.officer, lead, { to: "registered" })).code).toBe("LEAD_SCREENING_REQUIRED");
    // A failing scorecard: still refused.
    const failing = await score(w.officer, lead.id, FAILING);
    expect(failing.scorecard).toMatchObject({ passed: false, failedRequired: ["environment"] });
    lead = await get(w.officer, lead.id);
    expect(lead.scorecardPassed).toBe(false);
    expect(json(await move(w.officer, lead, { to: "signed" })).code).toBe("LEAD_SCREENING_REQUIRED");
    // The leader without a reason is asked for one; with one the lead is signed at its planned amount.
    const noReason = await move(w.leader, lead, { to: "signed", on: "2026-02-10" });
    expect(noReason.statusCode).toBe(400);
    expect(json(noReason).code).toBe("LEAD_OVERRIDE_REASON_REQUIRED");
    // A leader only reads otherwise: a plain move is not theirs, nor registering or breaking ground by override.
    expect((await move(w.leader, lead, { to: "contact", note: "退回" })).statusCode).toBe(403);
    const leaderMoves = (await get(w.leader, lead.id)).moves.map((m) => m.to);
    expect(leaderMoves).toContain("signed");
    expect(leaderMoves).not.toContain("registered");
    expect(leaderMoves).not.toContain("started");
    expect((await move(w.leader, lead, { to: "started", overrideReason: "特批开工" })).statusCode).toBe(403);
    const signed = await moved(w.leader, lead, {
      to: "signed",
      on: "2026-02-10",
      overrideReason: "市重点产业链链主项目，环评整改后达标",
    });
    expect(signed).toMatchObject({ stage: "signed", stageOn: "2026-02-10", signedOn: "2026-02-10" });
    expect(signed.signedAmountWan).toBe("500000");
    expect(signed.history.at(-1)).toMatchObject({
      fromStage: "negotiation",
      toStage: "signed",
      on: "2026-02-10",
      overrideByName: "张建国（分管领导）",
      overrideReason: "市重点产业链链主项目，环评整改后达标",
    });
    const actions = (await audit(w, lead.id)).map((e) => e.action);
    expect(actions).toContain("lead.override");
    expect(actions).toContain("lead.stage");
  });

  it("lets the officer sign a lead that passes its screening, with the contract amount and date", async () => {
    const w = await world();
    let lead = await create(w.officer, leadInput(w));
    const view = await score(w.officer, lead.id, PASSING);
    expect(view.scorecard).toMatchObject({ passed: true, score: 100, maxScore: 100 });
    expect(view.prefill.intensity).toBe(625);
    lead = await get(w.officer, lead.id);
    expect(lead.moves.find((m) => m.to === "signed")).toMatchObject({ refusal: null, needs: ["signedAmount"] });
    const signed = await moved(w.officer, lead, { to: "signed", on: "2026-02-20", signedAmountWan: "480000.5" });
    expect(signed).toMatchObject({ signedAmountWan: "480000.5", signedOn: "2026-02-20", stage: "signed" });
    expect((await list(w.officer, "stage=signed")).items.map((l) => l.signedAmountWan)).toEqual(["480000.5"]);
    // The history keeps every date; a date before the previous change or after today is refused.
    const early = await move(w.officer, signed, { to: "negotiation", on: "2026-02-19", note: "合同未生效" });
    expect(early.statusCode).toBe(400);
    expect(json(early).code).toBe("LEAD_STAGE_DATE_INVALID");
    expect(json(await move(w.officer, signed, { to: "registered", on: "2026-03-03" })).code).toBe(
      "LEAD_STAGE_DATE_INVALID",
    );
    // Back before 签约 needs a note and clears the contract.
    expect(json(await move(w.officer, signed, { to: "negotiation", on: "2026-02-25" })).code).toBe(
      "LEAD_BACKWARD_NOTE_REQUIRED",
    );
    const back = await moved(w.officer, signed, { to: "negotiation", on: "2026-02-25", note: "合同未生效" });
    expect(back).toMatchObject({ signedAmountWan: null, signedOn: null });
    expect(back.history.map((h) => [h.toStage, h.on])).toEqual([
      ["negotiation", "2026-01-15"],
      ["signed", "2026-02-20"],
      ["negotiation", "2026-02-25"],
    ]);
    expect(back.daysInStages).toEqual([
      { stage: "negotiation", days: 36 },
      { stage: "signed", days: 5 },
      { stage: "negotiation", days: 5 },
    ]);
  });

  it("loses a lead only with a listed reason and a text", async () => {
    const w = await world();
    const lead = await create(w.officer, leadInput(w));
    expect(json(await move(w.officer, lead, { to: "lost" })).code).toBe("LEAD_LOST_REASON_REQUIRED");
    expect(json(await move(w.officer, lead, { to: "lost", lostReason: "land" })).code).toBe(
      "LEAD_LOST_REASON_REQUIRED",
    );
    expect((await move(w.officer, lead, { to: "lost", lostReason: "nope", note: "x" })).statusCode).toBe(400);
    const lost = await moved(w.officer, lead, { to: "lost", lostReason: "competition", note: "被邻市以更优政策引走" });
    expect(lost).toMatchObject({ stage: "lost", lostReason: "competition", lostNote: "被邻市以更优政策引走" });
    expect(lost.history.at(-1)).toMatchObject({ toStage: "lost", lostReason: "competition" });
    expect((await list(w.officer, "stage=lost")).total).toBe(1);
  });

  it("puts exactly 10000 万元 in 亿元以上 and filters by bucket", async () => {
    const w = await world();
    await create(w.officer, leadInput(w, { name: "亿元项目", investmentWan: "10000" }));
    await create(w.officer, leadInput(w, { name: "差一点项目", investmentWan: "9999.9999" }));
    await create(w.officer, leadInput(w, { name: "十亿项目", investmentWan: "100000" }));
    const all = await list(w.officer, "sort=-investmentWan");
    expect(all.items.map((l) => [l.name, l.bucket])).toEqual([
      ["十亿项目", "b10"],
      ["亿元项目", "b1"],
      ["差一点项目", "below1"],
    ]);
    expect(all.totals.investmentWan).toBe("119999.9999");
    const inBucket = async (b: string) => (await list(w.officer, `bucket=${b}`)).items.map((l) => l.name).sort();
    expect(await inBucket("b1")).toEqual(["亿元项目", "十亿项目"].sort());
    expect(await inBucket("b10")).toEqual(["十亿项目"]);
    expect(await inBucket("below1")).toEqual(["差一点项目"]);
  });

  it("registers the enterprise and at 开工 creates the project with the lead's facts, or links an existing one", async () => {
    const w = await world();
    const leaderId = await w.userId("leader");
    let lead = await create(w.officer, leadInput(w, { leaderId, industryCode: "3841" }));
    await score(w.officer, lead.id, PASSING);
    lead = await moved(w.officer, await get(w.officer, lead.id), {
      to: "signed",
      on: "2026-02-01",
      signedAmountWan: "450000",
    });
    expect(json(await move(w.officer, lead, { to: "registered", on: "2026-02-05" })).code).toBe(
      "LEAD_ENTERPRISE_REQUIRED",
    );
    lead = await moved(w.officer, lead, {
      to: "registered",
      on: "2026-02-05",
      newEnterprise: { creditCode: "91110000600037341L", name: "宁德新能源（本区）有限公司" },
    });
    expect(lead.registeredEnterprise?.name).toBe("宁德新能源（本区）有限公司");
    lead = await moved(w.officer, lead, { to: "started", on: "2026-02-28" });
    expect(lead.project?.id).toBeTruthy();
    const project = json<Project>(await w.officer.get(`/api/v1/projects/${lead.project?.id}`));
    expect(project).toMatchObject({
      name: "年产20GWh动力电池项目",
      ownerName: "宁德新能源（本区）有限公司",
      totalInvestmentWan: "450000",
      stage: "new_start",
      actualStartOn: "2026-02-28",
      type: "industry",
      level: "district",
      unitId: w.parkId,
      leaderId,
      industryCode: "3841",
    });
    expect(lead.project?.code).toBe(project.code);
    // The project is found from the lead and the lead from the project.
    expect((await list(w.officer, `projectId=${project.id}`)).items.map((l) => l.id)).toEqual([lead.id]);
    // Broken ground: no going back.
    expect(json(await move(w.officer, lead, { to: "signed", note: "x" })).code).toBe("LEAD_BACK_FROM_STARTED");

    // Another lead links the existing project instead; a third may not take it again.
    const existing = json<Project>(
      await w.officer.post("/api/v1/projects", {
        name: "既有项目",
        ownerEnterpriseId: lead.registeredEnterprise?.id,
        totalInvestmentWan: "20000",
        type: "industry",
        level: "district",
        stage: "preliminary",
        unitId: w.parkId,
      }),
    );
    expect(existing.id).toBeTruthy();
    let second = await create(w.officer, leadInput(w, { name: "二期项目" }));
    await score(w.officer, second.id, PASSING);
    second = await moved(w.officer, await get(w.officer, second.id), {
      to: "started",
      on: "2026-03-01",
      projectId: existing.id,
    });
    expect(second.project).toMatchObject({ id: existing.id, name: "既有项目" });
    expect(second.signedOn).toBe("2026-03-01");
    let third = await create(w.officer, leadInput(w, { name: "三期项目" }));
    await score(w.officer, third.id, PASSING);
    third = await get(w.officer, third.id);
    const taken = await move(w.officer, third, { to: "started", projectId: existing.id });
    expect(taken.statusCode).toBe(409);
    expect(json(taken).code).toBe("LEAD_PROJECT_TAKEN");
    // Without a registered enterprise nor the investor's credit code, no project can be made.
    let fourth = await create(w.officer, leadInput(w, { name: "四期项目", investorCreditCode: null }));
    await score(w.officer, fourth.id, PASSING);
    fourth = await get(w.officer, fourth.id);
    expect(json(await move(w.officer, fourth, { to: "started" })).code).toBe("LEAD_PROJECT_OWNER_REQUIRED");
  });

  it("creates a lead from a chain target once, taking the target's link", async () => {
    const w = await world();
    const db = env.database.db;
    const [chain] = await db
      .insert(chains)
      .values({ zoneId: w.zone.zoneId, name: "新能源汽车", weakMin: 1, strongMin: 3 })
      .returning();
    const [link] = await db
      .insert(chainLinks)
      .values({ zoneId: w.zone.zoneId, chainId: chain?.id as string, segment: "upstream", name: "电解液" })
      .returning();
    const [target] = await db
      .insert(chainTargets)
      .values({
        zoneId: w.zone.zoneId,
        chainId: chain?.id as string,
        linkId: link?.id as string,
        name: "天赐材料",
        regionCode: "4401",
      })
      .returning();
    // The form starts from the target: its name, region, link and chain (one click from the gap analysis).
    const prefill = (id: string) => w.officer.get(`/api/v1/leads/prefill?targetId=${id}`);
    expect(json(await prefill(target?.id as string))).toEqual({
      target: {
        id: target?.id,
        name: "天赐材料",
        creditCode: null,
        regionCode: "4401",
        chainLinkId: link?.id,
        chainLinkName: "电解液",
        chainName: "新能源汽车",
        leadId: null,
      },
      trip: null,
    });
    expect((await prefill(randomUUID())).statusCode).toBe(404);
    expect((await w.leader.get(`/api/v1/leads/prefill?targetId=${target?.id}`)).statusCode).toBe(403);
    const lead = await create(w.officer, leadInput(w, { targetId: target?.id }));
    expect(json<{ target: { leadId: string } }>(await prefill(target?.id as string)).target.leadId).toBe(lead.id);
    // The target's own history says it was taken.
    expect((await audit(w, target?.id as string)).map((e) => e.action)).toContain("chain_target.update");
    expect(lead).toMatchObject({ chainId: chain?.id, chainName: "新能源汽车", chainLinkName: "电解液" });
    expect(lead.target).toEqual({ id: target?.id, name: "天赐材料" });
    expect((await list(w.officer, `chainId=${chain?.id}`)).total).toBe(1);
    const second = await w.officer.post("/api/v1/leads", leadInput(w, { name: "再来一个", targetId: target?.id }));
    expect(second.statusCode).toBe(409);
    expect(json(second).code).toBe("LEAD_TARGET_TAKEN");
    expect(json<{ detail: string }>(second).detail).toContain(lead.code);
    // The options list the chain with its link for the form.
    const options = json<{ chains: { name: string; links: { name: string }[] }[] }>(
      await w.officer.get("/api/v1/leads/options"),
    );
    expect(options.chains.map((c) => [c.name, c.links.map((l) => l.name)])).toEqual([["新能源汽车", ["电解液"]]]);

    // A link deleted from the chain later does not stop the lead on it from being edited: the link is dropped.
    const [gone] = await db
      .insert(chainLinks)
      .values({ zoneId: w.zone.zoneId, chainId: chain?.id as string, segment: "upstream", name: "隔膜" })
      .returning();
    const onGone = await create(w.officer, leadInput(w, { name: "隔膜项目", chainLinkId: gone?.id }));
    expect(onGone.chainLinkName).toBe("隔膜");
    const removed = await w.admin.del(`/api/v1/chains/${chain?.id}/links/${gone?.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    const saved = await w.officer.put(`/api/v1/leads/${onGone.id}`, {
      ...leadInput(w, { name: "隔膜项目（二期）", chainLinkId: gone?.id }),
      version: onGone.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<Lead>(saved)).toMatchObject({ name: "隔膜项目（二期）", chainLinkId: null, chainId: null });
    // Naming a link that does not exist is still refused for a new choice.
    const wrong = await w.officer.put(`/api/v1/leads/${onGone.id}`, {
      ...leadInput(w, { chainLinkId: randomUUID() }),
      version: json<Lead>(saved).version,
    });
    expect(wrong.statusCode).toBe(404);
  });

  it("records activities with files the lead's unit sees and another unit's officer does not", async () => {
    const w = await world();
    const lead = await create(w.officer, leadInput(w));
    const up = await w.officer.upload("/api/v1/attachments", "会谈纪要.pdf", PDF);
    expect(up.statusCode, up.body).toBe(201);
    const file = json<Upload>(up);
    const res = await w.officer.post(`/api/v1/leads/${lead.id}/activities`, {
      kind: "meeting",
      on: "2026-02-15",
      summary: "与投资方就用地和能耗指标进行会谈",
      participants: "王芳、投资方副总",
      attachmentIds: [file.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const page = await get(w.unithead, lead.id);
    expect(page.activities.map((a) => [a.kind, a.on, a.attachments.map((f) => f.fileName)])).toEqual([
      ["meeting", "2026-02-15", ["会谈纪要.pdf"]],
    ]);
    expect((await w.unithead.get(file.url)).statusCode).toBe(200);
    expect((await w.leader.get(file.url)).statusCode).toBe(200);
    expect((await w.stranger.get(file.url)).statusCode).toBe(404);
    // Someone else's upload cannot be linked; the leader who only reads records nothing.
    const again = await w.officer.post(`/api/v1/leads/${lead.id}/activities`, {
      kind: "call",
      on: "2026-02-16",
      summary: "电话沟通",
      attachmentIds: [file.id],
    });
    expect(again.statusCode).toBe(400);
    const byLeader = await w.leader.post(`/api/v1/leads/${lead.id}/activities`, {
      kind: "call",
      on: "2026-02-16",
      summary: "电话沟通",
    });
    expect(byLeader.statusCode).toBe(403);
  });

  it("lets the administrator set the screening scheme, checked, and scores by it", async () => {
    const w = await world();
    const shipped = json<ScreeningSettings>(await w.officer.get("/api/v1/leads/settings/screening"));
    expect(shipped).toMatchObject({ isDefault: true, maxScore: 100 });
    expect((await w.officer.put("/api/v1/leads/settings/screening", DEFAULT_SCREENING_SCHEME)).statusCode).toBe(403);
    const tooHigh = await w.admin.put("/api/v1/leads/settings/screening", {
      ...DEFAULT_SCREENING_SCHEME,
      passScore: 101,
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(json(tooHigh).code).toBe("SCREENING_SCHEME_INVALID");
    const dupKeys = await w.admin.put("/api/v1/leads/settings/screening", {
      passScore: 10,
      criteria: [DEFAULT_SCREENING_SCHEME.criteria[0], DEFAULT_SCREENING_SCHEME.criteria[0]],
    });
    expect(json<{ detail: string }>(dupKeys).detail).toContain("指标代码重复");
    // Only investment intensity, pass line 200 万元/亩.
    const res = await w.admin.put("/api/v1/leads/settings/screening", {
      passScore: 5,
      criteria: [
        {
          key: "intensity",
          name: "投资强度",
          kind: "number",
          unit: "万元/亩",
          direction: "higher",
          bands: [{ bound: 200, points: 10 }],
          passBound: 200,
          required: true,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<ScreeningSettings>(res)).toMatchObject({ isDefault: false, maxScore: 10 });
    const lead = await create(w.officer, leadInput(w));
    const card = await score(w.officer, lead.id, { intensity: 250 });
    expect(card.scorecard).toMatchObject({ passed: true, score: 10, maxScore: 10 });
    expect(card.scorecard?.criteria).toEqual([{ key: "intensity", name: "投资强度", points: 10, passed: true }]);
    const bad = await w.officer.put(`/api/v1/leads/${lead.id}/scorecard`, { values: { intensity: "abc" } });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe("SCORECARD_VALUE_INVALID");
    expect((await audit(w, w.zone.zoneId)).map((e) => e.action)).toContain("lead.settings");
  });
});
