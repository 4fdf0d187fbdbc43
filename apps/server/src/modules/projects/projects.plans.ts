/** A project's annual plans (年度计划): the plan, a mid-year change, the planned new start, milestones. */
import type { AnnualPlanInput, Project } from "@zoneos/contracts";
import { parseWan, planInForce } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { type ProjectRow, plansOf, planVersionsOf, upsertPlan, upsertPlanVersion } from "./projects.queries.ts";

import { getProject, loadWritableProject } from "./projects.service.ts";
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
  return getProject(db, ctx, id);
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
  // Changing the amount of a version already set rewrites the figures of the months it covers: say why.
  const same = versions.find((v) => v.fromMonth === input.fromMonth);
  if (same && parseWan(same.planWan) !== parseWan(input.planWan) && !input.reason)
    throw new AppError("PLAN_REVISION_NEEDS_REASON", {}, [{ path: "reason", message: "修改已有计划须说明原因" }]);
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
