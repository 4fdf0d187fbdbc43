import {
  INVESTOR_MARKS,
  LEAD_ACTIVITY_KINDS,
  LEAD_CHANNELS,
  LEAD_STAGES,
  LOST_REASONS,
} from "@zoneos/domain/investment";
import { INVESTMENT_BUCKETS } from "@zoneos/domain/projects";
import { isRegionCodeOfAnyLevel } from "@zoneos/domain/regions";
import { z } from "zod";
import { Attachment } from "./attachments.ts";
import { decimal, i18n, optionalText } from "./common.ts";
import { CreditCode, ImportProblem, IndustryCode } from "./enterprises.ts";

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

// ---- what the pages show

export const InvestmentBucketKey = z.enum(INVESTMENT_BUCKETS);

export const LEAD_SORTS = ["-stageOn", "stageOn", "code", "-code", "-investmentWan", "investmentWan"] as const;

/**
 * Filters of the pipeline table. `bucket` is cumulative like the reports' wording (b1 亿元以上: ≥ 10000 万元, b10
 * 10亿元以上: ≥ 100000 万元, …; below1 亿元以下: < 10000 万元), on the planned investment.
 * `mine`: officer — leads whose officer the user is; leader — whose leader the user is; unit — of the user's unit.
 */
export const LeadFilter = z.object({
  q: z.string().trim().max(100).optional(),
  stage: LeadStage.optional(),
  channel: LeadChannel.optional(),
  unitId: z.uuid().optional(),
  chainId: z.uuid().optional(),
  chainLinkId: z.uuid().optional(),
  bucket: InvestmentBucketKey.optional(),
  officerId: z.uuid().optional(),
  leaderId: z.uuid().optional(),
  tripId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  mine: z.enum(["officer", "leader", "unit"]).optional(),
  sort: z.enum(LEAD_SORTS).default("-stageOn"),
});
export type LeadFilter = z.input<typeof LeadFilter>;
export const LeadListQuery = LeadFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type LeadListQuery = z.input<typeof LeadListQuery>;

/** A row of the pipeline (table and board). */
export const LeadSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  investorName: z.string(),
  investorCreditCode: z.string().nullable(),
  investorMarks: z.array(InvestorMark),
  investmentWan: z.string(),
  /** The size bucket of the planned investment (exclusive: each lead in exactly one). */
  bucket: InvestmentBucketKey,
  signedAmountWan: z.string().nullable(),
  signedOn: z.string().nullable(),
  channel: LeadChannel,
  stage: LeadStage,
  stageOn: z.string(),
  industryCode: z.string().nullable(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  chainLinkId: z.string().nullable(),
  chainLinkName: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  officerId: z.string().nullable(),
  officerName: z.string().nullable(),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  tripId: z.string().nullable(),
  projectId: z.string().nullable(),
  /** The scorecard's result; null without one. */
  scorecardPassed: z.boolean().nullable(),
  version: z.number().int(),
});
export type LeadSummary = z.infer<typeof LeadSummary>;

export const LeadList = z.object({
  items: z.array(LeadSummary),
  total: z.number().int(),
  /** Over every lead the filters select (not only the page). */
  totals: z.object({ count: z.number().int(), investmentWan: z.string() }),
});
export type LeadList = z.infer<typeof LeadList>;

/** A stage change as the lead's page lists it. */
export const LeadStageChange = z.object({
  id: z.string(),
  fromStage: LeadStage.nullable(),
  toStage: LeadStage,
  on: z.string(),
  at: z.string(),
  byName: z.string().nullable(),
  note: z.string().nullable(),
  lostReason: LostReason.nullable(),
  overrideByName: z.string().nullable(),
  overrideReason: z.string().nullable(),
});
export type LeadStageChange = z.infer<typeof LeadStageChange>;

export const LeadActivity = z.object({
  id: z.string(),
  kind: LeadActivityKind,
  on: z.string(),
  summary: z.string(),
  participants: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  attachments: z.array(Attachment),
});
export type LeadActivity = z.infer<typeof LeadActivity>;

// ---- screening (项目准入评估)

const criterionKey = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    i18n("指标代码须为小写字母开头的字母、数字或下划线", "Lower-case letters, digits, _"),
  );
const points = z.number().min(0).max(1000);
export const ScreeningCriterion = z.discriminatedUnion("kind", [
  z.object({
    key: criterionKey,
    name: z.string().trim().min(1).max(50),
    kind: z.literal("number"),
    unit: z.string().trim().max(20),
    direction: z.enum(["higher", "lower"]),
    bands: z.array(z.object({ bound: z.number(), points })).max(10),
    passBound: z.number(),
    required: z.boolean(),
  }),
  z.object({
    key: criterionKey,
    name: z.string().trim().min(1).max(50),
    kind: z.literal("choice"),
    options: z
      .array(
        z.object({
          value: z.string().trim().min(1).max(40),
          name: z.string().trim().min(1).max(50),
          points,
          pass: z.boolean(),
        }),
      )
      .max(20),
    required: z.boolean(),
  }),
]);
/** A zone's screening scheme (the settings page edits it; the default is the domain's). */
export const ScreeningSchemeInput = z.object({
  criteria: z.array(ScreeningCriterion).max(30),
  passScore: z.number().min(0).max(100000),
});
export type ScreeningSchemeInput = z.input<typeof ScreeningSchemeInput>;
export const ScreeningSettings = z.object({
  scheme: ScreeningSchemeInput,
  maxScore: z.number(),
  /** True while the zone uses the shipped default. */
  isDefault: z.boolean(),
});
export type ScreeningSettings = z.infer<typeof ScreeningSettings>;

