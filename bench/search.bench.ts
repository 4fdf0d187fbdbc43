/**
 * Enterprise search at scale: HTTP time of GET /api/v1/enterprises against the bare SQL time of the same queries
 * (the page and the count, run the way the service runs them), in the same run, on PGlite and, when
 * BENCH_DATABASE_URL (or --pg via `npm run bench -- --pg`) is set, on PostgreSQL.
 * Target (issue 2): p95 ≤ 50 ms through HTTP on PGlite at 50,000 enterprises; HTTP ÷ SQL ≤ 2 on both.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../apps/server/src/app.ts";
import { type Database, openDatabase } from "../apps/server/src/db/client.ts";
import {
  type EnterpriseQuery,
  listEnterprisesSql,
} from "../apps/server/src/modules/enterprises/enterprises.queries.ts";
import { testConfig } from "../apps/server/src/platform/config.ts";
import { DEMO_PASSWORD, seedZone } from "../apps/server/src/seed/demo.ts";
import { httpGet, ms, stats, table, time } from "./lib.ts";

const QUERIES: { label: string; params: Record<string, string>; q: Partial<EnterpriseQuery> }[] = [
  { label: "first page, no filter", params: {}, q: {} },
  { label: "pinyin initials xtkj", params: { q: "xtkj" }, q: { q: "xtkj" } },
  { label: "name part 科技", params: { q: "科技" }, q: { q: "科技" } },
  { label: "full pinyin huaxin", params: { q: "huaxin" }, q: { q: "huaxin" } },
  { label: "credit code part 91320115MA", params: { q: "91320115MA" }, q: { q: "91320115ma" } },
  { label: "label 专精特新小巨人", params: { label: "little_giant" }, q: { label: "little_giant" } },
  {
    label: "section C, sort by name",
    params: { industryCode: "C", sort: "name" },
    q: { industryCode: "C", sort: "name" },
  },
  { label: "q 电子 + key enterprises", params: { q: "电子", isKey: "true" }, q: { q: "电子", isKey: true } },
];

export async function benchSearch(opts: { count: number; url?: string; rounds: number }) {
  const dir = opts.url ? undefined : mkdtempSync(path.join(os.tmpdir(), "zoneos-bench-"));
  const database: Database = await openDatabase(opts.url ? { url: opts.url } : { dataDir: dir });
  const engine = opts.url ? "PostgreSQL" : "PGlite";
  const prefix = `b${Date.now().toString(36)}_`;
  const t = performance.now();
  const { zoneId } = await seedZone(database.db, {
    name: "基准测试区",
    enterprises: opts.count,
    officers: 200,
    seed: 99,
    accounts: true,
    usernamePrefix: prefix,
  });
  console.log(`[${engine}] seeded ${opts.count} enterprises in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  if (opts.url) await database.rawQuery("analyze");

  const app = await buildApp({ db: database.db, config: testConfig() });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: `${prefix}admin`, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

  const rows: Record<string, string | number>[] = [];
  const allHttp: number[] = [];
  const ratios: number[] = [];
  let sumHttp = 0;
  let sumSql = 0;
  for (const query of QUERIES) {
    const url = `${base}/api/v1/enterprises?${new URLSearchParams({ ...query.params, pageSize: "20" })}`;
    const sqls = listEnterprisesSql(database.db, zoneId, { kind: "zone" }, { sort: "-updatedAt", ...query.q }, 20);
    let total = 0;
    const runSql = async () => {
      await database.rawQuery(sqls.page.sql, sqls.page.params);
      await database.rawQuery(sqls.count.sql, sqls.count.params);
    };
    const runHttp = async () => {
      const res = await httpGet(url, { cookie });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body}`);
      total = (JSON.parse(res.body) as { total: number }).total;
    };
    for (let i = 0; i < 5; i++) {
      await runSql();
      await runHttp();
    }
    const http: number[] = [];
    const sql: number[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      // Interleaved so both see the same machine state.
      sql.push(await time(runSql));
      http.push(await time(runHttp));
    }
    const h = stats(http);
    const s = stats(sql);
    allHttp.push(...http);
    ratios.push(h.median / s.median);
    sumHttp += h.median;
    sumSql += s.median;
    rows.push({
      query: query.label,
      hits: total,
      "http median": ms(h.median),
      "http p95": ms(h.p95),
      "sql median": ms(s.median),
      "sql p95": ms(s.p95),
      "http÷sql": (h.median / s.median).toFixed(2),
    });
  }
  console.log(`\n[${engine}] enterprise search at ${opts.count} enterprises, ${opts.rounds} rounds per query`);
  table(rows);
  const all = stats(allHttp);
  console.log(
    `[${engine}] all queries: http median ${ms(all.median)}, p95 ${ms(all.p95)}; http÷sql worst ${Math.max(...ratios).toFixed(2)}, over the mix ${(sumHttp / sumSql).toFixed(2)}`,
  );
  await app.close();
  await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  return { engine, p95: all.p95, median: all.median, worstRatio: Math.max(...ratios), mixRatio: sumHttp / sumSql };
}
