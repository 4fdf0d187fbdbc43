import { CASE_PRIORITIES } from "@zoneos/domain/cases";
import { VISIT_APPLIES_TO, VISIT_KINDS, VISIT_PERIODS } from "@zoneos/domain/visits";
import { z } from "zod";
import { CaseSummary } from "./cases.ts";
import { i18n, optionalText } from "./common.ts";

export const VisitKind = z.enum(VISIT_KINDS);
const isoDate = z.iso.date();

/** A demand raised on a visit: it becomes a case with source 'visit'. */
export const VisitDemandInput = z.object({
  category: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
  priority: z.enum(CASE_PRIORITIES).default("normal"),
});

/** A visit as recorded (the recorder is always one of the visitors; `visitedOn` may not be in the future). */
export const VisitInput = z
  .object({
    /** The enterprise visited; for a visit to a project (走访项目) it may be left out: the project's owner. */
    enterpriseId: z.uuid().optional(),
    /** A visit to a project: counts on the project; its owner enterprise is the enterprise visited. */
    projectId: z.uuid().optional(),
    visitedOn: isoDate,
    kind: VisitKind.default("routine"),
    visitorIds: z.array(z.uuid()).max(30).default([]),
    participants: optionalText(500),
    notes: z.string().trim().max(5000).default(""),
    demands: z.array(VisitDemandInput).max(10).default([]),
  })
  .refine((v) => v.enterpriseId || v.projectId, {
    path: ["enterpriseId"],
    ...i18n("请选择走访的企业或项目", "Choose the enterprise or project visited"),
  });
export type VisitInput = z.input<typeof VisitInput>;

/** A change of a visit by its recorder or an administrator; `version` is the one they saw (stale: 409). */
export const VisitUpdate = z.object({
  visitedOn: isoDate,
  kind: VisitKind,
  visitorIds: z.array(z.uuid()).max(30),
  participants: optionalText(500),
  notes: z.string().trim().max(5000).default(""),
  version: z.number().int().min(1),
});
export type VisitUpdate = z.input<typeof VisitUpdate>;

export const VisitListQuery = z.object({
  enterpriseId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  /** Visits on which this user went. */
  officerId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  kind: VisitKind.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const VisitFilter = VisitListQuery.omit({ page: true, pageSize: true });

const Person = z.object({ id: z.uuid(), name: z.string().nullable() });

export const VisitSummary = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string().nullable(),
  projectId: z.uuid().nullable(),
  projectName: z.string().nullable(),
  visitedOn: z.string(),
  kind: VisitKind,
  visitors: z.array(Person),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  participants: z.string().nullable(),
  /** Internal: null for enterprise users. */
  notes: z.string().nullable(),
  demandCount: z.number().int(),
  createdBy: z.uuid(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type VisitSummary = z.infer<typeof VisitSummary>;

export const VisitList = z.object({ items: z.array(VisitSummary), total: z.number().int() });

export const Visit = VisitSummary.extend({
  /** The cases raised on the visit. */
  demands: z.array(CaseSummary),
  /** Whether the current user may change it (the recorder or an administrator). */
  canEdit: z.boolean(),
});
export type Visit = z.infer<typeof Visit>;

/** What recording a visit answers: the visit with the cases its demands became. */
export const VisitCreated = Visit;

// ---- rules

export const VisitRuleSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: z.string().trim().min(1).max(60),
  appliesTo: z.enum(VISIT_APPLIES_TO),
  period: z.enum(VISIT_PERIODS),
  active: z.boolean().default(true),
});
export type VisitRuleItem = z.infer<typeof VisitRuleSchema>;
export const VisitRuleList = z.object({ items: z.array(VisitRuleSchema) });
/** The whole list of a zone's rules: rules left out are removed. */
export const VisitRulesUpdate = z.object({ items: z.array(VisitRuleSchema).max(20) });

// ---- assignments (挂点)

export const OfficerAssignmentInput = z.object({
  officerId: z.uuid().nullable(),
  /** The enterprise's version as seen; when given and stale, 409. */
  version: z.number().int().min(1).optional(),
});

export const OfficerAssignment = z.object({
  enterpriseId: z.uuid(),
  officerId: z.uuid().nullable(),
  officerName: z.string().nullable(),
  version: z.number().int(),
});

export const OfficerLoad = z.object({
  officerId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  enterpriseCount: z.number().int(),
  keyCount: z.number().int(),
});
export const AssignmentOverview = z.object({
  officers: z.array(OfficerLoad),
  /** Enterprises in scope without a service officer. */
  unassignedCount: z.number().int(),
});

export const AssignmentProblem = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export const AssignmentImportResult = z.object({
  /** done: every row checked and written; rejected: some row is wrong and nothing was written. */
  status: z.enum(["done", "rejected"]),
  totalRows: z.number().int(),
  changedRows: z.number().int(),
  unchangedRows: z.number().int(),
  problems: z.array(AssignmentProblem),
});
export type AssignmentImportResult = z.infer<typeof AssignmentImportResult>;

// ---- coverage

export const CoverageQuery = z.object({
  /** A period key (2026-03, 2026Q1, 2026H1, 2026) or a date (YYYY-MM-DD); empty: today. */
  period: z.string().trim().max(10).optional(),
});
export const UnvisitedQuery = CoverageQuery.extend({
  officerId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  /** "none": enterprises without a service officer. */
  unassigned: z.enum(["true", "false"]).optional(),
});

const Figures = {
  due: z.number().int(),
  visited: z.number().int(),
  /** visited ÷ due, unrounded; null when nothing is due. */
  rate: z.number().nullable(),
};

export const Coverage = z.object({
  /** The date coverage is judged at, and the period of each active rule that contains it. */
  referenceDate: z.string(),
  periodKey: z.string().nullable(),
  rules: z.array(
    z.object({ code: z.string(), name: z.string(), periodKey: z.string(), start: z.string(), end: z.string() }),
  ),
  total: z.object(Figures),
  officers: z.array(
    z.object({
      /** null: enterprises some rule requires but no officer serves. */
      officerId: z.uuid().nullable(),
      officerName: z.string().nullable(),
      unitId: z.uuid().nullable(),
      unitName: z.string().nullable(),
      ...Figures,
    }),
  ),
  units: z.array(z.object({ unitId: z.uuid().nullable(), unitName: z.string().nullable(), ...Figures })),
});
export type Coverage = z.infer<typeof Coverage>;

export const UnvisitedEnterprise = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  isKey: z.boolean(),
  officerId: z.uuid().nullable(),
  officerName: z.string().nullable(),
  unitName: z.string().nullable(),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** The latest visit ever, before the period. */
  lastVisitedOn: z.string().nullable(),
});
export const UnvisitedList = z.object({ items: z.array(UnvisitedEnterprise), total: z.number().int() });

export const VisitOptions = z.object({
  /** Staff who can be named as visitors. */
  staff: z.array(z.object({ id: z.uuid(), displayName: z.string(), unitName: z.string().nullable() })),
  /** Service officers (挂点干部) of the actor's scope. */
  officers: z.array(z.object({ id: z.uuid(), displayName: z.string(), unitName: z.string().nullable() })),
  units: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
