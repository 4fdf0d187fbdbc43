/**
 * Cases at scale (issue 3):
 * - zone scale on PGlite — 2,000 enterprises, 20,000 cases: an officer's to-do list (GET /api/v1/cases?view=mine)
 *   and the unit head's queue (view=unit) through HTTP, p95 ≤ 50 ms;
 * - province scale on PostgreSQL — 1,000,000 cases: the service dashboard's figures for a year
 *   (GET /api/v1/figures/service, each breakdown) ≤ 500 ms, and HTTP time ÷ the bare SQL time of the same query
 *   ≤ 1.5, measured interleaved in the same run.
 * The cases are written by the database (seed/cases-generator.ts: INSERT … SELECT generate_series) over the 24
 * months before today, with exact SLA due times and every state; all of them in the measured zone (the worst case:
 * a province-wide reader sees the same number of rows).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chinaDate, workingDayIndex } from "@zoneos/domain";
import { PgDialect } from "drizzle-orm/pg-core";
import { buildApp } from "../apps/server/src/app.ts";
import { type Database, openDatabase } from "../apps/server/src/db/client.ts";
import { zoneCalendar } from "../apps/server/src/modules/calendar/calendar.service.ts";
import { caseFiguresQuery, type FiguresGroupBy } from "../apps/server/src/modules/figures/figures.queries.ts";
import { testConfig } from "../apps/server/src/platform/config.ts";
import { generateCases } from "../apps/server/src/seed/cases-generator.ts";
import { seedZone } from "../apps/server/src/seed/demo.ts";
import { httpGet, ms, stats, table, time } from "./lib.ts";
import { login } from "./server.ts";

const DAY_MS = 86_400_000;

export interface CasesBenchResult {
  engine: string;
  count: number;
  /** p95 and median of the to-do lists through HTTP (both views together). */
  todoP95: number;
  todoMedian: number;
  /** The slowest breakdown of the figures through HTTP (median), and the worst HTTP ÷ SQL ratio. */
  figuresWorstMedian: number;
  figuresWorstRatio: number;
}

/**
 * The covering index proposed for the figures (not yet a migration): the year's cases are read from it alone, a
 * third of the table's size. `--figures-index` creates it before measuring.
 */
export const FIGURES_INDEX_SQL =
  "create index if not exists cases_zone_received_figures on cases (zone_id, received_at) include (owner_unit_id, owner_officer_id, category, state, accepted_at, accept_due_at, replied_at, resolve_due_at, rating, reopen_count, escalated_at)";

