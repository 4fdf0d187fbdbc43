import { describe, expect, it } from "vitest";
import { type CalendarYear, workingCalendar } from "./calendar.ts";
import {
  allowedCaseSteps,
  applyCaseStep,
  applyCaseTimer,
  autoCloseAt,
  autoCloseDue,
  autoEscalateDue,
  CASE_STATES,
  CASE_STEPS,
  type CaseActor,
  type CaseCommand,
  type CaseFacts,
  type CaseState,
  type CaseStep,
  caseDueTimes,
  caseNumber,
  caseTiming,
  DEFAULT_CASE_CATEGORIES,
  type StepContext,
} from "./cases.ts";

/** The 2024 Spring Festival as announced: 02-10…17 off, Sundays 02-04 and 02-18 worked. */
const Y2024: CalendarYear = {
  year: 2024,
  holidays: ["10", "11", "12", "13", "14", "15", "16", "17"].map((d) => `2024-02-${d}`),
  workdays: ["2024-02-04", "2024-02-18"],
};
const cal = workingCalendar([Y2024]);
const cn = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);

const OWNER = "unit-owner";
const OWNER_SUB = "unit-owner-sub";
const OTHER = "unit-other";
const CENTRE = "unit-centre";
const ESCALATION = "unit-escalation";
const DISPATCHER = "unit-dispatcher";

const actor = (over: Partial<CaseActor> & Pick<CaseActor, "userId" | "role">): CaseActor => ({
  unitId: null,
  unitSubtree: [],
  enterpriseId: null,
  serviceCentre: false,
  ...over,
});

const ACTORS = {
  admin: actor({ userId: "admin", role: "admin", unitId: "unit-office" }),
  leader: actor({ userId: "leader", role: "leader" }),
  centreOfficer: actor({ userId: "centre", role: "officer", unitId: CENTRE, serviceCentre: true }),
  ownerOfficer: actor({ userId: "owner-officer", role: "officer", unitId: OWNER }),
  otherOfficer: actor({ userId: "other-officer", role: "officer", unitId: OTHER }),
  ownerHead: actor({ userId: "owner-head", role: "unithead", unitId: OWNER, unitSubtree: [OWNER, OWNER_SUB] }),
  otherHead: actor({ userId: "other-head", role: "unithead", unitId: OTHER, unitSubtree: [OTHER] }),
  ownEnterprise: actor({ userId: "ent-1", role: "enterprise", enterpriseId: "E1" }),
  otherEnterprise: actor({ userId: "ent-2", role: "enterprise", enterpriseId: "E2" }),
} as const;
type ActorName = keyof typeof ACTORS;

const received = cn("2024-02-08 10:00");
const base: CaseFacts = {
  state: "new",
  enterpriseId: "E1",
  ownerUnitId: OWNER,
  ownerOfficerId: null,
  dispatcherUnitId: DISPATCHER,
  receivedAt: received,
  ...caseDueTimes(received, { acceptDays: 0, resolveDays: 5 }, cal),
  acceptedAt: null,
  repliedAt: null,
  closedAt: null,
  escalatedAt: null,
  supervised: false,
  reopenCount: 0,
  rating: null,
  assistUnitIds: [],
  remindCount: 0,
};
const inState = (state: CaseState, over: Partial<CaseFacts> = {}): CaseFacts => ({
  ...base,
  state,
  acceptedAt: state === "new" || state === "dispatched" ? null : cn("2024-02-08 11:00"),
  repliedAt: state === "replied" || state === "closed" ? cn("2024-02-09 11:00") : null,
  closedAt: state === "closed" ? cn("2024-02-09 12:00") : null,
  ...over,
});
const now = cn("2024-02-09 15:00");
const ctxOf = (a: CaseActor): StepContext => ({ actor: a, now, escalationUnitId: ESCALATION });

/** A well-formed command for each step. */
const COMMANDS: Record<CaseStep, CaseCommand> = {
  dispatch: { step: "dispatch", unitId: OTHER },
  accept: { step: "accept" },
  return: { step: "return", comment: "不属于本单位职责" },
  request_assist: { step: "request_assist", unitId: OTHER },
  reply: { step: "reply", comment: "已办理" },
  rate: { step: "rate", rating: "satisfied" },
  escalate: { step: "escalate" },
  remind: { step: "remind" },
  supervise: { step: "supervise", on: true },
  close: { step: "close" },
};

