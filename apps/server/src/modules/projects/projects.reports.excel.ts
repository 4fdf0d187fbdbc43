/** A month's report as an Excel template to fill in, and its all-or-nothing import (月度填报). */
import { MonthlyReportInput, type ReportImportResult } from "@zoneos/contracts";
import { chinaDate } from "@zoneos/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
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
import { GREY, INPUT_FILL, THIN, text, WAN_FORMAT, wanNumber } from "./projects.excel.ts";
import { reopeningsOf } from "./projects.reports.queries.ts";
import { monthStateOf, reportSheet, saveMonthlyReport } from "./projects.reports.ts";
import { mayWrite, projectScopeOf } from "./projects.service.ts";
import { projectSettingsOf } from "./projects.settings.ts";

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
