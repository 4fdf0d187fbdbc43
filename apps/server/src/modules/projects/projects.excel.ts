import { parseWan } from "@zoneos/domain";
import type ExcelJS from "exceljs";
import { safeCell } from "../../platform/excel.ts";

export const GREY: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
export const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF5F7FA" } };
export const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFBE6" } };
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
export const WAN_FORMAT = "#,##0.00";
export const PERCENT_FORMAT = "0.0";

/** "1–4月", or "1月" for January. */
export const monthsLabel = (month: number) => (month === 1 ? "1月" : `1–${month}月`);

/** An amount in 万元 as a number for a cell (at most 4 decimals: exact enough as a double). */
export const wanNumber = (wan: string | null) => (wan === null ? null : Number(wan));
/** A text cell through `safeCell` (never a formula); nothing for no text. */
export const text = (v: string | boolean | null | undefined) =>
  v === null || v === undefined || v === "" ? null : safeCell(v);

/** 万元 as 亿元 with two decimals, rounded half up from the exact amount (62000 → "6.20"). */
export function yiText(wan: string): string {
  const units = parseWan(wan); // 0.0001 万元; 1 亿 = 10^4 万 = 10^8 units
  const cents = (units + 500_000n) / 1_000_000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}
