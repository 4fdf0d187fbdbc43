import type { AuditEntry } from "@zoneos/contracts";
import type { AuditRow } from "./audit.queries.ts";

export function presentAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    entityName: r.entityName,
    before: (r.before as Record<string, unknown> | null) ?? null,
    after: (r.after as Record<string, unknown> | null) ?? null,
    ip: r.ip,
  };
}
