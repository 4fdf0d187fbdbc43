import { randomUUID } from "node:crypto";
import type {
  Case,
  CaseCategory,
  CaseCategoryUpdate,
  CaseInput,
  CaseListQuery,
  CaseStepInput,
  CaseSummary,
  CaseTodoCounts,
} from "@zoneos/contracts";
import {
  allowedCaseSteps,
  applyCaseStep,
  applyCaseTimer,
  CASE_STATE_NAMES,
  CASE_STEP_NAMES,
  type CaseActor,
  type CaseCommand,
  type CaseRefusal,
  type CaseStep,
  type CaseTimerStep,
  caseDueTimes,
  caseNumber,
  caseTiming,
  chinaDate,
  type WorkingCalendar,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { type Actor, type CaseScope, can, caseScope, type Permission } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { type RequestContext, SYSTEM_NAME, systemContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { attachmentsOf, linkAttachments } from "../attachments/attachments.link.ts";
import { zoneCalendar } from "../calendar/calendar.service.ts";
import { enterpriseNamesById, findEnterprise } from "../enterprises/enterprises.queries.ts";
import { resolveScope as enterpriseScopeOf } from "../enterprises/enterprises.service.ts";
import { type CaseEvent, notifyCaseEvent } from "../notifications/notifications.cases.ts";
import { channelsOf } from "../notifications/notifications.channels.ts";
import { findUnit, findUnitByName, findUser, listZones, unitSubtreeIds } from "../org/org.queries.ts";
import {
  auditableCase,
  columnsOf,
  factsOf,
  presentCase,
  presentCaseSummary,
  presentCategory,
} from "./cases.presenter.ts";
import {
  type CaseRow,
  type CaseWithNames,
  countCases,
  findCase,
  findCategory,
  insertCase,
  insertStep,
  listCases,
  listCategories,
  listSteps,
  listTimerCandidates,
  nextCaseSequence,
  updateCase,
  updateCategory,
} from "./cases.queries.ts";

export const CASE = { "zh-CN": "诉求", "en-US": "Case" };
const CATEGORY = { "zh-CN": "诉求类别", "en-US": "Case category" };

/** The service centre (企业服务中心) and its sub-units by name, and its 兜底办 where escalations go. */
const SERVICE_CENTRE = "企业服务中心";
const ESCALATION_DESK = "兜底办";

/** Which permission of platform/access.ts each step needs before the case engine looks at the case. */
const STEP_PERMISSION: Record<CaseStep, Permission> = {
  dispatch: "case.dispatch",
  accept: "case.handle",
  return: "case.handle",
  request_assist: "case.handle",
  reply: "case.handle",
  rate: "case.rate",
  escalate: "case.handle",
  remind: "case.remind",
  supervise: "case.supervise",
  close: "case.dispatch",
};

export interface ServiceCentre {
  /** 企业服务中心 itself, where cases without a unit wait to be dispatched. */
  unitId: string | null;
  unitIds: string[];
  /** 兜底办, or the service centre itself when it has no such sub-unit; null when the zone has neither. */
  escalationUnitId: string | null;
}

/**
 * The zone's service centre, cached per zone for SERVICE_CENTRE_CACHE_MS (every case request needs it; units change
 * rarely). A unit written through org.service forgets the entry at once (`forgetServiceCentre`); a change made by
 * another instance shows within the TTL, as the auth actor cache does.
 */
export async function serviceCentreOf(conn: Conn, zoneId: string): Promise<ServiceCentre> {
  const now = performance.now();
  const known = centreCache.get(zoneId);
  if (known && now - known.at < SERVICE_CENTRE_CACHE_MS) return known.centre;
  const generation = centreGeneration;
  const centre = await loadServiceCentre(conn, zoneId);
  if (generation === centreGeneration) centreCache.set(zoneId, { centre, at: now });
  return centre;
}

const SERVICE_CENTRE_CACHE_MS = 5_000;
const centreCache = new Map<string, { centre: ServiceCentre; at: number }>();
let centreGeneration = 0;

/** Call after creating, changing or removing a unit of the zone (after the commit). */
export function forgetServiceCentre(zoneId: string): void {
  centreGeneration++;
  centreCache.delete(zoneId);
}

async function loadServiceCentre(conn: Conn, zoneId: string): Promise<ServiceCentre> {
  const centre = await findUnitByName(conn, zoneId, null, SERVICE_CENTRE);
  if (!centre) return { unitId: null, unitIds: [], escalationUnitId: null };
  const unitIds = await unitSubtreeIds(conn, zoneId, centre.id);
  const desk = await findUnitByName(conn, zoneId, centre.id, ESCALATION_DESK);
  return { unitId: centre.id, unitIds, escalationUnitId: desk?.id ?? centre.id };
}

/** A step or timer as the notifications see it (who must act is theirs to decide). */
function caseEvent(
  centre: ServiceCentre,
  e: Omit<CaseEvent, "centre" | "comment" | "data"> & Partial<Pick<CaseEvent, "comment" | "data">>,
): CaseEvent {
  return {
    comment: null,
    data: {},
    ...e,
    centre: { unitId: centre.unitId, escalationUnitId: centre.escalationUnitId },
  };
}

function caseActorOf(actor: Actor, centre: ServiceCentre): CaseActor {
  return {
    userId: actor.userId,
    role: actor.role,
    unitId: actor.unitId,
    unitSubtree: actor.unitSubtree,
    enterpriseId: actor.enterpriseId,
    serviceCentre: actor.unitId !== null && centre.unitIds.includes(actor.unitId),
  };
}

function stepName(step: CaseStep) {
  return CASE_STEP_NAMES[step];
}

function refusalError(r: CaseRefusal): AppError {
  const params = { step: stepName(r.step), state: CASE_STATE_NAMES[r.state] };
  switch (r.reason) {
    case "role_not_allowed":
      return new AppError("CASE_STEP_FORBIDDEN", params);
    case "state_not_allowed":
      return new AppError("CASE_STEP_NOT_ALLOWED", params);
    case "comment_required":
      return new AppError("CASE_COMMENT_REQUIRED", params);
    case "invalid_target":
      return new AppError("CASE_INVALID_TARGET", params);
  }
}

async function load(conn: Conn, ctx: RequestContext, centre: ServiceCentre, id: string): Promise<CaseWithNames> {
  const row = await findCase(
    conn,
    ctx.actor.zoneId,
    caseScope(ctx.actor, caseActorOf(ctx.actor, centre).serviceCentre),
    id,
  );
  if (!row) throw notFound(CASE);
  return row;
}

/**
 * Whether the actor may see a case: the scope of GET /api/v1/cases/:id. Other modules ask it before serving what
 * belongs to a case (its attachments).
 */
export async function canSeeCase(conn: Conn, ctx: RequestContext, id: string): Promise<boolean> {
  const centre = await serviceCentreOf(conn, ctx.actor.zoneId);
  const scope = caseScope(ctx.actor, caseActorOf(ctx.actor, centre).serviceCentre);
  return (await findCase(conn, ctx.actor.zoneId, scope, id)) !== undefined;
}

/** `justWritten`: the actor has just written it, so it is shown back even if the step moved it out of their scope. */
async function present(conn: Conn, ctx: RequestContext, id: string, justWritten = false): Promise<Case> {
  const zoneId = ctx.actor.zoneId;
  const centre = await serviceCentreOf(conn, zoneId);
  const row = justWritten ? await findCase(conn, zoneId, { kind: "zone" }, id) : await load(conn, ctx, centre, id);
  if (!row) throw notFound(CASE);
  const cal = await zoneCalendar(conn, zoneId);
  const steps = await listSteps(conn, zoneId, id);
  const names = await enterpriseNamesById(conn, zoneId, row.enterpriseId ? [row.enterpriseId] : []);
  const assistUnits: { id: string; name: string | null }[] = [];
  for (const unitId of row.assistUnitIds)
    assistUnits.push({ id: unitId, name: (await findUnit(conn, zoneId, unitId))?.name ?? null });
  const facts = factsOf(row);
  const actor = caseActorOf(ctx.actor, centre);
  return presentCase(row, {
    timing: caseTiming(facts, ctx.now, cal),
    enterpriseName: row.enterpriseId ? (names.get(row.enterpriseId) ?? null) : null,
    assistUnits,
    allowedSteps: allowedCaseSteps(facts, actor).filter((s) => can(ctx.actor, STEP_PERMISSION[s])),
    steps,
    attachments: await attachmentsOf(conn, zoneId, "case", id),
  });
}

export async function getCase(db: Db, ctx: RequestContext, id: string): Promise<Case> {
  return present(db, ctx, id);
}

export async function searchCases(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof CaseListQuery>,
): Promise<{ items: CaseSummary[]; total: number }> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const { scope, queueUnitIds } = await listScopeOf(db, actor);
  const [{ rows, total }, cal] = await Promise.all([
    listCases(
      db,
      zoneId,
      scope,
      {
        view: q.view,
        q: q.q || undefined,
        state: q.state,
        category: q.category,
        source: q.source,
        enterpriseId: q.enterpriseId,
        ownerUnitId: q.ownerUnitId,
        overdue: q.overdue === undefined ? undefined : q.overdue === "true",
        userId: actor.userId,
        queueUnitIds,
      },
      ctx.now,
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    ),
    zoneCalendar(db, zoneId),
  ]);
  const names = await enterpriseNamesById(db, zoneId, [
    ...new Set(rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : []))),
  ]);
  return {
    items: rows.map((r) =>
      presentCaseSummary(
        r,
        caseTiming(factsOf(r), ctx.now, cal),
        r.enterpriseId ? (names.get(r.enterpriseId) ?? null) : null,
      ),
    ),
    total,
  };
}

