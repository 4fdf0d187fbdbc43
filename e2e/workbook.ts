/** Builds import files the way a user fills in the template: the template's header row, then one row per enterprise. */
import ExcelJS from "exceljs";
import { EXCEL_COLUMNS, SHEET_NAME } from "../apps/server/src/modules/enterprises/enterprises.excel.ts";
import { creditCode, rng } from "../apps/server/src/seed/generator.ts";

export interface Row {
  creditCode: string;
  name: string;
}

/** `count` enterprises with valid, distinct credit codes and names no demo enterprise has. */
export function enterpriseRows(count: number, seed: number): Row[] {
  const r = rng(seed);
  const codes = new Set<string>();
  const rows: Row[] = [];
  while (rows.length < count) {
    const code = creditCode(r, "320115");
    if (codes.has(code)) continue;
    codes.add(code);
    rows.push({
      creditCode: code,
      name: `浏览器导入测试企业${seed}-${String(rows.length + 1).padStart(4, "0")}有限公司`,
    });
  }
  return rows;
}

export async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow(EXCEL_COLUMNS.map((c) => c.header));
  for (const r of rows)
    ws.addRow([
      r.creditCode,
      r.name,
      "3989",
      "320115",
      "高新技术产业园",
      "",
      12.5,
      500,
      "2020-05-20",
      "",
      "",
      "否",
      "科技型中小企业",
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same code with a wrong check character (the last one moved along the alphabet). */
export function breakCheckChar(code: string): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const last = code.charAt(17);
  return code.slice(0, 17) + alphabet.charAt((alphabet.indexOf(last) + 1) % alphabet.length);
}
