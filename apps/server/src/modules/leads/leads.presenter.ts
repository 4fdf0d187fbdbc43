/** Lead rows → contract shapes (never a row as it is). */
import type { Attachment, LeadActivity, LeadStageChange, LeadSummary, Scorecard } from "@zoneos/contracts";
import {
  formatWan,
  type InvestorMark,
  investmentBucket,
  type LeadActivityKind,
  type LeadChannel,
  type LeadStage,
  type LostReason,
  parseWan,
  scoreScreening,
} from "@zoneos/domain";
import type {
  ActivityWithNames,
  LeadRow,
  LeadWithNames,
  ScorecardWithNames,
  StageChangeWithNames,
} from "./leads.queries.ts";

/** An amount in 万元 as the pages show it (no trailing zeros). */
export const wan = (v: string) => formatWan(parseWan(v));
const wanOrNull = (v: string | null) => (v === null ? null : wan(v));

export function presentSummary(r: LeadWithNames): LeadSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    investorName: r.investorName,
    investorCreditCode: r.investorCreditCode,
    investorMarks: r.investorMarks as InvestorMark[],
    investmentWan: wan(r.investmentWan),
    bucket: investmentBucket(r.investmentWan),
    signedAmountWan: wanOrNull(r.signedAmountWan),
    signedOn: r.signedOn,
    channel: r.channel as LeadChannel,
    stage: r.stage as LeadStage,
    stageOn: r.stageOn,
    industryCode: r.industryCode,
    chainId: r.chainId,
    chainName: r.chainName,
    chainLinkId: r.chainLinkId,
    chainLinkName: r.chainLinkName,
    unitId: r.unitId,
    unitName: r.unitName,
    officerId: r.officerId,
    officerName: r.officerName,
    leaderId: r.leaderId,
    leaderName: r.leaderName,
    tripId: r.tripId,
    projectId: r.projectId,
    scorecardPassed: r.scorecardPassed,
    version: r.version,
  };
}

export function presentStageChange(c: StageChangeWithNames): LeadStageChange {
  return {
    id: c.id,
    fromStage: c.fromStage as LeadStage | null,
    toStage: c.toStage as LeadStage,
    on: c.on,
    at: c.at.toISOString(),
    byName: c.byName,
    note: c.note,
    lostReason: c.lostReason as LostReason | null,
    overrideByName: c.overrideByName,
    overrideReason: c.overrideReason,
  };
}

/** A stored scorecard, its criteria named from the scheme it was scored on. */
export function presentScorecard(s: ScorecardWithNames): Scorecard {
  const result = scoreScreening(s.scheme, s.values);
  const names = new Map(s.scheme.criteria.map((c) => [c.key, c.name]));
  return {
    values: s.values,
    score: Number(s.score),
    maxScore: Number(s.maxScore),
    passed: s.passed,
    criteria: result.criteria.map((c) => ({ ...c, name: names.get(c.key) ?? c.key })),
    failedRequired: result.failedRequired,
    missing: result.missing,
    scheme: s.scheme,
    scoredByName: s.scoredByName,
    scoredAt: s.scoredAt.toISOString(),
  };
}

export function presentActivity(a: ActivityWithNames, attachments: Attachment[]): LeadActivity {
  return {
    id: a.id,
    kind: a.kind as LeadActivityKind,
    on: a.on,
    summary: a.summary,
    participants: a.participants,
    createdByName: a.createdByName,
    createdAt: a.createdAt.toISOString(),
    attachments,
  };
}

/** The facts of a lead as the audit log keeps them. */
export function auditableLead(r: LeadRow): Record<string, unknown> {
  return {
    code: r.code,
    name: r.name,
    investorName: r.investorName,
    investorCreditCode: r.investorCreditCode,
    investorRegionCode: r.investorRegionCode,
    investorMarks: r.investorMarks,
    investmentWan: wan(r.investmentWan),
    industryCode: r.industryCode,
    chainLinkId: r.chainLinkId,
    channel: r.channel,
    unitId: r.unitId,
    officerId: r.officerId,
    leaderId: r.leaderId,
    landMu: r.landMu,
    jobs: r.jobs,
    tripId: r.tripId,
    targetId: r.targetId,
    notes: r.notes,
  };
}
