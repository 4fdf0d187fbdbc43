import { CASE_PRIORITIES, CASE_RATINGS, CASE_SOURCES, CASE_STATES, CASE_STEPS } from "@zoneos/domain/cases";
import { z } from "zod";
import { Attachment, AttachmentIds } from "./attachments.ts";
import { i18n, optionalText } from "./common.ts";

export const CaseState = z.enum(CASE_STATES);
export const CaseSource = z.enum(CASE_SOURCES);
export const CasePriority = z.enum(CASE_PRIORITIES);
export const CaseRating = z.enum(CASE_RATINGS);
export const CaseStepName = z.enum([...CASE_STEPS, "create", "auto_close", "auto_escalate"]);

/** A new case. An enterprise user files for its own enterprise from the portal; staff name the enterprise. */
export const CaseInput = z.object({
  source: CaseSource.default("hotline"),
  enterpriseId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  category: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  priority: CasePriority.default("normal"),
  /** The actor's own uploads to attach (POST /api/v1/attachments first). */
  attachmentIds: AttachmentIds,
});
export type CaseInput = z.input<typeof CaseInput>;

const comment = optionalText(2000);
const required = z.string().trim().min(1, i18n("请填写说明", "Please write a few words")).max(2000);
const version = z.number().int().min(1);
/** Files that come with the step (a reply's documents): the actor's own uploads. */
const attachmentIds = AttachmentIds;

/** One step on a case; `version` is the one the actor saw (a stale one gets 409). */
export const CaseStepInput = z.discriminatedUnion("step", [
  z.object({
    step: z.literal("dispatch"),
    version,
    unitId: z.uuid(),
    officerId: z.uuid().nullish(),
    comment,
    attachmentIds,
  }),
  z.object({ step: z.literal("accept"), version, comment, attachmentIds }),
  z.object({ step: z.literal("return"), version, comment: required, attachmentIds }),
  z.object({ step: z.literal("request_assist"), version, unitId: z.uuid(), comment, attachmentIds }),
  z.object({ step: z.literal("reply"), version, comment: required, attachmentIds }),
  z.object({ step: z.literal("rate"), version, rating: CaseRating, comment, attachmentIds }),
  z.object({ step: z.literal("escalate"), version, comment, attachmentIds }),
  z.object({ step: z.literal("remind"), version, comment, attachmentIds }),
  z.object({ step: z.literal("supervise"), version, on: z.boolean(), comment, attachmentIds }),
  z.object({ step: z.literal("close"), version, comment, attachmentIds }),
]);
export type CaseStepInput = z.input<typeof CaseStepInput>;

export const CASE_VIEWS = ["all", "mine", "unit", "escalated"] as const;

export const CaseListQuery = z.object({
  /** mine: an officer's to-do; unit: the unit's queue; escalated: 兜底办's list. Each holds open cases only. */
  view: z.enum(CASE_VIEWS).default("all"),
  q: z.string().trim().max(100).optional(),
  state: CaseState.optional(),
  category: z.string().trim().max(40).optional(),
  source: CaseSource.optional(),
  enterpriseId: z.uuid().optional(),
  ownerUnitId: z.uuid().optional(),
  overdue: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const CaseSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  source: CaseSource,
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  category: z.string(),
  categoryName: z.string().nullable(),
  title: z.string(),
  priority: CasePriority,
  state: CaseState,
  ownerUnitId: z.uuid().nullable(),
  ownerUnitName: z.string().nullable(),
  ownerOfficerId: z.uuid().nullable(),
  ownerOfficerName: z.string().nullable(),
  receivedAt: z.string(),
  acceptDueAt: z.string(),
  resolveDueAt: z.string(),
  /** The deadline that counts now (acceptance, then resolution); null once replied. */
  nextDueAt: z.string().nullable(),
  /** Derived from now and the working-day calendar, never stored. */
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  escalated: z.boolean(),
  supervised: z.boolean(),
  reopenCount: z.number().int(),
  rating: CaseRating.nullable(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseList = z.object({ items: z.array(CaseSummary), total: z.number().int() });

export const CaseHistoryItem = z.object({
  /** The step's id: attachments that came with it carry it as `stepId`. */
  id: z.uuid(),
  step: CaseStepName,
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  comment: z.string().nullable(),
  fromState: CaseState.nullable(),
  toState: CaseState,
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const Case = CaseSummary.extend({
  description: z.string(),
  dispatcherUnitId: z.uuid().nullable(),
  assistUnits: z.array(z.object({ id: z.uuid(), name: z.string().nullable() })),
  acceptedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  remindCount: z.number().int(),
  createdBy: z.uuid().nullable(),
  /** The steps the current user may take now. */
  allowedSteps: z.array(z.enum(CASE_STEPS)),
  history: z.array(CaseHistoryItem),
  /** Files of the case and of its steps, oldest first; served only to those who may see the case. */
  attachments: z.array(Attachment),
});
export type Case = z.infer<typeof Case>;

/** A category of cases with its SLA in working days (acceptDays 0 = the same working day, 事不过夜). */
export const CaseCategory = z.object({
  code: z.string(),
  name: z.string(),
  acceptDays: z.number().int(),
  resolveDays: z.number().int(),
  escalateAfterDays: z.number().int(),
  active: z.boolean(),
});
export type CaseCategory = z.infer<typeof CaseCategory>;

export const CaseCategoryUpdate = z.object({
  name: z.string().trim().min(1).max(40),
  acceptDays: z.number().int().min(0).max(30),
  resolveDays: z.number().int().min(0).max(365),
  escalateAfterDays: z.number().int().min(0).max(60),
  active: z.boolean().default(true),
});

export const CaseCategoryList = z.object({ items: z.array(CaseCategory) });
