import type {
  AnnualPlan,
  AnnualPlanInput,
  AuditEntry,
  MonthlyReport,
  Project,
  ProjectInput,
  ProjectSettings,
  ProjectUpdate,
} from "@zoneos/contracts";
import {
  chinaDate,
  DEFAULT_PROJECT_SETTINGS,
  formatWan,
  industryName,
  parseWan,
  planInForce,
  type ScheduleGranularity,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import { changedFields, recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { searchTextOf } from "../../platform/pinyin.ts";
import { attachmentsOfSubjects } from "../attachments/attachments.link.ts";
import { searchAudit } from "../audit/audit.service.ts";
import { casesOfProject } from "../cases/cases.service.ts";
import { enterpriseNamesById, findByCreditCode, insertEnterprise } from "../enterprises/enterprises.queries.ts";
import { enterpriseColumns } from "../enterprises/enterprises.service.ts";
import { findUnit, findUser, listUnits, listUsers } from "../org/org.queries.ts";
import { boardItem, boardPeriod, currentPeriod } from "./projects.board.ts";
import {
  codeTaken,
  findProject,
  findSettings,
  insertProject,
  nextProjectSequence,
  type PlanVersionRow,
  type ProjectRow,
  type ProjectScope,
  type ProjectWithNames,
  plansOf,
  planVersionsOf,
  type ReportWithNames,
  reportsOf,
  saveSettings,
  updateProject,
  upsertPlan,
  upsertPlanVersion,
} from "./projects.queries.ts";

export const PROJECT = { "zh-CN": "项目", "en-US": "Project" };

/** The actor's project scope (see `ProjectScope`). Enterprise users have no project permission at all. */
export function projectScopeOf(actor: Actor): ProjectScope {
  if (actor.role === "admin" || actor.role === "leader") return { kind: "zone" };
  if (actor.role === "unithead") return { kind: "units", unitIds: actor.unitSubtree, userId: actor.userId };
  return { kind: "units", unitIds: actor.unitId ? [actor.unitId] : [], userId: actor.userId };
}

/** Whether the actor may change the project's facts, plan, approvals and reports (a leader only reads). */
export function mayWrite(actor: Actor, p: Pick<ProjectRow, "unitId" | "memberIds">): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "unithead":
      return actor.unitSubtree.includes(p.unitId) || p.memberIds.includes(actor.userId);
    case "officer":
      return p.unitId === actor.unitId || p.memberIds.includes(actor.userId);
    default:
      return false;
  }
}

/** A project the actor may see, or 404. */
export async function loadProject(conn: Conn, actor: Actor, id: string): Promise<ProjectWithNames> {
  const row = await findProject(conn, actor.zoneId, projectScopeOf(actor), id);
  if (!row) throw notFound(PROJECT);
  return row;
}

/** A project the actor may change, or 404 (not visible) / 403 (visible, read only). */
export async function loadWritableProject(conn: Conn, actor: Actor, id: string): Promise<ProjectWithNames> {
  const row = await loadProject(conn, actor, id);
  if (!mayWrite(actor, row)) throw new AppError("FORBIDDEN");
  return row;
}

// ---- settings

/**
 * A zone's project settings (the domain's defaults until the administrator changes them). Cached per zone for
 * SETTINGS_CACHE_MS like the calendar — every board request needs them and they change a few times a year; a change
 * through this process forgets the entry at once, one made by another instance shows within the TTL.
 */
export async function projectSettingsOf(conn: Conn, zoneId: string): Promise<ProjectSettings> {
  const now = performance.now();
  const known = settingsCache.get(zoneId);
  if (known && now - known.at < SETTINGS_CACHE_MS) return known.settings;
  const generation = settingsGeneration;
  const settings = await loadSettings(conn, zoneId);
  if (generation === settingsGeneration) settingsCache.set(zoneId, { settings, at: now });
  return settings;
}

const SETTINGS_CACHE_MS = 60_000;
const settingsCache = new Map<string, { settings: ProjectSettings; at: number }>();
let settingsGeneration = 0;

async function loadSettings(conn: Conn, zoneId: string): Promise<ProjectSettings> {
  const row = await findSettings(conn, zoneId);
  if (!row) return { ...DEFAULT_PROJECT_SETTINGS };
  return {
    granularity: row.granularity as ScheduleGranularity,
    behindThresholdPoints: Number(row.behindThresholdPoints),
    reportDeadlineDay: row.reportDeadlineDay,
    approvalTargetWorkingDays: row.approvalTargetWorkingDays,
  };
}

