/**
 * Stage moves of a lead (the form's move dialog and the board's drag): judged by the domain's `checkStageMove`,
 * with the date kept, a leader's override of the screening audited on its own, and the facts a stage brings —
 * 签约 the contract amount and date, 注册 the enterprise of the registry, 开工 the project of the project registry.
 */
import { type LeadMoveOption, type LeadStageMoveInput, ProjectInput } from "@zoneos/contracts";
import {
  checkStageMove,
  chinaDate,
  isSignedStage,
  LEAD_STAGE_NAMES,
  LEAD_STAGES,
  type LeadStage,
  pipelineIndex,
  type StageMoveRefusal,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { type Actor, can } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { enterpriseNamesById } from "../enterprises/enterprises.queries.ts";
import { enterpriseByCreditCode } from "../enterprises/enterprises.service.ts";
import { findUnit, findUser } from "../org/org.queries.ts";
import { insertNewProject, loadProject } from "../projects/projects.service.ts";
import { loadLead, mayWriteLead } from "./leads.access.ts";
import { findScorecard, insertStageChange, type LeadRow, leadOfProject, updateLead } from "./leads.queries.ts";

type MoveData = z.output<typeof LeadStageMoveInput>;

const stageOf = (s: string) => s as LeadStage;
const reachesStarted = (to: LeadStage) => to !== "lost" && pipelineIndex(to) >= pipelineIndex("started");
const beforeRegistration = (to: LeadStage) => to === "lost" || pipelineIndex(to) < pipelineIndex("registered");
/** The move crosses into 签约 or later from before it (or from 流失). */
const crossesSigning = (from: LeadStage, to: LeadStage) =>
  to !== "lost" && isSignedStage(to) && (from === "lost" || !isSignedStage(from));

/**
 * The moves the actor may offer on a lead's page and board, with what each needs from the user. Staff who may
 * change the lead get every move the rules allow (a move needing an override is listed with the refusal
 * SCREENING_REQUIRED); a leader who only reads gets the moves that need their override.
 */
export function movesFor(
  actor: Actor,
  lead: Pick<LeadRow, "stage" | "unitId" | "officerId" | "registeredEnterpriseId" | "projectId">,
  scorecardPassed: boolean | null,
): LeadMoveOption[] {
  const writer = mayWriteLead(actor, lead);
  const overrider = can(actor, "lead.override");
  if (!writer && !overrider) return [];
  const from = stageOf(lead.stage);
  const out: LeadMoveOption[] = [];
  for (const to of LEAD_STAGES) {
    if (to === from) continue;
    const refusal = checkStageMove({
      from,
      to,
      scorecardPassed,
      override: false,
      lostReason: "other",
      lostNote: "-",
      note: "-",
    });
    const needs: LeadMoveOption["needs"] = [];
    let shown: string | null = refusal;
    if (refusal === "SCREENING_REQUIRED" && overrider) {
      needs.push("override");
      shown = null;
    }
    if (!writer && !needs.includes("override")) continue;
    // A leader's override lets a lead be signed; registering it and breaking ground are its staff's work.
    if (!writer && !beforeRegistration(to)) continue;
    if (to === "lost") needs.push("lostReason");
    else if (from !== "lost" && pipelineIndex(to) < pipelineIndex(from)) needs.push("note");
    if (crossesSigning(from, to)) needs.push("signedAmount");
    if (to === "registered" && !lead.registeredEnterpriseId) needs.push("enterprise");
    if (reachesStarted(to) && !lead.projectId) needs.push("project");
    out.push({ to, needs, refusal: shown });
  }
  return out;
}

const REFUSAL_CODES = {
  SAME_STAGE: "LEAD_STAGE_SAME",
  LEAD_FINISHED: "LEAD_FINISHED",
  SCREENING_REQUIRED: "LEAD_SCREENING_REQUIRED",
  LOST_REASON_REQUIRED: "LEAD_LOST_REASON_REQUIRED",
  BACKWARD_NOTE_REQUIRED: "LEAD_BACKWARD_NOTE_REQUIRED",
  BACK_FROM_STARTED: "LEAD_BACK_FROM_STARTED",
} as const satisfies Record<StageMoveRefusal, string>;

/** The enterprise a move names: one of the registry, or a new one by credit code (reused when already there). */
async function resolveEnterprise(tx: Conn, ctx: RequestContext, lead: LeadRow, data: MoveData): Promise<string | null> {
  const zoneId = ctx.actor.zoneId;
  if (data.registeredEnterpriseId) {
    const names = await enterpriseNamesById(tx, zoneId, [data.registeredEnterpriseId]);
    if (!names.size) throw notFound({ "zh-CN": "注册企业", "en-US": "Registered enterprise" });
    return data.registeredEnterpriseId;
  }
  const given = data.newEnterprise;
  if (!given) return null;
  const park = await findUnit(tx, zoneId, lead.unitId);
  return enterpriseByCreditCode(
    tx,
    ctx,
    {
      creditCode: given.creditCode,
      name: given.name,
      industryCode: lead.industryCode,
      parkUnitId: park?.kind === "park" ? park.id : null,
      officerId: lead.officerId,
    },
    { via: "lead", leadId: lead.id },
  );
}

/**
 * The project a lead becomes at 开工: an existing one of the registry (not yet another lead's), or a new one from
 * the lead's facts (owner: the registered enterprise, else the investor by credit code).
 */
async function projectForLead(
  tx: Conn,
  ctx: RequestContext,
  lead: LeadRow,
  data: MoveData,
  enterpriseId: string | null,
  on: string,
  signedAmountWan: string | null,
): Promise<string> {
  const zoneId = ctx.actor.zoneId;
  if (data.projectId) {
    await loadProject(tx, ctx.actor, data.projectId);
    const other = await leadOfProject(tx, zoneId, data.projectId, lead.id);
    if (other) throw new AppError("LEAD_PROJECT_TAKEN", { code: other.code });
    return data.projectId;
  }
  const owner = enterpriseId
    ? { ownerEnterpriseId: enterpriseId }
    : lead.investorCreditCode
      ? { newOwner: { creditCode: lead.investorCreditCode, name: lead.investorName } }
      : null;
  if (!owner) throw new AppError("LEAD_PROJECT_OWNER_REQUIRED");
  const park = await findUnit(tx, zoneId, lead.unitId);
  // The lead's leader and officer go with it, unless their accounts were disabled since.
  const active = async (userId: string | null) => {
    if (!userId) return null;
    const user = await findUser(tx, zoneId, userId);
    return user && !user.disabled ? userId : null;
  };
  const leaderId = await active(lead.leaderId);
  const officerId = await active(lead.officerId);
  const project = await insertNewProject(
    tx,
    ctx,
    ProjectInput.parse({
      name: lead.name,
      ...owner,
      totalInvestmentWan: signedAmountWan ?? lead.investmentWan,
      type: "industry",
      level: "district",
      parkUnitId: park?.kind === "park" ? park.id : null,
      industryCode: lead.industryCode,
      stage: "new_start",
      actualStartOn: on,
      leaderId,
      unitId: lead.unitId,
      memberIds: officerId ? [officerId] : [],
    }),
  );
  return project.id;
}

/**
 * Moves a lead to a stage on a date (today when none; not before the previous change, not after today). Who: the
 * lead's staff; a leader (lead.override) only to give the override a failed or missing scorecard needs, with a
 * reason, audited as `lead.override`. Answers the lead's id.
 */
export async function moveLeadStage(db: Db, ctx: RequestContext, id: string, data: MoveData): Promise<string> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const today = chinaDate(ctx.now);
  await db.transaction(async (tx) => {
    const lead = await loadLead(tx, actor, id);
    const writer = mayWriteLead(actor, lead);
    const overrider = can(actor, "lead.override");
    if (!writer && !overrider) throw new AppError("FORBIDDEN");
    if (lead.version !== data.version) throw new AppError("VERSION_CONFLICT");
    const from = stageOf(lead.stage);
    const to = data.to;
    const card = await findScorecard(tx, zoneId, id);
    const scorecardPassed = card ? card.passed : null;
    const move = {
      from,
      to,
      scorecardPassed,
      lostReason: data.lostReason,
      lostNote: data.note,
      note: data.note,
    };
    let refusal = checkStageMove({ ...move, override: false });
    let override = false;
    if (refusal === "SCREENING_REQUIRED") {
      const state = card
        ? { "zh-CN": "未通过准入评估", "en-US": "failed its screening" }
        : { "zh-CN": "尚未进行准入评估", "en-US": "has no screening" };
      const stage = LEAD_STAGE_NAMES[to];
      if (!overrider) throw new AppError("LEAD_SCREENING_REQUIRED", { state, stage });
      if (!data.overrideReason) throw new AppError("LEAD_OVERRIDE_REASON_REQUIRED", { state });
      override = true;
      refusal = checkStageMove({ ...move, override: true });
    }
    if (refusal) throw new AppError(REFUSAL_CODES[refusal], { stage: LEAD_STAGE_NAMES[to] });
    // A leader who only reads the pipeline moves a lead only to give the override, and only as far as 签约.
    if (!writer && (!override || !beforeRegistration(to))) throw new AppError("FORBIDDEN");
    const on = data.on ?? today;
    if (on > today || on < lead.stageOn)
      throw new AppError("LEAD_STAGE_DATE_INVALID", { previous: lead.stageOn, today });

    const values: Partial<LeadRow> = { stage: to, stageOn: on, updatedAt: ctx.now };
    values.lostReason = to === "lost" ? data.lostReason : null;
    values.lostNote = to === "lost" ? data.note : null;
    if (crossesSigning(from, to)) {
      values.signedAmountWan = data.signedAmountWan ?? lead.investmentWan;
      values.signedOn = on;
    } else if (to !== "lost" && !isSignedStage(to)) {
      // A correction back before 签约: the lead was not signed after all.
      values.signedAmountWan = null;
      values.signedOn = null;
    }
    const enterpriseId = (await resolveEnterprise(tx, ctx, lead, data)) ?? lead.registeredEnterpriseId;
    if (to === "registered" && !enterpriseId) throw new AppError("LEAD_ENTERPRISE_REQUIRED");
    if (enterpriseId !== lead.registeredEnterpriseId) values.registeredEnterpriseId = enterpriseId;
    if (reachesStarted(to) && !lead.projectId)
      values.projectId = await projectForLead(
        tx,
        ctx,
        lead,
        data,
        enterpriseId,
        on,
        values.signedAmountWan ?? lead.signedAmountWan,
      );

    const row = await updateLead(tx, zoneId, id, data.version, values);
    if (!row) throw new AppError("VERSION_CONFLICT");
    await insertStageChange(tx, {
      zoneId,
      leadId: id,
      fromStage: from,
      toStage: to,
      on,
      at: ctx.now,
      by: actor.userId,
      note: data.note,
      lostReason: to === "lost" ? data.lostReason : null,
      overrideBy: override ? actor.userId : null,
      overrideReason: override ? data.overrideReason : null,
    });
    const entityName = `${row.code} ${row.name}`;
    await recordAudit(tx, ctx, {
      action: "lead.stage",
      entityType: "lead",
      entityId: id,
      entityName,
      before: { stage: from, stageOn: lead.stageOn, signedAmountWan: lead.signedAmountWan, signedOn: lead.signedOn },
      after: {
        stage: to,
        stageOn: on,
        signedAmountWan: row.signedAmountWan,
        signedOn: row.signedOn,
        note: data.note,
        lostReason: row.lostReason,
        registeredEnterpriseId: row.registeredEnterpriseId,
        projectId: row.projectId,
      },
    });
    if (override)
      await recordAudit(tx, ctx, {
        action: "lead.override",
        entityType: "lead",
        entityId: id,
        entityName,
        after: { from, to, on, scorecardPassed, reason: data.overrideReason },
      });
  });
  return id;
}
