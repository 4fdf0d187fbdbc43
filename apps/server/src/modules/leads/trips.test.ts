import type { Trip, TripCounts, TripList } from "@zoneos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { findUserByUsername, listUnits } from "../org/org.queries.ts";
import { leads } from "./leads.tables.ts";

/**
 * Trips (外出招商) through the API: recording and changing them, what the form refuses, who may write which unit's
 * trips, the leads that link back, and the counts per leader and unit ("一把手带队外出招商 N 次").
 */

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
  env.clock.set(new Date("2026-06-30T02:00:00Z"));
});
afterAll(() => env.close());

interface World {
  zone: TestZone;
  admin: Client;
  officer: Client;
  unithead: Client;
  leader: Client;
  /** An officer of 企业服务中心. */
  stranger: Client;
  units: Map<string, string>;
  userId(name: string): Promise<string>;
}

async function world(): Promise<World> {
  const zone = await makeZone(env);
  const units = new Map((await listUnits(env.database.db, zone.zoneId)).map((u) => [u.name, u.id]));
  return {
    zone,
    admin: await Client.login(env.app, zone.user("admin")),
    officer: await Client.login(env.app, zone.user("officer")),
    unithead: await Client.login(env.app, zone.user("unithead")),
    leader: await Client.login(env.app, zone.user("leader")),
    stranger: await Client.login(env.app, `${zone.prefix}service`),
    units,
    userId: async (name) => (await findUserByUsername(env.database.db, `${zone.prefix}${name}`))?.id as string,
  };
}

async function tripInput(w: World, overrides: Record<string, unknown> = {}) {
  return {
    leaderId: await w.userId("leader"),
    unitId: w.units.get("高新技术产业园"),
    memberIds: [await w.userId("officer")],
    startOn: "2026-04-08",
    endOn: "2026-04-10",
    destinationCodes: ["320115", "44"],
    companiesMet: [
      { name: "宁德时代新能源科技股份有限公司", note: "有意在区内布局电池回收项目" },
      { name: "比亚迪股份有限公司", note: null },
    ],
    purpose: "赴南京、深圳开展新能源产业链招商",
    summary: "拜访两家链主企业",
    ...overrides,
  };
}

async function create(c: Client, body: unknown): Promise<Trip> {
  const res = await c.post("/api/v1/trips", body);
  expect(res.statusCode, res.body).toBe(201);
  return json<Trip>(res);
}

async function insertLead(w: World, tripId: string, unitName: string, code: string) {
  await env.database.db.insert(leads).values({
    zoneId: w.zone.zoneId,
    code,
    name: `${code} 电池回收项目`,
    searchText: code.toLowerCase(),
    investorName: "宁德时代新能源科技股份有限公司",
    investmentWan: "200000",
    channel: "chain",
    unitId: w.units.get(unitName) as string,
    stage: "clue",
    stageOn: "2026-04-12",
    tripId,
  });
}