export async function changeProjectSettings(db: Db, ctx: RequestContext, input: ProjectSettings) {
  const zoneId = ctx.actor.zoneId;
  const saved = await db.transaction(async (tx) => {
    const before = await loadSettings(tx, zoneId);
    await saveSettings(tx, {
      zoneId,
      granularity: input.granularity,
      behindThresholdPoints: String(input.behindThresholdPoints),
      reportDeadlineDay: input.reportDeadlineDay,
      approvalTargetWorkingDays: input.approvalTargetWorkingDays,
      updatedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: "project.settings",
      entityType: "zone",
      entityId: zoneId,
      ...changedFields({ ...before }, { ...input }),
    });
    return loadSettings(tx, zoneId);
  });
  settingsGeneration++;
  settingsCache.delete(zoneId);
  return saved;
}

// ---- the project's page

function sumWan(values: readonly string[]): string {
  return formatWan(values.reduce((s, v) => s + parseWan(v), 0n));
}

function presentPlans(
  versions: (PlanVersionRow & { changedByName: string | null })[],
  plans: Awaited<ReturnType<typeof plansOf>>,
): AnnualPlan[] {
  const years = [...new Set([...plans.map((p) => p.year), ...versions.map((v) => v.year)])].sort((a, b) => b - a);
  return years.map((year) => {
    const plan = plans.find((p) => p.year === year);
    return {
      year,
      versions: versions
        .filter((v) => v.year === year)
        .map((v) => ({
          fromMonth: v.fromMonth,
          planWan: formatWan(parseWan(v.planWan)),
          reason: v.reason,
          changedAt: v.changedAt.toISOString(),
          changedByName: v.changedByName,
        })),
      newStartPlanned: plan?.newStartPlanned ?? false,
      newStartMonth: plan?.newStartMonth ?? null,
      milestones: plan?.milestones ?? [],
    };
  });
}

/** The monthly history with year-to-date sums and the plan in force for each month, latest first. */
export function presentReports(
  reports: readonly ReportWithNames[],
  plans: readonly AnnualPlan[],
  attachments: Map<string, MonthlyReport["attachments"]>,
): MonthlyReport[] {
  const ascending = [...reports].sort((a, b) => a.year - b.year || a.month - b.month);
  const ytd = new Map<number, bigint>();
  const out = ascending.map((r) => {
    const sum = (ytd.get(r.year) ?? 0n) + parseWan(r.completedWan);
    ytd.set(r.year, sum);
    const versions = plans.find((p) => p.year === r.year)?.versions ?? [];
    return {
      year: r.year,
      month: r.month,
      completedWan: formatWan(parseWan(r.completedWan)),
      completedYtdWan: formatWan(sum),
      planWan: planInForce(versions, r.month),
      progress: r.progress,
      problems: r.problems,
      attachments: attachments.get(r.id) ?? [],
      reportedByName: r.reportedByName,
      reportedAt: r.reportedAt.toISOString(),
      version: r.version,
    };
  });
  return out.reverse();
}

async function present(conn: Conn, ctx: RequestContext, id: string): Promise<Project> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const row = await loadProject(conn, actor, id);
  const [versions, planRows, reports, owners, settings, members] = await Promise.all([
    planVersionsOf(conn, zoneId, id),
    plansOf(conn, zoneId, id),
    reportsOf(conn, zoneId, [id]),
    enterpriseNamesById(conn, zoneId, [row.ownerEnterpriseId]),
    projectSettingsOf(conn, zoneId),
    Promise.all(
      row.memberIds.map(async (m) => ({ id: m, name: (await findUser(conn, zoneId, m))?.displayName ?? null })),
    ),
  ]);
  const attachments = await attachmentsOfSubjects(
    conn,
    zoneId,
    "project_report",
    reports.map((r) => r.id),
  );
  const plans = presentPlans(versions, planRows);
  const history = presentReports(reports, plans, attachments);
  const { today } = currentPeriod(ctx.now);
  const { year, month } = boardPeriod({}, today, settings);
  return {
    ...projectSummary(
      row,
      { year, month, today },
      settings,
      plans,
      history.map((r) => ({ year: r.year, month: r.month, completedWan: r.completedWan })),
    ),
    period: { year, month },
    ownerName: owners.get(row.ownerEnterpriseId) ?? null,
    unitName: row.unitName,
    leaderName: row.leaderName,
    parkName: row.parkName,
    industryCode: row.industryCode,
    industryName: row.industryCode ? (industryName(row.industryCode) ?? null) : null,
    plannedCompletionOn: row.plannedCompletionOn,
    actualCompletionOn: row.actualCompletionOn,
    members,
    location: row.location,
    plans,
    reports: history,
    caseCount: row.caseCount,
    visitCount: row.visitCount,
    canEdit: mayWrite(actor, row),
    canReport: actor.role !== "leader" && mayWrite(actor, row),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A project's row of the board for a period, from its plan and reports (the project page's own summary). */