/** Who may take each step on a case of unit OWNER and enterprise E1 that has not been escalated. */
const WHO: Record<CaseStep, ActorName[]> = {
  dispatch: ["admin", "centreOfficer", "ownerHead"],
  accept: ["ownerOfficer", "ownerHead"],
  return: ["ownerOfficer", "ownerHead"],
  request_assist: ["ownerOfficer", "ownerHead"],
  reply: ["ownerOfficer", "ownerHead"],
  rate: ["ownEnterprise"],
  escalate: ["admin", "centreOfficer", "ownerOfficer", "ownerHead"],
  remind: ["admin", "leader", "centreOfficer", "ownerHead", "ownEnterprise"],
  supervise: ["admin", "leader"],
  close: ["admin", "centreOfficer"],
};
/** The states each step may start from. */
const FROM: Record<CaseStep, CaseState[]> = {
  dispatch: ["new", "dispatched"],
  accept: ["dispatched"],
  return: ["dispatched", "accepted"],
  request_assist: ["accepted"],
  reply: ["accepted"],
  rate: ["replied"],
  escalate: ["dispatched", "accepted"],
  remind: ["new", "dispatched", "accepted"],
  supervise: ["new", "dispatched", "accepted", "replied"],
  close: ["replied"],
};
/** Where each allowed step leads (from the state given; null: stays). */
const TO: Record<CaseStep, CaseState | null> = {
  dispatch: "dispatched",
  accept: "accepted",
  return: "new",
  request_assist: null,
  reply: "replied",
  rate: "closed",
  escalate: "dispatched",
  remind: null,
  supervise: null,
  close: "closed",
};

describe("who may take which step in which state", () => {
  const rows = CASE_STEPS.flatMap((step) =>
    CASE_STATES.flatMap((state) =>
      (Object.keys(ACTORS) as ActorName[]).map((who) => {
        const expected = !WHO[step].includes(who)
          ? "role_not_allowed"
          : !FROM[step].includes(state)
            ? "state_not_allowed"
            : "ok";
        return { step, state, who, expected };
      }),
    ),
  );
  it.each(rows)("$step in $state by $who → $expected", ({ step, state, who, expected }) => {
    const c = inState(state);
    const r = applyCaseStep(c, COMMANDS[step], ctxOf(ACTORS[who]));
    if (expected !== "ok") {
      expect(r).toEqual({ ok: false, reason: expected, step, state });
      expect(allowedCaseSteps(c, ACTORS[who])).not.toContain(step);
      return;
    }
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    expect(r.facts.state).toBe(TO[step] ?? state);
    expect(r.entry).toMatchObject({ step, actorId: ACTORS[who].userId, at: now, fromState: state });
    expect(r.entry.toState).toBe(r.facts.state);
    expect(allowedCaseSteps(c, ACTORS[who])).toContain(step);
  });

  it("a leader reassigns an escalated case, also once it was accepted", () => {
    const c = inState("accepted", { escalatedAt: now, ownerUnitId: ESCALATION });
    const r = applyCaseStep(c, { step: "dispatch", unitId: OWNER, officerId: "owner-officer" }, ctxOf(ACTORS.leader));
    expect(r.ok && r.facts).toMatchObject({
      state: "dispatched",
      ownerUnitId: OWNER,
      ownerOfficerId: "owner-officer",
      escalatedAt: now,
    });
    expect(applyCaseStep(inState("accepted"), COMMANDS.dispatch, ctxOf(ACTORS.centreOfficer))).toMatchObject({
      ok: false,
      reason: "state_not_allowed",
    });
  });

  it("an officer assigned to a case of another unit handles it", () => {
    const c = inState("dispatched", { ownerOfficerId: "other-officer" });
    expect(applyCaseStep(c, COMMANDS.accept, ctxOf(ACTORS.otherOfficer)).ok).toBe(true);
  });

  it("a unit head handles a case of a unit below theirs", () => {
    const c = inState("dispatched", { ownerUnitId: OWNER_SUB });
    expect(applyCaseStep(c, COMMANDS.accept, ctxOf(ACTORS.ownerHead)).ok).toBe(true);
    expect(applyCaseStep(c, COMMANDS.accept, ctxOf(ACTORS.ownerOfficer))).toMatchObject({
      reason: "role_not_allowed",
    });
  });
});

