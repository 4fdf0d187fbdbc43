/** Who sees and who changes a lead: the data scope and the object checks every lead use case starts with. */
import type { Conn } from "../../db/client.ts";
import { type Actor, can } from "../../platform/access.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { findLead, type LeadRow, type LeadScope, type LeadWithNames } from "./leads.queries.ts";

export const LEAD = { "zh-CN": "招商项目", "en-US": "Lead" };

/** The actor's lead scope: admin and leader the zone; a unit head their subtree; an officer their unit; both their own. */
export function leadScopeOf(actor: Actor): LeadScope {
  if (actor.role === "admin" || actor.role === "leader") return { kind: "zone" };
  if (actor.role === "unithead") return { kind: "units", unitIds: actor.unitSubtree, userId: actor.userId };
  return { kind: "units", unitIds: actor.unitId ? [actor.unitId] : [], userId: actor.userId };
}

/** Whether the actor may change the lead (facts, stage, scorecard, activities): its unit's staff and its officer. */
export function mayWriteLead(actor: Actor, l: Pick<LeadRow, "unitId" | "officerId">): boolean {
  if (!can(actor, "lead.edit")) return false;
  switch (actor.role) {
    case "admin":
      return true;
    case "unithead":
      return actor.unitSubtree.includes(l.unitId) || l.officerId === actor.userId;
    case "officer":
      return l.unitId === actor.unitId || l.officerId === actor.userId;
    default:
      return false;
  }
}

/** The units an actor may put a lead under (null: any unit of the zone). */
export function allowedUnitsOf(actor: Actor): string[] | null {
  if (actor.role === "admin") return null;
  if (actor.role === "unithead") return actor.unitSubtree;
  return actor.unitId ? [actor.unitId] : [];
}

export function checkLeadUnitAllowed(actor: Actor, unitId: string): void {
  const allowed = allowedUnitsOf(actor);
  if (allowed !== null && !allowed.includes(unitId)) throw new AppError("LEAD_UNIT_NOT_ALLOWED");
}

/** A lead the actor may see, or 404. */
export async function loadLead(conn: Conn, actor: Actor, id: string): Promise<LeadWithNames> {
  const row = await findLead(conn, actor.zoneId, leadScopeOf(actor), id);
  if (!row) throw notFound(LEAD);
  return row;
}

/** A lead the actor may change, or 404 (not visible) / 403 (visible, read only). */
export async function loadWritableLead(conn: Conn, actor: Actor, id: string): Promise<LeadWithNames> {
  const row = await loadLead(conn, actor, id);
  if (!mayWriteLead(actor, row)) throw new AppError("FORBIDDEN");
  return row;
}
