import { z } from "zod";
import { IsoDate, i18n } from "./common.ts";

export const FIGURES_GROUPS = ["unit", "category", "officer", "month"] as const;
export type FiguresGroup = (typeof FIGURES_GROUPS)[number];

/** The longest period the figures cover in one request, in days (a little over three years). */
export const FIGURES_MAX_DAYS = 1100;

/**
 * The cases received from `from` to `to` (China dates, both included); empty: this year. `groupBy` names the
 * breakdown of `rows`: owner unit, category, owner officer or month of receipt.
 */
export const ServiceFiguresQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    groupBy: z.enum(FIGURES_GROUPS).default("unit"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    ...i18n("结束日期不能早于开始日期", "The end date cannot be before the start date"),
  })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < FIGURES_MAX_DAYS, {
    path: ["to"],
    ...i18n("统计期间最长三年", "The period can be at most three years"),
  });
export type ServiceFiguresQuery = z.input<typeof ServiceFiguresQuery>;

const figures = {
  /** 受理数: cases received in the period. */
  received: z.number().int(),
  /** Accepted at or before the acceptance due time. */
  acceptedInTime: z.number().int(),
  /** 已办结 now. */
  closed: z.number().int(),
  /** Closed, and replied at or before the resolve due time. */
  closedOnTime: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  /** Cases with a reply, over which the average handling time is taken. */
  handled: z.number().int(),
  /** 重办: reopened at least once. */
  reopened: z.number().int(),
  /** 兜底: sent to 兜底办. */
  escalated: z.number().int(),
  /** 响应率 = acceptedInTime ÷ received, 0…1 unrounded; null when the denominator is 0. */
  responseRate: z.number().nullable(),
  /** 办结率 = closed ÷ received. */
  closeRate: z.number().nullable(),
  /** 按期办结率 = closedOnTime ÷ closed. */
  onTimeRate: z.number().nullable(),
  /** 满意率 = (satisfied + basicallySatisfied) ÷ rated. */
  satisfactionRate: z.number().nullable(),
  /** 平均办理用时: working days from receipt to reply, averaged; unrounded. */
  averageHandlingDays: z.number().nullable(),
};

export const FiguresTotals = z.object(figures);
export type FiguresTotals = z.infer<typeof FiguresTotals>;

export const FiguresRow = z.object({
  /** The unit, officer or category code, or the month (YYYY-MM); null: none (a case not yet dispatched). */
  key: z.string().nullable(),
  name: z.string().nullable(),
  ...figures,
});
export type FiguresRow = z.infer<typeof FiguresRow>;

export const ServiceFigures = z.object({
  from: IsoDate,
  to: IsoDate,
  groupBy: z.enum(FIGURES_GROUPS),
  /** Years of the period the working-day calendar has no data for (handling times count Monday–Friday there). */
  yearsWithoutCalendar: z.array(z.number().int()),
  totals: FiguresTotals,
  rows: z.array(FiguresRow),
});
export type ServiceFigures = z.infer<typeof ServiceFigures>;