describe("trips", () => {
  it("records a trip led by a leader, with its members, destinations by name and companies met", async () => {
    const w = await world();
    const trip = await create(w.admin, await tripInput(w));
    expect(trip.leader.name).toBe("张建国（分管领导）");
    expect(trip.unit.name).toBe("高新技术产业园");
    expect(trip.members.map((m) => m.name)).toEqual(["王芳"]);
    expect(trip.days).toBe(3);
    expect(trip.destinations).toEqual([
      { code: "320115", name: "江苏省南京市江宁区" },
      { code: "44", name: "广东省" },
    ]);
    expect(trip.companiesMet).toHaveLength(2);
    expect(trip.leads).toEqual([]);
    expect(trip.canEdit).toBe(true);

    const audit = json<{ items: { action: string }[] }>(await w.admin.get(`/api/v1/audit?entityId=${trip.id}`));
    expect(audit.items.map((a) => a.action)).toContain("trip.create");
  });

  it("refuses an end before the start, an unknown region and a leader who is not a leader", async () => {
    const w = await world();
    const early = await w.admin.post("/api/v1/trips", await tripInput(w, { endOn: "2026-04-07" }));
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("结束日期不能早于开始日期");

    const region = await w.admin.post("/api/v1/trips", await tripInput(w, { destinationCodes: ["329999"] }));
    expect(region.statusCode).toBe(400);
    expect(region.body).toContain("行政区划代码");

    const none = await w.admin.post("/api/v1/trips", await tripInput(w, { destinationCodes: [] }));
    expect(none.statusCode).toBe(400);

    const officerLeads = await w.admin.post(
      "/api/v1/trips",
      await tripInput(w, { leaderId: await w.userId("officer") }),
    );
    expect(officerLeads.statusCode).toBe(400);
    expect(officerLeads.json().code).toBe("TRIP_LEADER_INVALID");

    // A unit head may lead a trip (带队领导 of their unit).
    const byUnitHead = await w.admin.post(
      "/api/v1/trips",
      await tripInput(w, { leaderId: await w.userId("unithead") }),
    );
    expect(byUnitHead.statusCode, byUnitHead.body).toBe(201);
  });

  it("lets staff write their unit's trips (a unit head the subtree), a leader only read", async () => {
    const w = await world();
    const mine = await create(w.officer, await tripInput(w));
    expect(mine.canEdit).toBe(true);

    const other = await w.officer.post("/api/v1/trips", await tripInput(w, { unitId: w.units.get("智能制造产业园") }));
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe("TRIP_UNIT_NOT_ALLOWED");

    expect((await w.leader.post("/api/v1/trips", await tripInput(w))).statusCode).toBe(403);
    const seenByLeader = json<Trip>(await w.leader.get(`/api/v1/trips/${mine.id}`));
    expect(seenByLeader.canEdit).toBe(false);

    // Another unit's officer reads it but may not change it.
    const seen = json<Trip>(await w.stranger.get(`/api/v1/trips/${mine.id}`));
    expect(seen.canEdit).toBe(false);
    const denied = await w.stranger.put(`/api/v1/trips/${mine.id}`, { ...(await tripInput(w)), version: 1 });
    expect(denied.statusCode).toBe(403);

    // The unit head of the park changes it; the officer's stale copy is refused.
    const changed = await w.unithead.put(`/api/v1/trips/${mine.id}`, {
      ...(await tripInput(w)),
      summary: "达成两项合作意向",
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json<Trip>(changed).summary).toBe("达成两项合作意向");
    expect(json<Trip>(changed).version).toBe(2);
    const stale = await w.officer.put(`/api/v1/trips/${mine.id}`, { ...(await tripInput(w)), version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it("lists the leads that link back, and deletes a trip only when none does", async () => {
    const w = await world();
    const withLeads = await create(w.admin, await tripInput(w));
    const without = await create(w.admin, await tripInput(w, { purpose: "赴上海参加投资推介会" }));
    await insertLead(w, withLeads.id, "高新技术产业园", "ZS2026-901");
    await insertLead(w, withLeads.id, "智能制造产业园", "ZS2026-902");

    const trip = json<Trip>(await w.admin.get(`/api/v1/trips/${withLeads.id}`));
    expect(trip.leadCount).toBe(2);
    expect(trip.leads.map((l) => l.code)).toEqual(["ZS2026-901", "ZS2026-902"]);
    // The officer of 高新技术产业园 sees only the lead of their unit; the count is the trip's.
    const asOfficer = json<Trip>(await w.officer.get(`/api/v1/trips/${withLeads.id}`));
    expect(asOfficer.leadCount).toBe(2);
    expect(asOfficer.leads.map((l) => l.code)).toEqual(["ZS2026-901"]);

    const refused = await w.admin.del(`/api/v1/trips/${withLeads.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("TRIP_HAS_LEADS");
    expect(refused.json().detail).toContain("2 个线索");

    expect((await w.admin.del(`/api/v1/trips/${without.id}`)).statusCode).toBe(200);
    expect((await w.admin.get(`/api/v1/trips/${without.id}`)).statusCode).toBe(404);
  });

  it("counts trips per leader and unit in a period, and filters the list", async () => {
    const w = await world();
    const hitech = w.units.get("高新技术产业园");
    const manufacturing = w.units.get("智能制造产业园");
    const leaderId = await w.userId("leader");
    const unitheadId = await w.userId("unithead");
    await create(w.admin, await tripInput(w, { startOn: "2026-01-05", endOn: "2026-01-06" }));
    await create(w.admin, await tripInput(w, { startOn: "2026-05-20", endOn: "2026-05-22", unitId: manufacturing }));
    await create(w.admin, await tripInput(w, { leaderId: unitheadId, startOn: "2026-03-01", endOn: "2026-03-01" }));
    await create(w.admin, await tripInput(w, { startOn: "2025-12-30", endOn: "2026-01-02" }));

    const counts = json<TripCounts>(await w.leader.get("/api/v1/trips/counts?from=2026-01-01&to=2026-12-31"));
    expect(counts.total).toBe(3);
    expect(counts.byLeader).toEqual([
      { leaderId, leaderName: "张建国（分管领导）", count: 2 },
      { leaderId: unitheadId, leaderName: "李明（园区主任）", count: 1 },
    ]);
    expect(counts.byUnit).toEqual([
      { unitId: hitech, unitName: "高新技术产业园", count: 2 },
      { unitId: manufacturing, unitName: "智能制造产业园", count: 1 },
    ]);
    // By default: this year so far (the clock says 2026-06-30).
    const thisYear = json<TripCounts>(await w.leader.get("/api/v1/trips/counts"));
    expect(thisYear).toMatchObject({ from: "2026-01-01", to: "2026-06-30", total: 3 });
    const firstQuarter = json<TripCounts>(await w.leader.get("/api/v1/trips/counts?from=2026-01-01&to=2026-03-31"));
    expect(firstQuarter.byLeader.map((l) => l.count)).toEqual([1, 1]);

    const year = json<TripList>(await w.officer.get("/api/v1/trips?year=2026"));
    expect(year.total).toBe(3);
    expect(year.items.map((t) => t.startOn)).toEqual(["2026-05-20", "2026-03-01", "2026-01-05"]);
    const led = json<TripList>(await w.officer.get(`/api/v1/trips?year=2026&leaderId=${leaderId}`));
    expect(led.total).toBe(2);
    const ofUnit = json<TripList>(await w.officer.get(`/api/v1/trips?unitId=${manufacturing}`));
    expect(ofUnit.items.map((t) => t.unit.name)).toEqual(["智能制造产业园"]);
    const page = json<TripList>(await w.officer.get("/api/v1/trips?pageSize=2&page=2"));
    expect(page.total).toBe(4);
    expect(page.items.map((t) => t.startOn)).toEqual(["2026-01-05", "2025-12-30"]);
  });

  it("offers leaders and unit heads as 带队领导, and the units the actor may write", async () => {
    const w = await world();
    const options = json<{ leaders: { name: string; role: string }[]; writableUnitIds: string[] }>(
      await w.officer.get("/api/v1/trips/options"),
    );
    expect(options.leaders.map((l) => l.role)).not.toContain("officer");
    expect(options.leaders.map((l) => l.name)).toContain("张建国（分管领导）");
    expect(options.leaders.map((l) => l.name)).toContain("李明（园区主任）");
    expect(options.writableUnitIds).toEqual([w.units.get("高新技术产业园")]);
  });
});
