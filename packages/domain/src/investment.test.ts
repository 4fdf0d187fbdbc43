import { describe, expect, it } from "vitest";
import {
  checkStageMove,
  coverageOf,
  coverageThresholdsProblem,
  DEFAULT_COVERAGE,
  DEFAULT_SCREENING_SCHEME,
  daysInStages,
  furthestStage,
  investmentIntensity,
  maxScore,
  type StageMove,
  schemeProblems,
  scoreScreening,
  stageConversion,
} from "./investment.ts";
import { bucketCounts, INVESTMENT_BUCKET_MIN_WAN, investmentBucket } from "./projects.ts";
import { regionNameOfAnyLevel, regionOfAnyLevelFromText, regionParents, regionPath } from "./regions.ts";

const move = (m: Partial<StageMove> & Pick<StageMove, "from" | "to">): ReturnType<typeof checkStageMove> =>
  checkStageMove({ scorecardPassed: null, override: false, ...m });

describe("stage rules", () => {
  it.each([
    ["clue", "contact"],
    ["clue", "negotiation"],
    ["contact", "negotiation"],
    ["signed", "registered"],
    ["registered", "started"],
    ["started", "producing"],
    ["signed", "producing"],
  ] as const)("%s → %s is allowed without screening", (from, to) => {
    expect(move({ from, to })).toBeNull();
  });

  it.each([
    ["negotiation", "signed"],
    ["clue", "signed"],
    ["negotiation", "registered"],
    ["contact", "started"],
    ["lost", "signed"],
  ] as const)("%s → %s needs a passing scorecard or an override", (from, to) => {
    expect(move({ from, to })).toBe("SCREENING_REQUIRED");
    expect(move({ from, to, scorecardPassed: false })).toBe("SCREENING_REQUIRED");
    expect(move({ from, to, scorecardPassed: true })).toBeNull();
    expect(move({ from, to, scorecardPassed: false, override: true })).toBeNull();
    expect(move({ from, to, override: true })).toBeNull();
  });

  it("流失 needs a listed reason and a text", () => {
    expect(move({ from: "negotiation", to: "lost" })).toBe("LOST_REASON_REQUIRED");
    expect(move({ from: "negotiation", to: "lost", lostReason: "land" })).toBe("LOST_REASON_REQUIRED");
    expect(move({ from: "negotiation", to: "lost", lostReason: "land", lostNote: "  " })).toBe("LOST_REASON_REQUIRED");
    expect(move({ from: "negotiation", to: "lost", lostReason: "nope", lostNote: "x" })).toBe("LOST_REASON_REQUIRED");
    expect(move({ from: "negotiation", to: "lost", lostReason: "land", lostNote: "无可用工业用地" })).toBeNull();
    expect(move({ from: "signed", to: "lost", lostReason: "funding", lostNote: "资金未到位" })).toBeNull();
  });

  it("a lead in production is finished; the same stage is no move", () => {
    expect(move({ from: "producing", to: "lost", lostReason: "other", lostNote: "x" })).toBe("LEAD_FINISHED");
    expect(move({ from: "producing", to: "started", note: "x" })).toBe("LEAD_FINISHED");
    expect(move({ from: "signed", to: "signed" })).toBe("SAME_STAGE");
  });

  it("a move back needs a note and never leaves 开工 or later", () => {
    expect(move({ from: "negotiation", to: "contact" })).toBe("BACKWARD_NOTE_REQUIRED");
    expect(move({ from: "negotiation", to: "contact", note: "对方换了对接人，重新接洽" })).toBeNull();
    expect(move({ from: "signed", to: "negotiation", note: "协议需重签" })).toBeNull();
    expect(move({ from: "started", to: "registered", note: "x" })).toBe("BACK_FROM_STARTED");
    // Not by way of 流失 either: a lost lead may come back to any stage, which would leave a clue with a project.
    expect(move({ from: "started", to: "lost", lostReason: "other", lostNote: "x" })).toBe("BACK_FROM_STARTED");
    expect(move({ from: "started", to: "producing" })).toBeNull();
  });

  it("a lost lead comes back to a stage before signing freely", () => {
    expect(move({ from: "lost", to: "negotiation" })).toBeNull();
  });
});

