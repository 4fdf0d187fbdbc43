/**
 * The project board at scale (issue: major projects):
 * - PostgreSQL — 10,000 projects with plans and 3 years of monthly reports (360,000 rows): the board's zone totals
 *   and first page (GET /api/v1/projects?year=Y&month=M) ≤ 300 ms;
 * - PGlite at zone scale — 300 projects: p95 ≤ 50 ms;
 * - HTTP time ÷ the bare SQL time of the same statement (`boardPageSql`: the totals and the first page in one
 *   statement, run directly with the same parameters on the same kind of connection, interleaved) ≤ 1.5.
 * Measured: the whole zone as the leader (default sort, first page), filtered by a level and by a unit, and
 * `mine=unit` as the unit head of 高新技术产业园. The projects come from seed/projects-generator.ts; every project is
 * in every year's plan and reports every month (the board's worst case).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chinaDate, elapsedOfYear, lastDayOfMonthIso } from "@zoneos/domain";
import { PgDialect } from "drizzle-orm/pg-core";
import { buildApp } from "../apps/server/src/app.ts";
import { type Database, openDatabase } from "../apps/server/src/db/client.ts";
import { listUnits, listUsers, unitSubtreeIds } from "../apps/server/src/modules/org/org.queries.ts";
import { boardPageSql } from "../apps/server/src/modules/projects/projects.board.queries.ts";
import type { ProjectFilterSql, ProjectScope } from "../apps/server/src/modules/projects/projects.queries.ts";
import { testConfig } from "../apps/server/src/platform/config.ts";
import { seedZone } from "../apps/server/src/seed/demo.ts";
import { generateProjects } from "../apps/server/src/seed/projects-generator.ts";
import { httpGet, ms, stats, table, time } from "./lib.ts";
import { login } from "./server.ts";

interface Board {
  total: number;
  totals: { projects: number; schedule: { planWan: string | null; completedYtdWan: string } };
  items: { code: string }[];
}

export interface ProjectsBenchResult {
  engine: string;
  count: number;
  reports: number;
  /** The whole zone as the leader: HTTP median and p95, SQL median. */
  zoneMedian: number;
  zoneP95: number;
  /** The worst over every query measured: HTTP p95, HTTP median, and HTTP ÷ SQL of the medians. */
  worstP95: number;
  worstMedian: number;
  worstRatio: number;
}

export async function benchProjects(opts: {
  count: number;
  url?: string;
  rounds: number;
}): Promise<ProjectsBenchResult> {
  const dir = opts.url ? undefined : mkdtempSync(path.join(os.tmpdir(), "zoneos-bench-projects-"));
  const database: Database = await openDatabase(opts.url ? { url: opts.url } : { dataDir: dir });
  const engine = opts.url ? "PostgreSQL" : "PGlite";
  const prefix = `p${Date.now().toString(36)}_`;
  let t = performance.now();
  const { zoneId } = await seedZone(database.db, {
    name: "项目基准区",
    enterprises: 2000,
    officers: 40,
    seed: 2026,
    accounts: true,
    usernamePrefix: prefix,
    leaders: 6,
  });
  console.log(`[${engine}] seeded 2,000 enterprises in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const now = new Date();
  t = performance.now();
  const written = await generateProjects(database.db, { zoneId, count: opts.count, years: 3, now, seed: 2026 });
  // What autovacuum does after a bulk load: the visibility map the reports' index-only scan needs.
  for (const table of ["projects", "project_plans", "project_plan_versions", "project_reports"])
    await database.rawQuery(`vacuum analyze ${table}`);
  console.log(
    `[${engine}] generated ${written.projects.toLocaleString("en")} projects, ${written.plans.toLocaleString("en")} plans, ${written.reports.toLocaleString("en")} monthly reports in ${((performance.now() - t) / 1000).toFixed(1)} s`,
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
  const units = await listUnits(database.db, zoneId);
  const manufacturing = units.find((u) => u.name === "智能制造产业园");
  if (!manufacturing) throw new Error("no 智能制造产业园");

  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const period = { year, month };
  const zone: ProjectScope = { kind: "zone" };
  const unitScope: ProjectScope = { kind: "units", unitIds: subtree, userId: headUser.id };
  const cases: {
    label: string;
    query: string;
    cookie: string;
    scope: ProjectScope;
    filter: ProjectFilterSql;
  }[] = [
    { label: "leader: whole zone", query: "", cookie: leader, scope: zone, filter: {} },
    {
      label: "leader: level=provincial",
      query: "&level=provincial",
      cookie: leader,
      scope: zone,
      filter: { level: "provincial" },
    },
    {
      label: "leader: unitId=智能制造产业园",
      query: `&unitId=${manufacturing.id}`,
      cookie: leader,
      scope: zone,
      filter: { unitId: manufacturing.id },
    },
    {
      label: "unit head: mine=unit",
      query: "&mine=unit",
      cookie: head,
      scope: unitScope,
      filter: { unitIds: subtree },
    },
  ];
  const dialect = new PgDialect();
  // The zone's defaults (month granularity, 5 points), as the endpoint reads them.
  const pageParams = {
    year,
    month,
    elapsed: elapsedOfYear(period, "month"),
    behindThresholdPoints: 5,
    periodEnd: lastDayOfMonthIso(year, month),
    planned: true,
    sort: "code" as const,
    limit: 20,
    offset: 0,
  };

  const rows: Record<string, string | number>[] = [];
  let zoneStats = { median: 0, p95: 0 };
  let worstP95 = 0;
  let worstMedian = 0;
  let worstRatio = 0;
  for (const c of cases) {
    const url = `${base}/api/v1/projects?year=${year}&month=${month}${c.query}`;
    const q = dialect.sqlToQuery(boardPageSql(zoneId, c.scope, c.filter, pageParams));
    const runSql = () => database.rawQuery<Record<string, unknown>>(q.sql, q.params);
    const get = async () => {
      const res = await httpGet(url, { cookie: c.cookie });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.slice(0, 300)}`);
      return JSON.parse(res.body) as Board;
    };
    // The statement answers what the endpoint answers: the same number of projects and the same first page.
    let total = 0;
    for (let i = 0; i < 3; i++) {
      const [answer, board] = [await runSql(), await get()];
      total = board.total;
      const codes = answer.filter((r) => r.code).map((r) => String(r.code));
      if (Number(answer[0]?.t_projects) !== board.total || codes.join() !== board.items.map((x) => x.code).join())
        throw new Error(`${c.label}: the statement and the endpoint differ`);
    }
    const http: number[] = [];
    const sql: number[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      sql.push(await time(runSql));
      http.push(await time(get));
    }
    const h = stats(http);
    const s = stats(sql);
    if (c.scope.kind === "zone" && !c.query) zoneStats = h;
    worstP95 = Math.max(worstP95, h.p95);
    worstMedian = Math.max(worstMedian, h.median);
    worstRatio = Math.max(worstRatio, h.median / s.median);
    rows.push({
      query: c.label,
      "in plan": total,
      "http median": ms(h.median),
      "http p95": ms(h.p95),
      "sql median": ms(s.median),
      "http÷sql": (h.median / s.median).toFixed(2),
    });
  }
  console.log(
    `\n[${engine}] project board ${year}-${String(month).padStart(2, "0")}, first page of 20, ${opts.rounds} rounds each (${opts.count.toLocaleString("en")} projects)`,
  );
  table(rows);
  await app.close();
  await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  return {
    engine,
    count: opts.count,
    reports: written.reports,
    zoneMedian: zoneStats.median,
    zoneP95: zoneStats.p95,
    worstP95,
    worstMedian,
    worstRatio,
  };
}
