import {
  APPROVAL_STAGES,
  PROJECT_LEVELS,
  PROJECT_STAGES,
  PROJECT_TYPES,
  SCHEDULE_GRANULARITIES,
} from "@zoneos/domain/projects";
import { z } from "zod";
import { Attachment, AttachmentIds } from "./attachments.ts";
import { CaseSummary } from "./cases.ts";
import { decimal, i18n, optionalText } from "./common.ts";
import { CreditCode, IndustryCode } from "./enterprises.ts";
import { AssignmentProblem } from "./visits.ts";

export const ProjectType = z.enum(PROJECT_TYPES);
export const ProjectLevel = z.enum(PROJECT_LEVELS);
export const ProjectStage = z.enum(PROJECT_STAGES);
export const ApprovalStage = z.enum(APPROVAL_STAGES);
export const ScheduleGranularity = z.enum(SCHEDULE_GRANULARITIES);

const isoDate = z.iso.date();
const optionalDate = isoDate.nullish().transform((v) => v ?? null);
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
const month = z.coerce.number().int().min(1).max(12);
const year = z.coerce.number().int().min(2000).max(2100);

// ---- projects

/** A new owner enterprise entered with the project (it is added to the registry in the same transaction). */
export const NewOwnerInput = z.object({ creditCode: CreditCode, name: z.string().trim().min(2).max(200) });

/** What the form or an import row gives to create a project (重大项目). */
export const ProjectInput = z
  .object({
    name: z.string().trim().min(2).max(200),
    /** Empty: the platform numbers it XM2026-001 (the year of entry and a running count). */
    code: optionalText(40),
    ownerEnterpriseId: optionalUuid,
    newOwner: NewOwnerInput.nullish().transform((v) => v ?? null),
    totalInvestmentWan: requiredWan,
    type: ProjectType,
    level: ProjectLevel,
    parkUnitId: optionalUuid,
    industryCode: IndustryCode.nullish().transform((v) => v ?? null),
    stage: ProjectStage,
    plannedStartOn: optionalDate,
    plannedCompletionOn: optionalDate,
    actualStartOn: optionalDate,
    actualCompletionOn: optionalDate,
    /** 领导挂钩: a leader of the zone. */
    leaderId: optionalUuid,
    /** The responsible unit: it reports the project every month. */
    unitId: z.uuid(),
    /** 专班: staff of the zone. */
    memberIds: z.array(z.uuid()).max(50).default([]),
    location: optionalText(300),
  })
  .refine((p) => (p.ownerEnterpriseId ? 1 : 0) + (p.newOwner ? 1 : 0) === 1, {
    path: ["ownerEnterpriseId"],
    ...i18n("请选择业主企业，或新录入一家企业", "Choose the owner enterprise or enter a new one"),
  });
export type ProjectInput = z.input<typeof ProjectInput>;

export const ProjectUpdate = ProjectInput.safeExtend({ version: z.number().int().min(1) });
export type ProjectUpdate = z.input<typeof ProjectUpdate>;

export const ScheduleFigures = z.object({
  planWan: z.string().nullable(),
  completedYtdWan: z.string(),
  /** 年度投资完成率 in percent, one decimal; null without a plan (or a plan of 0). */
  completionPercent: z.number().nullable(),
  /** 序时进度 in percent, one decimal. */
  elapsedPercent: z.number(),
  /** 超(+)/慢(−)序时进度, percentage points, one decimal, from unrounded values. */
  pointsAhead: z.number().nullable(),
  /** More than the zone's threshold behind. */
  behind: z.boolean(),
});
export type ScheduleFigures = z.infer<typeof ScheduleFigures>;

const Named = z.object({ id: z.string(), name: z.string().nullable() });