function projectSummary(
  row: ProjectRow,
  period: { year: number; month: number; today: string },
  settings: ProjectSettings,
  plans: readonly AnnualPlan[],
  reports: readonly { year: number; month: number; completedWan: string }[],
) {
  const { year, month } = period;
  const plan = plans.find((p) => p.year === year);
  const upTo = reports.filter((r) => r.year < year || (r.year === year && r.month <= month));
  return boardItem(
    {
      ...row,
      planWan: plan ? planInForce(plan.versions, month) : null,
      newStartPlanned: plan?.newStartPlanned ?? false,
      newStartMonth: plan?.newStartMonth ?? null,
      ytdWan: sumWan(upTo.filter((r) => r.year === year).map((r) => r.completedWan)),
      monthWan: reports.find((r) => r.year === year && r.month === month)?.completedWan ?? null,
      cumulativeWan: sumWan(upTo.map((r) => r.completedWan)),
    },
    boardPeriod({ year, month }, period.today, settings),
    settings,
  );
}

export async function getProject(db: Db, ctx: RequestContext, id: string): Promise<Project> {
  return present(db, ctx, id);
}

export async function projectCases(db: Db, ctx: RequestContext, id: string) {
  await loadProject(db, ctx.actor, id);
  return { items: await casesOfProject(db, ctx, id) };
}

