/**
 * Investment attraction at scale (issue: 招商引资 and industrial-chain maps):
 * - PostgreSQL — 50,000 leads (with their stage histories) and 20 chains of 200 links with 100,000 enterprise
 *   placements: the pipeline figures (GET /api/v1/leads/figures) ≤ 300 ms; a chain's gap analysis
 *   (GET /api/v1/chains/:id/gaps) ≤ 200 ms;
 * - PGlite at zone scale — 1,000 leads, 5 chains of 40 links, 2,000 placements: p95 ≤ 50 ms;
 * - HTTP time ÷ the bare SQL time of the same statements, run directly with the same parameters on the same kind of
 *   connection, interleaved, ≤ 1.5. The figures endpoint runs two statements side by side (`pipelineFiguresSql`
 *   and `stageFlowSql`); the bare time is the two run the same way. The gap analysis is one (`gapSql`).
 * Measured: the figures of this year for the zone as the leader, filtered by a chain, and as the unit head (their
 * unit subtree); the gaps of the chain with the most placements. Data from seed/investment-generator.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chinaDate } from "@zoneos/domain";
import { PgDialect } from "drizzle-orm/pg-core";
import { buildApp } from "../apps/server/src/app.ts";
import { type Database, openDatabase } from "../apps/server/src/db/client.ts";
import { gapSql } from "../apps/server/src/modules/chains/chains.queries.ts";
import { pipelineFiguresSql, stageFlowSql } from "../apps/server/src/modules/leads/leads.figures.queries.ts";
import type { LeadFilterSql, LeadScope } from "../apps/server/src/modules/leads/leads.queries.ts";
import { listUsers, unitSubtreeIds } from "../apps/server/src/modules/org/org.queries.ts";
import { testConfig } from "../apps/server/src/platform/config.ts";
import { seedZone } from "../apps/server/src/seed/demo.ts";
import { generateInvestment } from "../apps/server/src/seed/investment-generator.ts";
import { httpGet, ms, stats, table, time } from "./lib.ts";
import { login } from "./server.ts";

export interface InvestmentBenchResult {
  engine: string;
  leads: number;
  links: number;
  placements: number;
  /** The pipeline figures of the zone as the leader: HTTP median and p95. */
  figuresMedian: number;
  figuresP95: number;
  /** The gap analysis of the largest chain: HTTP median and p95. */
  gapsMedian: number;
  gapsP95: number;
  /** The worst over every query measured: HTTP p95 and HTTP ÷ SQL of the medians. */
  worstP95: number;
  worstRatio: number;
}

