import type { Conn } from "../db/client.ts";
import { insertAuditRow, insertAuditRows } from "../modules/audit/audit.queries.ts";
import type { RequestContext } from "./context.ts";

type Plain = Record<string, unknown>;

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  entityName?: string | null;
  before?: Plain | null;
  after?: Plain | null;
  /** Who acted when it is not the logged-in actor: a failed login is recorded under the name that was tried. */
  actedAs?: { id: string | null; name: string };
}

/**
 * Writes one audit row. Call it inside the transaction of the write it records, so both land or neither.
 * For an update pass the whole before and after: only the fields that changed are kept.
 */
export async function recordAudit(conn: Conn, ctx: RequestContext, e: AuditEvent): Promise<void> {
  let before = e.before ?? null;
  let after = e.after ?? null;
  if (before && after) ({ before, after } = changedFields(before, after));
  await insertAuditRow(conn, {
    zoneId: ctx.actor.zoneId,
    actorId: e.actedAs ? e.actedAs.id : ctx.actor.userId,
    actorName: e.actedAs ? e.actedAs.name : ctx.actor.displayName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    entityName: e.entityName ?? null,
    before,
    after,
    ip: ctx.ip,
    at: ctx.now,
  });
}

/** Writes the audit rows of a bulk write (an import) in chunks; each event is a create or delete. */
export async function recordAuditMany(conn: Conn, ctx: RequestContext, events: AuditEvent[]): Promise<void> {
  await insertAuditRows(
    conn,
    events.map((e) => ({
      zoneId: ctx.actor.zoneId,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      entityName: e.entityName ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: ctx.ip,
      at: ctx.now,
    })),
  );
}

/** The fields whose values differ (compared as JSON), from both sides. */
export function changedFields(before: Plain, after: Plain): { before: Plain; after: Plain } {
  const b: Plain = {};
  const a: Plain = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}
