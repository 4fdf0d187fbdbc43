import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, type TestEnv } from "../../test/helpers.ts";
import { manualClock } from "../platform/clock.ts";
import { seedZone } from "./demo.ts";
import { DEMO_PROJECT_COUNT } from "./projects-demo.data.ts";
import { generateProjects } from "./projects-generator.ts";

// Journey 3's month: the officer reports March on 10 March.
const NOW = new Date("2026-03-10T02:00:00Z");

interface Board {
  period: { year: number; month: number };
  total: number;
  totals: {
    projects: number;
    schedule: { pointsAhead: number | null };
    startRate: { plannedAnnual: number; started: number };
    behindCount: number;
  };
  items: {
    code: string;
    name: string;
    schedule: { planWan: string | null; completedYtdWan: string; pointsAhead: number | null };
  }[];
}

async function demoZone(env: TestEnv) {
  const prefix = `d${randomBytes(4).toString("hex")}_`;
  const { zoneId } = await seedZone(env.database.db, {
    name: `示范 ${prefix}`,
    enterprises: 60,
    officers: 12,
    seed: 2026,
    accounts: true,
    usernamePrefix: prefix,
    leaders: 3,
    projects: DEMO_PROJECT_COUNT,
    now: NOW,
  });
  return { zoneId, prefix };
}

describe("demo projects", () => {
  let env: TestEnv;
  let prefix: string;
  beforeAll(async () => {
    env = await makeTestEnv({}, manualClock(NOW));
    prefix = (await demoZone(env)).prefix;
  });
  afterAll(() => env.close());

  it("give the park officer 20 projects to report this month, none reported yet, last month reported", async () => {
    const officer = await Client.login(env.app, `${prefix}officer`);
    const march = json<{ state: string; items: { report: unknown; canReport: boolean }[] }>(
      await officer.get("/api/v1/project-reports?year=2026&month=3"),
    );
    expect(march.state).toBe("open");
    expect(march.items).toHaveLength(20);
    expect(march.items.every((i) => i.canReport && i.report === null)).toBe(true);
    const february = json<{ items: { report: unknown }[] }>(
      await officer.get("/api/v1/project-reports?year=2026&month=2"),
    );
    expect(february.items.filter((i) => i.report !== null)).toHaveLength(20);
  });

  it("spread the board around 序时进度, with planned new starts, half of them the demo leader's", async () => {
    const leader = await Client.login(env.app, `${prefix}leader`);
    const board = json<Board>(await leader.get("/api/v1/projects?pageSize=200"));
    expect(board.total).toBe(39);
    // By default the board shows the latest month reported (February on 10 March), and the zone is near 序时进度.
    expect(board.period).toMatchObject({ year: 2026, month: 2 });
    expect(Math.abs(board.totals.schedule.pointsAhead ?? 99)).toBeLessThan(5);
    const ahead = board.items.map((i) => i.schedule.pointsAhead ?? 0);
    expect(ahead.some((p) => p > 0)).toBe(true);
    expect(board.totals.behindCount).toBeGreaterThanOrEqual(3);
    expect(board.totals.startRate.plannedAnnual).toBe(8);
    expect(board.totals.startRate.started).toBeGreaterThan(0);
    const own = json<Board>(await leader.get("/api/v1/projects?mine=leader"));
    expect(own.total).toBeGreaterThanOrEqual(15);
    expect(own.total).toBeLessThanOrEqual(25);
    const approvals = json<{ byItem: { overLimit: number }[] }>(
      await leader.get("/api/v1/project-approvals/bottlenecks"),
    );
    expect(approvals.byItem.reduce((n, i) => n + i.overLimit, 0)).toBeGreaterThanOrEqual(2);
  });

  it("are the same for the same seed and date", async () => {
    const other = await demoZone(env);
    const a = await Client.login(env.app, `${prefix}leader`);
    const b = await Client.login(env.app, `${other.prefix}leader`);
    const figures = (board: Board) =>
      board.items.map((i) => [i.code, i.name, i.schedule.planWan, i.schedule.completedYtdWan]);
    expect(figures(json<Board>(await b.get("/api/v1/projects?pageSize=200")))).toEqual(
      figures(json<Board>(await a.get("/api/v1/projects?pageSize=200"))),
    );
  });
});

describe("generateProjects", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await makeTestEnv({}, manualClock(NOW));
  });
  afterAll(() => env.close());

  it("writes a plan for every year and a report for every month of the window", async () => {
    const prefix = `g${randomBytes(4).toString("hex")}_`;
    const { zoneId } = await seedZone(env.database.db, {
      name: `规模 ${prefix}`,
      enterprises: 20,
      officers: 5,
      seed: 7,
      accounts: true,
      usernamePrefix: prefix,
    });
    const written = await generateProjects(env.database.db, { zoneId, count: 40, years: 3, now: NOW, seed: 7 });
    // March 2023 … February 2026: 36 months over 2023–2026.
    expect(written).toEqual({ projects: 40, plans: 160, reports: 1440 });
    const [future] = await env.database.rawQuery<{ n: number }>(
      "select count(*)::int as n from project_reports where zone_id = $1 and (year, month) >= (2026, 3)",
      [zoneId],
    );
    expect(future?.n).toBe(0);
    const leader = await Client.login(env.app, `${prefix}leader`);
    const board = json<Board>(await leader.get("/api/v1/projects?year=2026&month=2"));
    expect(board.total).toBe(40);
  });
});