/** The actor's case scope, and the units of their queue (view=unit): a unit head's subtree, else their unit. */
async function listScopeOf(conn: Conn, actor: Actor): Promise<{ scope: CaseScope; queueUnitIds: string[] }> {
  const centre = await serviceCentreOf(conn, actor.zoneId);
  return {
    scope: caseScope(actor, caseActorOf(actor, centre).serviceCentre),
    queueUnitIds: actor.role === "unithead" ? actor.unitSubtree : actor.unitId ? [actor.unitId] : [],
  };
}

/**
 * The numbers of the menu: the open cases of each to-do list (GET /cases?view=mine|unit|escalated, same filters)
 * and how many of them are overdue.
 */
export async function caseTodoCounts(db: Db, ctx: RequestContext): Promise<CaseTodoCounts> {
  const { actor } = ctx;
  const { scope, queueUnitIds } = await listScopeOf(db, actor);
  const count = (view: "mine" | "unit" | "escalated") =>
    countCases(db, actor.zoneId, scope, { view, userId: actor.userId, queueUnitIds }, ctx.now);
  const mine = await count("mine");
  const unit = await count("unit");
  const escalated = await count("escalated");
  return {
    mine: mine.total,
    unit: unit.total,
    escalated: escalated.total,
    overdueMine: mine.overdue,
    overdueUnit: unit.overdue,
    overdueEscalated: escalated.overdue,
  };
}

