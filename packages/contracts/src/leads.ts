import {
  INVESTOR_MARKS,
  LEAD_ACTIVITY_KINDS,
  LEAD_CHANNELS,
  LEAD_STAGES,
  LOST_REASONS,
} from "@zoneos/domain/investment";
import { isRegionCodeOfAnyLevel } from "@zoneos/domain/regions";
import { z } from "zod";
import { decimal, i18n, optionalText } from "./common.ts";
import { CreditCode, IndustryCode } from "./enterprises.ts";

export const LeadStage = z.enum(LEAD_STAGES);
export const LeadChannel = z.enum(LEAD_CHANNELS);
export const InvestorMark = z.enum(INVESTOR_MARKS);
export const LostReason = z.enum(LOST_REASONS);
export const LeadActivityKind = z.enum(LEAD_ACTIVITY_KINDS);

/** A GB/T 2260 code of any level: a province (32), a city (3201) or a county (320115). */
export const AnyRegionCode = z
  .string()
  .trim()
  .refine(isRegionCodeOfAnyLevel, i18n("不是 GB/T 2260 行政区划代码", "Not a GB/T 2260 region code"));

const isoDate = z.iso.date();
const optionalUuid = z
  .uuid()
  .nullish()
  .transform((v) => v ?? null);
/** An amount in 万元 (at most 4 decimals, ≥ 0), as text. */
const requiredWan = decimal(4, 12).transform((v, ctx) => {
  if (v !== null) return v;
  ctx.addIssue({ code: "custom", ...i18n("必填", "Required") });
  return z.NEVER;
});

/**
 * What the form gives to enter or change a lead (招商项目). The stage is not part of it: a new lead starts at
 * `initialStage` (线索 unless the user says it is further on, up to 洽谈) and moves only through the stage move.
 */
export const LeadInput = z.object({
  name: z.string().trim().min(2).max(200),
  /** Empty: the platform numbers it ZS2026-001 (the year of entry and a running count). */
  code: optionalText(40),
  investorName: z.string().trim().min(2).max(200),
  investorCreditCode: CreditCode.nullish().transform((v) => v ?? null),
  investorRegionCode: AnyRegionCode.nullish().transform((v) => v ?? null),
  investorMarks: z.array(InvestorMark).max(4).default([]),
  /** 计划投资, 万元. */
  investmentWan: requiredWan,
  industryCode: IndustryCode.nullish().transform((v) => v ?? null),
  /** The chain link (产业链环节) it fills; its chain follows from it. */
  chainLinkId: optionalUuid,
  channel: LeadChannel,
  /** The responsible unit. */
  unitId: z.uuid(),
  /** 招商专员: staff of the zone. */
  officerId: optionalUuid,
  /** 挂钩领导: a leader of the zone. */
  leaderId: optionalUuid,
  landMu: decimal(2, 10),
  jobs: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .nullish()
    .transform((v) => v ?? null),
  /** The trip (外出招商) it came from. */
  tripId: optionalUuid,
  /** The chain target (招商目标) it was created from; the target is marked with the lead. */
  targetId: optionalUuid,
  notes: optionalText(4000),
});
export type LeadInput = z.input<typeof LeadInput>;

export const NewLeadInput = LeadInput.safeExtend({
  initialStage: z.enum(["clue", "contact", "negotiation"]).default("clue"),
  /** The date the lead reached its first stage; today when empty. */
  stageOn: isoDate.nullish().transform((v) => v ?? null),
});
export type NewLeadInput = z.input<typeof NewLeadInput>;

export const LeadUpdate = LeadInput.safeExtend({ version: z.number().int().min(1) });
export type LeadUpdate = z.input<typeof LeadUpdate>;

/**
 * A stage move (the form's and the board's drag): the target stage, the date it happened (today when empty), and
 * what the move needs: 流失 a listed reason and text; a move back a note; 签约 the contract amount and date (the
 * planned investment and the move's date when empty) and, without a passing scorecard, a leader's override reason;
 * 注册 the enterprise registered (from the registry, or a new one by credit code); 开工 the project it becomes
 * (an existing one of the registry, or a new one created from the lead's facts).
 */
export const LeadStageMoveInput = z.object({
  to: LeadStage,
  on: isoDate.nullish().transform((v) => v ?? null),
  note: optionalText(1000),
  lostReason: LostReason.nullish().transform((v) => v ?? null),
  overrideReason: optionalText(1000),
  signedAmountWan: decimal(4, 12),
  registeredEnterpriseId: optionalUuid,
  newEnterprise: z
    .object({ creditCode: CreditCode, name: z.string().trim().min(2).max(200) })
    .nullish()
    .transform((v) => v ?? null),
  projectId: optionalUuid,
  version: z.number().int().min(1),
});
export type LeadStageMoveInput = z.input<typeof LeadStageMoveInput>;

export const LeadActivityInput = z.object({
  kind: LeadActivityKind,
  on: isoDate,
  summary: z.string().trim().min(2).max(4000),
  participants: optionalText(500),
  attachmentIds: z.array(z.uuid()).max(20).default([]),
});
export type LeadActivityInput = z.input<typeof LeadActivityInput>;
