import { randomBytes } from "node:crypto";
import type {
  AuditEntry,
  CaseSummary,
  EnterpriseSummary,
  Project,
  ProjectApprovals,
  ProjectBoard,
  ReportSheet,
  VisitSummary,
} from "@zoneos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { findUserByUsername, listUnits } from "../org/org.queries.ts";

/**
 * Projects through the API: the schedule on the board against hand-computed figures (PRODUCT.md's example), the
 * monthly reporting window (locked month refused, reopening audited), plan changes, problems as cases, approvals
 * in working days, project visits, photos and who sees what.
 */

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

type List<T> = { items: T[]; total: number };
/** China time 10:00 on a date. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);

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
  ents: EnterpriseSummary[];
  userId(name: string): Promise<string>;
  /** Moves the clock to 10:00 of a day and logs everyone in again (sessions expire when idle). */
  travel(date: string): Promise<void>;
}

async function world(date = "2026-01-10"): Promise<World> {
  env.clock.set(at(date));
  const zone = await makeZone(env, { enterprises: 3 });
  const admin = await Client.login(env.app, zone.user("admin"));
  const units = new Map((await listUnits(env.database.db, zone.zoneId)).map((u) => [u.name, u.id]));
  const ents = json<List<EnterpriseSummary>>(await admin.get("/api/v1/enterprises?pageSize=10&sort=name")).items;
  const clients: [Client, string][] = [[admin, zone.user("admin")]];
  const login = async (username: string) => {
    const c = await Client.login(env.app, username);
    clients.push([c, username]);
    return c;
  };
  return {
    zone,
    admin,
    officer: await login(zone.user("officer")),
    unithead: await login(zone.user("unithead")),
    leader: await login(zone.user("leader")),
    stranger: await login(`${zone.prefix}service`),
    parkId: units.get("高新技术产业园") as string,
    units,
    ents,
    userId: async (name) => (await findUserByUsername(env.database.db, `${zone.prefix}${name}`))?.id as string,
    async travel(day) {
      env.clock.set(at(day));
      for (const [c, username] of clients) c.cookies = (await Client.login(env.app, username)).cookies;
    },
  };
}

function projectInput(w: World, overrides: Record<string, unknown> = {}) {
  return {
    name: "年产10万吨锂电池正极材料项目",
    ownerEnterpriseId: w.ents[0]?.id,
    totalInvestmentWan: "500000",
    type: "industry",
    level: "municipal",
    stage: "continuing",
    unitId: w.parkId,
    ...overrides,
  };
}

async function create(c: Client, body: unknown): Promise<Project> {
  const res = await c.post("/api/v1/projects", body);
  expect(res.statusCode, res.body).toBe(201);
  return json<Project>(res);
}

