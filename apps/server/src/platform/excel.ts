import { PassThrough, Readable } from "node:stream";
import { toSafeSpreadsheetText } from "@zoneos/domain";
import ExcelJS from "exceljs";

/** The text of a cell value as a user typed it; dates become YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((r) => r.text)
        .join("")
        .trim();
    if ("text" in value && typeof value.text === "string") return value.text.trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
    return "";
  }
  return String(value).trim();
}

/** A (1-based) column number as its letters: 1 → A, 28 → AB. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  number: number;
  cells: string[];
}

/** Streams the rows of the first worksheet of an .xlsx (cells as text, index 0 = column A). */
export async function* readFirstSheet(input: Buffer): AsyncGenerator<{ sheet: string; row: SheetRow }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(input), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  let first = true;
  for await (const ws of reader) {
    const sheet = (ws as unknown as { name: string }).name;
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      if (!first) continue;
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { sheet, row: { number: row.number, cells } };
    }
    first = false;
  }
}

export interface ColumnSpec {
  header: string;
  width: number;
}

/**
 * Views that keep the header row in sight. Pass them to `addWorksheet`: a streaming worksheet writes its views
 * when it is created and has no setter for them afterwards.
 */
export const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: "frozen", ySplit: 1 }];

/** A styled header row: bold on light grey (freeze it with `FROZEN_HEADER`). */
export function styleHeader(ws: ExcelJS.Worksheet, columns: ColumnSpec[]) {
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
}

/** Text for a cell such that Excel never runs it as a formula. */
export function safeCell(v: string | number | boolean | null | undefined): string | number {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? "是" : "否";
  return toSafeSpreadsheetText(v);
}

/**
 * A streaming workbook writer whose output is a readable stream, so a large export is sent while it is written.
 * `fill` adds the rows; the stream ends when it resolves, or errors when it throws.
 */
export function streamWorkbook(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = "ZoneOS";
  fill(wb)
    .then(() => wb.commit())
    .catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** A small workbook built in memory (templates, reports). */
export async function workbookBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ZoneOS";
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The 填写说明 sheet of an import template: a bold header (first column's title, 说明) and one wrapped row per
 * note, each cell formula-safe.
 */
export function addNotesSheet(
  wb: ExcelJS.Workbook,
  notes: readonly (readonly [string, string])[],
  opts: { firstHeader?: string; widths?: [number, number] } = {},
): ExcelJS.Worksheet {
  const [first, second] = opts.widths ?? [22, 90];
  const help = wb.addWorksheet("填写说明");
  help.columns = [
    { header: opts.firstHeader ?? "列", width: first },
    { header: "说明", width: second },
  ];
  help.getRow(1).font = { bold: true };
  for (const n of notes) help.addRow(n.map((v) => safeCell(v)));
  help.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  return help;
}