describe("what each step records", () => {
  it("dispatch sends the case to a unit (and officer) and remembers who routed it", () => {
    const r = applyCaseStep(
      inState("new", { ownerUnitId: null }),
      { step: "dispatch", unitId: OWNER, officerId: "owner-officer", comment: " 请尽快办理 " },
      ctxOf(ACTORS.centreOfficer),
    );
    expect(r.ok && r.facts).toMatchObject({
      ownerUnitId: OWNER,
      ownerOfficerId: "owner-officer",
      dispatcherUnitId: CENTRE,
    });
    expect(r.ok && r.entry).toMatchObject({
      comment: "请尽快办理",
      data: { unitId: OWNER, officerId: "owner-officer" },
    });
  });

  it("dispatching to the unit that already has it, with nobody named, is refused", () => {
    expect(
      applyCaseStep(inState("dispatched"), { step: "dispatch", unitId: OWNER }, ctxOf(ACTORS.admin)),
    ).toMatchObject({ ok: false, reason: "invalid_target" });
  });

  it("accepting records the first acceptance and makes the accepting officer the owner", () => {
    const r = applyCaseStep(inState("dispatched"), COMMANDS.accept, ctxOf(ACTORS.ownerOfficer));
    expect(r.ok && r.facts).toMatchObject({ acceptedAt: now, ownerOfficerId: "owner-officer" });
  });

  it("a return needs a reason, goes back to the dispatcher's unit and keeps the due times", () => {
    const c = inState("accepted", { ownerOfficerId: "owner-officer" });
    expect(applyCaseStep(c, { step: "return", comment: "  " }, ctxOf(ACTORS.ownerOfficer))).toMatchObject({
      ok: false,
      reason: "comment_required",
    });
    const r = applyCaseStep(c, COMMANDS.return, ctxOf(ACTORS.ownerOfficer));
    expect(r.ok && r.facts).toMatchObject({
      state: "new",
      ownerUnitId: DISPATCHER,
      ownerOfficerId: null,
      acceptDueAt: c.acceptDueAt,
      resolveDueAt: c.resolveDueAt,
    });
  });

  it("a reply needs text; assistance is asked of another unit once", () => {
    expect(applyCaseStep(inState("accepted"), { step: "reply", comment: "" }, ctxOf(ACTORS.ownerHead))).toMatchObject({
      reason: "comment_required",
    });
    const c = inState("accepted", { assistUnitIds: [OTHER] });
    expect(applyCaseStep(c, COMMANDS.request_assist, ctxOf(ACTORS.ownerHead))).toMatchObject({
      reason: "invalid_target",
    });
    expect(applyCaseStep(c, { step: "request_assist", unitId: OWNER }, ctxOf(ACTORS.ownerHead))).toMatchObject({
      reason: "invalid_target",
    });
  });

  it("supervision is switched on and off by a leader, and refuses a no-op", () => {
    const on = applyCaseStep(inState("accepted"), COMMANDS.supervise, ctxOf(ACTORS.leader));
    expect(on.ok && on.facts.supervised).toBe(true);
    if (!on.ok) return;
    expect(applyCaseStep(on.facts, COMMANDS.supervise, ctxOf(ACTORS.leader))).toMatchObject({
      reason: "invalid_target",
    });
    const off = applyCaseStep(on.facts, { step: "supervise", on: false }, ctxOf(ACTORS.leader));
    expect(off.ok && off.facts.supervised).toBe(false);
  });

  it("reminders are counted", () => {
    const r = applyCaseStep(inState("dispatched", { remindCount: 2 }), COMMANDS.remind, ctxOf(ACTORS.ownEnterprise));
    expect(r.ok && r.facts.remindCount).toBe(3);
  });

  it("escalation goes to 兜底办, waiting to be accepted, and happens once", () => {
    const r = applyCaseStep(inState("accepted"), COMMANDS.escalate, ctxOf(ACTORS.ownerOfficer));
    expect(r.ok && r.facts).toMatchObject({ state: "dispatched", ownerUnitId: ESCALATION, escalatedAt: now });
    if (!r.ok) return;
    expect(applyCaseStep(r.facts, COMMANDS.escalate, ctxOf(ACTORS.admin))).toMatchObject({
      reason: "state_not_allowed",
    });
  });
});

