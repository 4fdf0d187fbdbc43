import { randomBytes } from "node:crypto";
import { checkStageMove, chinaDate, LEAD_STAGES, type LeadStage } from "@zoneos/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestEnv, type TestEnv } from "../../test/helpers.ts";
import { chainLinks, chainPlacements, chains, chainTargets } from "../modules/chains/chains.tables.ts";
import { leadScorecards, leadStageChanges, leads, trips } from "../modules/leads/leads.tables.ts";
import { projects } from "../modules/projects/projects.tables.ts";
import { seedZone } from "./demo.ts";
import { generateInvestment } from "./investment-generator.ts";

const NOW = new Date("2026-11-20T02:00:00Z");

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

async function zone(projects = 0) {
  const prefix = `i${randomBytes(4).toString("hex")}_`;
  return seedZone(env.database.db, {
    name: `招商 ${prefix}`,
    enterprises: 80,
    officers: 10,
    seed: 2026,
    accounts: true,
    usernamePrefix: prefix,
    leaders: 3,
    projects,
    now: NOW,
  });
}

describe("investment data", () => {
  it("writes the demo chains and leads whose histories obey the stage rules", async () => {
    const { zoneId } = await zone(41);
    const db = env.database.db;
    const written = await generateInvestment(db, {
      zoneId,
      seed: 2026,
      now: NOW,
      leads: 240,
      chains: null,
      placements: 0,
      targetsPerLink: 3,
      trips: 36,
      activitiesPerLead: 3,
      historyDays: 540,
      usernamePrefix: "",
    });
    expect(written.chains).toBe(3);
    expect(written.leads).toBe(240);
    const chainNames = (await db.select().from(chains).where(eq(chains.zoneId, zoneId))).map((c) => c.name);
    expect(chainNames.sort()).toEqual(["新能源汽车", "电子信息", "锂电新能源"].sort());
    const links = await db.select().from(chainLinks).where(eq(chainLinks.zoneId, zoneId));
    const placements = await db.select().from(chainPlacements).where(eq(chainPlacements.zoneId, zoneId));
    const perLink = new Map<string, number>();
    for (const p of placements) perLink.set(p.linkId, (perLink.get(p.linkId) ?? 0) + 1);
    // Mixed coverage: some links empty (缺链), some weak, some strong; weak and empty ones have targets.
    const counts = links.map((l) => perLink.get(l.id) ?? 0);
    expect(counts.some((n) => n === 0)).toBe(true);
    expect(counts.some((n) => n >= 1 && n < 3)).toBe(true);
    expect(counts.some((n) => n >= 3)).toBe(true);
    const targets = await db.select().from(chainTargets).where(eq(chainTargets.zoneId, zoneId));
    const empty = links.filter((l) => (perLink.get(l.id) ?? 0) === 0);
    for (const l of empty) expect(targets.some((t) => t.linkId === l.id)).toBe(true);

    const rows = await db.select().from(leads).where(eq(leads.zoneId, zoneId));
    const changes = await db.select().from(leadStageChanges).where(eq(leadStageChanges.zoneId, zoneId));
    const cards = new Map(
      (await db.select().from(leadScorecards).where(eq(leadScorecards.zoneId, zoneId))).map((c) => [c.leadId, c]),
    );
    const today = chinaDate(NOW);
    expect(new Set(rows.map((l) => l.code)).size).toBe(rows.length);
    const stages = new Set(rows.map((l) => l.stage));
    for (const s of LEAD_STAGES) expect(stages.has(s), s).toBe(true);
    for (const lead of rows) {
      const history = changes.filter((c) => c.leadId === lead.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      expect(history[0]?.fromStage).toBeNull();
      expect(history.at(-1)?.toStage).toBe(lead.stage);
      expect(history.at(-1)?.on).toBe(lead.stageOn);
      for (const [k, c] of history.entries()) {
        expect(c.on <= today).toBe(true);
        if (k === 0) continue;
        const prev = history[k - 1];
        expect(prev && prev.on <= c.on).toBe(true);
        // Every generated move is one the platform would accept.
        const card = cards.get(lead.id);
        const refusal = checkStageMove({
          from: c.fromStage as LeadStage,
          to: c.toStage as LeadStage,
          scorecardPassed: card ? card.passed : null,
          override: c.overrideReason !== null,
          lostReason: c.lostReason,
          lostNote: lead.lostNote,
        });
        expect(refusal, `${lead.code} ${c.fromStage}→${c.toStage}`).toBeNull();
      }
      if (lead.stage === "lost") expect(lead.lostReason).not.toBeNull();
      if (lead.signedOn) expect(history.find((c) => c.toStage === "signed")?.on).toBe(lead.signedOn);
    }
    // Started leads became projects of the registry.
    const started = rows.filter((l) => l.stage === "started" || l.stage === "producing");
    expect(started.every((l) => l.projectId)).toBe(true);
    // …under the lead's unit, so whoever works on the lead sees its project.
    const projectUnit = new Map(
      (await db.select().from(projects).where(eq(projects.zoneId, zoneId))).map((p) => [p.id, p.unitId]),
    );
    for (const l of started) expect(projectUnit.get(l.projectId as string), l.code).toBe(l.unitId);
    // Trips end on or before today and leads that came from one were entered after it.
    const tripRows = await db.select().from(trips).where(eq(trips.zoneId, zoneId));
    expect(tripRows.length).toBe(36);
    const tripEnd = new Map(tripRows.map((t) => [t.id, t.endOn]));
    for (const l of rows.filter((x) => x.tripId)) {
      const first = changes.find((c) => c.leadId === l.id && c.fromStage === null);
      expect((tripEnd.get(l.tripId as string) ?? "") <= (first?.on ?? "")).toBe(true);
    }
  });

  it("generates chains of the asked size for the benchmark", async () => {
    const { zoneId } = await zone();
    const written = await generateInvestment(env.database.db, {
      zoneId,
      seed: 7,
      now: NOW,
      leads: 500,
      chains: 2,
      linksPerChain: 200,
      placements: 3000,
      targetsPerLink: 1,
      trips: 10,
      activitiesPerLead: 0,
      historyDays: 1000,
    });
    expect(written).toMatchObject({ chains: 2, links: 400, targets: 400, leads: 500 });
    // Placements are unique per link and enterprise: a few repeats are dropped.
    expect(written.placements).toBeGreaterThan(2000);
    expect(written.placements).toBeLessThanOrEqual(3000);
  });
});
