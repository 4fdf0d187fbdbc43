/** Activities on a lead (会谈, 实地考察, 电话, 文件往来) with their attachments, seen by whoever sees the lead. */
import type { LeadActivity, LeadActivityInput } from "@zoneos/contracts";
import { chinaDate } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { attachmentsOf, linkAttachments } from "../attachments/attachments.link.ts";
import { leadScopeOf, loadWritableLead } from "./leads.access.ts";
import { presentActivity } from "./leads.presenter.ts";
import { activitiesOf, findActivity, findLead, insertActivity } from "./leads.queries.ts";

/** Whether the actor may see an activity (and so its files): whoever may see its lead. For the attachments module. */
export async function canSeeLeadActivity(conn: Conn, actor: Actor, activityId: string): Promise<boolean> {
  const activity = await findActivity(conn, actor.zoneId, activityId);
  if (!activity) return false;
  return (await findLead(conn, actor.zoneId, leadScopeOf(actor), activity.leadId)) !== undefined;
}

/** Records an activity on a lead the actor may change, linking the actor's uploads to it; not dated in the future. */
export async function addLeadActivity(
  db: Db,
  ctx: RequestContext,
  leadId: string,
  input: z.output<typeof LeadActivityInput>,
): Promise<LeadActivity> {
  const zoneId = ctx.actor.zoneId;
  const today = chinaDate(ctx.now);
  if (input.on > today)
    throw new AppError("VALIDATION_FAILED", { details: `on > ${today}` }, [
      { path: "on", message: "活动日期不能晚于今天" },
    ]);
  const id = await db.transaction(async (tx) => {
    const lead = await loadWritableLead(tx, ctx.actor, leadId);
    const row = await insertActivity(tx, {
      zoneId,
      leadId,
      kind: input.kind,
      on: input.on,
      summary: input.summary,
      participants: input.participants,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await linkAttachments(tx, ctx, { type: "lead_activity", id: row.id }, input.attachmentIds);
    await recordAudit(tx, ctx, {
      action: "lead.activity",
      entityType: "lead",
      entityId: leadId,
      entityName: `${lead.code} ${lead.name}`,
      after: { activityId: row.id, kind: row.kind, on: row.on, summary: row.summary },
    });
    return row.id;
  });
  const row = (await activitiesOf(db, zoneId, leadId)).find((a) => a.id === id);
  if (!row) throw new Error("activity vanished");
  return presentActivity(row, await attachmentsOf(db, zoneId, "lead_activity", id));
}
