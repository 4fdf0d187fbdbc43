/**
 * The case engine (诉求/问题办理) as pure functions: states, who may take which step, due times and the timers.
 *
 * A case moves 待分派 `new` → 待受理 `dispatched` → 办理中 `accepted` → 已答复 `replied` → 已办结 `closed`.
 * Each step takes the case's facts and the actor and returns the new facts plus one history entry, or a typed
 * refusal saying why. No I/O and no clock: `now` and the calendar are arguments.
 */
import type { WorkingCalendar } from "./calendar.ts";
import type { Role } from "./roles.ts";

export const CASE_STATES = ["new", "dispatched", "accepted", "replied", "closed"] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_NAMES: Record<CaseState, { "zh-CN": string; "en-US": string }> = {
  new: { "zh-CN": "待分派", "en-US": "To dispatch" },
  dispatched: { "zh-CN": "待受理", "en-US": "To accept" },
  accepted: { "zh-CN": "办理中", "en-US": "In progress" },
  replied: { "zh-CN": "已答复", "en-US": "Replied" },
  closed: { "zh-CN": "已办结", "en-US": "Closed" },
};

/**
 * 走访 visit, 企业线上 enterprise portal, 热线 hotline (entered by an officer), 企业服务日 service day, 项目月报 a
 * problem raised in a project's monthly report.
 */