/** The cases raised on a visit, for the visit's page: whoever may see the visit sees the demands raised on it. */
export function casesOfVisit(conn: Conn, ctx: RequestContext, visitId: string): Promise<CaseSummary[]> {
  return casesAbout(conn, ctx, { visitId });
}

/** The problems of a project, for its page: whoever may see the project sees them (up to the latest 200). */
export function casesOfProject(conn: Conn, ctx: RequestContext, projectId: string): Promise<CaseSummary[]> {
  return casesAbout(conn, ctx, { projectId }, 200);
}

async function casesAbout(
  conn: Conn,
  ctx: RequestContext,
  subject: { visitId: string } | { projectId: string },
  limit = 50,
): Promise<CaseSummary[]> {
  const zoneId = ctx.actor.zoneId;
  const [{ rows }, cal] = await Promise.all([
    listCases(
      conn,
      zoneId,
      { kind: "zone" },
      { view: "all", ...subject, userId: ctx.actor.userId, queueUnitIds: [] },
      ctx.now,
      { limit, offset: 0 },
    ),
    zoneCalendar(conn, zoneId),
  ]);
  const names = await enterpriseNamesById(conn, zoneId, [
    ...new Set(rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : []))),
  ]);
  return rows
    .map((r) =>
      presentCaseSummary(
        r,
        caseTiming(factsOf(r), ctx.now, cal),
        r.enterpriseId ? (names.get(r.enterpriseId) ?? null) : null,
      ),
    )
    .sort((a, b) => a.number.localeCompare(b.number));
}