/** A row of the project board for one period (a year and a month). */
export const ProjectSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  ownerEnterpriseId: z.string(),
  ownerName: z.string().nullable(),
  totalInvestmentWan: z.string(),
  type: ProjectType,
  level: ProjectLevel,
  stage: ProjectStage,
  parkUnitId: z.string().nullable(),
  parkName: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  plannedStartOn: z.string().nullable(),
  actualStartOn: z.string().nullable(),
  /** The year's plan in force for the period's month (null: not in the year's plan). */
  schedule: ScheduleFigures,
  /** Completed in the period's month; null when the month is not reported. */
  monthCompletedWan: z.string().nullable(),
  /** Completed since the project began, up to the period. */
  cumulativeWan: z.string(),
  /** cumulative ÷ total investment, percent one decimal. */
  totalPercent: z.number().nullable(),
  newStartPlanned: z.boolean(),
  newStartMonth: z.number().int().nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const BOARD_SORTS = [
  "code",
  "-pointsAhead",
  "pointsAhead",
  "-completion",
  "-planWan",
  "-totalInvestmentWan",
] as const;

/** Filters of the board, the export and "my projects". */
export const ProjectFilter = z.object({
  year: year.optional(),
  month: month.optional(),
  q: z.string().trim().max(100).optional(),
  level: ProjectLevel.optional(),
  stage: ProjectStage.optional(),
  type: ProjectType.optional(),
  unitId: z.uuid().optional(),
  leaderId: z.uuid().optional(),
  parkUnitId: z.uuid().optional(),
  /** leader: projects the user is the responsible leader of; unit: of the user's unit; member: of their 专班. */
  mine: z.enum(["leader", "unit", "member"]).optional(),
  /** Only projects more than the threshold behind. */
  behind: z.enum(["true", "false"]).optional(),
  /** Only projects in the year's plan (the default) or all. */
  planned: z.enum(["true", "false"]).default("true"),
  sort: z.enum(BOARD_SORTS).default("code"),
});
export type ProjectFilter = z.input<typeof ProjectFilter>;
export const ProjectBoardQuery = ProjectFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const StartRateFigures = z.object({
  started: z.number().int(),
  plannedAnnual: z.number().int(),
  plannedToDate: z.number().int(),
  annualPercent: z.number().nullable(),
  toDatePercent: z.number().nullable(),
});

export const ProjectBoard = z.object({
  period: z.object({
    year: z.number().int(),
    month: z.number().int(),
    granularity: ScheduleGranularity,
    /** The date 序时进度 is taken at (day granularity). */
    asOf: z.string(),
    elapsedPercent: z.number(),
    behindThresholdPoints: z.number(),
  }),
  /** Over every project the filters select (not only the page). */
  totals: z.object({
    projects: z.number().int(),
    /** Of them, those in the year's plan: the group's schedule sums these (with 含未列入年度计划 the rest only count). */
    plannedProjects: z.number().int(),
    schedule: ScheduleFigures,
    startRate: StartRateFigures,
    behindCount: z.number().int(),
    /** Projects whose month is reported. */
    reportedCount: z.number().int(),
    totalInvestmentWan: z.string(),
  }),
  items: z.array(ProjectSummary),
  total: z.number().int(),
});
export type ProjectBoard = z.infer<typeof ProjectBoard>;

export const Milestone = z.object({ month, text: z.string().trim().min(1).max(200) });

/** A version of a year's plan amount: the first from January, a mid-year change (年中调整) from its month. */
export const PlanVersion = z.object({
  fromMonth: z.number().int(),
  planWan: z.string(),
  reason: z.string().nullable(),
  changedAt: z.string(),
  changedByName: z.string().nullable(),
});

export const AnnualPlan = z.object({
  year: z.number().int(),
  versions: z.array(PlanVersion),
  newStartPlanned: z.boolean(),
  newStartMonth: z.number().int().nullable(),
  milestones: z.array(Milestone),
});
export type AnnualPlan = z.infer<typeof AnnualPlan>;

