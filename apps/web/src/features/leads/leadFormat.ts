import type { Lang } from "../../app/i18n.ts";
import { formatDecimal } from "../../components/format.ts";
import type { LeadBucket, LeadStage } from "./useLeads.ts";

/** Tag colours of the stages: the pipeline warms up towards 投产; 流失 is grey. */
export const STAGE_COLORS: Record<LeadStage, string> = {
  clue: "default",
  contact: "cyan",
  negotiation: "blue",
  signed: "gold",
  registered: "orange",
  started: "volcano",
  producing: "green",
  lost: "default",
};

export const BUCKET_COLORS: Record<LeadBucket, string> = {
  b100: "magenta",
  b50: "red",
  b10: "volcano",
  b1: "orange",
  below1: "default",
};

/** "480,000.5 万元" (or "—"). */
export function formatWan(v: string | null | undefined, lang: Lang): string {
  if (v === null || v === undefined) return "—";
  return `${formatDecimal(v)} ${lang === "zh-CN" ? "万元" : "×10k yuan"}`;
}

/** The same amount in 亿元 with up to 2 decimals, for the totals ("12.35 亿元"). */
export function formatYi(v: string, lang: Lang): string {
  const n = Number(v) / 10_000;
  const s = n.toLocaleString(lang, { maximumFractionDigits: 2 });
  return lang === "zh-CN" ? `${s} 亿元` : `${s} ×100m yuan`;
}

/** A decimal text typed in a form: trimmed, thousands separators removed. */
export function cleanDecimal(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v).trim().replace(/,/g, "");
}