describe("size buckets of leads", () => {
  it.each([
    ["9999.9999", "below1"],
    ["10000", "b1"],
    ["10000.0000", "b1"],
    ["99999.9999", "b1"],
    ["100000", "b10"],
    ["499999.9999", "b10"],
    ["500000", "b50"],
    ["1000000", "b100"],
  ] as const)("%s 万元 is in %s", (wan, bucket) => {
    expect(investmentBucket(wan)).toBe(bucket);
  });

  it("counts 在谈 leads both ways, as the reports say them", () => {
    const c = bucketCounts(["10000", "120000", "600000", "5000"]);
    expect(c.cumulative.b1).toEqual({ count: 3, sumWan: "730000" });
    expect(c.cumulative.b10.count).toBe(2);
    expect(c.cumulative.b50.count).toBe(1);
    expect(c.exclusive.b10.count).toBe(1);
    expect(c.exclusive.below1.count).toBe(1);
  });

  it("gives SQL the same lower bounds", () => {
    expect(INVESTMENT_BUCKET_MIN_WAN).toEqual([
      ["b100", 1_000_000],
      ["b50", 500_000],
      ["b10", 100_000],
      ["b1", 10_000],
    ]);
  });
});

describe("screening scorecard", () => {
  const good = {
    intensity: 520,
    tax_per_mu: 31,
    energy: 0.08,
    environment: "A",
    chain_pull: "leader",
    technology: "world",
  };

  it("the best values score the maximum and pass", () => {
    const r = scoreScreening(DEFAULT_SCREENING_SCHEME, good);
    expect(r.score).toBe(100);
    expect(r.maxScore).toBe(100);
    expect(r.passed).toBe(true);
  });

  it("bounds are included (以上 / 以下)", () => {
    const r = scoreScreening(DEFAULT_SCREENING_SCHEME, { ...good, intensity: 300, tax_per_mu: 15, energy: 0.5 });
    expect(r.criteria.find((c) => c.key === "intensity")).toEqual({ key: "intensity", points: 10, passed: true });
    expect(r.criteria.find((c) => c.key === "energy")).toEqual({ key: "energy", points: 10, passed: true });
    expect(r.score).toBe(70);
    expect(r.passed).toBe(true);
  });

  it("a required criterion below its line fails the card whatever the score", () => {
    const r = scoreScreening(DEFAULT_SCREENING_SCHEME, { ...good, intensity: 299.99 });
    expect(r.failedRequired).toEqual(["intensity"]);
    expect(r.score).toBe(80);
    expect(r.passed).toBe(false);
    expect(scoreScreening(DEFAULT_SCREENING_SCHEME, { ...good, environment: "D" }).passed).toBe(false);
    expect(scoreScreening(DEFAULT_SCREENING_SCHEME, { ...good, energy: 0.51 }).failedRequired).toEqual(["energy"]);
  });

  it("passing every line but scoring under the pass score fails", () => {
    const r = scoreScreening(DEFAULT_SCREENING_SCHEME, {
      intensity: 300,
      tax_per_mu: 15,
      energy: 0.5,
      environment: "C",
      chain_pull: "none",
      technology: "ordinary",
    });
    expect(r.score).toBe(35);
    expect(r.failedRequired).toEqual([]);
    expect(r.passed).toBe(false);
  });

  it("a missing value makes the card incomplete, not passed", () => {
    const r = scoreScreening(DEFAULT_SCREENING_SCHEME, { ...good, technology: undefined, environment: "Z" });
    expect(r.missing).toEqual(["environment", "technology"]);
    expect(r.passed).toBe(false);
  });

  it("checks a scheme an administrator types", () => {
    expect(schemeProblems(DEFAULT_SCREENING_SCHEME)).toEqual([]);
    expect(maxScore(DEFAULT_SCREENING_SCHEME)).toBe(100);
    expect(schemeProblems({ ...DEFAULT_SCREENING_SCHEME, passScore: 101 })).toEqual(["合格分须在 0 到 100 之间"]);
    expect(schemeProblems({ passScore: 0, criteria: [] })[0]).toBe("至少需要一项评估指标");
  });

  it("investment intensity from amount and land", () => {
    expect(investmentIntensity("60000", 120)).toBe(500);
    expect(investmentIntensity("60000", null)).toBeNull();
    expect(investmentIntensity("60000", 0)).toBeNull();
  });
});

