import { describe, expect, it } from "vitest";
import { type PipelineStage, stageConversion } from "./investment.ts";
import { inTalksSentence, ranksDescending, stageConversionOfCounts } from "./leadFigures.ts";

describe("the in-talks sentence", () => {
  it.each([
    [{ b100: 0, b50: 0, b10: 0, b1: 0 }, "在手在谈亿元以上项目 0 个，其中 50 亿元以上 0 个、10–50 亿元 0 个"],
    [{ b100: 1, b50: 4, b10: 20, b1: 151 }, "在手在谈亿元以上项目 176 个，其中 50 亿元以上 5 个、10–50 亿元 20 个"],
    [{ b100: 2, b50: 0, b10: 0, b1: 1 }, "在手在谈亿元以上项目 3 个，其中 50 亿元以上 2 个、10–50 亿元 0 个"],
  ])("%o → %s", (counts, text) => {
    expect(inTalksSentence(counts)).toBe(text);
  });

  it("reads in English too", () => {
    expect(inTalksSentence({ b100: 1, b50: 1, b10: 2, b1: 3 }, "en-US")).toBe(
      "7 leads in hand of 100 million yuan and above, of which 2 of 5 billion and above and 2 of 1–5 billion",
    );
  });
});

describe("conversion from counts of the furthest stage", () => {
  it.each<(PipelineStage | null)[][]>([
    [["clue", "negotiation", "negotiation", "signed", "producing", null]],
    [[]],
    [["clue", "clue", "contact"]],
    [["started", "registered", "signed", "producing", "clue", "negotiation", "contact"]],
  ])("gives what stageConversion gives lead by lead: %o", (furthest) => {
    const counts: Partial<Record<PipelineStage, number>> = {};
    for (const f of furthest) if (f) counts[f] = (counts[f] ?? 0) + 1;
    expect(stageConversionOfCounts(counts)).toEqual(stageConversion(furthest));
  });
});

describe("ranking with ties", () => {
  it.each([
    [[], []],
    [[5n], [1]],
    [
      [3n, 5n, 5n, 1n],
      [3, 1, 1, 4],
    ],
    [
      [0n, 0n, 0n],
      [1, 1, 1],
    ],
    [
      [10n, 20n, 10n, 30n],
      [3, 2, 3, 1],
    ],
  ])("%o → %o", (values, ranks) => {
    expect(ranksDescending(values)).toEqual(ranks);
  });
});