export async function projectHistory(
  db: Db,
  ctx: RequestContext,
  id: string,
  page: { page: number; pageSize: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  await loadProject(db, ctx.actor, id);
  return searchAudit(db, ctx, { entityType: "project", entityId: id, ...page });
}

// ---- create and change

type ProjectData = z.output<typeof ProjectInput>;

/** The checks of the references a project names; answers the owner enterprise's id (creating a new one). */
async function checkReferences(tx: Conn, ctx: RequestContext, data: ProjectData): Promise<string> {
  const zoneId = ctx.actor.zoneId;
  const unit = await findUnit(tx, zoneId, data.unitId);
  if (!unit) throw notFound({ "zh-CN": "责任单位", "en-US": "Responsible unit" });
  if (data.parkUnitId) {
    const park = await findUnit(tx, zoneId, data.parkUnitId);
    if (park?.kind !== "park") throw notFound({ "zh-CN": "园区", "en-US": "Park" });
  }
  if (data.leaderId) {
    const leader = await findUser(tx, zoneId, data.leaderId);
    if (!leader || leader.disabled || leader.role !== "leader")
      throw notFound({ "zh-CN": "挂钩领导", "en-US": "Responsible leader" });
  }
  for (const m of data.memberIds) {
    const user = await findUser(tx, zoneId, m);
    if (!user || user.disabled || user.role === "enterprise")
      throw notFound({ "zh-CN": "专班成员", "en-US": "Task force member" });
  }
  if (data.ownerEnterpriseId) {
    // Any enterprise of the zone may own a project: the registry is the zone's, the project the unit's.
    const names = await enterpriseNamesById(tx, zoneId, [data.ownerEnterpriseId]);
    if (!names.size) throw notFound({ "zh-CN": "业主企业", "en-US": "Owner enterprise" });
    return data.ownerEnterpriseId;
  }
  const owner = data.newOwner;
  if (!owner) throw new AppError("VALIDATION_FAILED", { details: "ownerEnterpriseId" });
  const existing = await findByCreditCode(tx, zoneId, owner.creditCode);
  if (existing) return existing.id;
  const row = await insertEnterprise(tx, {
    zoneId,
    ...enterpriseColumns({
      creditCode: owner.creditCode,
      name: owner.name,
      industryCode: data.industryCode,
      regionCode: null,
      parkUnitId: data.parkUnitId,
      officerId: null,
      landMu: null,
      registeredCapitalWan: null,
      establishedOn: null,
      legalRepresentative: null,
      address: null,
      isKey: false,
    }),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    action: "enterprise.create",
    entityType: "enterprise",
    entityId: row.id,
    entityName: row.name,
    after: { creditCode: row.creditCode, name: row.name, via: "project" },
  });
  return row.id;
}

/** The columns a project's facts are stored in. */
function projectColumns(data: ProjectData, ownerEnterpriseId: string, code: string) {
  return {
    code,
    name: data.name,
    searchText: searchTextOf(data.name, code),
    ownerEnterpriseId,
    totalInvestmentWan: data.totalInvestmentWan,
    type: data.type,
    level: data.level,
    parkUnitId: data.parkUnitId,
    industryCode: data.industryCode,
    stage: data.stage,
    plannedStartOn: data.plannedStartOn,
    plannedCompletionOn: data.plannedCompletionOn,
    actualStartOn: data.actualStartOn,
    actualCompletionOn: data.actualCompletionOn,
    leaderId: data.leaderId,
    unitId: data.unitId,
    memberIds: [...new Set(data.memberIds)],
    location: data.location,
  };
}

/** The facts of a project as the audit log keeps them. */
export function auditableProject(r: ProjectRow): Record<string, unknown> {
  return {
    code: r.code,
    name: r.name,
    ownerEnterpriseId: r.ownerEnterpriseId,
    totalInvestmentWan: formatWan(parseWan(r.totalInvestmentWan)),
    type: r.type,
    level: r.level,
    parkUnitId: r.parkUnitId,
    industryCode: r.industryCode,
    stage: r.stage,
    plannedStartOn: r.plannedStartOn,
    plannedCompletionOn: r.plannedCompletionOn,
    actualStartOn: r.actualStartOn,
    actualCompletionOn: r.actualCompletionOn,
    leaderId: r.leaderId,
    unitId: r.unitId,
    memberIds: r.memberIds,
    location: r.location,
  };
}

/** Who may put a project under a unit: an administrator any; staff their own unit (a unit head their subtree). */
function checkUnitAllowed(actor: Actor, unitId: string) {
  if (actor.role === "admin") return;
  const allowed = actor.role === "unithead" ? actor.unitSubtree : actor.unitId ? [actor.unitId] : [];
  if (!allowed.includes(unitId)) throw new AppError("PROJECT_UNIT_NOT_ALLOWED");
}

/**
 * Creates a project inside the caller's transaction (the form and the import): checks, the code (given or the
 * next XM<year>-NNN), an owner enterprise created from `newOwner` when it is not in the registry yet, audit.
 */
export async function insertNewProject(tx: Conn, ctx: RequestContext, data: ProjectData): Promise<ProjectRow> {
  const zoneId = ctx.actor.zoneId;
  checkUnitAllowed(ctx.actor, data.unitId);
  const ownerId = await checkReferences(tx, ctx, data);
  const year = Number(chinaDate(ctx.now).slice(0, 4));
  const code = data.code ?? `XM${year}-${String(await nextProjectSequence(tx, zoneId, year)).padStart(3, "0")}`;
  if (await codeTaken(tx, zoneId, code)) throw new AppError("DUPLICATE_PROJECT_CODE", { code });
  const row = await insertProject(tx, {
    zoneId,
    ...projectColumns(data, ownerId, code),
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    action: "project.create",
    entityType: "project",
    entityId: row.id,
    entityName: `${row.code} ${row.name}`,
    after: auditableProject(row),
  });
  return row;
}

export async function createProject(db: Db, ctx: RequestContext, data: ProjectData): Promise<Project> {
  const id = await db.transaction(async (tx) => (await insertNewProject(tx, ctx, data)).id);
  return present(db, ctx, id);
}

/** Changes a project's facts; stale `version`: 409. */
export async function changeProject(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof ProjectUpdate>,
): Promise<Project> {
  await db.transaction(async (tx) => {
    const before = await loadWritableProject(tx, ctx.actor, id);
    await saveProjectChange(tx, ctx, before, input);
  });
  return present(db, ctx, id);
}

/**
 * Changes the facts of a project the caller has loaded as writable, inside the caller's transaction (the form and
 * the import): version, unit, references and code checks, an owner enterprise created from `newOwner`, audit.
 */
export async function saveProjectChange(
  tx: Conn,
  ctx: RequestContext,
  before: ProjectRow,
  input: z.output<typeof ProjectUpdate>,
): Promise<ProjectRow> {
  const zoneId = ctx.actor.zoneId;
  const id = before.id;
  if (before.version !== input.version) throw new AppError("VERSION_CONFLICT");
  if (input.unitId !== before.unitId) checkUnitAllowed(ctx.actor, input.unitId);
  const ownerId = await checkReferences(tx, ctx, input);
  const code = input.code ?? before.code;
  if (code !== before.code && (await codeTaken(tx, zoneId, code, id)))
    throw new AppError("DUPLICATE_PROJECT_CODE", { code });
  const row = await updateProject(tx, zoneId, id, input.version, {
    ...projectColumns(input, ownerId, code),
    updatedAt: ctx.now,
  });
  if (!row) throw new AppError("VERSION_CONFLICT");
  await recordAudit(tx, ctx, {
    action: "project.update",
    entityType: "project",
    entityId: id,
    entityName: `${row.code} ${row.name}`,
    ...changedFields(auditableProject(before), auditableProject(row)),
  });
  return row;
}

/**
 * Sets a year's plan of a project: the amount from a month (1: the plan; later: a mid-year change with a reason,
 * earlier months keep the plan they had), the planned new start and the milestones. Audited.
 */
export async function setAnnualPlan(
  db: Db,
  ctx: RequestContext,
  id: string,
  year: number,
  input: z.output<typeof AnnualPlanInput>,
): Promise<Project> {
  await db.transaction(async (tx) => {
    const project = await loadWritableProject(tx, ctx.actor, id);
    await saveAnnualPlan(tx, ctx, project, year, input);
  });
  return present(db, ctx, id);
}

/**
 * Sets a year's plan of a project the caller has loaded as writable, inside the caller's transaction (the form and
 * the import). Audited.
 */
export async function saveAnnualPlan(
  tx: Conn,
  ctx: RequestContext,
  project: Pick<ProjectRow, "id" | "code" | "name">,
  year: number,
  input: z.output<typeof AnnualPlanInput>,
): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  const id = project.id;
  const versions = (await planVersionsOf(tx, zoneId, id)).filter((v) => v.year === year);
  if (input.fromMonth > 1 && !versions.some((v) => v.fromMonth < input.fromMonth))
    throw new AppError("PLAN_CHANGE_WITHOUT_PLAN", { year });
  const before = (await plansOf(tx, zoneId, id)).find((p) => p.year === year);
  await upsertPlan(tx, {
    zoneId,
    projectId: id,
    year,
    newStartPlanned: input.newStartPlanned,
    newStartMonth: input.newStartPlanned ? input.newStartMonth : null,
    milestones: [...input.milestones].sort((a, b) => a.month - b.month),
  });
  await upsertPlanVersion(tx, {
    zoneId,
    projectId: id,
    year,
    fromMonth: input.fromMonth,
    planWan: input.planWan,
    reason: input.reason,
    changedBy: ctx.actor.userId,
    changedAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    action: input.fromMonth > 1 ? "project.plan.change" : "project.plan",
    entityType: "project",
    entityId: id,
    entityName: `${project.code} ${project.name}`,
    before: {
      year,
      planWan: planInForce(
        versions.map((v) => ({ fromMonth: v.fromMonth, planWan: v.planWan })),
        input.fromMonth,
      ),
      newStartPlanned: before?.newStartPlanned ?? null,
      newStartMonth: before?.newStartMonth ?? null,
    },
    after: {
      year,
      fromMonth: input.fromMonth,
      planWan: input.planWan,
      reason: input.reason,
      newStartPlanned: input.newStartPlanned,
      newStartMonth: input.newStartMonth,
      milestones: input.milestones.length,
    },
  });
}

// ---- pickers

export async function projectOptions(db: Db, ctx: RequestContext) {
  const zoneId = ctx.actor.zoneId;
  const [units, users] = await Promise.all([
    listUnits(db, zoneId),
    listUsers(db, zoneId, {}, { limit: 5000, offset: 0 }),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const active = users.rows.filter((u) => !u.disabled);
  return {
    units: units.map((u) => ({ id: u.id, name: u.name })),
    parks: units.filter((u) => u.kind === "park").map((u) => ({ id: u.id, name: u.name })),
    leaders: active.filter((u) => u.role === "leader").map((u) => ({ id: u.id, name: u.displayName })),
    staff: active
      .filter((u) => u.role === "officer" || u.role === "unithead" || u.role === "leader")
      .map((u) => ({ id: u.id, name: u.displayName, unitName: u.unitId ? (unitName.get(u.unitId) ?? null) : null })),
  };
}