describe("rating: 不满意 reopens once, the second escalates", () => {
  const rate = (c: CaseFacts, rating: "satisfied" | "basically_satisfied" | "unsatisfied") =>
    applyCaseStep(c, { step: "rate", rating }, ctxOf(ACTORS.ownEnterprise));

  it.each(["satisfied", "basically_satisfied"] as const)("%s closes the case", (rating) => {
    const r = rate(inState("replied"), rating);
    expect(r.ok && r.facts).toMatchObject({ state: "closed", closedAt: now, rating });
  });

  it("unsatisfied, replied again, unsatisfied again → 兜底办", () => {
    const first = rate(inState("replied"), "unsatisfied");
    if (!first.ok) throw new Error(first.reason);
    expect(first.facts).toMatchObject({ state: "accepted", reopenCount: 1, rating: "unsatisfied", repliedAt: null });
    expect(first.entry.data).toMatchObject({ reopened: true });
    const replied = applyCaseStep(first.facts, COMMANDS.reply, ctxOf(ACTORS.ownerOfficer));
    if (!replied.ok) throw new Error(replied.reason);
    const second = rate(replied.facts, "unsatisfied");
    if (!second.ok) throw new Error(second.reason);
    expect(second.facts).toMatchObject({
      state: "dispatched",
      ownerUnitId: ESCALATION,
      escalatedAt: now,
      reopenCount: 1,
      rating: "unsatisfied",
    });
    expect(second.entry.data).toMatchObject({ escalated: true });
  });

  it("a case already with 兜底办 that is rated 不满意 again goes back to being handled", () => {
    const r = rate(inState("replied", { reopenCount: 1, escalatedAt: now, ownerUnitId: ESCALATION }), "unsatisfied");
    expect(r.ok && r.facts).toMatchObject({ state: "accepted", reopenCount: 2, ownerUnitId: ESCALATION });
  });

  it("only the case's own enterprise rates, and only a reply", () => {
    expect(
      applyCaseStep(inState("replied"), { step: "rate", rating: "satisfied" }, ctxOf(ACTORS.otherEnterprise)),
    ).toMatchObject({ reason: "role_not_allowed" });
    expect(rate(inState("accepted"), "satisfied")).toMatchObject({ reason: "state_not_allowed" });
    expect(rate(inState("replied", { enterpriseId: null }), "satisfied")).toMatchObject({ reason: "role_not_allowed" });
  });
});

describe("due times across the 2024 Spring Festival", () => {
  it.each([
    // received, resolve days, accept due, resolve due
    ["2024-02-08 10:00", 5, "2024-02-08 17:30", "2024-02-21 17:30"],
    ["2024-02-08 18:00", 3, "2024-02-09 17:30", "2024-02-20 17:30"],
    ["2024-02-09 10:00", 3, "2024-02-09 17:30", "2024-02-20 17:30"],
    ["2024-02-12 10:00", 3, "2024-02-18 17:30", "2024-02-21 17:30"],
    ["2024-02-03 10:00", 1, "2024-02-04 17:30", "2024-02-05 17:30"],
    ["2024-02-01 09:00", 15, "2024-02-01 17:30", "2024-02-27 17:30"],
  ] as const)("received %s, %i working days → accept by %s, resolve by %s", (at, days, accept, resolve) => {
    expect(caseDueTimes(cn(at), { acceptDays: 0, resolveDays: days }, cal)).toEqual({
      acceptDueAt: cn(accept),
      resolveDueAt: cn(resolve),
    });
  });

  it("an accept SLA of working days counts like the resolve SLA", () => {
    expect(caseDueTimes(cn("2024-02-09 10:00"), { acceptDays: 1, resolveDays: 5 }, cal).acceptDueAt).toEqual(
      cn("2024-02-18 17:30"),
    );
  });

  it("ships the categories and SLAs of the issue", () => {
    const days = Object.fromEntries(DEFAULT_CASE_CATEGORIES.map((c) => [c.name, c.resolveDays]));
    expect(days).toEqual({
      政策咨询: 3,
      人才: 5,
      用工: 5,
      其他: 5,
      融资: 10,
      基础设施: 10,
      用地: 15,
      规划: 15,
      审批: 15,
      项目问题: 10,
    });
    expect(DEFAULT_CASE_CATEGORIES.every((c) => c.acceptDays === 0)).toBe(true);
  });
});

