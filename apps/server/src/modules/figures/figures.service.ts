import type { FiguresRow, FiguresTotals, ServiceFigures, ServiceFiguresQuery } from "@zoneos/contracts";
import { type CaseCounts, caseRatios, chinaDate, EMPTY_CASE_COUNTS, workingDayIndex } from "@zoneos/domain";
import type ExcelJS from "exceljs";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { safeCell, styleHeader, workbookBuffer } from "../../platform/excel.ts";
import { zoneCalendar } from "../calendar/calendar.service.ts";
import { countCaseFigures, type FiguresFilter, type FiguresGroupBy } from "./figures.queries.ts";

const DAY_MS = 86_400_000;
/** Days of the working-day index past the later of the period's end and today: replies up to now are counted. */
const INDEX_MARGIN_DAYS = 40;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** The instant a China date begins. */
const startOfChinaDay = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The period asked for: `from`…`to` (China dates, both included), by default the current year. */
function periodOf(q: z.output<typeof ServiceFiguresQuery>, now: Date): { from: string; to: string } {
  const year = chinaDate(now).slice(0, 4);
  return { from: q.from ?? `${year}-01-01`, to: q.to ?? `${year}-12-31` };
}

/** Admin and leader read the whole zone; a unit head the cases owned by their unit and the units below it. */
function ownerUnitsOf(ctx: RequestContext): string[] | undefined {
  const { actor } = ctx;
  if (actor.role === "admin" || actor.role === "leader") return undefined;
  if (actor.role === "unithead") return actor.unitSubtree;
  throw new AppError("FORBIDDEN");
}

function present(counts: CaseCounts): FiguresTotals {
  const { handlingDaysTotal: _total, ...rest } = counts;
  return { ...rest, ...caseRatios(counts) };
}

const NONE: Record<FiguresGroupBy, { "zh-CN": string; "en-US": string }> = {
  unit: { "zh-CN": "（待分派）", "en-US": "(not dispatched)" },
  officer: { "zh-CN": "（未指定承办人）", "en-US": "(no officer)" },
  category: { "zh-CN": "（未知类别）", "en-US": "(unknown category)" },
  month: { "zh-CN": "—", "en-US": "—" },
};

/** The months from `from` to `to`, YYYY-MM. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > last) return out;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * The service figures (服务数据) of the cases received in the period, in total and per owner unit, category, owner
 * officer or month of receipt. The database counts (one grouped query); the domain's `caseRatios` divides. See
 * packages/domain/src/figures.ts for what each figure means.
 */
export async function serviceFigures(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof ServiceFiguresQuery>,
): Promise<ServiceFigures> {
  const zoneId = ctx.actor.zoneId;
  const { from, to } = periodOf(q, ctx.now);
  const today = chinaDate(ctx.now);
  const cal = await zoneCalendar(db, zoneId);
  const ix = workingDayIndex(cal, from, addDays(to.localeCompare(today) > 0 ? to : today, INDEX_MARGIN_DAYS));
  const filter: FiguresFilter = {
    from: startOfChinaDay(from),
    until: startOfChinaDay(addDays(to, 1)),
    ownerUnitIds: ownerUnitsOf(ctx),
  };
  const { totals, groups } = await countCaseFigures(db, zoneId, filter, q.groupBy, ix);
  let rows: FiguresRow[] = groups.map((g) => ({
    key: g.key,
    name: g.key === null ? NONE[q.groupBy][ctx.lang] : (g.name ?? g.key),
    ...present(g.counts),
  }));
  if (q.groupBy === "month") {
    // Every month of the period, those without cases too, so a trend shows the gap.
    const byMonth = new Map(rows.map((r) => [r.key, r]));
    rows = monthsOf(from, to).map((m) => byMonth.get(m) ?? { key: m, name: m, ...present(EMPTY_CASE_COUNTS) });
  } else {
    rows.sort(
      (a, b) =>
        b.received - a.received ||
        (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) ||
        (a.name ?? "").localeCompare(b.name ?? "", "zh-CN"),
    );
  }
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return {
    from,
    to,
    groupBy: q.groupBy,
    yearsWithoutCalendar: cal.yearsWithoutData(years),
    totals: present(totals),
    rows,
  };
}

