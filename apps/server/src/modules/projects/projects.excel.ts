/**
 * Projects and Excel: the board as a monthly report (重大项目进展月报), the month's report template and its
 * all-or-nothing import; the project import lives in projects.import.ts and is re-exported here.
 */
import {
  MonthlyReportInput,
  type ProjectFilter,
  type ProjectSummary,
  type ReportImportResult,
} from "@zoneos/contracts";
import {
  chinaDate,
  groupSchedule,
  PROJECT_LEVEL_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_TYPE_NAMES,
  parseWan,
  sumWan,
  totalInvestmentPercent,
} from "@zoneos/domain";
import type ExcelJS from "exceljs";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { addNotesSheet, safeCell, workbookBuffer } from "../../platform/excel.ts";
import {
  amountText,
  cellOf,
  columnLabel,
  localized,
  messageOf,
  normalizeHeader,
  presentProblems,
  REQUIRED,
  readTable,
  type SheetProblem,
} from "../../platform/excel-table.ts";
import type { Localized } from "../../platform/i18n.ts";
import { zodIssueLocalized } from "../../platform/validation.ts";
import { boardRows } from "./projects.board.queries.ts";
import { type BoardPeriod, boardProjects, boardTotals, withNames } from "./projects.board.ts";
import { reopeningsOf } from "./projects.reports.queries.ts";
import { monthStateOf, reportSheet, saveMonthlyReport } from "./projects.reports.ts";
import { mayWrite, projectScopeOf } from "./projects.service.ts";
import { projectSettingsOf } from "./projects.settings.ts";

export { importProjects, projectImportTemplate } from "./projects.import.ts";

const GREY: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF5F7FA" } };
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFBE6" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const WAN_FORMAT = "#,##0.00";
const PERCENT_FORMAT = "0.0";

/** "1–4月", or "1月" for January. */
const monthsLabel = (month: number) => (month === 1 ? "1月" : `1–${month}月`);

/** An amount in 万元 as a number for a cell (at most 4 decimals: exact enough as a double). */
const wanNumber = (wan: string | null) => (wan === null ? null : Number(wan));
/** A text cell through `safeCell` (never a formula); nothing for no text. */
const text = (v: string | boolean | null | undefined) =>
  v === null || v === undefined || v === "" ? null : safeCell(v);