describe("overdue and due soon are derived from now and the calendar", () => {
  // Accepted on 02-08; due 02-21 17:30 (5 working days).
  const accepted = inState("accepted");
  it.each([
    ["2024-02-09 10:00", false, false],
    ["2024-02-16 10:00", false, false], // the holiday: the next working day 02-18 is not the due day
    ["2024-02-18 10:00", false, false],
    ["2024-02-20 10:00", false, true],
    ["2024-02-21 17:30", false, true],
    ["2024-02-21 17:31", true, false],
  ] as const)("at %s: overdue %s, due soon %s", (at, overdue, dueSoon) => {
    expect(caseTiming(accepted, cn(at), cal)).toEqual({ nextDueAt: cn("2024-02-21 17:30"), overdue, dueSoon });
  });

  it("an unaccepted case is due by the end of its day of receipt (事不过夜)", () => {
    const c = inState("dispatched");
    expect(caseTiming(c, cn("2024-02-08 12:00"), cal)).toEqual({
      nextDueAt: cn("2024-02-08 17:30"),
      overdue: false,
      dueSoon: true,
    });
    expect(caseTiming(c, cn("2024-02-09 09:00"), cal).overdue).toBe(true);
  });

  it("a returned case that was accepted before is due by its resolve time", () => {
    expect(caseTiming(inState("new", { acceptedAt: cn("2024-02-08 11:00") }), now, cal).nextDueAt).toEqual(
      cn("2024-02-21 17:30"),
    );
  });

  it("replied and closed cases are neither", () => {
    for (const s of ["replied", "closed"] as const)
      expect(caseTiming(inState(s), cn("2024-03-30 10:00"), cal)).toEqual({
        nextDueAt: null,
        overdue: false,
        dueSoon: false,
      });
  });
});

describe("timers", () => {
  it("a reply without rating closes at the end of the 3rd working day after it (across the holiday)", () => {
    const c = inState("replied", { repliedAt: cn("2024-02-08 16:00") });
    expect(autoCloseAt(c, cal)).toEqual(cn("2024-02-19 17:30"));
    expect(autoCloseDue(c, cn("2024-02-19 17:30"), cal)).toBe(false);
    expect(autoCloseDue(c, cn("2024-02-19 17:31"), cal)).toBe(true);
    const r = applyCaseTimer(c, "auto_close", {
      now: cn("2024-02-20 09:00"),
      cal,
      graceDays: 2,
      escalationUnitId: ESCALATION,
    });
    expect(r?.facts).toMatchObject({ state: "closed", closedAt: cn("2024-02-20 09:00"), rating: null });
    expect(r?.entry).toMatchObject({ step: "auto_close", actorId: null, fromState: "replied", toState: "closed" });
    expect(autoCloseDue(inState("accepted"), cn("2025-01-01 10:00"), cal)).toBe(false);
  });

  it("an open case overdue by more than the grace days is escalated once", () => {
    const c = inState("accepted"); // due 2024-02-21 17:30
    expect(autoEscalateDue(c, cn("2024-02-23 17:30"), cal, 2)).toBe(false);
    expect(autoEscalateDue(c, cn("2024-02-23 17:31"), cal, 2)).toBe(true);
    expect(autoEscalateDue(c, cn("2024-02-21 17:31"), cal, 0)).toBe(true);
    const r = applyCaseTimer(c, "auto_escalate", {
      now: cn("2024-02-26 09:00"),
      cal,
      graceDays: 2,
      escalationUnitId: ESCALATION,
    });
    expect(r?.facts).toMatchObject({
      state: "dispatched",
      ownerUnitId: ESCALATION,
      escalatedAt: cn("2024-02-26 09:00"),
    });
    expect(r?.entry).toMatchObject({ step: "auto_escalate", actorId: null });
    if (!r) return;
    expect(autoEscalateDue(r.facts, cn("2024-03-30 10:00"), cal, 2)).toBe(false);
    expect(autoEscalateDue(inState("replied"), cn("2024-03-30 10:00"), cal, 2)).toBe(false);
    expect(
      applyCaseTimer(c, "auto_escalate", {
        now: cn("2024-02-22 09:00"),
        cal,
        graceDays: 2,
        escalationUnitId: ESCALATION,
      }),
    ).toBeNull();
  });
});

it("numbers cases by year and a running count", () => {
  expect(caseNumber(2026, 123)).toBe("SQ2026-000123");
});