const scoreValue = z.union([z.number(), z.string().trim().max(40), z.null()]);
export const ScorecardInput = z.object({ values: z.record(z.string(), scoreValue) });
export type ScorecardInput = z.input<typeof ScorecardInput>;

/** A lead's scorecard: the values, the result, and the scheme it was scored on. */
export const Scorecard = z.object({
  values: z.record(z.string(), scoreValue),
  score: z.number(),
  maxScore: z.number(),
  passed: z.boolean(),
  criteria: z.array(z.object({ key: z.string(), name: z.string(), points: z.number(), passed: z.boolean() })),
  /** Required criteria that failed (一票否决) and criteria without a value. */
  failedRequired: z.array(z.string()),
  missing: z.array(z.string()),
  scheme: ScreeningSchemeInput,
  scoredByName: z.string().nullable(),
  scoredAt: z.string(),
});
export type Scorecard = z.infer<typeof Scorecard>;

/** GET /leads/:id/scorecard: the zone's scheme now, the lead's scorecard if any, what can be prefilled. */
export const ScorecardView = z.object({
  scheme: ScreeningSchemeInput,
  scorecard: Scorecard.nullable(),
  /** 投资强度 (万元/亩) from the lead's planned investment ÷ land, rounded to 2 decimals; null without land. */
  prefill: z.object({ intensity: z.number().nullable() }),
  canEdit: z.boolean(),
});
export type ScorecardView = z.infer<typeof ScorecardView>;

// ---- the lead's page

/** What a move to a stage needs from the user, or why the actor may not make it. */
export const LeadMoveNeed = z.enum(["lostReason", "note", "override", "signedAmount", "enterprise", "project"]);
export const LeadMoveOption = z.object({
  to: LeadStage,
  needs: z.array(LeadMoveNeed),
  /** Why the actor cannot make this move (e.g. SCREENING_REQUIRED for an officer without a passing scorecard). */
  refusal: z.string().nullable(),
});
export type LeadMoveOption = z.infer<typeof LeadMoveOption>;

const Named = z.object({ id: z.string(), name: z.string().nullable() });

export const Lead = LeadSummary.extend({
  investorRegionCode: z.string().nullable(),
  investorRegionName: z.string().nullable(),
  industryName: z.string().nullable(),
  landMu: z.string().nullable(),
  jobs: z.number().int().nullable(),
  lostReason: LostReason.nullable(),
  lostNote: z.string().nullable(),
  notes: z.string().nullable(),
  target: Named.nullable(),
  trip: Named.nullable(),
  project: Named.extend({ code: z.string().nullable() }).nullable(),
  registeredEnterprise: Named.nullable(),
  history: z.array(LeadStageChange),
  daysInStages: z.array(z.object({ stage: LeadStage, days: z.number().int() })),
  scorecard: Scorecard.nullable(),
  activities: z.array(LeadActivity),
  /** The moves the actor may make (empty when they only read). */
  moves: z.array(LeadMoveOption),
  canEdit: z.boolean(),
  canOverride: z.boolean(),
  createdAt: z.string(),
});
export type Lead = z.infer<typeof Lead>;

/** The pickers of the lead form. */
export const LeadOptions = z.object({
  units: z.array(Named),
  /** Staff who may be a lead's officer, with their unit. */
  officers: z.array(Named.extend({ unitId: z.string().nullable(), unitName: z.string().nullable() })),
  leaders: z.array(Named),
  chains: z.array(
    Named.extend({
      links: z.array(
        z.object({ id: z.string(), name: z.string(), segment: z.string(), parentId: z.string().nullable() }),
      ),
    }),
  ),
  /** Units the actor may put a lead under. */
  allowedUnitIds: z.array(z.string()),
});
export type LeadOptions = z.infer<typeof LeadOptions>;

/** What the lead form starts from when it comes from a chain target (一键转为线索) or a trip. */
export const LeadPrefillQuery = z.object({ targetId: z.uuid().optional(), tripId: z.uuid().optional() });
export const LeadPrefill = z.object({
  target: z
    .object({
      id: z.string(),
      name: z.string(),
      creditCode: z.string().nullable(),
      regionCode: z.string().nullable(),
      chainLinkId: z.string(),
      chainLinkName: z.string(),
      chainName: z.string(),
      /** The lead already created from it, if any (a target gives one lead). */
      leadId: z.string().nullable(),
    })
    .nullable(),
  trip: z.object({ id: z.string(), label: z.string() }).nullable(),
});
export type LeadPrefill = z.infer<typeof LeadPrefill>;

// ---- the Excel import (招商项目台账)

/** What a lead import answered: every row created (with the codes given), or nothing and every problem found. */
export const LeadImportResult = z.object({
  /** done: every row checked and created; rejected: some row is wrong and nothing was written. */
  status: z.enum(["done", "rejected"]),
  totalRows: z.number().int(),
  createdRows: z.number().int(),
  /** The codes of the leads created, in the file's order. */
  codes: z.array(z.string()),
  problems: z.array(ImportProblem),
});
export type LeadImportResult = z.infer<typeof LeadImportResult>;