/** 万元 as 亿元 with two decimals, rounded half up from the exact amount (62000 → "6.20"). */
function yiText(wan: string): string {
  const units = parseWan(wan); // 0.0001 万元; 1 亿 = 10^4 万 = 10^8 units
  const cents = (units + 500_000n) / 1_000_000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The board as a monthly report

const EXPORT_COLUMNS = (month: number) => [
  { header: "序号", width: 6 },
  { header: "项目编号", width: 14 },
  { header: "项目名称", width: 30 },
  { header: "业主单位", width: 26 },
  { header: "级别", width: 8 },
  { header: "类型", width: 10 },
  { header: "阶段", width: 8 },
  { header: "责任单位", width: 16 },
  { header: "挂钩领导", width: 14 },
  { header: "总投资(万元)", width: 14 },
  { header: "年度计划(万元)", width: 14 },
  { header: "本月完成(万元)", width: 14 },
  { header: `${monthsLabel(month)}累计完成(万元)`, width: 16 },
  { header: "完成率(%)", width: 10 },
  { header: "序时进度(%)", width: 10 },
  { header: "超(慢)序时进度(百分点)", width: 14 },
  { header: "累计完成占总投资(%)", width: 12 },
  { header: "是否滞后", width: 8 },
];
/** 1-based columns of the amounts and percentages (number formats). */
const WAN_COLUMNS = [10, 11, 12, 13];
const PERCENT_COLUMNS = [14, 15, 16, 17];
const CHINESE_ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The sentence of the zone totals under the title. */
export function totalsSentence(totals: ReturnType<typeof boardTotals>, plannedProjects: number): string {
  const s = totals.schedule;
  const parts = [`${plannedProjects} 个项目完成投资 ${yiText(s.completedYtdWan)} 亿元`];
  if (s.completionPercent !== null && s.pointsAhead !== null) {
    parts.push(`占年度计划 ${s.completionPercent.toFixed(1)}%`);
    parts.push(
      s.pointsAhead === 0
        ? "与序时进度持平"
        : `${s.pointsAhead > 0 ? "超" : "慢"}序时进度 ${Math.abs(s.pointsAhead).toFixed(1)} 个百分点`,
    );
  }
  const r = totals.startRate;
  const rate = r.annualPercent === null ? "—" : `${r.annualPercent.toFixed(1)}%`;
  return `${parts.join("，")}；新开工 ${r.started}/${r.plannedAnnual}，开工率 ${rate}`;
}

/** The figures of a subtotal or total row over some board items (columns 10–18). */
function sumFigures(items: readonly ProjectSummary[], period: BoardPeriod, threshold: number) {
  const g = groupSchedule(
    items.map((i) => ({ planWan: i.schedule.planWan, completedYtdWan: i.schedule.completedYtdWan })),
    period.elapsed,
    threshold,
  );
  const total = sumWan(items.map((i) => i.totalInvestmentWan));
  const months = items.map((i) => i.monthCompletedWan).filter((m): m is string => m !== null);
  return {
    schedule: g,
    cells: [
      wanNumber(total),
      wanNumber(g.planWan),
      months.length ? wanNumber(sumWan(months)) : null,
      wanNumber(g.completedYtdWan),
      g.completionPercent,
      g.elapsedPercent,
      g.pointsAhead,
      parseWan(total) === 0n ? null : totalInvestmentPercent(sumWan(items.map((i) => i.cumulativeWan)), total),
      g.planWan === null ? null : text(g.behind),
    ],
  };
}

/**
 * The board (the filter's projects, the period's figures) as an .xlsx in the layout of a monthly report: a title, the
 * zone totals in a sentence, then one block per level (省重大, 市重点, 区重点) with its subtotal, and the 合计 row.
 * Audited as an export.
 */
export async function exportBoard(
  db: Db,
  ctx: RequestContext,
  filter: z.output<typeof ProjectFilter>,
): Promise<{ fileName: string; body: Buffer | NodeJS.ReadableStream }> {
  const zoneId = ctx.actor.zoneId;
  const { settings, period, items: bare } = await boardProjects(db, ctx, filter);
  const items = await withNames(db, zoneId, bare);
  const totals = boardTotals(items, period, settings);
  const threshold = settings.behindThresholdPoints;
  const { year, month } = period;
  const title = `${year}年${monthsLabel(month)}重大项目进展情况表`;
  const columns = EXPORT_COLUMNS(month);
  await recordAudit(db, ctx, { action: "project.export", entityType: "project", entityId: "*", after: { filter } });

  const body = await workbookBuffer((wb) => {
    const ws = wb.addWorksheet(title.slice(0, 31), {
      views: [{ state: "frozen", ySplit: 3 }],
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = columns.map((c) => ({ width: c.width }));
    const last = columns.length;

    ws.getCell(1, 1).value = safeCell(title);
    ws.mergeCells(1, 1, 1, last);
    ws.getRow(1).height = 28;
    ws.getCell(1, 1).font = { bold: true, size: 16 };
    ws.getCell(1, 1).alignment = { horizontal: "center", vertical: "middle" };

    const total = sumFigures(items, period, threshold);
    const asOf = chinaDate(ctx.now);
    ws.getCell(2, 1).value = safeCell(
      `${totalsSentence(totals, total.schedule.projects)}。（序时进度 ${total.schedule.elapsedPercent.toFixed(1)}%；单位：万元；导出于 ${asOf}）`,
    );
    ws.mergeCells(2, 1, 2, last);
    ws.getRow(2).height = 32;
    ws.getCell(2, 1).alignment = { wrapText: true, vertical: "middle" };

    const header = ws.getRow(3);
    header.values = columns.map((c) => safeCell(c.header));
    header.font = { bold: true };
    header.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    header.height = 36;
    for (let c = 1; c <= last; c++) {
      header.getCell(c).fill = GREY;
      header.getCell(c).border = THIN;
    }

    const style = (row: ExcelJS.Row, strong: boolean) => {
      for (let c = 1; c <= last; c++) {
        const cell = row.getCell(c);
        cell.border = THIN;
        if (WAN_COLUMNS.includes(c)) cell.numFmt = WAN_FORMAT;
        if (PERCENT_COLUMNS.includes(c)) cell.numFmt = PERCENT_FORMAT;
        if (strong) cell.fill = GROUP_FILL;
      }
      if (strong) row.font = { bold: true };
    };

    let n = 0;
    let ordinal = 0;
    for (const level of PROJECT_LEVELS) {
      const group = items.filter((i) => i.level === level);
      if (!group.length) continue;
      const sub = sumFigures(group, period, threshold);
      const label = `${CHINESE_ORDINALS[ordinal++] ?? ordinal}、${PROJECT_LEVEL_NAMES[level]["zh-CN"]}项目小计（${group.length} 个）`;
      const subRow = ws.addRow([null, null, text(label), null, null, null, null, null, null, ...sub.cells]);
      style(subRow, true);
      for (const i of group) {
        const s = i.schedule;
        const row = ws.addRow([
          ++n,
          text(i.code),
          text(i.name),
          text(i.ownerName),
          text(PROJECT_LEVEL_NAMES[i.level]["zh-CN"]),
          text(PROJECT_TYPE_NAMES[i.type]["zh-CN"]),
          text(PROJECT_STAGE_NAMES[i.stage]["zh-CN"]),
          text(i.unitName),
          text(i.leaderName),
          wanNumber(i.totalInvestmentWan),
          wanNumber(s.planWan),
          wanNumber(i.monthCompletedWan),
          wanNumber(s.completedYtdWan),
          s.completionPercent,
          s.elapsedPercent,
          s.pointsAhead,
          i.totalPercent,
          s.planWan === null ? null : text(s.behind),
        ]);
        style(row, false);
      }
    }
    const label = text(`合计（${items.length} 个）`);
    const totalRow = ws.addRow([null, null, label, null, null, null, null, null, null, ...total.cells]);
    style(totalRow, true);
  });
  return { fileName: `重大项目进展月报-${year}年${month}月.xlsx`, body };
}

// ---------------------------------------------------------------------------------------------------------------
// The month's report: template and import

const REPORT_COLUMNS = [
  { key: "code", header: "项目编号", width: 14, input: false },
  { key: "name", header: "项目名称", width: 32, input: false },
  { key: "unit", header: "责任单位", width: 18, input: false },
  { key: "plan", header: "年度计划(万元)", width: 14, input: false },
  { key: "before", header: "", width: 16, input: false },
  { key: "completed", header: "本月完成投资(万元)*", width: 18, input: true },
  { key: "progress", header: "形象进度", width: 40, input: true },
  { key: "problems", header: "存在问题", width: 40, input: true },
] as const;
type ReportKey = "code" | "name" | "completed" | "progress" | "problems";

const beforeHeader = (month: number) =>
  month === 1 ? "年初累计(万元)" : month === 2 ? "1月累计(万元)" : `1–${month - 1}月累计(万元)`;
const reportTitle = (year: number, month: number) => `${year}年${month}月重大项目投资完成情况填报表`;
const REPORT_SHEET = "项目月报";

const REPORT_KEYS = new Map<string, ReportKey>([
  [normalizeHeader("项目编号"), "code"],
  [normalizeHeader("项目名称"), "name"],
  [normalizeHeader("本月完成投资(万元)"), "completed"],
  [normalizeHeader("形象进度"), "progress"],
  [normalizeHeader("存在问题"), "problems"],
]);
const REPORT_NAMES: Record<ReportKey, string> = {
  code: "项目编号",
  name: "项目名称",
  completed: "本月完成投资(万元)",
  progress: "形象进度",
  problems: "存在问题",
};

/**
 * The month's report as a workbook to fill in: the projects the user reports (as the report sheet lists them) with
 * the year's plan and the year to date before the month (grey: for reading), then the month's completed investment,
 * 形象进度 and 存在问题 (filled in from a report already made), and a sheet of instructions with the deadline.
 */
export async function reportTemplate(
  db: Db,
  ctx: RequestContext,
  q: { year: number; month: number; unitId?: string },
): Promise<Buffer> {
  const sheet = await reportSheet(db, ctx, q);
  const { year, month } = q;
  return workbookBuffer((wb) => {
    const ws = wb.addWorksheet(REPORT_SHEET, { views: [{ state: "frozen", ySplit: 3, xSplit: 2 }] });
    ws.columns = REPORT_COLUMNS.map((c) => ({ width: c.width }));
    const last = REPORT_COLUMNS.length;
    ws.getCell(1, 1).value = safeCell(reportTitle(year, month));
    ws.mergeCells(1, 1, 1, last);
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: "center", vertical: "middle" };
    ws.getRow(1).height = 26;
    ws.getCell(2, 1).value = safeCell(
      `填报截止：${sheet.closesOn}${sheet.reopenedUntil ? `（已重新开放至 ${sheet.reopenedUntil}）` : ""}。` +
        `“本月完成投资”填 ${month} 月当月完成的投资（万元），不是年初至今的累计；灰色列仅供参考，导入时不读取。`,
    );
    ws.mergeCells(2, 1, 2, last);
    ws.getCell(2, 1).alignment = { wrapText: true, vertical: "middle" };
    ws.getCell(2, 1).font = { color: { argb: "FF8C8C8C" } };
    ws.getRow(2).height = 30;

    const header = ws.getRow(3);
    header.values = REPORT_COLUMNS.map((c) => safeCell(c.key === "before" ? beforeHeader(month) : c.header));
    header.font = { bold: true };
    header.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    header.height = 30;
    REPORT_COLUMNS.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.fill = c.input ? INPUT_FILL : GREY;
      cell.border = THIN;
    });

    for (const item of sheet.items) {
      const row = ws.addRow([
        text(item.code),
        text(item.name),
        text(item.unitName),
        wanNumber(item.planWan),
        wanNumber(item.completedBeforeWan),
        item.report ? wanNumber(item.report.completedWan) : null,
        text(item.report?.progress),
        text(item.report?.problems),
      ]);
      REPORT_COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.border = THIN;
        if (!c.input) {
          cell.fill = GREY;
          cell.font = { color: { argb: "FF595959" } };
        }
        if (c.key === "plan" || c.key === "before") cell.numFmt = WAN_FORMAT;
        if (c.key === "progress" || c.key === "problems") cell.alignment = { wrapText: true, vertical: "top" };
      });
    }
    const completedCol = REPORT_COLUMNS.findIndex((c) => c.key === "completed") + 1;
    for (let r = 4; r < 4 + Math.max(sheet.items.length, 1) + 50; r++)
      ws.getCell(r, completedCol).dataValidation = {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: "本月完成投资",
        error: "请填写不小于 0 的数字（万元），最多 4 位小数",
      };

    const stateText: Record<typeof sheet.state, string> = {
      open: `填报中，${sheet.closesOn} 截止。`,
      reopened: `已截止，单位负责人已重新开放至 ${sheet.reopenedUntil ?? ""}。`,
      locked: `已于 ${sheet.closesOn} 截止并锁定；如需补报或更正，请单位负责人重新开放后再导入。`,
      not_open: `${year} 年 ${month} 月尚未开始，不能填报。`,
    };
    const notes: [string, string][] = [
      ["填报月份", `${year} 年 ${month} 月`],
      ["填报截止", `${sheet.closesOn}（本月 ${sheet.closesOn.slice(8)} 日，含当日）`],
      ["当前状态", stateText[sheet.state]],
      [
        "本月完成投资(万元)*",
        `必填：${month} 月当月完成的投资额（万元），不是 1 月至今的累计；不小于 0，最多 4 位小数。累计由系统按各月相加。`,
      ],
      ["形象进度", "本月工程形象进度，最多 2000 字。"],
      ["存在问题", "本月存在的问题，最多 2000 字（需要协调解决的问题请在系统中登记为项目问题）。"],
      [
        "项目编号 / 项目名称",
        "按项目编号匹配项目，请勿修改；编号为空时按项目名称匹配（须唯一）。不填报的项目请删除整行。",
      ],
      ["灰色列", `责任单位、年度计划、${beforeHeader(month).replace("(万元)", "")}仅供参考，导入时不读取。`],
      [
        "导入规则",
        "先检查全部行；任何一行有误则不写入任何数据，并列出错误（行、列、原因）；全部正确才一次性写入。与已填报内容相同的行不作修改。",
      ],
    ];
    addNotesSheet(wb, notes, { firstHeader: "项目", widths: [20, 100] });
  });
}