export async function benchCases(opts: {
  count: number;
  url?: string;
  rounds: number;
  figuresIndex?: boolean;
}): Promise<CasesBenchResult> {
  const dir = opts.url ? undefined : mkdtempSync(path.join(os.tmpdir(), "zoneos-bench-cases-"));
  const database: Database = await openDatabase(opts.url ? { url: opts.url } : { dataDir: dir });
  const engine = opts.url ? "PostgreSQL" : "PGlite";
  const prefix = `c${Date.now().toString(36)}_`;
  let t = performance.now();
  const { zoneId } = await seedZone(database.db, {
    name: "案件基准区",
    enterprises: 2000,
    officers: 40,
    seed: 2026,
    accounts: true,
    usernamePrefix: prefix,
  });
  console.log(`[${engine}] seeded 2,000 enterprises in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const now = new Date();
  t = performance.now();
  await generateCases(database.db, {
    zoneId,
    count: opts.count,
    from: new Date(now.getTime() - 730 * DAY_MS),
    now,
    seed: 11,
    steps: false,
    chunk: opts.url ? 100_000 : 20_000,
  });
  if (opts.figuresIndex) await database.rawQuery(FIGURES_INDEX_SQL); // a no-op since migration 0003 has it
  // Real cases arrive in time order, so the figures' index on received_at grows at its end and stays compact; the
  // generator writes each chunk in random time order, which splits its pages all over. Rebuilding it gives the
  // layout a real table would have.
  await database.rawQuery("reindex index cases_zone_received_figures");
  console.log(`[${engine}] rebuilt cases_zone_received_figures as time-ordered arrivals would have left it`);
  // What autovacuum does after a bulk insert: statistics, and the visibility map that index-only scans need.
  await database.rawQuery("vacuum analyze cases");
  console.log(
    `[${engine}] generated ${opts.count.toLocaleString("en")} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const [mix] = await database.rawQuery<{ open: string; closed: string }>(
    "select count(*) filter (where state in ('new','dispatched','accepted')) as open, count(*) filter (where state = 'closed') as closed from cases where zone_id = $1",
    [zoneId],
  );
  console.log(`[${engine}] open ${mix?.open}, closed ${mix?.closed}`);

  const app = await buildApp({ db: database.db, config: testConfig() });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const officer = (await login(base, `${prefix}officer`)).cookie;
  const head = (await login(base, `${prefix}unithead`)).cookie;
  const leader = (await login(base, `${prefix}leader`)).cookie;

  const get = async (url: string, cookie: string) => {
    const res = await httpGet(url, { cookie });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body) as { total?: number; totals?: { received: number } };
  };

  // (a) the to-do lists
  const rows: Record<string, string | number>[] = [];
  const todo: number[] = [];
  for (const [label, view, cookie] of [
    ["officer: view=mine", "mine", officer],
    ["unit head: view=unit", "unit", head],
  ] as const) {
    const url = `${base}/api/v1/cases?view=${view}&pageSize=20`;
    let total = 0;
    for (let i = 0; i < 5; i++) total = (await get(url, cookie)).total ?? 0;
    const http: number[] = [];
    for (let i = 0; i < opts.rounds; i++) http.push(await time(() => get(url, cookie)));
    const h = stats(http);
    todo.push(...http);
    rows.push({ query: label, hits: total, "http median": ms(h.median), "http p95": ms(h.p95) });
  }
  console.log(`\n[${engine}] to-do lists at ${opts.count.toLocaleString("en")} cases, ${opts.rounds} rounds each`);
  table(rows);
  const todoStats = stats(todo);

  // (b) the dashboard's figures for this year: each breakdown, against the bare SQL of the same query.
  const year = chinaDate(now).slice(0, 4);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const cal = await zoneCalendar(database.db, zoneId);
  const ix = workingDayIndex(
    cal,
    from,
    new Date(Math.max(Date.parse(`${to}T00:00:00Z`), Date.parse(`${chinaDate(now)}T00:00:00Z`)) + 40 * DAY_MS)
      .toISOString()
      .slice(0, 10),
  );
  const dialect = new PgDialect();
  const figRows: Record<string, string | number>[] = [];
  let worstMedian = 0;
  let worstRatio = 0;
  const figRounds = Math.max(5, Math.round(opts.rounds / 4));
  for (const groupBy of ["unit", "month", "category", "officer"] as FiguresGroupBy[]) {
    const url = `${base}/api/v1/figures/service?from=${from}&to=${to}&groupBy=${groupBy}`;
    const q = dialect.sqlToQuery(
      caseFiguresQuery(
        zoneId,
        { from: new Date(`${from}T00:00:00+08:00`), until: new Date(`${Number(year) + 1}-01-01T00:00:00+08:00`) },
        groupBy,
        ix,
      ),
    );
    const runSql = () => database.rawQuery(q.sql, q.params);
    let received = 0;
    for (let i = 0; i < 2; i++) {
      await runSql();
      received = (await get(url, leader)).totals?.received ?? 0;
    }
    const http: number[] = [];
    const sql: number[] = [];
    for (let i = 0; i < figRounds; i++) {
      sql.push(await time(runSql));
      http.push(await time(() => get(url, leader)));
    }
    const h = stats(http);
    const s = stats(sql);
    worstMedian = Math.max(worstMedian, h.median);
    worstRatio = Math.max(worstRatio, h.median / s.median);
    figRows.push({
      groupBy,
      received,
      "http median": ms(h.median),
      "http p95": ms(h.p95),
      "sql median": ms(s.median),
      "http÷sql": (h.median / s.median).toFixed(2),
    });
  }
  console.log(`\n[${engine}] service figures ${from}…${to}, ${figRounds} rounds per breakdown (as the leader)`);
  table(figRows);
  await app.close();
  await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  return {
    engine,
    count: opts.count,
    todoP95: todoStats.p95,
    todoMedian: todoStats.median,
    figuresWorstMedian: worstMedian,
    figuresWorstRatio: worstRatio,
  };
}
