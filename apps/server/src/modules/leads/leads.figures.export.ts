/** The pipeline figures as an Excel workbook: one sheet per table of the figures page. */
import type { LeadFigures, LeadFiguresQuery } from "@zoneos/contracts";
import {
  chinaDate,
  INVESTMENT_BUCKET_NAMES,
  INVESTMENT_BUCKETS,
  LEAD_CHANNEL_NAMES,
  LEAD_STAGE_NAMES,
  LOST_REASON_NAMES,
} from "@zoneos/domain";
import type ExcelJS from "exceljs";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { safeCell, workbookBuffer } from "../../platform/excel.ts";
import { GREY, PERCENT_FORMAT, THIN, text, WAN_FORMAT, wanNumber } from "../projects/projects.excel.ts";
import { leadFigures } from "./leads.figures.ts";

/** The sheets' names, in order. */
export const FIGURE_SHEETS = ["阶段×规模", "签约", "转化", "流失原因", "单位排行"] as const;

type Cell = string | number | null;

/** A sheet: a title line, a header row and the rows; `wan` and `percent` name the 1-based number columns. */
function addTable(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  header: { text: string; width: number }[],
  rows: Cell[][],
  formats: { wan?: number[]; percent?: number[] } = {},
) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = header.map((h) => ({ width: h.width }));
  ws.getCell(1, 1).value = safeCell(title);
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, header.length);
  const head = ws.getRow(2);
  head.values = header.map((h) => safeCell(h.text));
  head.font = { bold: true };
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  for (let c = 1; c <= header.length; c++) {
    head.getCell(c).fill = GREY;
    head.getCell(c).border = THIN;
  }
  for (const values of rows) {
    const row = ws.addRow(values);
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      if (formats.wan?.includes(c)) cell.numFmt = WAN_FORMAT;
      if (formats.percent?.includes(c)) cell.numFmt = PERCENT_FORMAT;
    }
  }
}

/** The figures (the same query as the page) as an .xlsx; audited as an export. */
export async function exportLeadFigures(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof LeadFiguresQuery>,
): Promise<{ fileName: string; body: Buffer }> {
  const f: LeadFigures = await leadFigures(db, { ...ctx, lang: "zh-CN" }, q);
  await recordAudit(db, ctx, { action: "lead.figures.export", entityType: "lead", entityId: "*", after: { query: q } });
  const period = `${f.from} 至 ${f.to}`;
  const asOf = chinaDate(ctx.now);
  const body = await workbookBuffer((wb) => {
    const bucketHeader = INVESTMENT_BUCKETS.flatMap((b) => [
      { text: `${INVESTMENT_BUCKET_NAMES[b]["zh-CN"]}(个)`, width: 12 },
      { text: `${INVESTMENT_BUCKET_NAMES[b]["zh-CN"]}(万元)`, width: 16 },
    ]);
    const bucketCells = (r: Pick<LeadFigures["stageBuckets"][number], "buckets" | "total">): Cell[] => [
      ...INVESTMENT_BUCKETS.flatMap((b) => [r.buckets[b]?.count ?? 0, wanNumber(r.buckets[b]?.sumWan ?? "0")]),
      r.total.count,
      wanNumber(r.total.sumWan),
    ];
    const bucketWan = [...INVESTMENT_BUCKETS.map((_, i) => 3 + i * 2), 3 + INVESTMENT_BUCKETS.length * 2];
    addTable(
      wb,
      FIGURE_SHEETS[0],
      `${f.inTalks.sentence}（截至 ${f.asOf}；计划投资，单位：万元）`,
      [
        { text: "阶段", width: 10 },
        ...bucketHeader,
        { text: "合计(个)", width: 10 },
        { text: "合计(万元)", width: 16 },
      ],
      [
        ...f.stageBuckets.map((r) => [text(LEAD_STAGE_NAMES[r.stage]["zh-CN"]), ...bucketCells(r)]),
        [text("合计"), ...bucketCells(f.bucketTotals)],
      ],
      { wan: bucketWan },
    );
    addTable(
      wb,
      FIGURE_SHEETS[1],
      `签约情况（${period}，按签约日期）`,
      [
        { text: "分组", width: 14 },
        { text: "名称", width: 24 },
        { text: "签约项目(个)", width: 12 },
        { text: "签约金额(万元)", width: 16 },
        { text: "在手在谈(个)", width: 12 },
      ],
      [
        [text("合计"), null, f.signed.count, wanNumber(f.signed.amountWan), f.inTalks.total.count],
        ...f.channels.map((c) => [
          text("招商方式"),
          text(LEAD_CHANNEL_NAMES[c.channel]["zh-CN"]),
          c.signedCount,
          wanNumber(c.signedAmountWan),
          c.inTalksCount,
        ]),
        ...f.chains.map((c) => [
          text("产业链"),
          text(c.chainName ?? "未关联产业链"),
          c.signedCount,
          wanNumber(c.signedAmountWan),
          c.inTalksCount,
        ]),
      ],
      { wan: [4] },
    );
    addTable(
      wb,
      FIGURE_SHEETS[2],
      `阶段转化与停留天数（${period} 新进入的 ${f.cohort} 个项目）`,
      [
        { text: "从阶段", width: 10 },
        { text: "到阶段", width: 10 },
        { text: "到达前一阶段(个)", width: 14 },
        { text: "到达后一阶段(个)", width: 14 },
        { text: "转化率(%)", width: 10 },
        { text: "前一阶段停留(次)", width: 14 },
        { text: "停留天数中位数", width: 14 },
        { text: "平均停留天数", width: 14 },
      ],
      f.conversion.map((c) => {
        const d = f.days.find((x) => x.stage === c.from);
        return [
          text(LEAD_STAGE_NAMES[c.from]["zh-CN"]),
          text(LEAD_STAGE_NAMES[c.to]["zh-CN"]),
          c.reachedFrom,
          c.reachedTo,
          c.percent,
          d?.stays ?? 0,
          d?.medianDays ?? null,
          d?.averageDays ?? null,
        ];
      }),
      { percent: [5, 7, 8] },
    );
    addTable(
      wb,
      FIGURE_SHEETS[3],
      `流失原因（${period}，按流失日期）`,
      [
        { text: "流失原因", width: 20 },
        { text: "项目(个)", width: 10 },
        { text: "计划投资(万元)", width: 16 },
      ],
      f.lost.map((l) => [text(LOST_REASON_NAMES[l.reason]["zh-CN"]), l.count, wanNumber(l.investmentWan)]),
      { wan: [3] },
    );
    addTable(
      wb,
      FIGURE_SHEETS[4],
      `单位排行（${period}，按签约金额；导出于 ${asOf}）`,
      [
        { text: "名次", width: 8 },
        { text: "单位", width: 24 },
        { text: "签约金额(万元)", width: 16 },
        { text: "签约项目(个)", width: 12 },
        { text: "在手在谈(个)", width: 12 },
        { text: "项目总数(个)", width: 12 },
      ],
      f.units.map((u) => [
        u.rank,
        text(u.unitName),
        wanNumber(u.signedAmountWan),
        u.signedCount,
        u.inTalksCount,
        u.leads,
      ]),
      { wan: [3] },
    );
  });
  return { fileName: `招商引资统计-${f.from}至${f.to}.xlsx`, body };
}
