/**
 * Screening before signing (项目准入评估): the zone's scheme (the shipped default until an administrator sets one)
 * and a lead's scorecard, scored by the domain's `scoreScreening` and stored with a snapshot of the scheme.
 */
import type { ScorecardInput, ScorecardView, ScreeningSchemeInput, ScreeningSettings } from "@zoneos/contracts";
import {
  DEFAULT_SCREENING_SCHEME,
  investmentIntensity,
  maxScore,
  type ScreeningScheme,
  schemeProblems,
  scoreScreening,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { loadLead, loadWritableLead, mayWriteLead } from "./leads.access.ts";
import { presentScorecard } from "./leads.presenter.ts";
import { findLeadSettings, findScorecard, saveLeadSettings, saveScorecard } from "./leads.queries.ts";

/** The zone's screening scheme and whether it is the shipped default. */
export async function schemeOf(conn: Conn, zoneId: string): Promise<{ scheme: ScreeningScheme; isDefault: boolean }> {
  const row = await findLeadSettings(conn, zoneId);
  return row ? { scheme: row.scheme, isDefault: false } : { scheme: DEFAULT_SCREENING_SCHEME, isDefault: true };
}

export async function screeningSettings(db: Db, ctx: RequestContext): Promise<ScreeningSettings> {
  const { scheme, isDefault } = await schemeOf(db, ctx.actor.zoneId);
  return { scheme, maxScore: maxScore(scheme), isDefault };
}

/** Replaces the zone's scheme (checked by the domain's `schemeProblems`), audited with the scheme before and after. */
export async function changeScreeningSettings(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof ScreeningSchemeInput>,
): Promise<ScreeningSettings> {
  const scheme: ScreeningScheme = input;
  const problems = schemeProblems(scheme);
  if (problems.length) throw new AppError("SCREENING_SCHEME_INVALID", { problems: problems.join("；") }, problems);
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const before = await schemeOf(tx, zoneId);
    await saveLeadSettings(tx, { zoneId, scheme, updatedAt: ctx.now });
    await recordAudit(tx, ctx, {
      action: "lead.settings",
      entityType: "zone",
      entityId: zoneId,
      before: { scheme: before.scheme },
      after: { scheme },
    });
  });
  return screeningSettings(db, ctx);
}

/** 投资强度 (万元/亩) of a lead, rounded to 2 decimals for the form; null without land. */
function intensityOf(investmentWan: string, landMu: string | null): number | null {
  const v = investmentIntensity(investmentWan, landMu === null ? null : Number(landMu));
  return v === null ? null : Math.round(v * 100) / 100;
}

export async function scorecardView(db: Db, ctx: RequestContext, leadId: string): Promise<ScorecardView> {
  const lead = await loadLead(db, ctx.actor, leadId);
  const [{ scheme }, card] = await Promise.all([
    schemeOf(db, ctx.actor.zoneId),
    findScorecard(db, ctx.actor.zoneId, leadId),
  ]);
  return {
    scheme,
    scorecard: card ? presentScorecard(card) : null,
    prefill: { intensity: intensityOf(lead.investmentWan, lead.landMu) },
    canEdit: mayWriteLead(ctx.actor, lead),
  };
}

/** The values of a scorecard checked against the scheme: numbers for numeric criteria, a listed option for choices. */
function cleanValues(
  scheme: ScreeningScheme,
  values: Readonly<Record<string, number | string | null>>,
): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const c of scheme.criteria) {
    const v = values[c.key];
    if (v === undefined || v === null || v === "") {
      out[c.key] = null;
      continue;
    }
    if (c.kind === "number") {
      const n = typeof v === "number" ? v : Number(v);
      if (!Number.isFinite(n)) throw new AppError("SCORECARD_VALUE_INVALID", { criterion: c.name });
      out[c.key] = n;
    } else {
      if (!c.options.some((o) => o.value === String(v)))
        throw new AppError("SCORECARD_VALUE_INVALID", { criterion: c.name });
      out[c.key] = String(v);
    }
  }
  return out;
}

/** Scores a lead on the zone's scheme now and keeps the result with the scheme (audited). */
export async function saveLeadScorecard(
  db: Db,
  ctx: RequestContext,
  leadId: string,
  input: z.output<typeof ScorecardInput>,
): Promise<ScorecardView> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const lead = await loadWritableLead(tx, ctx.actor, leadId);
    const { scheme } = await schemeOf(tx, zoneId);
    const values = cleanValues(scheme, input.values);
    const result = scoreScreening(scheme, values);
    const before = await findScorecard(tx, zoneId, leadId);
    await saveScorecard(tx, {
      leadId,
      zoneId,
      values,
      score: String(result.score),
      maxScore: String(result.maxScore),
      passed: result.passed,
      scheme,
      scoredBy: ctx.actor.userId,
      scoredAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: "lead.scorecard",
      entityType: "lead",
      entityId: leadId,
      entityName: `${lead.code} ${lead.name}`,
      before: before ? { values: before.values, score: Number(before.score), passed: before.passed } : null,
      after: { values, score: result.score, passed: result.passed },
    });
  });
  return scorecardView(db, ctx, leadId);
}