/**
 * Registers a case. Its due times are computed here, once, from the calendar and the category's SLA and stored.
 * An enterprise user files for its own enterprise (source portal); staff for an enterprise in their scope. A case
 * entered by an officer or unit head waits in their unit to be dispatched; one from the portal or an administrator
 * waits with the service centre (no owner unit).
 */
export async function createCase(db: Db, ctx: RequestContext, input: z.output<typeof CaseInput>): Promise<Case> {
  return db.transaction(async (tx) => {
    const row = await insertNewCase(tx, ctx, input);
    const { zoneId, userId, displayName } = ctx.actor;
    await notifyCaseEvent(
      tx,
      channelsOf(db),
      caseEvent(await serviceCentreOf(tx, zoneId), {
        zoneId,
        now: ctx.now,
        actor: { userId, displayName },
        step: "create",
        before: null,
        after: row,
      }),
    );
    return present(tx, ctx, row.id, true);
  });
}

/**
 * `createCase` inside the caller's transaction (a visit registers its demands with it): the same checks, due times,
 * history step and audit row. `visitId` links the case to the visit it was raised on; `projectId` to the project it
 * is about (the caller has checked that the actor may see the project, which stands in for the enterprise check: a
 * project's problem is its unit's to raise even when they do not serve the owner enterprise).
 */
