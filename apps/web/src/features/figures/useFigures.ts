import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { api } from "../../app/api.ts";
import { type Lang, useI18n } from "../../app/i18n.ts";

/** Types of the figures API; type-only, so no schema enters the bundle. */
export type ServiceFigures = C.ServiceFigures;
export type FiguresRow = C.FiguresRow;
export type FiguresTotals = C.FiguresTotals;
export type FiguresGroup = C.FiguresGroup;

export const GROUPS: readonly FiguresGroup[] = ["unit", "category", "officer", "month"];

export interface FiguresPeriod {
  from: string;
  to: string;
}

export const figuresKeys = {
  service: (p: FiguresPeriod, groupBy: FiguresGroup) => ["figures", "service", p.from, p.to, groupBy] as const,
};

export function useServiceFigures(p: FiguresPeriod, groupBy: FiguresGroup) {
  return useQuery({
    queryKey: figuresKeys.service(p, groupBy),
    queryFn: ({ signal }) => api.get<ServiceFigures>("/figures/service", { ...p, groupBy }, signal),
    placeholderData: keepPreviousData,
  });
}

const zh = {
  title: "服务数据",
  period: "统计期间",
  groupBy: "分组",
  "group.unit": "承办单位",
  "group.category": "诉求类别",
  "group.officer": "承办人",
  "group.month": "月份",
  export: "导出 Excel",
  received: "受理数",
  responseRate: "响应率",
  closeRate: "办结率",
  onTimeRate: "按期办结率",
  satisfactionRate: "满意率",
  averageHandlingDays: "平均办理用时(工作日)",
  reopened: "重办",
  escalated: "兜底",
  closed: "办结数",
  acceptedInTime: "按时受理",
  closedOnTime: "按期办结",
  rated: "评价数",
  total: "合计",
  trend: "月度趋势（受理与办结）",
  byCategory: "按诉求类别",
  ranking: "单位排名（办结率、满意率）",
  noCalendar: "{years} 年没有工作日历数据，办理用时按周一至周五计算。",
  note: "统计期间内受理的诉求：响应率 = 按时受理 ÷ 受理；办结率 = 办结 ÷ 受理；按期办结率 = 在办结时限内答复并已办结 ÷ 办结；满意率 = (满意 + 基本满意) ÷ 已评价。分母为 0 时显示“—”。",
  days: "{n} 个工作日",
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: "Service figures",
  period: "Period",
  groupBy: "Group by",
  "group.unit": "Owner unit",
  "group.category": "Category",
  "group.officer": "Officer",
  "group.month": "Month",
  export: "Export to Excel",
  received: "Received",
  responseRate: "Response rate",
  closeRate: "Close rate",
  onTimeRate: "On-time rate",
  satisfactionRate: "Satisfaction",
  averageHandlingDays: "Avg. handling (working days)",
  reopened: "Reopened",
  escalated: "Escalated",
  closed: "Closed",
  acceptedInTime: "Accepted in time",
  closedOnTime: "Closed on time",
  rated: "Rated",
  total: "Total",
  trend: "Monthly trend (received and closed)",
  byCategory: "By category",
  ranking: "Units ranked (close rate, satisfaction)",
  noCalendar: "No working-day calendar for {years}: handling times count Monday–Friday.",
  note: "Cases received in the period. Response = accepted in time ÷ received; close = closed ÷ received; on time = replied within the deadline and closed ÷ closed; satisfaction = (satisfied + basically satisfied) ÷ rated. “—” where there is nothing to divide by.",
  days: "{n} working days",
};
const DICTIONARIES: Record<Lang, Record<Key, string>> = { "zh-CN": zh, "en-US": en };

/** The figures page's messages, kept beside the feature. */
export function useFiguresI18n() {
  const { lang } = useI18n();
  const tf = (key: Key, params?: Record<string, string | number>) =>
    DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (m, k: string) =>
      params?.[k] === undefined ? m : String(params[k]),
    );
  return { lang, tf };
}
