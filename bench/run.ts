/**
 * `npm run bench` — every benchmark of the project, printing medians, p95s and ratios measured in the same run.
 *   --only search|import|startup|bundle|cases|projects|investment  one of them (import and startup run together)
 *   --rows N                              rows for the import benchmark (default 10000)
 *   --count N                             enterprises for the search benchmark (default 50000)
 *                                         (cases: the cases on PostgreSQL, default 1000000; PGlite keeps the zone
 *                                         scale of 20000 unless --zone-cases N)
 *   --figures-index                       cases: create the figures' covering index if missing (migration 0003 has it)
 *   --projects N                          projects: the projects on PostgreSQL (default 10000; PGlite keeps the zone
 *                                         scale of 300 unless --zone-projects N)
 *   --leads N                             investment: the leads on PostgreSQL (default 50000, with 20 chains of 200 links
 *                                         and 100000 placements; PGlite keeps the zone scale of 1000 leads, 5 chains of
 *                                         40 links and 2000 placements)
 *   --pg                                  also run on a PostgreSQL server (BENCH_DATABASE_URL, or run under
 *                                         `node tools/with-test-pg.mjs npm run bench -- --pg`, which sets TEST_DATABASE_URL)
 */

import { benchBundle } from "./bundle.bench.ts";
import { benchCases } from "./cases.bench.ts";
import { benchImport } from "./import.bench.ts";
import { benchInvestment } from "./investment.bench.ts";
import { arg } from "./lib.ts";
import { benchProjects } from "./projects.bench.ts";
import { benchSearch } from "./search.bench.ts";

const only = arg("only");
const count = Number(arg("count", "50000"));
const pgUrl = process.argv.includes("--pg")
  ? (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)
  : undefined;
const figuresIndex = process.argv.includes("--figures-index");
const summary: string[] = [];

if (!only || only === "search") {
  const pglite = await benchSearch({ count, rounds: 40 });
  summary.push(
    `search PGlite @${count}: http p95 ${pglite.p95.toFixed(1)} ms (target ≤ 50), http÷sql worst ${pglite.worstRatio.toFixed(2)}, over the mix ${pglite.mixRatio.toFixed(2)} (target ≤ 2)`,
  );
  if (pgUrl) {
    const pg = await benchSearch({ count, rounds: 40, url: pgUrl });
    summary.push(
      `search PostgreSQL @${count}: http p95 ${pg.p95.toFixed(1)} ms, http÷sql worst ${pg.worstRatio.toFixed(2)}, over the mix ${pg.mixRatio.toFixed(2)} (target ≤ 2); PGlite÷PostgreSQL median ${(pglite.median / pg.median).toFixed(2)}`,
    );
  }
}

if (!only || only === "cases") {
  const zone = await benchCases({ count: Number(arg("zone-cases", "20000")), rounds: 100, figuresIndex });
  summary.push(
    `cases PGlite @${zone.count}: to-do lists http p95 ${zone.todoP95.toFixed(1)} ms (target ≤ 50), median ${zone.todoMedian.toFixed(1)} ms; figures for a year: slowest breakdown ${zone.figuresWorstMedian.toFixed(1)} ms, http÷sql worst ${zone.figuresWorstRatio.toFixed(2)}`,
  );
  if (pgUrl) {
    const pg = await benchCases({
      count: Number(only === "cases" ? arg("count", "1000000") : "1000000"),
      rounds: 40,
      url: pgUrl,
      figuresIndex,
    });
    summary.push(
      `cases PostgreSQL @${pg.count}: figures for a year: slowest breakdown median ${pg.figuresWorstMedian.toFixed(1)} ms (target ≤ 500), http÷sql worst ${pg.figuresWorstRatio.toFixed(2)} (target ≤ 1.5); to-do lists http p95 ${pg.todoP95.toFixed(1)} ms`,
    );
  }
}

if (!only || only === "projects") {
  const zone = await benchProjects({ count: Number(arg("zone-projects", "300")), rounds: 100 });
  summary.push(
    `projects PGlite @${zone.count} (${zone.reports.toLocaleString("en")} reports): board http p95 ${zone.zoneP95.toFixed(1)} ms for the zone, worst query ${zone.worstP95.toFixed(1)} ms (target ≤ 50); http÷sql worst ${zone.worstRatio.toFixed(2)} (target ≤ 1.5)`,
  );
  if (pgUrl) {
    const pg = await benchProjects({ count: Number(arg("projects", "10000")), rounds: 40, url: pgUrl });
    summary.push(
      `projects PostgreSQL @${pg.count} (${pg.reports.toLocaleString("en")} reports): board zone totals + first page http median ${pg.zoneMedian.toFixed(1)} ms, p95 ${pg.zoneP95.toFixed(1)} ms (target ≤ 300), worst query median ${pg.worstMedian.toFixed(1)} ms; http÷sql worst ${pg.worstRatio.toFixed(2)} (target ≤ 1.5)`,
    );
  }
}

if (!only || only === "investment") {
  const zone = await benchInvestment({
    leads: 1_000,
    chains: 5,
    linksPerChain: 40,
    placements: 2_000,
    enterprises: 2_000,
    rounds: 100,
  });
  summary.push(
    `investment PGlite @${zone.leads} leads, ${zone.links} links: figures http p95 ${zone.figuresP95.toFixed(1)} ms, gaps p95 ${zone.gapsP95.toFixed(1)} ms, worst query p95 ${zone.worstP95.toFixed(1)} ms (target ≤ 50); http÷sql worst ${zone.worstRatio.toFixed(2)} (target ≤ 1.5)`,
  );
  if (pgUrl) {
    const pg = await benchInvestment({
      leads: Number(arg("leads", "50000")),
      chains: 20,
      linksPerChain: 200,
      placements: 100_000,
      enterprises: 5_000,
      rounds: 40,
      url: pgUrl,
    });
    summary.push(
      `investment PostgreSQL @${pg.leads.toLocaleString("en")} leads, ${pg.links.toLocaleString("en")} links, ${pg.placements.toLocaleString("en")} placements: pipeline figures http median ${pg.figuresMedian.toFixed(1)} ms, p95 ${pg.figuresP95.toFixed(1)} ms (target ≤ 300); gap analysis http median ${pg.gapsMedian.toFixed(1)} ms, p95 ${pg.gapsP95.toFixed(1)} ms (target ≤ 200); http÷sql worst ${pg.worstRatio.toFixed(2)} (target ≤ 1.5)`,
    );
  }
}

if (!only || only === "import" || only === "startup") {
  const r = await benchImport(Number(arg("rows", "10000")));
  summary.push(
    `import ${r.importedRows} rows: ${(r.importMs / 1000).toFixed(2)} s end to end (target ≤ 10 s), server peak RSS ${r.peakMb.toFixed(0)} MB (target ≤ 500)`,
  );
  summary.push(
    `npm start on existing data → first request: median ${(r.startMedianMs / 1000).toFixed(2)} s, max ${(r.startMaxMs / 1000).toFixed(2)} s (target ≤ 5 s)`,
  );
}

if (!only || only === "bundle") {
  const b = await benchBundle();
  summary.push(
    `JS for login + first page: ${(b.totalGz / 1024).toFixed(1)} KB gzipped (login alone ${(b.loginGz / 1024).toFixed(1)} KB; target ≤ 450 KB)`,
  );
}

console.log("\n== summary ==");
for (const s of summary) console.log(s);
process.exit(0);