const GROUP_HEADER: Record<FiguresGroupBy, { "zh-CN": string; "en-US": string }> = {
  unit: { "zh-CN": "承办单位", "en-US": "Owner unit" },
  category: { "zh-CN": "诉求类别", "en-US": "Category" },
  officer: { "zh-CN": "承办人", "en-US": "Officer" },
  month: { "zh-CN": "受理月份", "en-US": "Month received" },
};

/** Rates are written as numbers (0.667) shown with one decimal as a percentage (66.7%). */
const PCT = "0.0%";

/** The columns of the export after the group's name: header (zh, en), width, the value, its number format. */
const COLUMNS: { zh: string; en: string; width: number; value: (r: FiguresTotals) => number | null; fmt?: string }[] = [
  { zh: "受理数", en: "Received", width: 9, value: (r) => r.received },
  { zh: "按时受理", en: "Accepted in time", width: 10, value: (r) => r.acceptedInTime },
  { zh: "响应率", en: "Response rate", width: 9, value: (r) => r.responseRate, fmt: PCT },
  { zh: "办结数", en: "Closed", width: 9, value: (r) => r.closed },
  { zh: "办结率", en: "Close rate", width: 9, value: (r) => r.closeRate, fmt: PCT },
  { zh: "按期办结数", en: "Closed on time", width: 11, value: (r) => r.closedOnTime },
  { zh: "按期办结率", en: "On-time rate", width: 11, value: (r) => r.onTimeRate, fmt: PCT },
  { zh: "评价数", en: "Rated", width: 9, value: (r) => r.rated },
  { zh: "满意", en: "Satisfied", width: 8, value: (r) => r.satisfied },
  { zh: "基本满意", en: "Basically satisfied", width: 10, value: (r) => r.basicallySatisfied },
  { zh: "满意率", en: "Satisfaction rate", width: 9, value: (r) => r.satisfactionRate, fmt: PCT },
  {
    zh: "平均办理用时(工作日)",
    en: "Average handling (working days)",
    width: 18,
    value: (r) => r.averageHandlingDays,
    fmt: "0.0",
  },
  { zh: "重办", en: "Reopened", width: 8, value: (r) => r.reopened },
  { zh: "兜底", en: "Escalated", width: 8, value: (r) => r.escalated },
];

function addFiguresRow(ws: ExcelJS.Worksheet, name: string, r: FiguresTotals, bold = false) {
  const row = ws.addRow([safeCell(name), ...COLUMNS.map((c) => c.value(r) ?? "—")]);
  COLUMNS.forEach((c, i) => {
    const cell = row.getCell(i + 2);
    if (typeof cell.value !== "number") cell.alignment = { horizontal: "right" };
    else if (c.fmt) cell.numFmt = c.fmt;
  });
  if (bold) row.font = { bold: true };
}

/** The same figures as an Excel workbook: one row per group and a totals row (合计); rates as numbers in % format. */
export async function exportServiceFigures(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof ServiceFiguresQuery>,
): Promise<{ fileName: string; body: Buffer }> {
  const figures = await serviceFigures(db, ctx, q);
  await recordAudit(db, ctx, {
    action: "figures.export",
    entityType: "figures",
    entityId: "service",
    after: { from: figures.from, to: figures.to, groupBy: figures.groupBy },
  });
  const zh = ctx.lang === "zh-CN";
  const body = await workbookBuffer((wb) => {
    const ws = wb.addWorksheet(zh ? "服务数据" : "Service figures", { views: [{ state: "frozen", ySplit: 1 }] });
    styleHeader(ws, [
      { header: GROUP_HEADER[figures.groupBy][ctx.lang], width: 24 },
      ...COLUMNS.map((c) => ({ header: zh ? c.zh : c.en, width: c.width })),
    ]);
    for (const r of figures.rows) addFiguresRow(ws, r.name ?? r.key ?? "", r);
    addFiguresRow(ws, zh ? "合计" : "Total", figures.totals, true);
  });
  const fileName = `${zh ? "服务数据" : "service-figures"}-${figures.from}-${figures.to}.xlsx`;
  return { fileName, body };
}
