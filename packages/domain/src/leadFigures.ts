/**
 * The pipeline figures of investment attraction (招商引资): the sentence leaders read about the leads in hand, the
 * conversion between stages from counts of the furthest stage reached (the database counts, this computes), and a
 * ranking where equal values share a rank (排行榜).
 *
 * Pure; amounts are units of 0.0001 万元 (bigint, see projects.ts) where they are compared.
 */

import { LEAD_PIPELINE, type PipelineStage, pipelineIndex } from "./investment.ts";
import { exactPercent } from "./projects.ts";

/** Counts of in-talks leads (在手在谈) per size bucket, each lead in exactly one bucket. */
export interface InTalksBucketCounts {
  b100: number;
  b50: number;
  b10: number;
  b1: number;
}

/**
 * "在手在谈亿元以上项目 N 个，其中 50 亿元以上 a 个、10–50 亿元 b 个": N counts every in-talks lead of 1亿 and more,
 * a those of 50亿 and more (百亿级 included), b those of 10亿 up to but not including 50亿.
 */
export function inTalksSentence(c: InTalksBucketCounts, lang: "zh-CN" | "en-US" = "zh-CN"): string {
  const total = c.b100 + c.b50 + c.b10 + c.b1;
  const over50 = c.b100 + c.b50;
  return lang === "zh-CN"
    ? `在手在谈亿元以上项目 ${total} 个，其中 50 亿元以上 ${over50} 个、10–50 亿元 ${c.b10} 个`
    : `${total} leads in hand of 100 million yuan and above, of which ${over50} of 5 billion and above and ${c.b10} of 1–5 billion`;
}

/**
 * The conversion between consecutive stages from the number of leads whose furthest stage is each stage (a lead
 * reached every stage up to its furthest): the same figures as `stageConversion` on the leads one by one.
 */
export function stageConversionOfCounts(furthestCounts: Partial<Record<PipelineStage, number>>): {
  from: PipelineStage;
  to: PipelineStage;
  reachedFrom: number;
  reachedTo: number;
  percent: number | null;
}[] {
  const reached: number[] = LEAD_PIPELINE.map(() => 0);
  for (const stage of LEAD_PIPELINE) {
    const n = furthestCounts[stage] ?? 0;
    for (let i = 0; i <= pipelineIndex(stage); i++) reached[i] = (reached[i] ?? 0) + n;
  }
  return LEAD_PIPELINE.slice(0, -1).map((from, i) => {
    const reachedFrom = reached[i] ?? 0;
    const reachedTo = reached[i + 1] ?? 0;
    return {
      from,
      to: LEAD_PIPELINE[i + 1] as PipelineStage,
      reachedFrom,
      reachedTo,
      percent: exactPercent(BigInt(reachedTo), BigInt(reachedFrom)),
    };
  });
}

/**
 * Ranks by a value, largest first; equal values share a rank and the next rank skips (1, 1, 3: 并列第一, then 第三).
 * Returns the rank of each value in the order given.
 */
export function ranksDescending(values: readonly bigint[]): number[] {
  const sorted = [...values].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  const firstIndex = new Map<bigint, number>();
  sorted.forEach((v, i) => {
    if (!firstIndex.has(v)) firstIndex.set(v, i);
  });
  return values.map((v) => (firstIndex.get(v) ?? 0) + 1);
}
