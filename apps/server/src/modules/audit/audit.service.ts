import type { AuditEntry } from "@zoneos/contracts";
import type { Db } from "../../db/client.ts";
import type { RequestContext } from "../../platform/context.ts";
import { presentAudit } from "./audit.presenter.ts";
import { type AuditFilter, listAudit } from "./audit.queries.ts";

export interface AuditPageQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** The zone's audit log, newest first. `to` is an inclusive date. */
export async function searchAudit(
  db: Db,
  ctx: RequestContext,
  q: AuditPageQuery,
): Promise<{ items: AuditEntry[]; total: number }> {
  const f: AuditFilter = { entityType: q.entityType, entityId: q.entityId, actorId: q.actorId, action: q.action };
  if (q.from) f.from = new Date(`${q.from}T00:00:00+08:00`);
  if (q.to) f.toExclusive = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
  const { rows, total } = await listAudit(db, ctx.actor.zoneId, f, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentAudit), total };
}