export async function insertNewCase(
  tx: Conn,
  ctx: RequestContext,
  input: z.output<typeof CaseInput>,
  opts: { visitId?: string; projectId?: string } = {},
): Promise<CaseRow> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const isEnterprise = actor.role === "enterprise";
  if (isEnterprise && !actor.enterpriseId) throw new AppError("FORBIDDEN");
  const enterpriseId = isEnterprise ? actor.enterpriseId : input.enterpriseId;
  const source = isEnterprise ? "portal" : input.source;
  const staff = actor.role === "officer" || actor.role === "unithead";
  if (enterpriseId && !isEnterprise && !opts.projectId) {
    // The service centre takes cases for any enterprise of the zone; others for the enterprises in their scope.
    const centre = await serviceCentreOf(tx, zoneId);
    const scope = caseActorOf(actor, centre).serviceCentre
      ? { kind: "zone" as const }
      : await enterpriseScopeOf(tx, actor);
    const found = await findEnterprise(tx, zoneId, scope, enterpriseId);
    if (!found) throw notFound({ "zh-CN": "企业", "en-US": "Enterprise" });
  }
  const category = await findCategory(tx, zoneId, input.category);
  if (!category?.active) throw notFound(CATEGORY);
  const cal = await zoneCalendar(tx, zoneId);
  const due = caseDueTimes(ctx.now, category, cal);
  const seq = await nextCaseSequence(tx, zoneId, Number(chinaDate(ctx.now).slice(0, 4)));
  const row = await insertCase(tx, {
    zoneId,
    number: caseNumber(Number(chinaDate(ctx.now).slice(0, 4)), seq),
    source,
    enterpriseId,
    visitId: opts.visitId ?? null,
    projectId: opts.projectId ?? null,
    category: category.code,
    title: input.title,
    description: input.description,
    priority: input.priority,
    receivedUnitId: staff ? actor.unitId : null,
    ownerUnitId: staff ? actor.unitId : null,
    state: "new",
    receivedAt: ctx.now,
    ...due,
    createdBy: actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await insertStep(tx, {
    zoneId,
    caseId: row.id,
    step: "create",
    actorId: actor.userId,
    actorName: actor.displayName,
    at: ctx.now,
    comment: null,
    fromState: null,
    toState: "new",
    data: { source },
  });
  await recordAudit(tx, ctx, {
    action: "case.create",
    entityType: "case",
    entityId: row.id,
    entityName: row.number,
    after: auditableCase(row),
  });
  await linkAttachments(tx, ctx, { type: "case", id: row.id }, input.attachmentIds);
  return row;
}

async function checkTargets(conn: Conn, zoneId: string, input: CaseStepInput) {
  if (input.step === "dispatch" || input.step === "request_assist") {
    if (!(await findUnit(conn, zoneId, input.unitId))) throw notFound({ "zh-CN": "单位", "en-US": "Unit" });
  }
  if (input.step === "dispatch" && input.officerId) {
    const user = await findUser(conn, zoneId, input.officerId);
    if (!user || user.disabled || (user.role !== "officer" && user.role !== "unithead"))
      throw notFound({ "zh-CN": "承办人", "en-US": "Officer" });
  }
}

/**
 * Takes one step on a case (see `applyCaseStep` in the domain). The step, its history entry and its audit row are
 * one transaction; a `version` other than the stored one gets 409 VERSION_CONFLICT (re-read the case to see the
 * newer state), so of two people acting at once exactly one succeeds.
 */
export async function takeCaseStep(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof CaseStepInput>,
): Promise<Case> {
  const zoneId = ctx.actor.zoneId;
  return db.transaction(async (tx) => {
    const centre = await serviceCentreOf(tx, zoneId);
    const before = await load(tx, ctx, centre, id);
    if (before.version !== input.version) throw new AppError("VERSION_CONFLICT");
    if (!can(ctx.actor, STEP_PERMISSION[input.step]))
      throw new AppError("CASE_STEP_FORBIDDEN", { step: stepName(input.step) });
    await checkTargets(tx, zoneId, input);
    const { version: _version, attachmentIds, ...command } = input;
    const result = applyCaseStep(factsOf(before), command as CaseCommand, {
      actor: caseActorOf(ctx.actor, centre),
      now: ctx.now,
      escalationUnitId: centre.escalationUnitId ?? "",
    });
    if (!result.ok) throw refusalError(result);
    if (result.facts.escalatedAt !== before.escalatedAt && !centre.escalationUnitId)
      throw new AppError("CASE_NO_ESCALATION_UNIT");
    const row = await updateCase(tx, zoneId, id, input.version, {
      ...columnsOf(result.facts),
      ...(input.step === "rate" ? { ratedAt: ctx.now } : {}),
      updatedAt: ctx.now,
    });
    if (!row) throw new AppError("VERSION_CONFLICT");
    const e = result.entry;
    const stepId = randomUUID();
    await insertStep(tx, {
      id: stepId,
      zoneId,
      caseId: id,
      step: e.step,
      actorId: e.actorId,
      actorName: ctx.actor.displayName,
      at: e.at,
      comment: e.comment,
      fromState: e.fromState,
      toState: e.toState,
      data: e.data,
    });
    await linkAttachments(tx, ctx, { type: "case", id }, attachmentIds, stepId);
    await recordAudit(tx, ctx, {
      action: `case.${input.step}`,
      entityType: "case",
      entityId: id,
      entityName: row.number,
      before: auditableCase(before),
      after: auditableCase(row),
    });
    await notifyCaseEvent(
      tx,
      channelsOf(db),
      caseEvent(centre, {
        zoneId,
        now: ctx.now,
        actor: { userId: ctx.actor.userId, displayName: ctx.actor.displayName },
        step: input.step,
        before,
        after: row,
        comment: e.comment,
        data: e.data,
      }),
    );
    return present(tx, ctx, id, true);
  });
}

// ---- categories

export async function listCaseCategories(db: Db, ctx: RequestContext): Promise<{ items: CaseCategory[] }> {
  return { items: (await listCategories(db, ctx.actor.zoneId)).map(presentCategory) };
}

/** Changes a category's name and SLA; cases already received keep the due times they were given. */
export async function changeCaseCategory(
  db: Db,
  ctx: RequestContext,
  code: string,
  input: z.output<typeof CaseCategoryUpdate>,
): Promise<CaseCategory> {
  const zoneId = ctx.actor.zoneId;
  return db.transaction(async (tx) => {
    const before = await findCategory(tx, zoneId, code);
    if (!before) throw notFound(CATEGORY);
    const row = await updateCategory(tx, zoneId, code, input);
    if (!row) throw notFound(CATEGORY);
    await recordAudit(tx, ctx, {
      action: "case_category.update",
      entityType: "case_category",
      entityId: code,
      entityName: row.name,
      before: presentCategory(before),
      after: presentCategory(row),
    });
    return presentCategory(row);
  });
}

// ---- timers

/**
 * Applies the timers to every zone's due cases: closes replied cases left unrated for 3 working days
 * (auto_close) and sends open cases overdue by more than their category's `escalateAfterDays` to 兜底办
 * (auto_escalate). Each change is its own transaction with its history entry and audit row; a case changed by
 * someone meanwhile is left for the next run. The scheduler calls it; it is safe to run again.
 */
export async function runCaseTimers(db: Db, now: Date): Promise<{ closed: number; escalated: number }> {
  let closed = 0;
  let escalated = 0;
  for (const zone of await listZones(db)) {
    const candidates = await listTimerCandidates(db, zone.id, now);
    if (!candidates.length) continue;
    const cal: WorkingCalendar = await zoneCalendar(db, zone.id);
    const centre = await serviceCentreOf(db, zone.id);
    const ctx = systemContext(zone.id, now);
    for (const c of candidates) {
      const timer: CaseTimerStep = c.state === "replied" ? "auto_close" : "auto_escalate";
      if (timer === "auto_escalate" && !centre.escalationUnitId) continue;
      const result = applyCaseTimer(factsOf(c), timer, {
        now,
        cal,
        graceDays: c.escalateAfterDays,
        escalationUnitId: centre.escalationUnitId ?? "",
      });
      if (!result) continue;
      const done = await db.transaction(async (tx) => {
        const row = await updateCase(tx, zone.id, c.id, c.version, { ...columnsOf(result.facts), updatedAt: now });
        if (!row) return false;
        const e = result.entry;
        await insertStep(tx, {
          zoneId: zone.id,
          caseId: c.id,
          step: e.step,
          actorId: null,
          actorName: SYSTEM_NAME,
          at: now,
          comment: null,
          fromState: e.fromState,
          toState: e.toState,
          data: e.data,
        });
        await recordAudit(tx, ctx, {
          action: `case.${timer}`,
          entityType: "case",
          entityId: c.id,
          entityName: c.number,
          before: auditableCase(c),
          after: auditableCase(row),
          actedAs: { id: null, name: SYSTEM_NAME },
        });
        await notifyCaseEvent(
          tx,
          channelsOf(db),
          caseEvent(centre, { zoneId: zone.id, now, actor: null, step: timer, before: c, after: row, data: e.data }),
        );
        return true;
      });
      if (done && timer === "auto_close") closed++;
      if (done && timer === "auto_escalate") escalated++;
    }
  }
  return { closed, escalated };
}