/** Sets a year's plan: the amount from `fromMonth` (1 = the plan itself; later = a mid-year change, reason required). */
export const AnnualPlanInput = z
  .object({
    planWan: requiredWan,
    fromMonth: month.default(1),
    reason: optionalText(500),
    newStartPlanned: z.boolean().default(false),
    newStartMonth: month.nullish().transform((v) => v ?? null),
    milestones: z.array(Milestone).max(24).default([]),
  })
  .refine((p) => p.fromMonth === 1 || p.reason, {
    path: ["reason"],
    ...i18n("年中调整计划须说明原因", "A mid-year change needs a reason"),
  })
  .refine((p) => !p.newStartPlanned || p.newStartMonth !== null, {
    path: ["newStartMonth"],
    ...i18n("计划新开工项目须填写计划开工月份", "A planned new start needs its month"),
  });
export type AnnualPlanInput = z.input<typeof AnnualPlanInput>;

export const MonthlyReport = z.object({
  year: z.number().int(),
  month: z.number().int(),
  completedWan: z.string(),
  /** The year to date up to and including this month. */
  completedYtdWan: z.string(),
  /** The plan in force for the month. */
  planWan: z.string().nullable(),
  progress: z.string().nullable(),
  problems: z.string().nullable(),
  attachments: z.array(Attachment),
  reportedByName: z.string().nullable(),
  reportedAt: z.string(),
  version: z.number().int(),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

export const Project = ProjectSummary.extend({
  /** The period the schedule figures are for: the latest month whose reporting window has closed (as the board). */
  period: z.object({ year: z.number().int(), month: z.number().int() }),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  plannedCompletionOn: z.string().nullable(),
  actualCompletionOn: z.string().nullable(),
  members: z.array(Named),
  location: z.string().nullable(),
  plans: z.array(AnnualPlan),
  /** Every month reported, latest first. */
  reports: z.array(MonthlyReport),
  caseCount: z.number().int(),
  visitCount: z.number().int(),
  canEdit: z.boolean(),
  canReport: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Project = z.infer<typeof Project>;

export const ProjectCases = z.object({ items: z.array(CaseSummary) });

export const ProjectOptions = z.object({
  units: z.array(Named),
  parks: z.array(Named),
  leaders: z.array(Named),
  staff: z.array(Named.extend({ unitName: z.string().nullable() })),
});

// ---- monthly reporting

export const MonthState = z.enum(["not_open", "open", "locked", "reopened"]);

/** A problem raised in a report: it becomes a case (category 项目问题) with the project as its subject. */
export const ReportProblemInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
});

/** A project's report of one month: the month's completed investment, not the year to date. */
export const MonthlyReportInput = z.object({
  completedWan: requiredWan,
  progress: optionalText(2000),
  problems: optionalText(2000),
  /** Problems to register as cases now. */
  newProblems: z.array(ReportProblemInput).max(10).default([]),
  /** Photos of the site (形象进度). */
  attachmentIds: AttachmentIds,
  /** The version seen when changing an existing report (stale: 409). */
  version: z.number().int().min(1).optional(),
});
export type MonthlyReportInput = z.input<typeof MonthlyReportInput>;

export const ReportSheetQuery = z.object({ year, month, unitId: z.uuid().optional() });

export const ReportSheetRow = z.object({
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  unitName: z.string().nullable(),
  planWan: z.string().nullable(),
  /** Year to date before this month. */
  completedBeforeWan: z.string(),
  report: MonthlyReport.nullable(),
  canReport: z.boolean(),
});

/** The projects a user reports for a month, with the month's state for their unit. */
export const ReportSheet = z.object({
  year: z.number().int(),
  month: z.number().int(),
  state: MonthState,
  /** The last day of the window (inclusive). */
  closesOn: z.string(),
  reopenedUntil: z.string().nullable(),
  items: z.array(ReportSheetRow),
});
export type ReportSheet = z.infer<typeof ReportSheet>;

export const ReopenInput = z.object({
  unitId: z.uuid(),
  year,
  month,
  reason: z.string().trim().min(2).max(500),
  /** Inclusive; at most 31 days ahead. */
  until: isoDate,
});
export const Reopening = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  year: z.number().int(),
  month: z.number().int(),
  reason: z.string(),
  until: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export const ReopeningList = z.object({ items: z.array(Reopening) });

export const ReportImportResult = z.object({
  status: z.enum(["done", "rejected"]),
  totalRows: z.number().int(),
  changedRows: z.number().int(),
  unchangedRows: z.number().int(),
  problems: z.array(AssignmentProblem),
});
export type ReportImportResult = z.infer<typeof ReportImportResult>;

export const ProjectImportResult = ReportImportResult;

// ---- approvals

const approvalDate = isoDate
  .refine((d) => d >= "2000-01-01", i18n("日期应在 2000 年之后", "The date must be in 2000 or later"))
  .nullish()
  .transform((v) => v ?? null);

export const ApprovalItemInput = z
  .object({
    stage: ApprovalStage,
    name: z.string().trim().min(1).max(100),
    /** The department responsible (a unit of the zone or an outside body by name). */
    departmentUnitId: optionalUuid,
    department: optionalText(100),
    appliedOn: approvalDate,
    approvedOn: approvalDate,
    limitWorkingDays: z.coerce
      .number()
      .int()
      .min(0)
      .max(365)
      .nullish()
      .transform((v) => v ?? null),
    note: optionalText(500),
  })
  .refine((a) => !a.approvedOn || (a.appliedOn && a.approvedOn >= a.appliedOn), {
    path: ["approvedOn"],
    ...i18n("办结日期应不早于申请日期（须先填申请日期）", "Approved on must not precede applied on (fill that first)"),
  });
export type ApprovalItemInput = z.input<typeof ApprovalItemInput>;

export const ApprovalItem = z.object({
  id: z.string(),
  stage: ApprovalStage,
  name: z.string(),
  departmentUnitId: z.string().nullable(),
  department: z.string(),
  appliedOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  limitWorkingDays: z.number().int().nullable(),
  note: z.string().nullable(),
  elapsedWorkingDays: z.number().int().nullable(),
  pending: z.boolean(),
  overLimit: z.boolean(),
});

export const ApprovalStageFigures = z.object({
  stage: ApprovalStage,
  elapsedWorkingDays: z.number().int(),
  items: z.number().int(),
  pending: z.number().int(),
  overLimit: z.number().int(),
});

export const ProjectApprovals = z.object({
  items: z.array(ApprovalItem),
  stages: z.array(ApprovalStageFigures),
  totalWorkingDays: z.number().int(),
  targetWorkingDays: z.number().int(),
  overTarget: z.boolean(),
  /** The calendar has no data for a year the items cover (counted Monday–Friday). */
  calendarMissingYears: z.array(z.number().int()),
});
export type ProjectApprovals = z.infer<typeof ProjectApprovals>;

export const BottleneckRow = z.object({
  key: z.string(),
  items: z.number().int(),
  pending: z.number().int(),
  overLimit: z.number().int(),
  averageWorkingDays: z.number().nullable(),
  maxWorkingDays: z.number().nullable(),
});
export const ApprovalBottlenecks = z.object({
  asOf: z.string(),
  byDepartment: z.array(BottleneckRow),
  byItem: z.array(BottleneckRow),
  /** Projects whose total is over the zone's target. */
  projectsOverTarget: z.number().int(),
  projects: z.number().int(),
  targetWorkingDays: z.number().int(),
});
export type ApprovalBottlenecks = z.infer<typeof ApprovalBottlenecks>;

export const ApprovalCatalogue = z.object({
  items: z.array(z.object({ stage: ApprovalStage, name: z.string(), limitWorkingDays: z.number().int() })),
});

// ---- settings

export const ProjectSettings = z.object({
  granularity: ScheduleGranularity,
  behindThresholdPoints: z.number().min(0).max(100),
  reportDeadlineDay: z.number().int().min(1).max(31),
  approvalTargetWorkingDays: z.number().int().min(1).max(1000),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;
