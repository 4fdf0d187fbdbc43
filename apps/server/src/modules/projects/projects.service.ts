import type { AnnualPlan, AuditEntry, Project, ProjectInput, ProjectSettings, ProjectUpdate } from "@zoneos/contracts";
import { chinaDate, formatWan, industryName, parseWan, planInForce } from "@zoneos/domain";
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
import { enterpriseNamesById } from "../enterprises/enterprises.queries.ts";
import { enterpriseByCreditCode } from "../enterprises/enterprises.service.ts";
import { findUnit, findUser, listUnits, listUsers } from "../org/org.queries.ts";
import { boardItem, boardPeriod, currentPeriod } from "./projects.board.ts";
import { presentPlans, presentReports, sumWanOf } from "./projects.presenter.ts";
import {
  codeTaken,
  findProject,
  insertProject,
  nextProjectSequence,
  type ProjectRow,
  type ProjectScope,
  type ProjectWithNames,
  plansOf,
  planVersionsOf,
  updateProject,
} from "./projects.queries.ts";
import { reportsOf } from "./projects.reports.queries.ts";
import { projectSettingsOf } from "./projects.settings.ts";
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

/** The responsible unit's staff (a unit head: of their subtree) and the administrator, not task-force members. */
function ownsProject(actor: Actor, p: Pick<ProjectRow, "unitId">): boolean {
  if (actor.role === "admin") return true;
  if (actor.role === "unithead") return actor.unitSubtree.includes(p.unitId);
  return actor.role === "officer" && actor.unitId === p.unitId;
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

// ---- the project's page

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
      ytdWan: sumWanOf(upTo.filter((r) => r.year === year).map((r) => r.completedWan)),
      monthWan: reports.find((r) => r.year === year && r.month === month)?.completedWan ?? null,
      cumulativeWan: sumWanOf(upTo.map((r) => r.completedWan)),
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
  return enterpriseByCreditCode(
    tx,
    ctx,
    {
      creditCode: owner.creditCode,
      name: owner.name,
      industryCode: data.industryCode,
      parkUnitId: data.parkUnitId,
      officerId: null,
    },
    { via: "project" },
  );
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
  let code = data.code;
  if (code === null) {
    // The next free number: a code typed by hand may have taken the counter's next one.
    do code = `XM${year}-${String(await nextProjectSequence(tx, zoneId, year)).padStart(3, "0")}`;
    while (await codeTaken(tx, zoneId, code));
  } else if (await codeTaken(tx, zoneId, code)) throw new AppError("DUPLICATE_PROJECT_CODE", { code });
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
  // Who is responsible and who is in the task force is the responsible unit's call (or the administrator's): a
  // member from another unit edits the project's facts, not its ownership.
  const sameMembers =
    new Set(input.memberIds).size === new Set(before.memberIds).size &&
    input.memberIds.every((m) => before.memberIds.includes(m));
  if ((input.unitId !== before.unitId || !sameMembers) && !ownsProject(ctx.actor, before))
    throw new AppError("PROJECT_OWNERSHIP_CHANGE_FORBIDDEN");
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
