import type { Attachment, Case, CaseCategory, CaseSummary } from "@zoneos/contracts";
import type { CaseFacts, CaseRating, CaseState, CaseStep } from "@zoneos/domain";
import type { CaseCategoryRow, CaseRow, CaseStepRow, CaseWithNames } from "./cases.queries.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The facts of a stored case as the domain rules take them. */
export function factsOf(r: CaseRow): CaseFacts {
  return {
    state: r.state as CaseState,
    enterpriseId: r.enterpriseId,
    ownerUnitId: r.ownerUnitId,
    ownerOfficerId: r.ownerOfficerId,
    dispatcherUnitId: r.dispatcherUnitId,
    receivedAt: r.receivedAt,
    acceptDueAt: r.acceptDueAt,
    resolveDueAt: r.resolveDueAt,
    acceptedAt: r.acceptedAt,
    repliedAt: r.repliedAt,
    closedAt: r.closedAt,
    escalatedAt: r.escalatedAt,
    supervised: r.supervised,
    reopenCount: r.reopenCount,
    rating: r.rating as CaseRating | null,
    assistUnitIds: r.assistUnitIds,
    remindCount: r.remindCount,
  };
}

/** The stored columns of the facts a step may change. */
export function columnsOf(f: CaseFacts) {
  return {
    state: f.state,
    ownerUnitId: f.ownerUnitId,
    ownerOfficerId: f.ownerOfficerId,
    dispatcherUnitId: f.dispatcherUnitId,
    acceptedAt: f.acceptedAt,
    repliedAt: f.repliedAt,
    closedAt: f.closedAt,
    escalatedAt: f.escalatedAt,
    supervised: f.supervised,
    reopenCount: f.reopenCount,
    rating: f.rating,
    assistUnitIds: f.assistUnitIds,
    remindCount: f.remindCount,
  };
}

export interface Timing {
  nextDueAt: Date | null;
  overdue: boolean;
  dueSoon: boolean;
}

export function presentCaseSummary(r: CaseWithNames, timing: Timing, enterpriseName: string | null): CaseSummary {
  return {
    id: r.id,
    number: r.number,
    source: r.source as CaseSummary["source"],
    enterpriseId: r.enterpriseId,
    enterpriseName,
    category: r.category,
    categoryName: r.categoryName,
    title: r.title,
    priority: r.priority as CaseSummary["priority"],
    state: r.state as CaseState,
    ownerUnitId: r.ownerUnitId,
    ownerUnitName: r.ownerUnitName,
    ownerOfficerId: r.ownerOfficerId,
    ownerOfficerName: r.ownerOfficerName,
    receivedAt: r.receivedAt.toISOString(),
    acceptDueAt: r.acceptDueAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
    nextDueAt: iso(timing.nextDueAt),
    overdue: timing.overdue,
    dueSoon: timing.dueSoon,
    escalated: r.escalatedAt !== null,
    supervised: r.supervised,
    reopenCount: r.reopenCount,
    rating: r.rating as CaseRating | null,
    version: r.version,
  };
}

export function presentCase(
  r: CaseWithNames,
  opts: {
    timing: Timing;
    enterpriseName: string | null;
    assistUnits: { id: string; name: string | null }[];
    allowedSteps: CaseStep[];
    steps: CaseStepRow[];
    attachments: Attachment[];
  },
): Case {
  return {
    ...presentCaseSummary(r, opts.timing, opts.enterpriseName),
    description: r.description,
    dispatcherUnitId: r.dispatcherUnitId,
    assistUnits: opts.assistUnits,
    acceptedAt: iso(r.acceptedAt),
    repliedAt: iso(r.repliedAt),
    closedAt: iso(r.closedAt),
    escalatedAt: iso(r.escalatedAt),
    remindCount: r.remindCount,
    createdBy: r.createdBy,
    allowedSteps: opts.allowedSteps,
    history: opts.steps.map((s) => ({
      id: s.id,
      step: s.step as Case["history"][number]["step"],
      actorId: s.actorId,
      actorName: s.actorName,
      at: s.at.toISOString(),
      comment: s.comment,
      fromState: s.fromState as CaseState | null,
      toState: s.toState as CaseState,
      data: s.data,
    })),
    attachments: opts.attachments,
  };
}

export function presentCategory(r: CaseCategoryRow): CaseCategory {
  return {
    code: r.code,
    name: r.name,
    acceptDays: r.acceptDays,
    resolveDays: r.resolveDays,
    escalateAfterDays: r.escalateAfterDays,
    active: r.active,
  };
}

/** A case as the audit log records it. */
export function auditableCase(r: CaseRow) {
  return { number: r.number, category: r.category, title: r.title, ...columnsOf(factsOf(r)) };
}