/**
 * Reports a month for many projects from the filled template. Rows are matched by 项目编号 (or by 项目名称 when the
 * code is empty and the name is unique among the user's projects). Every row is checked first — the amount, the
 * texts, the project, duplicates and whether the month is open for the project's unit: with any problem nothing is
 * written. Otherwise every report lands in one transaction (a row equal to the stored report changes nothing).
 */
export async function importReports(
  db: Db,
  ctx: RequestContext,
  q: { year: number; month: number },
  file: Buffer,
): Promise<ReportImportResult> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const { year, month } = q;
  const table = await readTable(
    file,
    (h) => REPORT_KEYS.get(h),
    (h) => (h.has("code") || h.has("name")) && h.has("completed"),
    localized(
      "找不到填报表的表头行（项目编号、项目名称、本月完成投资(万元)*……）",
      "the report template's header row (项目编号, 项目名称, 本月完成投资(万元)*, …) was not found",
    ),
  );
  // A title naming another month means the wrong file.
  for (const r of table.above) {
    const m = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(r.cells.join(" "));
    if (m && (Number(m[1]) !== year || Number(m[2]) !== month))
      throw new AppError("IMPORT_BAD_FILE", {
        reason: localized(
          `这是 ${m[1]} 年 ${m[2]} 月的填报表，不是 ${year} 年 ${month} 月的`,
          `this is the template of ${m[1]}-${m[2]}, not of ${year}-${month}`,
        ),
      });
    if (m) break;
  }

  const today = chinaDate(ctx.now);
  const [settings, reopenings, rows] = await Promise.all([
    projectSettingsOf(db, zoneId),
    reopeningsOf(db, zoneId, year, month),
    boardRows(db, zoneId, projectScopeOf(actor), {}, { year, month }),
  ]);
  const mine = actor.role === "leader" ? [] : rows.filter((r) => mayWrite(actor, r));
  const byCode = new Map(mine.map((p) => [p.code.toUpperCase(), p]));
  const byName = new Map<string, typeof mine>();
  for (const p of mine) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);

  const problems: SheetProblem[] = [];
  const good: { project: (typeof mine)[number]; input: z.output<typeof MonthlyReportInput> }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of table.rows) {
    const get = (key: ReportKey) => cellOf(table, r, key);
    const before = problems.length;
    const problem = (key: ReportKey, reason: Localized) => {
      const column = columnLabel(table, key, REPORT_NAMES[key]);
      if (problems.slice(before).some((p) => p.column === column)) return;
      problems.push({ sheet: r.sheet, row: r.number, column, value: get(key), reason });
    };

    const code = get("code");
    const name = get("name");
    let project: (typeof mine)[number] | undefined;
    if (code) {
      project = byCode.get(code.toUpperCase());
      if (!project)
        problem(
          "code",
          localized(
            "不是您可填报的项目（项目编号不存在，或项目不属于您的单位）",
            "Not a project you report (no such code, or the project is not your unit's)",
          ),
        );
    } else if (name) {
      const found = byName.get(name) ?? [];
      if (found.length === 1) project = found[0];
      else
        problem(
          "name",
          found.length > 1
            ? localized("有多个同名项目，请填写项目编号", "Several projects have this name; give the project code")
            : localized("您可填报的项目中没有该名称，请填写项目编号", "None of the projects you report has this name"),
        );
    } else problem("code", localized("请填写项目编号或项目名称", "Give the project code or name"));

    const parsed = MonthlyReportInput.safeParse({
      completedWan: amountText(get("completed")),
      progress: get("progress"),
      problems: get("problems"),
    });
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const key: ReportKey =
          issue.path[0] === "progress" || issue.path[0] === "problems" ? issue.path[0] : "completed";
        problem(key, key === "completed" && get(key) === "" ? REQUIRED : zodIssueLocalized(issue));
      }

    if (project) {
      const first = firstRowOf.get(project.id);
      if (first !== undefined)
        problem(code ? "code" : "name", localized(`与第 ${first} 行是同一个项目`, `Same project as row ${first}`));
      else firstRowOf.set(project.id, r.number);
      const { state, closesOn } = monthStateOf(
        year,
        month,
        today,
        settings.reportDeadlineDay,
        reopenings,
        project.unitId,
      );
      if (state === "locked")
        problem(code ? "code" : "name", messageOf("REPORT_MONTH_LOCKED", { year, month, closesOn }));
      if (state === "not_open") problem(code ? "code" : "name", messageOf("REPORT_MONTH_NOT_OPEN", { year, month }));
    }
    if (problems.length === before && project && parsed.success) good.push({ project, input: parsed.data });
  }

  const result = { totalRows: table.rows.length, problems: presentProblems(problems, ctx.lang) };
  if (problems.length) return { status: "rejected", changedRows: 0, unchangedRows: 0, ...result };

  let changedRows = 0;
  await db.transaction(async (tx) => {
    for (const { project, input } of good) {
      const { changed } = await saveMonthlyReport(tx, ctx, project, year, month, input, {
        overwrite: true,
        deadlineDay: settings.reportDeadlineDay,
      });
      if (changed) changedRows++;
    }
  });
  return { status: "done", changedRows, unchangedRows: good.length - changedRows, ...result };
}