export const CASE_SOURCES = ["visit", "portal", "hotline", "service_day", "project_report"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_PRIORITIES = ["normal", "urgent"] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** 满意 / 基本满意 / 不满意. */
export const CASE_RATINGS = ["satisfied", "basically_satisfied", "unsatisfied"] as const;
export type CaseRating = (typeof CASE_RATINGS)[number];

export const CASE_STEPS = [
  "dispatch",
  "accept",
  "return",
  "request_assist",
  "reply",
  "rate",
  "escalate",
  "remind",
  "supervise",
  "close",
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
/** Steps the timers take on their own. */
export type CaseTimerStep = "auto_close" | "auto_escalate";

export const CASE_STEP_NAMES: Record<CaseStep | CaseTimerStep | "create", { "zh-CN": string; "en-US": string }> = {
  create: { "zh-CN": "登记", "en-US": "Register" },
  dispatch: { "zh-CN": "分派", "en-US": "Dispatch" },
  accept: { "zh-CN": "受理", "en-US": "Accept" },
  return: { "zh-CN": "退回", "en-US": "Return" },
  request_assist: { "zh-CN": "协办", "en-US": "Request assistance" },
  reply: { "zh-CN": "答复", "en-US": "Reply" },
  rate: { "zh-CN": "评价", "en-US": "Rate" },
  escalate: { "zh-CN": "提交兜底办", "en-US": "Escalate" },
  remind: { "zh-CN": "催办", "en-US": "Remind" },
  supervise: { "zh-CN": "督办", "en-US": "Supervise" },
  close: { "zh-CN": "办结", "en-US": "Close" },
  auto_close: { "zh-CN": "自动办结", "en-US": "Closed automatically" },
  auto_escalate: { "zh-CN": "超期自动提交兜底办", "en-US": "Escalated automatically" },
};

/** A case category with its SLA: accept within `acceptDays` (0 = the same working day), resolve within `resolveDays`. */
export interface CaseCategoryRule {
  code: string;
  name: string;
  acceptDays: number;
  resolveDays: number;
  /** Working days past the resolve due time after which an open case is escalated automatically. */
  escalateAfterDays: number;
}

/** The shipped categories of a new zone (事不过夜: every one is accepted the same working day). */
export const DEFAULT_CASE_CATEGORIES: readonly CaseCategoryRule[] = [
  { code: "policy", name: "政策咨询", acceptDays: 0, resolveDays: 3, escalateAfterDays: 2 },
  { code: "talent", name: "人才", acceptDays: 0, resolveDays: 5, escalateAfterDays: 2 },
  { code: "employment", name: "用工", acceptDays: 0, resolveDays: 5, escalateAfterDays: 2 },
  { code: "finance", name: "融资", acceptDays: 0, resolveDays: 10, escalateAfterDays: 2 },
  { code: "infrastructure", name: "基础设施", acceptDays: 0, resolveDays: 10, escalateAfterDays: 2 },
  { code: "land", name: "用地", acceptDays: 0, resolveDays: 15, escalateAfterDays: 2 },
  { code: "planning", name: "规划", acceptDays: 0, resolveDays: 15, escalateAfterDays: 2 },
  { code: "approval", name: "审批", acceptDays: 0, resolveDays: 15, escalateAfterDays: 2 },
  { code: "project", name: "项目问题", acceptDays: 0, resolveDays: 10, escalateAfterDays: 2 },
  { code: "other", name: "其他", acceptDays: 0, resolveDays: 5, escalateAfterDays: 2 },
];

/** Working days after a reply without rating at whose end the case closes on its own. */
export const AUTO_CLOSE_WORKING_DAYS = 3;

/**
 * The due times of a case, computed once at receipt and stored as facts: a later change of the category's SLA or
 * of the calendar does not move the deadline a case was given.
 */
export function caseDueTimes(
  receivedAt: Date,
  rule: Pick<CaseCategoryRule, "acceptDays" | "resolveDays">,
  cal: WorkingCalendar,
): { acceptDueAt: Date; resolveDueAt: Date } {
  return {
    acceptDueAt: rule.acceptDays === 0 ? cal.acceptDue(receivedAt) : cal.resolveDue(receivedAt, rule.acceptDays),
    resolveDueAt: cal.resolveDue(receivedAt, rule.resolveDays),
  };
}

/** The facts of a case the rules look at. */
export interface CaseFacts {
  state: CaseState;
  enterpriseId: string | null;
  /** The unit holding the case: the one to accept and handle it, or (state `new`) to dispatch it; null = the service centre. */
  ownerUnitId: string | null;
  ownerOfficerId: string | null;
  /** The unit of whoever dispatched it last: a 退回 sends it back there. */
  dispatcherUnitId: string | null;
  receivedAt: Date;
  acceptDueAt: Date;
  resolveDueAt: Date;
  acceptedAt: Date | null;
  repliedAt: Date | null;
  closedAt: Date | null;
  escalatedAt: Date | null;
  supervised: boolean;
  reopenCount: number;
  rating: CaseRating | null;
  assistUnitIds: string[];
  remindCount: number;
}

/** Who acts, as the rules need to know them. */
export interface CaseActor {
  userId: string;
  role: Role;
  unitId: string | null;
  /** The units a unit head answers for (their unit and those below it); empty for other roles. */
  unitSubtree: readonly string[];
  enterpriseId: string | null;
  /** A member of 企业服务中心 or one of its sub-units (兜底办): dispatches and handles escalations. */
  serviceCentre: boolean;
}

export type CaseCommand =
  | { step: "dispatch"; unitId: string; officerId?: string | null; comment?: string | null }
  | { step: "accept"; comment?: string | null }
  | { step: "return"; comment: string }
  | { step: "request_assist"; unitId: string; comment?: string | null }
  | { step: "reply"; comment: string }
  | { step: "rate"; rating: CaseRating; comment?: string | null }
  | { step: "escalate"; comment?: string | null }
  | { step: "remind"; comment?: string | null }
  | { step: "supervise"; on: boolean; comment?: string | null }
  | { step: "close"; comment?: string | null };

export interface CaseHistoryEntry {
  step: CaseStep | CaseTimerStep;
  /** null when the platform acted (a timer). */
  actorId: string | null;
  at: Date;
  comment: string | null;
  fromState: CaseState;
  toState: CaseState;
  /** What the step chose: the unit dispatched to, the rating, whether it reopened or escalated. */
  data: Record<string, string | number | boolean | null>;
}

export type RefusalReason = "role_not_allowed" | "state_not_allowed" | "comment_required" | "invalid_target";
export interface CaseRefusal {
  ok: false;
  reason: RefusalReason;
  step: CaseStep;
  state: CaseState;
}
export type CaseStepResult = { ok: true; facts: CaseFacts; entry: CaseHistoryEntry } | CaseRefusal;

export interface StepContext {
  actor: CaseActor;
  now: Date;
  /** Where an escalation goes: 兜底办 of the service centre. */
  escalationUnitId: string;
}

const OPEN: readonly CaseState[] = ["new", "dispatched", "accepted"];

/** The unit head answers for the owner unit, or the officer belongs to it, or it is assigned to them. */
function handlesCase(c: CaseFacts, a: CaseActor): boolean {
  if (a.role === "unithead") return c.ownerUnitId !== null && a.unitSubtree.includes(c.ownerUnitId);
  if (a.role === "officer")
    return (c.ownerUnitId !== null && a.unitId === c.ownerUnitId) || c.ownerOfficerId === a.userId;
  return false;
}
const staff = (a: CaseActor) => a.role === "officer" || a.role === "unithead";

/** Who may take each step, whatever the state (the state is checked after). */
const ROLE_RULES: Record<CaseStep, (c: CaseFacts, a: CaseActor) => boolean> = {
  // The service centre and the administrator route anything; a unit head routes its own queue; a leader reassigns
  // an escalated case (兜底).
  dispatch: (c, a) =>
    a.role === "admin" ||
    (staff(a) && a.serviceCentre) ||
    (a.role === "unithead" && c.ownerUnitId !== null && a.unitSubtree.includes(c.ownerUnitId)) ||
    (a.role === "leader" && c.escalatedAt !== null),
  accept: handlesCase,
  return: handlesCase,
  request_assist: handlesCase,
  reply: handlesCase,
  rate: (c, a) => a.role === "enterprise" && a.enterpriseId !== null && a.enterpriseId === c.enterpriseId,
  escalate: (c, a) => handlesCase(c, a) || (staff(a) && a.serviceCentre) || a.role === "admin",
  remind: (c, a) =>
    a.role === "leader" ||
    a.role === "admin" ||
    (staff(a) && a.serviceCentre) ||
    (a.role === "unithead" && c.ownerUnitId !== null && a.unitSubtree.includes(c.ownerUnitId)) ||
    (a.role === "enterprise" && a.enterpriseId !== null && a.enterpriseId === c.enterpriseId),
  supervise: (_c, a) => a.role === "leader" || a.role === "admin",
  close: (_c, a) => a.role === "admin" || (staff(a) && a.serviceCentre),
};

/** The states a step may start from. */
const STATE_RULES: Record<CaseStep, (c: CaseFacts) => boolean> = {
  // Re-routing is possible until someone accepts; after an escalation it is possible while the case is open.
  dispatch: (c) => c.state === "new" || c.state === "dispatched" || (c.state === "accepted" && c.escalatedAt !== null),
  accept: (c) => c.state === "dispatched",
  return: (c) => c.state === "dispatched" || c.state === "accepted",
  request_assist: (c) => c.state === "accepted",
  reply: (c) => c.state === "accepted",
  rate: (c) => c.state === "replied",
  escalate: (c) => (c.state === "dispatched" || c.state === "accepted") && c.escalatedAt === null,
  remind: (c) => OPEN.includes(c.state),
  supervise: (c) => c.state !== "closed",
  close: (c) => c.state === "replied",
};

/** Why `actor` may not take `step` on the case now, or null when they may (input is checked by `applyCaseStep`). */
export function checkCaseStep(c: CaseFacts, step: CaseStep, actor: CaseActor): RefusalReason | null {
  if (!ROLE_RULES[step](c, actor)) return "role_not_allowed";
  if (!STATE_RULES[step](c)) return "state_not_allowed";
  return null;
}

/** The steps the actor may take on the case now (for the buttons of a page). */
export function allowedCaseSteps(c: CaseFacts, actor: CaseActor): CaseStep[] {
  return CASE_STEPS.filter((s) => checkCaseStep(c, s, actor) === null);
}

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

function escalated(c: CaseFacts, now: Date, escalationUnitId: string): CaseFacts {
  return {
    ...c,
    state: "dispatched",
    ownerUnitId: escalationUnitId,
    ownerOfficerId: null,
    escalatedAt: now,
  };
}

/** Takes one step on a case for an actor: the new facts and one history entry, or why not. */
export function applyCaseStep(c: CaseFacts, cmd: CaseCommand, ctx: StepContext): CaseStepResult {
  const { actor, now } = ctx;
  const refuse = (reason: RefusalReason): CaseRefusal => ({ ok: false, reason, step: cmd.step, state: c.state });
  const why = checkCaseStep(c, cmd.step, actor);
  if (why) return refuse(why);
  const comment = text(cmd.comment);
  const done = (facts: CaseFacts, data: CaseHistoryEntry["data"] = {}): CaseStepResult => ({
    ok: true,
    facts,
    entry: { step: cmd.step, actorId: actor.userId, at: now, comment, fromState: c.state, toState: facts.state, data },
  });
  switch (cmd.step) {
    case "dispatch":
      if (cmd.unitId === c.ownerUnitId && c.state === "dispatched" && !cmd.officerId) return refuse("invalid_target");
      return done(
        {
          ...c,
          state: "dispatched",
          ownerUnitId: cmd.unitId,
          ownerOfficerId: cmd.officerId ?? null,
          dispatcherUnitId: actor.unitId,
        },
        { unitId: cmd.unitId, officerId: cmd.officerId ?? null },
      );
    case "accept":
      return done({
        ...c,
        state: "accepted",
        acceptedAt: c.acceptedAt ?? now,
        ownerOfficerId: c.ownerOfficerId ?? (actor.role === "officer" ? actor.userId : null),
      });
    case "return":
      // The clock keeps running: the due times stay as they were.
      if (!comment) return refuse("comment_required");
      return done(
        { ...c, state: "new", ownerUnitId: c.dispatcherUnitId, ownerOfficerId: null },
        { unitId: c.dispatcherUnitId },
      );
    case "request_assist":
      if (cmd.unitId === c.ownerUnitId || c.assistUnitIds.includes(cmd.unitId)) return refuse("invalid_target");
      return done({ ...c, assistUnitIds: [...c.assistUnitIds, cmd.unitId] }, { unitId: cmd.unitId });
    case "reply":
      if (!comment) return refuse("comment_required");
      return done({ ...c, state: "replied", repliedAt: now });
    case "rate": {
      const rated = { ...c, rating: cmd.rating };
      if (cmd.rating !== "unsatisfied")
        return done({ ...rated, state: "closed", closedAt: now }, { rating: cmd.rating });
      // 不满意 reopens the case once; the second 不满意 sends it to 兜底办.
      if (c.reopenCount === 0)
        return done(
          { ...rated, state: "accepted", reopenCount: 1, repliedAt: null },
          { rating: cmd.rating, reopened: true },
        );
      if (c.escalatedAt === null)
        return done(
          { ...escalated(rated, now, ctx.escalationUnitId), repliedAt: null },
          { rating: cmd.rating, escalated: true, unitId: ctx.escalationUnitId },
        );
      // Already with 兜底办: it goes back to them to handle again.
      return done(
        { ...rated, state: "accepted", reopenCount: c.reopenCount + 1, repliedAt: null },
        { rating: cmd.rating, reopened: true },
      );
    }
    case "escalate":
      return done(escalated(c, now, ctx.escalationUnitId), { unitId: ctx.escalationUnitId });
    case "remind":
      return done({ ...c, remindCount: c.remindCount + 1 });
    case "supervise":
      if (cmd.on === c.supervised) return refuse("invalid_target");
      return done({ ...c, supervised: cmd.on }, { on: cmd.on });
    case "close":
      return done({ ...c, state: "closed", closedAt: now });
  }
}

// ---- due times and timers

/** The next deadline of an open case: acceptance until it was first accepted, then resolution. Null once replied. */
export function nextDueAt(c: Pick<CaseFacts, "state" | "acceptedAt" | "acceptDueAt" | "resolveDueAt">): Date | null {
  if (!OPEN.includes(c.state)) return null;
  return c.acceptedAt === null && c.state !== "accepted" ? c.acceptDueAt : c.resolveDueAt;
}

/**
 * Derived, never stored: `overdue` when the next deadline has passed; `dueSoon` when it has not but falls within one
 * working day of now (no later than the end of the working day after now's effective working day).
 */
export function caseTiming(
  c: Pick<CaseFacts, "state" | "acceptedAt" | "acceptDueAt" | "resolveDueAt">,
  now: Date,
  cal: WorkingCalendar,
): { nextDueAt: Date | null; overdue: boolean; dueSoon: boolean } {
  const due = nextDueAt(c);
  if (!due) return { nextDueAt: null, overdue: false, dueSoon: false };
  const overdue = now.getTime() > due.getTime();
  return { nextDueAt: due, overdue, dueSoon: !overdue && due.getTime() <= cal.resolveDue(now, 1).getTime() };
}

/** When a replied case closes on its own: the end of the 3rd working day after the reply. */
export function autoCloseAt(c: Pick<CaseFacts, "state" | "repliedAt">, cal: WorkingCalendar): Date | null {
  if (c.state !== "replied" || !c.repliedAt) return null;
  return cal.resolveDue(c.repliedAt, AUTO_CLOSE_WORKING_DAYS);
}

/** True when a replied case has waited for a rating past `autoCloseAt`. */
export function autoCloseDue(c: Pick<CaseFacts, "state" | "repliedAt">, now: Date, cal: WorkingCalendar): boolean {
  const at = autoCloseAt(c, cal);
  return at !== null && now.getTime() > at.getTime();
}

/** True when an open case not yet escalated is overdue by more than `graceDays` working days (0 = overdue at all). */
export function autoEscalateDue(
  c: Pick<CaseFacts, "state" | "escalatedAt" | "resolveDueAt">,
  now: Date,
  cal: WorkingCalendar,
  graceDays: number,
): boolean {
  if (!OPEN.includes(c.state) || c.escalatedAt !== null) return false;
  return now.getTime() > cal.resolveDue(c.resolveDueAt, graceDays).getTime();
}

/** The timers' own steps, taken by the platform. Each returns null when it is not due. */
export function applyCaseTimer(
  c: CaseFacts,
  timer: CaseTimerStep,
  ctx: { now: Date; cal: WorkingCalendar; graceDays: number; escalationUnitId: string },
): { facts: CaseFacts; entry: CaseHistoryEntry } | null {
  const entry = (facts: CaseFacts, data: CaseHistoryEntry["data"] = {}): CaseHistoryEntry => ({
    step: timer,
    actorId: null,
    at: ctx.now,
    comment: null,
    fromState: c.state,
    toState: facts.state,
    data,
  });
  if (timer === "auto_close") {
    if (!autoCloseDue(c, ctx.now, ctx.cal)) return null;
    const facts: CaseFacts = { ...c, state: "closed", closedAt: ctx.now };
    return { facts, entry: entry(facts) };
  }
  if (!autoEscalateDue(c, ctx.now, ctx.cal, ctx.graceDays)) return null;
  const facts = escalated(c, ctx.now, ctx.escalationUnitId);
  return { facts, entry: entry(facts, { unitId: ctx.escalationUnitId }) };
}

/** `SQ2026-000123`: the year of receipt and a number counted per zone and year. */
export function caseNumber(year: number, seq: number): string {
  return `SQ${year}-${String(seq).padStart(6, "0")}`;
}