describe("pipeline figures", () => {
  it("furthest stage ignores 流失 and keeps what was reached", () => {
    expect(
      furthestStage([
        { stage: "clue", on: "2026-01-05" },
        { stage: "negotiation", on: "2026-02-01" },
        { stage: "lost", on: "2026-03-01" },
      ]),
    ).toBe("negotiation");
    expect(furthestStage([])).toBeNull();
  });

  it("conversion between stages counts leads that went past a stage", () => {
    const rows = stageConversion(["clue", "negotiation", "negotiation", "signed", "producing", null]);
    expect(rows[0]).toEqual({ from: "clue", to: "contact", reachedFrom: 5, reachedTo: 4, percent: 80 });
    expect(rows[2]).toEqual({ from: "negotiation", to: "signed", reachedFrom: 4, reachedTo: 2, percent: 50 });
    expect(rows[5]).toEqual({ from: "started", to: "producing", reachedFrom: 1, reachedTo: 1, percent: 100 });
  });

  it("days in each stage run to the next change, the current one to today", () => {
    expect(
      daysInStages(
        [
          { stage: "clue", on: "2026-01-31" },
          { stage: "negotiation", on: "2026-03-02" },
        ],
        "2026-03-12",
      ),
    ).toEqual([
      { stage: "clue", days: 30 },
      { stage: "negotiation", days: 10 },
    ]);
  });
});

describe("chain coverage", () => {
  it.each([
    [0, "none"],
    [1, "weak"],
    [2, "weak"],
    [3, "strong"],
    [9, "strong"],
  ] as const)("%i local enterprises: %s", (n, level) => {
    expect(coverageOf(n, DEFAULT_COVERAGE)).toBe(level);
  });

  it("thresholds are configurable and checked", () => {
    expect(coverageOf(2, { weakMin: 2, strongMin: 5 })).toBe("weak");
    expect(coverageOf(1, { weakMin: 2, strongMin: 5 })).toBe("none");
    expect(coverageThresholdsProblem({ weakMin: 3, strongMin: 3 })).not.toBeNull();
    expect(coverageThresholdsProblem({ weakMin: 0, strongMin: 3 })).not.toBeNull();
    expect(coverageThresholdsProblem(DEFAULT_COVERAGE)).toBeNull();
  });
});

describe("regions of any level", () => {
  it("names provinces, cities and counties and finds them from text", () => {
    expect(regionNameOfAnyLevel("32")).toBe("江苏省");
    expect(regionPath("32")).toEqual(["32"]);
    expect(regionPath("3201")).toEqual(["32", "3201"]);
    expect(regionPath("320115")).toEqual(["32", "3201", "320115"]);
    expect(regionPath("110108")).toEqual(["11", "1101", "110108"]);
    expect(regionPath("329999")).toBeUndefined();
    expect(regionNameOfAnyLevel("3201")).toBe("江苏省南京市");
    expect(regionNameOfAnyLevel("1101")).toBe("北京市");
    expect(regionParents("320115")).toEqual({ province: "32", city: "3201" });
    expect(regionOfAnyLevelFromText("江苏省南京市")).toBe("3201");
    expect(regionOfAnyLevelFromText("广东")).toBe("44");
    expect(regionOfAnyLevelFromText("深圳市")).toBe("4403");
    expect(regionOfAnyLevelFromText("火星")).toBeUndefined();
  });
});
