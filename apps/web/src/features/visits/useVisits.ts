import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import type { z } from "zod";
import { api, type QueryParams } from "../../app/api.ts";
import { type Lang, useI18n } from "../../app/i18n.ts";

/** Types of the visit API; type-only, so no schema enters the bundle. */
export type Visit = C.Visit;
export type VisitSummary = C.VisitSummary;
export type VisitInput = C.VisitInput;
export type VisitUpdate = C.VisitUpdate;
export type Coverage = C.Coverage;
export type AssignmentImportResult = C.AssignmentImportResult;
export type VisitList = z.infer<typeof C.VisitList>;
export type VisitOptions = z.infer<typeof C.VisitOptions>;
export type UnvisitedList = z.infer<typeof C.UnvisitedList>;
export type AssignmentOverview = z.infer<typeof C.AssignmentOverview>;
export type VisitKind = VisitSummary["kind"];

/** VISIT_KINDS of the domain (kept here so the chunk does not load the domain's tables). */
export const KINDS: readonly VisitKind[] = ["routine", "service_day", "director_day", "leader"];

export type VisitListParams = {
  enterpriseId?: string;
  /** The visits of a project (走访项目). */
  projectId?: string;
  officerId?: string;
  unitId?: string;
  kind?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export const visitKeys = {
  all: ["visits"] as const,
  list: (p: VisitListParams) => ["visits", "list", p] as const,
  detail: (id: string) => ["visits", "detail", id] as const,
  options: ["visits", "options"] as const,
  coverage: (period: string) => ["visits", "coverage", period] as const,
  unvisited: (p: QueryParams) => ["visits", "unvisited", p] as const,
  assignments: ["visits", "assignments"] as const,
};

export function useVisitList(params: VisitListParams, enabled = true) {
  return useQuery({
    queryKey: visitKeys.list(params),
    queryFn: ({ signal }) => api.get<VisitList>("/visits", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

export function useVisit(id: string | undefined) {
  return useQuery({
    queryKey: visitKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<Visit>(`/visits/${id}`, undefined, signal),
    enabled: !!id,
    meta: { quiet: true },
    staleTime: 0,
  });
}

export function useVisitOptions(enabled = true) {
  return useQuery({
    queryKey: visitKeys.options,
    queryFn: ({ signal }) => api.get<VisitOptions>("/visits/options", undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** "66.7%" for a rate; "—" when nothing is due. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

const zh = {
  "visits.title": "走访记录",
  "visits.new": "登记走访",
  "visits.export": "导出 Excel",
  "visits.coverage": "走访覆盖",
  "visits.assignments": "挂点管理",
  "visits.field.visitedOn": "走访日期",
  "visits.field.enterprise": "企业",
  "visits.field.kind": "走访类型",
  "visits.field.visitors": "走访人员",
  "visits.field.visitorsHint": "登记人自动计入走访人员",
  "visits.field.unit": "单位",
  "visits.field.participants": "企业参与人",
  "visits.field.notes": "走访情况",
  "visits.field.notesHint": "内部记录，企业用户不可见",
  "visits.field.demands": "企业诉求",
  "visits.field.demandCount": "诉求数",
  "visits.field.recordedBy": "登记人",
  "visits.filter.officer": "走访干部",
  "visits.filter.dates": "走访日期",
  "visits.demand.add": "添加诉求",
  "visits.demand.n": "诉求 {n}",
  "visits.demand.category": "类别",
  "visits.demand.title": "标题",
  "visits.demand.description": "诉求内容",
  "visits.demand.hint": "每条诉求将生成一件来源为“走访”的诉求，按类别时限办理（最多 10 条）。",
  "visits.submit": "提交",
  "visits.created": "已登记走访，生成诉求 {n} 件",
  "visits.empty": "暂无走访记录",
  "visits.detail.title": "走访详情",
  "visits.detail.noDemands": "本次走访未提出诉求",
  "visits.edit": "编辑走访",
  "visits.kind.routine": "日常走访",
  "visits.kind.service_day": "企业服务日",
  "visits.kind.director_day": "局长服务日",
  "visits.kind.leader": "领导带队",
  "coverage.title": "走访覆盖率",
  "coverage.period": "统计期",
  "coverage.reference": "截至 {date}",
  "coverage.rules": "走访规则",
  "coverage.total": "全区（本人范围）",
  "coverage.byOfficer": "按干部",
  "coverage.byUnit": "按单位",
  "coverage.officer": "干部",
  "coverage.unit": "单位",
  "coverage.due": "应走访",
  "coverage.visited": "已走访",
  "coverage.rate": "覆盖率",
  "coverage.unassigned": "（未挂点）",
  "coverage.unvisited": "未走访企业",
  "coverage.unvisitedOf": "未走访企业：{who}",
  "coverage.lastVisit": "最近走访",
  "coverage.periodKey": "考核期",
  "coverage.showUnvisited": "查看未走访",
  "coverage.note": "一家企业同时适用多条规则时只计一次，按最短周期（如重点企业按季度）判断是否已走访。",
  "assign.title": "挂点管理",
  "assign.officer": "干部",
  "assign.unit": "单位",
  "assign.count": "挂点企业",
  "assign.keyCount": "其中重点企业",
  "assign.unassigned": "范围内未挂点企业 {n} 家",
  "assign.enterprisesOf": "{name} 的挂点企业",
  "assign.pickOfficer": "请在左侧选择一名干部",
  "assign.change": "调整干部",
  "assign.remove": "取消挂点",
  "assign.saved": "已调整挂点干部",
  "assign.template": "下载模板",
  "assign.import": "Excel 批量挂点",
  "assign.importDone": "导入完成：调整 {changed} 家，未变 {unchanged} 家",
  "assign.importRejected": "文件中有 {n} 处错误，未写入任何数据。请修改后重新上传。",
  "ent.visits": "走访记录",
} as const;
export type VisitMessageKey = keyof typeof zh;

const en: Record<VisitMessageKey, string> = {
  "visits.title": "Visits",
  "visits.new": "Record a visit",
  "visits.export": "Export to Excel",
  "visits.coverage": "Visit coverage",
  "visits.assignments": "Officer assignments",
  "visits.field.visitedOn": "Date",
  "visits.field.enterprise": "Enterprise",
  "visits.field.kind": "Kind",
  "visits.field.visitors": "Visitors",
  "visits.field.visitorsHint": "The recorder is always one of the visitors",
  "visits.field.unit": "Unit",
  "visits.field.participants": "Enterprise participants",
  "visits.field.notes": "Notes",
  "visits.field.notesHint": "Internal; enterprise users do not see them",
  "visits.field.demands": "Demands",
  "visits.field.demandCount": "Demands",
  "visits.field.recordedBy": "Recorded by",
  "visits.filter.officer": "Visiting officer",
  "visits.filter.dates": "Dates",
  "visits.demand.add": "Add a demand",
  "visits.demand.n": "Demand {n}",
  "visits.demand.category": "Category",
  "visits.demand.title": "Title",
  "visits.demand.description": "Description",
  "visits.demand.hint": "Each demand becomes a case with source 'visit', due by its category's SLA (at most 10).",
  "visits.submit": "Submit",
  "visits.created": "Visit recorded; {n} cases registered",
  "visits.empty": "No visits",
  "visits.detail.title": "Visit",
  "visits.detail.noDemands": "No demands were raised on this visit",
  "visits.edit": "Edit visit",
  "visits.kind.routine": "Routine visit",
  "visits.kind.service_day": "Enterprise service day",
  "visits.kind.director_day": "Director's service day",
  "visits.kind.leader": "Leader-led visit",
  "coverage.title": "Visit coverage",
  "coverage.period": "Period",
  "coverage.reference": "As of {date}",
  "coverage.rules": "Visit rules",
  "coverage.total": "Total (your scope)",
  "coverage.byOfficer": "By officer",
  "coverage.byUnit": "By unit",
  "coverage.officer": "Officer",
  "coverage.unit": "Unit",
  "coverage.due": "Due",
  "coverage.visited": "Visited",
  "coverage.rate": "Coverage",
  "coverage.unassigned": "(no officer)",
  "coverage.unvisited": "Not yet visited",
  "coverage.unvisitedOf": "Not yet visited: {who}",
  "coverage.lastVisit": "Last visit",
  "coverage.periodKey": "Period",
  "coverage.showUnvisited": "Not visited",
  "coverage.note":
    "An enterprise under several rules counts once, judged by the shortest period (key enterprises: the quarter).",
  "assign.title": "Officer assignments",
  "assign.officer": "Officer",
  "assign.unit": "Unit",
  "assign.count": "Enterprises",
  "assign.keyCount": "Key",
  "assign.unassigned": "{n} enterprises in your scope have no officer",
  "assign.enterprisesOf": "Enterprises served by {name}",
  "assign.pickOfficer": "Choose an officer on the left",
  "assign.change": "Change officer",
  "assign.remove": "Unassign",
  "assign.saved": "Officer changed",
  "assign.template": "Download template",
  "assign.import": "Assign by Excel",
  "assign.importDone": "Done: {changed} changed, {unchanged} unchanged",
  "assign.importRejected": "The file has {n} problems; nothing was written. Fix them and upload again.",
  "ent.visits": "Visits",
};

const DICTIONARIES: Record<Lang, Record<VisitMessageKey, string>> = { "zh-CN": zh, "en-US": en };

/**
 * The visit pages' messages in the current language, with the app's own `t` for common keys. Kept beside the
 * feature so the shared dictionary in app/i18n.ts only holds the menu entries.
 */
export function useVisitI18n() {
  const { lang, t } = useI18n();
  const tv = (key: VisitMessageKey, params?: Record<string, string | number>) =>
    DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (m, k: string) =>
      params?.[k] === undefined ? m : String(params[k]),
    );
  return { lang, t, tv };
}
