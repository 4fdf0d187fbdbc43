import { exactPercent, formatWan, isWanAmount, parseWan } from "@zoneos/domain/projects";
import { formatDecimal } from "../../components/format.ts";

/** Units of 0.0001 万元 in 0.01 亿元 (1 亿元 = 10 000 万元). */
const CENTI_YI = 1_000_000n;

/**
 * An amount in 万元 as 亿元 with two decimals, rounded once, half away from zero, exactly: "43550" → "4.36",
 * "62000" → "6.20"; "—" when missing or not an amount.
 */
export function wanToYi(wan: string | null | undefined): string {
  if (wan === null || wan === undefined || !isWanAmount(wan)) return "—";
  const units = parseWan(wan);
  let q = units / CENTI_YI;
  if ((units % CENTI_YI) * 2n >= CENTI_YI) q += 1n;
  const whole = q / 100n;
  const cents = (q % 100n).toString().padStart(2, "0");
  return `${formatDecimal(whole.toString())}.${cents}`;
}

/** An amount in 万元 with thousands separators as it came ("62000.5" → "62,000.5"); "—" when missing. */
export function formatWanText(wan: string | null | undefined): string {
  return formatDecimal(wan);
}

/** "31.0%" for a percentage with one decimal; "—" when missing. */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? "—" : `${p.toFixed(1)}%`;
}

/** Points ahead of 序时进度 as shown in a row: "+2.1", "−2.3" (a real minus sign), "0.0"; "—" when missing. */
export function formatPoints(p: number | null | undefined): string {
  if (p === null || p === undefined) return "—";
  if (p > 0) return `+${p.toFixed(1)}`;
  if (p < 0) return `−${Math.abs(p).toFixed(1)}`;
  return "0.0";
}

/** The sum of two amounts in 万元, exactly; null when either is not an amount. */
export function addWan(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a || !b || !isWanAmount(a) || !isWanAmount(b)) return null;
  return formatWan(parseWan(a) + parseWan(b));
}

/** completed ÷ plan in percent, one decimal, exactly; null without a plan (or a plan of 0). */
export function completionOf(completedWan: string | null, planWan: string | null): number | null {
  if (!completedWan || !planWan || !isWanAmount(completedWan) || !isWanAmount(planWan)) return null;
  return exactPercent(parseWan(completedWan), parseWan(planWan));
}

/** A 万元 amount typed in a form (InputNumber in string mode may give "1,000" or "12."): cleaned, or the input. */
export function cleanWan(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v).trim().replace(/,/g, "");
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

/** Green when ahead (or on) schedule, red when behind. */
export function pointsColor(p: number | null | undefined): string | undefined {
  if (p === null || p === undefined || p === 0) return undefined;
  return p > 0 ? "#389e0d" : "#cf1322";
}
