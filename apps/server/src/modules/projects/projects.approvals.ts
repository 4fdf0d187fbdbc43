import type { ApprovalBottlenecks, ApprovalItemInput, ProjectApprovals } from "@zoneos/contracts";
import {
  APPROVAL_ITEM_CATALOGUE,
  type ApprovalItemFacts,
  type ApprovalStage,
  approvalBottlenecks,
  approvalTimings,
  chinaDate,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { zoneCalendar } from "../calendar/calendar.service.ts";
import { findUnit } from "../org/org.queries.ts";
import {
  approvalsInScope,
  approvalsOf,
  deleteApproval,
  findApproval,
  insertApproval,
  updateApproval,
} from "./projects.approvals.queries.ts";
import type { ApprovalRow } from "./projects.queries.ts";
import { loadProject, loadWritableProject, projectScopeOf } from "./projects.service.ts";
import { projectSettingsOf } from "./projects.settings.ts";

const APPROVAL = { "zh-CN": "审批事项", "en-US": "Approval item" };

type ItemData = z.output<typeof ApprovalItemInput>;

function facts(r: ApprovalRow): ApprovalItemFacts {
  return {
    id: r.id,
    stage: r.stage as ApprovalStage,
    name: r.name,
    department: r.department,
    appliedOn: r.appliedOn,
    approvedOn: r.approvedOn,
    limitWorkingDays: r.limitWorkingDays,
  };
}

/** The years an item's dates touch, to warn when the calendar has no data for one of them. */
function yearsOf(rows: readonly ApprovalRow[], asOf: string): number[] {
  const years = new Set<number>();
  for (const r of rows) {
    if (!r.appliedOn) continue;
    const to = Number((r.approvedOn ?? asOf).slice(0, 4));
    for (let y = Number(r.appliedOn.slice(0, 4)); y <= to; y++) years.add(y);
  }
  return [...years];
}

async function present(conn: Conn, ctx: RequestContext, projectId: string): Promise<ProjectApprovals> {
  const zoneId = ctx.actor.zoneId;
  const [rows, cal, settings] = await Promise.all([
    approvalsOf(conn, zoneId, [projectId]),
    zoneCalendar(conn, zoneId),
    projectSettingsOf(conn, zoneId),
  ]);
  const asOf = chinaDate(ctx.now);
  const t = approvalTimings(rows.map(facts), asOf, cal, settings.approvalTargetWorkingDays);
  const timing = new Map(t.items.map((i) => [i.id, i]));
  return {
    items: rows.map((r) => {
      const it = timing.get(r.id);
      return {
        id: r.id,
        stage: r.stage as ApprovalStage,
        name: r.name,
        departmentUnitId: r.departmentUnitId,
        department: r.department,
        appliedOn: r.appliedOn,
        approvedOn: r.approvedOn,
        limitWorkingDays: r.limitWorkingDays,
        note: r.note,
        elapsedWorkingDays: it?.elapsedWorkingDays ?? null,
        pending: it?.pending ?? false,
        overLimit: it?.overLimit ?? false,
      };
    }),
    stages: t.stages,
    totalWorkingDays: t.totalWorkingDays,
    targetWorkingDays: settings.approvalTargetWorkingDays,
    overTarget: t.overTarget,
    calendarMissingYears: cal.yearsWithoutData(yearsOf(rows, asOf)),
  };
}

export async function getApprovals(db: Db, ctx: RequestContext, projectId: string): Promise<ProjectApprovals> {
  await loadProject(db, ctx.actor, projectId);
  return present(db, ctx, projectId);
}

/** The stored columns of an item: the department's name is the unit's when a unit of the zone is named. */
async function columns(conn: Conn, ctx: RequestContext, data: ItemData) {
  let department = data.department;
  if (data.departmentUnitId) {
    const unit = await findUnit(conn, ctx.actor.zoneId, data.departmentUnitId);
    if (!unit) throw notFound({ "zh-CN": "审批部门", "en-US": "Department" });
    department = unit.name;
  }
  if (!department)
    throw new AppError(
      "VALIDATION_FAILED",
      { details: { "zh-CN": "请填写审批部门", "en-US": "name the department" } },
      [{ path: "department", message: "请填写审批部门" }],
    );
  const today = chinaDate(ctx.now);
  for (const [path, value] of [
    ["appliedOn", data.appliedOn],
    ["approvedOn", data.approvedOn],
  ] as const) {
    if (value && value > today)
      throw new AppError(
        "VALIDATION_FAILED",
        { details: { "zh-CN": `${value} 晚于今天`, "en-US": `${value} is in the future` } },
        [{ path, message: "日期不能晚于今天" }],
      );
  }
  return {
    stage: data.stage,
    name: data.name,
    departmentUnitId: data.departmentUnitId,
    department,
    appliedOn: data.appliedOn,
    approvedOn: data.approvedOn,
    limitWorkingDays: data.limitWorkingDays,
    note: data.note,
  };
}

function auditable(r: ReturnType<typeof facts> & { note?: string | null }) {
  return {
    stage: r.stage,
    name: r.name,
    department: r.department,
    appliedOn: r.appliedOn,
    approvedOn: r.approvedOn,
    limitWorkingDays: r.limitWorkingDays,
  };
}

export async function addApproval(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  data: ItemData,
): Promise<ProjectApprovals> {
  return db.transaction(async (tx) => {
    const project = await loadWritableProject(tx, ctx.actor, projectId);
    const row = await insertApproval(tx, {
      zoneId: ctx.actor.zoneId,
      projectId,
      ...(await columns(tx, ctx, data)),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: "project.approval.create",
      entityType: "project",
      entityId: projectId,
      entityName: `${project.code} ${project.name}`,
      after: auditable(facts(row)),
    });
    return present(tx, ctx, projectId);
  });
}

export async function changeApproval(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  itemId: string,
  data: ItemData,
): Promise<ProjectApprovals> {
  return db.transaction(async (tx) => {
    const project = await loadWritableProject(tx, ctx.actor, projectId);
    const before = await findApproval(tx, ctx.actor.zoneId, projectId, itemId);
    if (!before) throw notFound(APPROVAL);
    const row = await updateApproval(tx, ctx.actor.zoneId, itemId, {
      ...(await columns(tx, ctx, data)),
      updatedAt: ctx.now,
    });
    if (!row) throw notFound(APPROVAL);
    await recordAudit(tx, ctx, {
      action: "project.approval.update",
      entityType: "project",
      entityId: projectId,
      entityName: `${project.code} ${project.name}`,
      before: auditable(facts(before)),
      after: auditable(facts(row)),
    });
    return present(tx, ctx, projectId);
  });
}

export async function removeApproval(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  itemId: string,
): Promise<ProjectApprovals> {
  return db.transaction(async (tx) => {
    const project = await loadWritableProject(tx, ctx.actor, projectId);
    const before = await findApproval(tx, ctx.actor.zoneId, projectId, itemId);
    if (!before) throw notFound(APPROVAL);
    await deleteApproval(tx, ctx.actor.zoneId, itemId);
    await recordAudit(tx, ctx, {
      action: "project.approval.delete",
      entityType: "project",
      entityId: projectId,
      entityName: `${project.code} ${project.name}`,
      before: auditable(facts(before)),
    });
    return present(tx, ctx, projectId);
  });
}

/**
 * The bottleneck report (审批堵点) over the approval items of every project in the actor's scope as of today: by
 * department and by item, the items over their limit first; and how many projects are over the zone's target.
 */
export async function approvalBottleneckReport(db: Db, ctx: RequestContext): Promise<ApprovalBottlenecks> {
  const zoneId = ctx.actor.zoneId;
  const [rows, cal, settings] = await Promise.all([
    approvalsInScope(db, zoneId, projectScopeOf(ctx.actor)),
    zoneCalendar(db, zoneId),
    projectSettingsOf(db, zoneId),
  ]);
  const asOf = chinaDate(ctx.now);
  const byProject = new Map<string, ApprovalRow[]>();
  for (const r of rows) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r]);
  const timed: Parameters<typeof approvalBottlenecks>[0][number][] = [];
  let over = 0;
  for (const items of byProject.values()) {
    const t = approvalTimings(items.map(facts), asOf, cal, settings.approvalTargetWorkingDays);
    if (t.overTarget) over++;
    const timing = new Map(t.items.map((i) => [i.id, i]));
    for (const r of items) {
      const it = timing.get(r.id);
      if (it) timed.push({ ...facts(r), timing: it });
    }
  }
  return {
    asOf,
    ...approvalBottlenecks(timed),
    projectsOverTarget: over,
    projects: byProject.size,
    targetWorkingDays: settings.approvalTargetWorkingDays,
  };
}

export function approvalCatalogue() {
  return { items: [...APPROVAL_ITEM_CATALOGUE] };
}
