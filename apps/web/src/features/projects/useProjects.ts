import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import type { z } from "zod";
import { api, type QueryParams } from "../../app/api.ts";
import type { AuditList } from "../../app/types.ts";

/** Types of the project API; type-only, so no schema enters the bundle. */
export type Project = C.Project;
export type ProjectSummary = C.ProjectSummary;
export type ProjectBoard = C.ProjectBoard;
export type ProjectInput = C.ProjectInput;
export type ProjectUpdate = C.ProjectUpdate;
export type ScheduleFigures = C.ScheduleFigures;
export type AnnualPlan = C.AnnualPlan;
export type AnnualPlanInput = C.AnnualPlanInput;
export type MonthlyReport = C.MonthlyReport;
export type MonthlyReportInput = C.MonthlyReportInput;
export type ReportSheet = C.ReportSheet;
export type ReportSheetRow = ReportSheet["items"][number];
export type ReportImportResult = C.ReportImportResult;
export type ProjectImportResult = z.infer<typeof C.ProjectImportResult>;
export type ProjectApprovals = C.ProjectApprovals;
export type ApprovalItem = ProjectApprovals["items"][number];
export type ApprovalItemInput = C.ApprovalItemInput;
export type ApprovalBottlenecks = C.ApprovalBottlenecks;
export type BottleneckRow = ApprovalBottlenecks["byDepartment"][number];
export type ApprovalCatalogue = z.infer<typeof C.ApprovalCatalogue>;
export type ProjectSettings = C.ProjectSettings;
export type ProjectOptions = z.infer<typeof C.ProjectOptions>;
export type ProjectCases = z.infer<typeof C.ProjectCases>;
export type Reopening = z.infer<typeof C.Reopening>;
export type ReopeningList = z.infer<typeof C.ReopeningList>;
export type ReopenInput = z.input<typeof C.ReopenInput>;
export type MonthState = ReportSheet["state"];
export type ProjectLevel = ProjectSummary["level"];
export type ProjectStage = ProjectSummary["stage"];
export type ProjectType = ProjectSummary["type"];
export type ApprovalStage = ApprovalItem["stage"];
export type BoardSort = (typeof C.BOARD_SORTS)[number];
export type Mine = NonNullable<C.ProjectFilter["mine"]>;

/** BOARD_SORTS of the contracts (kept here so the board chunk does not load the contracts' schemas). */
export const BOARD_SORTS = [
  "code",
  "-pointsAhead",
  "pointsAhead",
  "-completion",
  "-planWan",
  "-totalInvestmentWan",
] as const satisfies readonly BoardSort[];

/** The board's filters as they stand in the URL (also those of the export). */
export type BoardFilters = {
  year?: number;
  month?: number;
  q?: string;
  level?: ProjectLevel;
  stage?: ProjectStage;
  type?: ProjectType;
  unitId?: string;
  leaderId?: string;
  parkUnitId?: string;
  mine?: Mine;
  behind?: "true";
  planned?: "false";
  sort?: BoardSort;
};
export type BoardParams = BoardFilters & { page: number; pageSize: number };

export type ReportSheetParams = { year: number; month: number; unitId?: string };

export const projectKeys = {
  all: ["projects"] as const,
  board: (p: BoardParams) => ["projects", "board", p] as const,
  options: ["projects", "options"] as const,
  settings: ["projects", "settings"] as const,
  detail: (id: string) => ["projects", "detail", id] as const,
  history: (id: string) => ["projects", "history", id] as const,
  cases: (id: string) => ["projects", "cases", id] as const,
  approvals: (id: string) => ["projects", "approvals", id] as const,
  catalogue: ["projects", "approval-catalogue"] as const,
  bottlenecks: ["projects", "bottlenecks"] as const,
  reportSheet: (p: ReportSheetParams) => ["projects", "report-sheet", p] as const,
  reopenings: (year: number, month: number) => ["projects", "reopenings", year, month] as const,
};

export function useProjectBoard(params: BoardParams) {
  return useQuery({
    queryKey: projectKeys.board(params),
    queryFn: ({ signal }) => api.get<ProjectBoard>("/projects", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Units, parks, leaders and staff to choose from (filters and forms). */
export function useProjectOptions(enabled = true) {
  return useQuery({
    queryKey: projectKeys.options,
    queryFn: ({ signal }) => api.get<ProjectOptions>("/projects/options", undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useProjectSettings(enabled = true) {
  return useQuery({
    queryKey: projectKeys.settings,
    queryFn: ({ signal }) => api.get<ProjectSettings>("/projects/settings", undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<Project>(`/projects/${id}`, undefined, signal),
    enabled: !!id,
    meta: { quiet: true },
    staleTime: 0,
  });
}

export function useProjectHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.history(id),
    queryFn: ({ signal }) => api.get<AuditList>(`/projects/${id}/history`, { pageSize: 200 }, signal),
    enabled,
    staleTime: 0,
  });
}

export function useProjectCases(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.cases(id),
    queryFn: ({ signal }) => api.get<ProjectCases>(`/projects/${id}/cases`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}

export function useProjectApprovals(id: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.approvals(id),
    queryFn: ({ signal }) => api.get<ProjectApprovals>(`/projects/${id}/approvals`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}

/** Typical approval items per stage with their limits (for the item form's name). */
export function useApprovalCatalogue(enabled = true) {
  return useQuery({
    queryKey: projectKeys.catalogue,
    queryFn: ({ signal }) => api.get<ApprovalCatalogue>("/project-approvals/catalogue", undefined, signal),
    staleTime: 30 * 60_000,
    enabled,
  });
}

/** Approval bottlenecks over the projects in the user's scope, as of today. */
export function useApprovalBottlenecks() {
  return useQuery({
    queryKey: projectKeys.bottlenecks,
    queryFn: ({ signal }) => api.get<ApprovalBottlenecks>("/project-approvals/bottlenecks", undefined, signal),
    staleTime: 0,
  });
}

export function useReportSheet(params: ReportSheetParams) {
  return useQuery({
    queryKey: projectKeys.reportSheet(params),
    queryFn: ({ signal }) => api.get<ReportSheet>("/project-reports", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useReopenings(year: number, month: number, enabled = true) {
  return useQuery({
    queryKey: projectKeys.reopenings(year, month),
    queryFn: ({ signal }) => api.get<ReopeningList>("/project-reports/reopenings", { year, month }, signal),
    enabled,
    staleTime: 0,
  });
}
