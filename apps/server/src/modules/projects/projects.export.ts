/** The board as an Excel monthly report (重大项目进展月报), grouped by level with subtotals and a 合计 row. */
import type { ProjectFilter, ProjectSummary } from "@zoneos/contracts";
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
import { safeCell, workbookBuffer } from "../../platform/excel.ts";
import { type BoardPeriod, boardProjects, boardTotals, withNames } from "./projects.board.ts";
import {
  GREY,
  GROUP_FILL,
  monthsLabel,
  PERCENT_FORMAT,
  THIN,
  text,
  WAN_FORMAT,
  wanNumber,
  yiText,
} from "./projects.excel.ts";

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