export async function benchInvestment(opts: {
  leads: number;
  chains: number;
  linksPerChain: number;
  placements: number;
  enterprises: number;
  url?: string;
  rounds: number;
}): Promise<InvestmentBenchResult> {
  const dir = opts.url ? undefined : mkdtempSync(path.join(os.tmpdir(), "zoneos-bench-investment-"));
  const database: Database = await openDatabase(opts.url ? { url: opts.url } : { dataDir: dir });
  const engine = opts.url ? "PostgreSQL" : "PGlite";
  const prefix = `i${Date.now().toString(36)}_`;
  let t = performance.now();
  const { zoneId } = await seedZone(database.db, {
    name: "招商基准区",
    enterprises: opts.enterprises,
    officers: 40,
    seed: 2026,
    accounts: true,
    usernamePrefix: prefix,
    leaders: 6,
  });
  console.log(
    `[${engine}] seeded ${opts.enterprises.toLocaleString("en")} enterprises in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const now = new Date();
  t = performance.now();
  const written = await generateInvestment(database.db, {
    zoneId,
    seed: 2026,
    now,
    leads: opts.leads,
    chains: opts.chains,
    linksPerChain: opts.linksPerChain,
    placements: opts.placements,
    targetsPerLink: 2,
    trips: Math.ceil(opts.leads / 25),
    activitiesPerLead: 0,
    historyDays: 1_000,
    usernamePrefix: prefix,
  });
  // What autovacuum does after a bulk load: the visibility map index-only scans need.
  for (const table of ["leads", "lead_stage_changes", "chain_links", "chain_placements", "chain_targets"])
    await database.rawQuery(`vacuum analyze ${table}`);
  console.log(
    `[${engine}] generated ${written.leads.toLocaleString("en")} leads (${written.stageChanges.toLocaleString("en")} stage changes), ${written.chains} chains with ${written.links.toLocaleString("en")} links in all, ${written.placements.toLocaleString("en")} placements, ${written.targets.toLocaleString("en")} targets in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const app = await buildApp({ db: database.db, config: testConfig() });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const leader = (await login(base, `${prefix}leader`)).cookie;
  const head = (await login(base, `${prefix}unithead`)).cookie;
  const users = (await listUsers(database.db, zoneId, {}, { limit: 10_000, offset: 0 })).rows;
  const headUser = users.find((u) => u.username === `${prefix}unithead`);
  if (!headUser?.unitId) throw new Error("the unit head has no unit");
  const subtree = await unitSubtreeIds(database.db, zoneId, headUser.unitId);
  // The chain with the most placements: the gap analysis's worst case.
  const [big] = await database.rawQuery<{ chain_id: string }>(
    "select chain_id, count(*)::int as n from chain_placements where zone_id = $1 group by chain_id order by n desc limit 1",
    [zoneId],
  );
  const bigChain = big?.chain_id;
  if (!bigChain) throw new Error("no chain");

  const today = chinaDate(now);
  const period = { from: `${today.slice(0, 4)}-01-01`, to: today };
  const zone: LeadScope = { kind: "zone" };
  const unitScope: LeadScope = { kind: "units", unitIds: subtree, userId: headUser.id };
  const dialect = new PgDialect();
  const rawOf = (q: ReturnType<typeof gapSql>) => {
    const compiled = dialect.sqlToQuery(q);
    return () => database.rawQuery<Record<string, unknown>>(compiled.sql, compiled.params);
  };
  const figures = (scope: LeadScope, filter: LeadFilterSql) => {
    const a = rawOf(pipelineFiguresSql(zoneId, scope, filter, period));
    const b = rawOf(stageFlowSql(zoneId, scope, filter, period, today));
    return () => Promise.all([a(), b()]);
  };
  const cases: { label: string; url: string; cookie: string; run: () => Promise<unknown>; kind: "figures" | "gaps" }[] =
    [
      {
        label: "figures: leader, whole zone",
        url: `/api/v1/leads/figures?from=${period.from}&to=${period.to}`,
        cookie: leader,
        run: figures(zone, {}),
        kind: "figures",
      },
      {
        label: "figures: leader, one chain",
        url: `/api/v1/leads/figures?from=${period.from}&to=${period.to}&chainId=${bigChain}`,
        cookie: leader,
        run: figures(zone, { chainId: bigChain }),
        kind: "figures",
      },
      {
        label: "figures: unit head, own units",
        url: `/api/v1/leads/figures?from=${period.from}&to=${period.to}`,
        cookie: head,
        run: figures(unitScope, {}),
        kind: "figures",
      },
      {
        label: "gaps: the largest chain",
        url: `/api/v1/chains/${bigChain}/gaps`,
        cookie: leader,
        run: rawOf(gapSql(zoneId, bigChain)),
        kind: "gaps",
      },
    ];

  const rows: Record<string, string | number>[] = [];
  let figuresStats = { median: 0, p95: 0 };
  let gapsStats = { median: 0, p95: 0 };
  let worstP95 = 0;
  let worstRatio = 0;
  for (const c of cases) {
    const get = async () => {
      const res = await httpGet(`${base}${c.url}`, { cookie: c.cookie });
      if (res.status !== 200) throw new Error(`${c.url}: ${res.status} ${res.body.slice(0, 300)}`);
      return res.body;
    };
    for (let i = 0; i < 3; i++) await Promise.all([c.run(), get()]);
    const http: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      bare.push(await time(c.run));
      http.push(await time(get));
    }
    const h = stats(http);
    const s = stats(bare);
    if (c.label === "figures: leader, whole zone") figuresStats = h;
    if (c.kind === "gaps") gapsStats = h;
    worstP95 = Math.max(worstP95, h.p95);
    worstRatio = Math.max(worstRatio, h.median / s.median);
    rows.push({
      query: c.label,
      "http median": ms(h.median),
      "http p95": ms(h.p95),
      "sql median": ms(s.median),
      "http÷sql": (h.median / s.median).toFixed(2),
    });
  }
  console.log(
    `\n[${engine}] investment figures ${period.from}–${period.to} and gap analysis, ${opts.rounds} rounds each (${written.leads.toLocaleString("en")} leads, ${written.links.toLocaleString("en")} links, ${written.placements.toLocaleString("en")} placements)`,
  );
  table(rows);
  await app.close();
  await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  return {
    engine,
    leads: written.leads,
    links: written.links,
    placements: written.placements,
    figuresMedian: figuresStats.median,
    figuresP95: figuresStats.p95,
    gapsMedian: gapsStats.median,
    gapsP95: gapsStats.p95,
    worstP95,
    worstRatio,
  };
}