async function plan(c: Client, id: string, year: number, body: Record<string, unknown>): Promise<Project> {
  const res = await c.put(`/api/v1/projects/${id}/plans/${year}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return json<Project>(res);
}

async function report(c: Client, id: string, ym: string, body: Record<string, unknown>) {
  const [y, m] = ym.split("-").map(Number);
  return c.put(`/api/v1/projects/${id}/reports/${y}/${m}`, body);
}

async function board(c: Client, query: string): Promise<ProjectBoard> {
  const res = await c.get(`/api/v1/projects?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<ProjectBoard>(res);
}

async function audit(w: World, entityId: string): Promise<AuditEntry[]> {
  return json<List<AuditEntry>>(await w.admin.get(`/api/v1/audit?entityId=${entityId}&pageSize=100`)).items;
}

describe("projects", () => {
  it("creates a project numbered XM<year>-NNN for the officer's own unit, with a new owner enterprise", async () => {
    const w = await world();
    const p = await create(w.officer, projectInput(w, { memberIds: [await w.userId("officer")] }));
    expect(p).toMatchObject({ code: "XM2026-001", unitName: "高新技术产业园", canEdit: true, canReport: true });
    const q = await create(
      w.officer,
      projectInput(w, {
        name: "高新区智能制造产业园二期",
        ownerEnterpriseId: null,
        newOwner: { creditCode: "91110000600037341L", name: "新落地科技有限公司" },
      }),
    );
    expect(q.code).toBe("XM2026-002");
    expect(q.ownerName).toBe("新落地科技有限公司");
    const found = json<List<EnterpriseSummary>>(await w.admin.get("/api/v1/enterprises?q=91110000600037341L"));
    expect(found.items.map((e) => e.name)).toEqual(["新落地科技有限公司"]);

    // Another unit is not the officer's to give projects to; a code is unique in the zone.
    const other = await w.officer.post("/api/v1/projects", projectInput(w, { unitId: w.units.get("经济发展局") }));
    expect(other.statusCode).toBe(403);
    expect(json(other).code).toBe("PROJECT_UNIT_NOT_ALLOWED");
    const dup = await w.officer.post("/api/v1/projects", projectInput(w, { code: "XM2026-001" }));
    expect(dup.statusCode).toBe(409);
    expect(json(dup).code).toBe("DUPLICATE_PROJECT_CODE");
    // A code typed by hand that the numbering would give next is skipped, not a dead end.
    await create(w.officer, projectInput(w, { name: "手工编号项目", code: "XM2026-003" }));
    expect((await create(w.officer, projectInput(w, { name: "自动编号项目" }))).code).toBe("XM2026-004");
    // Neither the owner nor a new one: the form says which field.
    const none = await w.officer.post("/api/v1/projects", projectInput(w, { ownerEnterpriseId: null }));
    expect(none.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(none).errors.map((e) => e.path)).toContain("ownerEnterpriseId");
  });

  it("shows a project to its unit, its task force and the leaders; not to other units or enterprises", async () => {
    const w = await world();
    const p = await create(w.officer, projectInput(w));
    expect((await w.leader.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(200);
    expect(json<Project>(await w.leader.get(`/api/v1/projects/${p.id}`)).canEdit).toBe(false);
    expect((await w.unithead.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(200);
    expect((await w.stranger.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(404);
    expect((await board(w.stranger, "planned=false")).total).toBe(0);
    const ent = await Client.login(env.app, w.zone.user("enterprise"));
    expect((await ent.get("/api/v1/projects")).statusCode).toBe(403);
    // Made a member of the task force, the other unit's officer sees and may report it.
    const serviceId = await w.userId("service");
    const res = await w.officer.put(`/api/v1/projects/${p.id}`, {
      ...projectInput(w),
      memberIds: [serviceId],
      version: p.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const asMember = json<Project>(await w.stranger.get(`/api/v1/projects/${p.id}`));
    expect(asMember.canEdit).toBe(true);
    // The member edits the facts, but not who is responsible nor the task force.
    const takeOver = await w.stranger.put(`/api/v1/projects/${p.id}`, {
      ...projectInput(w, { unitId: w.units.get("企业服务中心") }),
      memberIds: [serviceId],
      version: asMember.version,
    });
    expect(takeOver.statusCode).toBe(403);
    expect(json(takeOver).code).toBe("PROJECT_OWNERSHIP_CHANGE_FORBIDDEN");
    const renamed = await w.stranger.put(`/api/v1/projects/${p.id}`, {
      ...projectInput(w, { name: "锂电池正极材料项目（一期）" }),
      memberIds: [serviceId],
      version: asMember.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // A visit the member records counts on the project and is listed for the project's unit too.
    const visit = await w.stranger.post("/api/v1/visits", { projectId: p.id, visitedOn: "2026-01-09" });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(json<List<unknown>>(await w.officer.get(`/api/v1/visits?projectId=${p.id}`)).total).toBe(1);
    // A stale version is refused.
    const stale = await w.officer.put(`/api/v1/projects/${p.id}`, { ...projectInput(w), version: p.version });
    expect(stale.statusCode).toBe(409);
    // The changes are in the project's history.
    const history = json<List<AuditEntry>>(await w.leader.get(`/api/v1/projects/${p.id}/history`)).items;
    expect(history.map((h) => h.action)).toEqual(["project.update", "project.update", "project.create"]);
  });

  it("computes the board against 序时进度 as PRODUCT.md's example: 31.0%, 33.3%, 2.3 points behind, start rate 60.0%", async () => {
    const w = await world("2026-01-05");
    // Two planned projects: 120,000 + 80,000 = 200,000 万元 for 2026.
    const a = await create(w.officer, projectInput(w, { name: "项目甲" }));
    const b = await create(w.officer, projectInput(w, { name: "项目乙" }));
    await plan(w.officer, a.id, 2026, { planWan: "120000" });
    await plan(w.officer, b.id, 2026, { planWan: "80000" });
    // Five planned new starts of the year, three of them started by the end of April → 60.0%.
    const starts: Project[] = [];
    for (const [i, m] of [3, 4, 4, 6, 9].entries()) {
      const p = await create(
        w.officer,
        projectInput(w, {
          name: `新开工项目${i}`,
          stage: "preliminary",
          actualStartOn: i < 3 ? `2026-0${m}-01` : null,
        }),
      );
      await plan(w.officer, p.id, 2026, { planWan: "0", newStartPlanned: true, newStartMonth: m });
      starts.push(p);
    }
    // Each month reported while it is open: 62,000 by the end of April (a: 10+12+14+6 = 42k, b: 20k).
    const months: [string, string, string][] = [
      ["2026-01", "10000", "5000"],
      ["2026-02", "12000", "5000"],
      ["2026-03", "14000", "5000"],
      ["2026-04", "6000", "5000"],
    ];
    for (const [ym, x, y] of months) {
      await w.travel(`${ym}-20`);
      expect((await report(w.officer, a.id, ym, { completedWan: x })).statusCode).toBe(200);
      expect((await report(w.officer, b.id, ym, { completedWan: y })).statusCode).toBe(200);
    }
    await w.travel("2026-05-06");
    const april = await board(w.leader, "year=2026&month=4&pageSize=50");
    expect(april.period).toMatchObject({ year: 2026, month: 4, granularity: "month", elapsedPercent: 33.3 });
    expect(april.totals.schedule).toMatchObject({
      planWan: "200000",
      completedYtdWan: "62000",
      completionPercent: 31,
      elapsedPercent: 33.3,
      pointsAhead: -2.3,
      behind: false,
    });
    expect(april.totals.startRate).toMatchObject({
      started: 3,
      plannedAnnual: 5,
      annualPercent: 60,
      plannedToDate: 3,
      toDatePercent: 100,
    });
    const rowA = april.items.find((i) => i.id === a.id);
    // 项目甲: 42,000 ÷ 120,000 = 35.0%, +1.7 points; 项目乙: 20,000 ÷ 80,000 = 25.0%, −8.3 and flagged.
    expect(rowA?.schedule).toMatchObject({ completionPercent: 35, pointsAhead: 1.7, behind: false });
    expect(rowA).toMatchObject({ monthCompletedWan: "6000", cumulativeWan: "42000", totalPercent: 8.4 });
    expect(april.items.find((i) => i.id === b.id)?.schedule).toMatchObject({
      completionPercent: 25,
      pointsAhead: -8.3,
      behind: true,
    });
    expect(april.totals.behindCount).toBe(1);
    // Filters and sorting: only the behind ones; the worst first.
    expect((await board(w.leader, "year=2026&month=4&behind=true")).items.map((i) => i.id)).toEqual([b.id]);
    expect((await board(w.leader, "year=2026&month=4&sort=pointsAhead")).items[0]?.id).toBe(b.id);
    // March: 36,000 + 15,000 = 51,000 of 200,000 = 25.5% against 25.0% → +0.5.
    const march = await board(w.leader, "year=2026&month=3");
    expect(march.totals.schedule).toMatchObject({ completionPercent: 25.5, elapsedPercent: 25, pointsAhead: 0.5 });
    // "My projects": the leader is responsible for none yet; the unit head's unit has all seven.
    expect((await board(w.leader, "mine=leader&year=2026&month=4")).total).toBe(0);
    expect((await board(w.unithead, "mine=unit&year=2026&month=4")).total).toBe(7);

    // Day granularity (a zone setting): 2026-04-30 is day 120 of 365 → 32.9%; 31.0 − 32.876… → −1.9.
    const settings = await w.admin.put("/api/v1/projects/settings", {
      granularity: "day",
      behindThresholdPoints: 5,
      reportDeadlineDay: 25,
      approvalTargetWorkingDays: 50,
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const byDay = await board(w.leader, "year=2026&month=4");
    expect(byDay.period).toMatchObject({ granularity: "day", asOf: "2026-04-30", elapsedPercent: 32.9 });
    expect(byDay.totals.schedule.pointsAhead).toBe(-1.9);
    expect((await w.officer.put("/api/v1/projects/settings", json(settings))).statusCode).toBe(403);
  });

  it("uses a mid-year change of the plan from its month on; earlier months keep the plan they had", async () => {
    const w = await world("2026-03-10");
    const p = await create(w.officer, projectInput(w));
    // A change needs a plan to change and a reason.
    const early = await w.officer.put(`/api/v1/projects/${p.id}/plans/2026`, { planWan: "1500", fromMonth: 7 });
    expect(early.statusCode).toBe(400);
    await plan(w.officer, p.id, 2026, { planWan: "1000" });
    const noReason = await w.officer.put(`/api/v1/projects/${p.id}/plans/2026`, { planWan: "1500", fromMonth: 7 });
    expect(noReason.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(noReason).errors.map((e) => e.path)).toContain("reason");
    // Changing the amount of the plan already set needs a reason too (it rewrites months already counted).
    const silent = await w.officer.put(`/api/v1/projects/${p.id}/plans/2026`, { planWan: "1100" });
    expect(json(silent).code).toBe("PLAN_REVISION_NEEDS_REASON");
    expect((await w.officer.put(`/api/v1/projects/${p.id}/plans/2026`, { planWan: "1000" })).statusCode).toBe(200);
    const changed = await plan(w.officer, p.id, 2026, { planWan: "1500", fromMonth: 7, reason: "追加二期设备投资" });
    expect(changed.plans[0]?.versions.map((v) => [v.fromMonth, v.planWan])).toEqual([
      [1, "1000"],
      [7, "1500"],
    ]);
    expect((await report(w.officer, p.id, "2026-03", { completedWan: "900" })).statusCode).toBe(200);
    expect((await board(w.leader, "year=2026&month=3")).items[0]?.schedule).toMatchObject({
      planWan: "1000",
      completionPercent: 90,
    });
    // August: 900 of 1,500 = 60.0% against 66.7% → −6.7, more than 5 behind.
    expect((await board(w.leader, "year=2026&month=8")).items[0]?.schedule).toMatchObject({
      planWan: "1500",
      completionPercent: 60,
      elapsedPercent: 66.7,
      pointsAhead: -6.7,
      behind: true,
    });
    // A project without a plan for a year is not on that year's board unless asked for.
    expect((await board(w.leader, "year=2025&month=12")).total).toBe(0);
    const all = await board(w.leader, "year=2025&month=12&planned=false");
    expect(all.items[0]?.schedule).toMatchObject({ planWan: null, completionPercent: null, behind: false });
    expect(all.totals).toMatchObject({ projects: 1, plannedProjects: 0 });
    const audits = await audit(w, p.id);
    expect(audits.find((a) => a.action === "project.plan.change")?.after).toMatchObject({
      fromMonth: 7,
      planWan: "1500",
      reason: "追加二期设备投资",
    });
  });

  it("locks a month after its deadline; a unit head reopens it with a reason, audited, until a day", async () => {
    const w = await world("2026-04-25");
    const p = await create(w.officer, projectInput(w));
    await plan(w.officer, p.id, 2026, { planWan: "10000" });
    // The 25th is the last day of April's window; May has not begun.
    const first = await report(w.officer, p.id, "2026-04", { completedWan: "800", progress: "主体结构施工至三层" });
    expect(first.statusCode, first.body).toBe(200);
    expect((await report(w.officer, p.id, "2026-05", { completedWan: "1" })).statusCode).toBe(400);
    // An open month needs no reopening.
    const open = await w.unithead.post("/api/v1/project-reports/reopenings", {
      unitId: w.parkId,
      year: 2026,
      month: 4,
      reason: "提前开放",
      until: "2026-04-27",
    });
    expect(json(open).code).toBe("REOPEN_NOT_LOCKED");
    await w.travel("2026-04-26");
    const locked = await report(w.officer, p.id, "2026-04", { completedWan: "900", version: 1 });
    expect(locked.statusCode).toBe(409);
    expect(json(locked)).toMatchObject({ code: "REPORT_MONTH_LOCKED" });
    expect(json<{ detail: string }>(locked).detail).toContain("2026-04-25");
    const sheet = json<ReportSheet>(await w.officer.get("/api/v1/project-reports?year=2026&month=4"));
    expect(sheet).toMatchObject({ state: "locked", closesOn: "2026-04-25" });
    expect(sheet.items.map((i) => [i.code, i.canReport, i.report?.completedWan])).toEqual([[p.code, false, "800"]]);

    // An officer may not reopen; nor may a unit head for another unit; an open month needs no reopening.
    const reopen = {
      unitId: w.parkId,
      year: 2026,
      month: 4,
      reason: "统计口径更正，补报4月完成投资",
      until: "2026-04-28",
    };
    expect((await w.officer.post("/api/v1/project-reports/reopenings", reopen)).statusCode).toBe(403);
    const planner = await Client.login(env.app, `${w.zone.prefix}planner`); // 规划和自然资源局
    expect((await planner.post("/api/v1/project-reports/reopenings", reopen)).statusCode).toBe(403);
    const notBegun = await w.unithead.post("/api/v1/project-reports/reopenings", { ...reopen, month: 5 });
    expect(json(notBegun).code).toBe("REPORT_MONTH_NOT_OPEN");
    const tooLong = await w.unithead.post("/api/v1/project-reports/reopenings", { ...reopen, until: "2026-06-30" });
    expect(json(tooLong).code).toBe("REOPEN_UNTIL_INVALID");
    const done = await w.unithead.post("/api/v1/project-reports/reopenings", reopen);
    expect(done.statusCode, done.body).toBe(200);
    const trail = json<List<AuditEntry>>(await w.admin.get(`/api/v1/audit?action=project.report.reopen`)).items;
    expect(trail[0]).toMatchObject({ entityId: w.parkId, after: { reason: reopen.reason, until: "2026-04-28" } });
    expect(trail[0]?.entityName).toContain("2026年4月");

    // Reopened: the correction goes in (with the version seen); a stale one is refused.
    expect(json<ReportSheet>(await w.officer.get("/api/v1/project-reports?year=2026&month=4"))).toMatchObject({
      state: "reopened",
      reopenedUntil: "2026-04-28",
    });
    expect((await report(w.officer, p.id, "2026-04", { completedWan: "900" })).statusCode).toBe(409);
    const fixed = await report(w.officer, p.id, "2026-04", { completedWan: "900", version: 1 });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(json<Project>(fixed).reports[0]).toMatchObject({ month: 4, completedWan: "900", version: 2 });
    // After the reopening's last day the month locks again.
    await w.travel("2026-04-29");
    expect((await report(w.officer, p.id, "2026-04", { completedWan: "950", version: 2 })).statusCode).toBe(409);
    // The leader reads but does not report.
    expect((await w.leader.get("/api/v1/project-reports?year=2026&month=4")).statusCode).toBe(403);
  });

  it("turns a report's problems into cases about the project, and keeps its photos for those who see it", async () => {
    const w = await world("2026-03-10");
    const p = await create(w.officer, projectInput(w));
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
    const up = await w.officer.upload("/api/v1/attachments", "现场照片.png", PNG);
    expect(up.statusCode, up.body).toBe(201);
    const photoId = json<{ id: string }>(up).id;
    const res = await report(w.officer, p.id, "2026-03", {
      completedWan: "1200.5",
      progress: "完成桩基施工",
      problems: "临时用电未接入",
      newProblems: [{ title: "施工临时用电未接入", description: "需供电公司协调临时用电接入，影响夜间施工" }],
      attachmentIds: [photoId],
    });
    expect(res.statusCode, res.body).toBe(200);
    const project = json<Project>(res);
    expect(project.caseCount).toBe(1);
    expect(project.reports[0]).toMatchObject({ completedWan: "1200.5", completedYtdWan: "1200.5" });
    expect(project.reports[0]?.attachments.map((a) => a.fileName)).toEqual(["现场照片.png"]);
    const cases = json<{ items: CaseSummary[] }>(await w.leader.get(`/api/v1/projects/${p.id}/cases`)).items;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ category: "project", source: "project_report", title: "施工临时用电未接入" });
    // The owner enterprise's own users do not see the administration's problems about its project.
    const ent = await Client.login(env.app, w.zone.user("enterprise"));
    const own = json<{ enterpriseId: string }>(await ent.get("/api/v1/auth/me")).enterpriseId;
    const ownProject = await create(w.officer, projectInput(w, { name: "企业自有项目", ownerEnterpriseId: own }));
    const raised = await report(w.officer, ownProject.id, "2026-03", {
      completedWan: "10",
      newProblems: [{ title: "用地指标未落实", description: "待自然资源部门协调" }],
    });
    expect(json<Project>(raised).caseCount).toBe(1);
    const seen = json<List<CaseSummary>>(await ent.get("/api/v1/cases?pageSize=100")).items;
    expect(seen.map((c) => c.title)).not.toContain("用地指标未落实");
    const file = `/api/v1/attachments/${photoId}/content`;
    expect((await w.leader.get(file)).statusCode).toBe(200);
    expect((await w.stranger.get(file)).statusCode).toBe(404);
    // A problem that cannot become a case (no title) leaves no report behind either.
    const bad = await report(w.officer, p.id, "2026-02", {
      completedWan: "10",
      newProblems: [{ title: "", description: "x" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Project>(await w.officer.get(`/api/v1/projects/${p.id}`)).reports).toHaveLength(1);
  });

  it("records visits to a project: they count on it, and their demands are the project's cases", async () => {
    const w = await world("2026-03-10");
    const p = await create(w.officer, projectInput(w));
    const res = await w.officer.post("/api/v1/visits", {
      projectId: p.id,
      visitedOn: "2026-03-09",
      notes: "现场查看主体施工进度",
      demands: [{ category: "project", title: "施工许可办理慢", description: "施工许可证申报材料退回两次" }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const visits = json<List<VisitSummary>>(await w.unithead.get(`/api/v1/visits?projectId=${p.id}`));
    expect(visits.items.map((v) => [v.projectName, v.enterpriseId])).toEqual([[p.name, p.ownerEnterpriseId]]);
    const after = json<Project>(await w.officer.get(`/api/v1/projects/${p.id}`));
    expect(after).toMatchObject({ visitCount: 1, caseCount: 1 });
  });

  it("counts approval items in working days per item, stage and in total against the zone's target", async () => {
    const w = await world("2026-03-20");
    const p = await create(w.officer, projectInput(w));
    const add = (body: Record<string, unknown>) => w.officer.post(`/api/v1/projects/${p.id}/approvals`, body);
    // Across the 2026 Spring Festival (2026-02-15…23 off, Saturday 2026-02-14 and 2026-02-28 worked).
    let res = await add({
      stage: "land_planning",
      name: "建设用地规划许可证",
      department: "规划和自然资源局",
      appliedOn: "2026-02-12",
      approvedOn: "2026-02-26",
      limitWorkingDays: 5,
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await add({
      stage: "construction_permit",
      name: "施工许可证",
      departmentUnitId: w.units.get("建设管理局"),
      appliedOn: "2026-03-16",
      limitWorkingDays: 3,
    });
    const a = json<ProjectApprovals>(res);
    const permit = a.items.find((i) => i.name === "建设用地规划许可证");
    // 02-13, 02-14 (make-up Saturday), 02-24, 02-25, 02-26 → 5 working days: at the limit, not over.
    expect(permit).toMatchObject({ elapsedWorkingDays: 5, overLimit: false, pending: false });
    // Pending since Monday 03-16: 03-17…03-20 → 4 working days, over its 3.
    const pending = a.items.find((i) => i.name === "施工许可证");
    expect(pending).toMatchObject({ department: "建设管理局", elapsedWorkingDays: 4, pending: true, overLimit: true });
    expect(a.stages.map((s) => [s.stage, s.elapsedWorkingDays])).toEqual([
      ["land_planning", 5],
      ["engineering_permit", 0],
      ["construction_permit", 4],
      ["completion_acceptance", 0],
    ]);
    expect(a).toMatchObject({ totalWorkingDays: 9, targetWorkingDays: 50, overTarget: false });
    // Approved before applied is refused with the field named.
    const wrong = await add({
      stage: "land_planning",
      name: "项目备案",
      department: "发改局",
      appliedOn: "2026-03-10",
      approvedOn: "2026-03-01",
    });
    expect(wrong.statusCode).toBe(400);
    const bottlenecks = json<{ byDepartment: { key: string; overLimit: number }[]; projectsOverTarget: number }>(
      await w.leader.get("/api/v1/project-approvals/bottlenecks"),
    );
    expect(bottlenecks.byDepartment[0]).toMatchObject({ key: "建设管理局", overLimit: 1 });
    expect(bottlenecks.projectsOverTarget).toBe(0);
    // Removing an item is audited.
    const removed = await w.officer.del(`/api/v1/projects/${p.id}/approvals/${pending?.id}`);
    expect(json<ProjectApprovals>(removed).items).toHaveLength(1);
    expect((await audit(w, p.id)).map((x) => x.action)).toContain("project.approval.delete");
  });
});
