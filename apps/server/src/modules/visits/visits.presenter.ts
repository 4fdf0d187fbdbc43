import type { CaseSummary, Visit, VisitRuleItem, VisitSummary } from "@zoneos/contracts";
import type { VisitAppliesTo, VisitKind, VisitPeriod } from "@zoneos/domain";
import type { VisitRow, VisitRuleRow, VisitWithNames } from "./visits.queries.ts";

/**
 * A visit as its reader may see it. The notes are internal to the administration: an enterprise user sees the date,
 * kind, visitors, participants and demands of a visit to its enterprise, never the notes.
 */
export function presentVisitSummary(
  r: VisitWithNames,
  opts: { enterpriseName: string | null; projectName?: string | null; internal: boolean },
): VisitSummary {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: opts.enterpriseName,
    projectId: r.projectId,
    projectName: opts.projectName ?? null,
    visitedOn: r.visitedOn,
    kind: r.kind as VisitKind,
    visitors: r.visitorIds.map((id, i) => ({ id, name: r.visitorNames[i] ?? null })),
    unitId: r.unitId,
    unitName: r.unitName,
    participants: r.participants,
    notes: opts.internal ? r.notes : null,
    demandCount: r.demandCount,
    createdBy: r.createdBy,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export function presentVisit(
  r: VisitWithNames,
  opts: {
    enterpriseName: string | null;
    projectName: string | null;
    internal: boolean;
    demands: CaseSummary[];
    canEdit: boolean;
  },
): Visit {
  return { ...presentVisitSummary(r, opts), demands: opts.demands, canEdit: opts.canEdit };
}

/** A visit as the audit log records it. */
export function auditableVisit(r: VisitRow) {
  return {
    enterpriseId: r.enterpriseId,
    projectId: r.projectId,
    visitedOn: r.visitedOn,
    kind: r.kind,
    visitorIds: r.visitorIds,
    participants: r.participants,
    notes: r.notes,
  };
}

export function presentRule(r: VisitRuleRow): VisitRuleItem {
  return {
    code: r.code,
    name: r.name,
    appliesTo: r.appliesTo as VisitAppliesTo,
    period: r.period as VisitPeriod,
    active: r.active,
  };
}
