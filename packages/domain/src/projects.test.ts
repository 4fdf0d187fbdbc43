import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Y2024 } from "./calendar.fixtures.ts";
import { workingCalendar } from "./calendar.ts";
import {
  APPROVAL_ITEM_CATALOGUE,
  APPROVAL_STAGE_NAMES,
  APPROVAL_STAGES,
  type ApprovalItemFacts,
  type ApprovalItemTiming,
  approvalBottlenecks,
  approvalTimings,
  bucketCounts,
  DEFAULT_PROJECT_SETTINGS,
  elapsedOfYear,
  exactPercent,
  formatWan,
  groupSchedule,
  INVESTMENT_BUCKET_NAMES,
  INVESTMENT_BUCKETS,
  type InvestmentBucket,
  investmentBucket,
  isWanAmount,
  lastDayOfMonthIso,
  PROJECT_LEVEL_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  PROJECT_TYPE_NAMES,
  PROJECT_TYPES,
  parseWan,
  planInForce,
  type Ratio,
  reportMonthState,
  reportWindow,
  SCHEDULE_GRANULARITIES,
  SCHEDULE_GRANULARITY_NAMES,
  type Schedule,
  type ScheduleInput,
  schedule,
  startRate,
  sumWan,
  totalInvestmentPercent,
} from "./projects.ts";

/** 序时进度 at month granularity: m/12. */
const month = (m: number): Ratio => elapsedOfYear({ year: 2024, month: m }, "month");

describe("code lists", () => {
  it("names every code in both languages", () => {
    const lists: [readonly string[], Record<string, { "zh-CN": string; "en-US": string }>][] = [
      [PROJECT_TYPES, PROJECT_TYPE_NAMES],
      [PROJECT_LEVELS, PROJECT_LEVEL_NAMES],
      [PROJECT_STAGES, PROJECT_STAGE_NAMES],
      [APPROVAL_STAGES, APPROVAL_STAGE_NAMES],
      [SCHEDULE_GRANULARITIES, SCHEDULE_GRANULARITY_NAMES],
      [INVESTMENT_BUCKETS, INVESTMENT_BUCKET_NAMES],
    ];
    for (const [codes, names] of lists) {
      expect(Object.keys(names)).toEqual([...codes]);
      for (const c of codes) {
        expect(names[c]?.["zh-CN"]).toBeTruthy();
        expect(names[c]?.["en-US"]).toBeTruthy();
      }
    }
    expect(PROJECT_STAGE_NAMES.new_start["zh-CN"]).toBe("新开工");
    expect(INVESTMENT_BUCKET_NAMES.b100["zh-CN"]).toBe("百亿级(100亿元以上)");
  });

  it("ships 3 to 5 catalogue items per approval stage, with whole positive limits", () => {
    for (const stage of APPROVAL_STAGES) {
      const items = APPROVAL_ITEM_CATALOGUE.filter((i) => i.stage === stage);
      expect(items.length).toBeGreaterThanOrEqual(3);
      expect(items.length).toBeLessThanOrEqual(5);
    }
    for (const i of APPROVAL_ITEM_CATALOGUE)
      expect(Number.isInteger(i.limitWorkingDays) && i.limitWorkingDays > 0).toBe(true);
    expect(APPROVAL_ITEM_CATALOGUE.find((i) => i.name === "施工许可证")?.limitWorkingDays).toBe(3);
    expect(new Set(APPROVAL_ITEM_CATALOGUE.map((i) => i.name)).size).toBe(APPROVAL_ITEM_CATALOGUE.length);
  });

  it("has the default settings", () => {
    expect(DEFAULT_PROJECT_SETTINGS).toEqual({
      granularity: "month",
      behindThresholdPoints: 5,
      reportDeadlineDay: 25,
      approvalTargetWorkingDays: 50,
    });
  });
});

describe("amounts in 万元", () => {
  it.each([
    ["62000", 620_000_000n, "62000"],
    ["0.5", 5_000n, "0.5"],
    ["0", 0n, "0"],
    ["0.0000", 0n, "0"],
    ["62000.0000", 620_000_000n, "62000"], // PostgreSQL numeric(16,4) writes the 4 decimals
    ["1.2345", 12_345n, "1.2345"],
    ["123.45", 1_234_500n, "123.45"],
    ["1.0001", 10_001n, "1.0001"],
    ["007", 70_000n, "7"], // leading zeros are accepted and dropped
    ["00.5", 5_000n, "0.5"],
    ["999999999999.9999", 9_999_999_999_999_999n, "999999999999.9999"], // 12 integer digits, the most
    ["0000999999999999", 9_999_999_999_990_000n, "999999999999"], // leading zeros do not count
  ])("%s → %s units → %s", (text, units, canonical) => {
    expect(parseWan(text)).toBe(units);
    expect(isWanAmount(text)).toBe(true);
    expect(formatWan(units)).toBe(canonical);
  });

  it.each([
    "",
    "1e3",
    "1.23456", // 5 decimals
    "-1",
    "-0",
    "+1",
    " 1",
    "1 ",
    ".5",
    "5.",
    "1,000",
    "1_000",
    "0x10",
    "NaN",
    "１２", // full-width digits
    "100000000000000000000", // 21 integer digits
  ])("refuses %j", (text) => {
    expect(() => parseWan(text)).toThrow(RangeError);
    expect(isWanAmount(text)).toBe(false);
  });

  it("says why in the error", () => {
    expect(() => parseWan("-1")).toThrow(/negative/);
    expect(() => parseWan("1.23456")).toThrow(/4 decimals/);
    expect(() => parseWan("100000000000000000000")).toThrow(/20 integer digits/);
  });

  it("reads sums of entered amounts beyond 12 digits, but a user enters at most 12", () => {
    expect(parseWan("1999999999999.9998")).toBe(19_999_999_999_999_998n);
    expect(isWanAmount("999999999999.9999")).toBe(true);
    expect(isWanAmount("1000000000000")).toBe(false);
  });

  it("formats negatives (differences) and sums exactly", () => {
    expect(formatWan(-5_000n)).toBe("-0.5");
    expect(formatWan(-620_000_000n)).toBe("-62000");
    // 0.1 + 0.2 + 1.2345 = 1.5345 exactly (no binary noise)
    expect(sumWan(["0.1", "0.2", "1.2345"])).toBe("1.5345");
    expect(sumWan([])).toBe("0");
  });

  it("round-trips: parse ∘ format is the identity on units, format ∘ parse is canonical", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_999_999_999_999_999n }), (units) => {
        expect(parseWan(formatWan(units))).toBe(units);
      }),
    );
  });
});

describe("exactPercent", () => {
  it.each([
    [1n, 3n, 33.3], // 33.33…
    [2n, 3n, 66.7], // 66.66…
    [1n, 8n, 12.5],
    [1333n, 2000n, 66.7], // 66.65 exactly: half away from zero
    [-1333n, 2000n, -66.7], // −66.65: away from zero
    [-7n, 300n, -2.3], // −2.333…
    [0n, 5n, 0],
    [5n, 0n, null],
  ])("%s ÷ %s → %s", (num, den, expected) => {
    expect(exactPercent(num, den)).toBe(expected);
  });
});

describe("elapsedOfYear (序时进度)", () => {
  it.each([
    [{ year: 2024, month: 4 }, "month", undefined, { num: 4n, den: 12n }, 33.3], // 4/12
    [{ year: 2024, month: 6 }, "month", undefined, { num: 6n, den: 12n }, 50], // 6/12
    [{ year: 2024, month: 12 }, "month", undefined, { num: 12n, den: 12n }, 100], // December: 12/12
    [{ year: 2024, month: 3 }, "month", "2024-03-20", { num: 3n, den: 12n }, 25], // month ignores asOf
    [{ year: 2024, month: 3 }, "day", "2024-03-20", { num: 80n, den: 366n }, 21.9], // 31+29+20 = 80; 80/366 = 21.86
    [{ year: 2024, month: 12 }, "day", "2024-12-31", { num: 366n, den: 366n }, 100],
    [{ year: 2023, month: 3 }, "day", "2023-03-20", { num: 79n, den: 365n }, 21.6], // 31+28+20 = 79; 79/365 = 21.64
    [{ year: 2024, month: 1 }, "day", "2024-01-01", { num: 1n, den: 366n }, 0.3], // 1/366 = 0.27
    [{ year: 2024, month: 3 }, "day", "2024-05-01", { num: 91n, den: 366n }, 24.9], // clipped to 03-31: 91/366 = 24.86
    [{ year: 2024, month: 12 }, "day", "2025-01-15", { num: 366n, den: 366n }, 100], // clipped to 12-31
  ] as const)("%o %s asOf %s → %o = %s%", (period, granularity, asOf, ratio, percent) => {
    const e = elapsedOfYear(period, granularity, asOf);
    expect(e).toEqual(ratio);
    expect(exactPercent(e.num, e.den)).toBe(percent);
  });

  it("refuses a bad period, a day granularity without asOf, an asOf before the year", () => {
    expect(() => elapsedOfYear({ year: 2024, month: 0 }, "month")).toThrow(RangeError);
    expect(() => elapsedOfYear({ year: 2024, month: 13 }, "month")).toThrow(RangeError);
    expect(() => elapsedOfYear({ year: 2024, month: 3 }, "day")).toThrow(/asOf/);
    expect(() => elapsedOfYear({ year: 2024, month: 3 }, "day", "2023-12-31")).toThrow(RangeError);
    expect(() => elapsedOfYear({ year: 2024, month: 3 }, "day", "2024-02-30")).toThrow(RangeError);
  });

  it("knows the last day of a month", () => {
    expect(lastDayOfMonthIso(2024, 2)).toBe("2024-02-29");
    expect(lastDayOfMonthIso(2023, 2)).toBe("2023-02-28");
    expect(lastDayOfMonthIso(2024, 12)).toBe("2024-12-31");
  });
});

describe("planInForce (年中调整)", () => {
  const versions = [
    { fromMonth: 1, planWan: "1000" },
    { fromMonth: 7, planWan: "1500" },
  ];
  it.each([
    [versions, 3, "1000"], // March: only the January version is in force
    [versions, 6, "1000"],
    [versions, 7, "1500"], // the change takes effect in its own month
    [versions, 8, "1500"], // August
    [[...versions].reverse(), 8, "1500"], // order of the list does not matter
    [[{ fromMonth: 3, planWan: "500" }], 2, null], // nothing in force yet
    [[], 12, null],
    [
      [
        { fromMonth: 7, planWan: "1500" },
        { fromMonth: 7, planWan: "1600" },
      ],
      9,
      "1600",
    ], // same month twice: the later entry wins
  ])("%j at month %i → %s", (vs, m, expected) => {
    expect(planInForce(vs, m)).toBe(expected);
  });
});

describe("schedule", () => {
  type Expected = Pick<Schedule, "completionPercent" | "elapsedPercent" | "pointsAhead" | "behind">;
  const cases: [string, ScheduleInput, Ratio, number, Expected][] = [
    [
      // 62000/200000 = 31%; 4/12 = 33.33%; 31 − 33.33 = −2.33 → −2.3
      "PRODUCT.md: plan 200000, 62000 by end of April",
      { planWan: "200000", completedYtdWan: "62000" },
      month(4),
      5,
      { completionPercent: 31, elapsedPercent: 33.3, pointsAhead: -2.3, behind: false },
    ],
    [
      // same figures, threshold 2.3: −2.333 is more than 2.3 behind although it shows −2.3
      "behind is judged unrounded (threshold 2.3)",
      { planWan: "200000", completedYtdWan: "62000" },
      month(4),
      2.3,
      { completionPercent: 31, elapsedPercent: 33.3, pointsAhead: -2.3, behind: true },
    ],
    [
      "threshold 2.5 (a fraction): −2.33 is not more than 2.5 behind",
      { planWan: "200000", completedYtdWan: "62000" },
      month(4),
      2.5,
      { completionPercent: 31, elapsedPercent: 33.3, pointsAhead: -2.3, behind: false },
    ],
    [
      // 1000/1000 = 100%; 12/12 = 100%
      "December: 序时进度 100%",
      { planWan: "1000", completedYtdWan: "1000" },
      month(12),
      5,
      { completionPercent: 100, elapsedPercent: 100, pointsAhead: 0, behind: false },
    ],
    [
      // 1234.5/1000 = 123.45% → 123.5; 123.45 − 100 = 23.45 → 23.5
      "December, over plan, halves round away from zero",
      { planWan: "1000", completedYtdWan: "1234.5" },
      month(12),
      5,
      { completionPercent: 123.5, elapsedPercent: 100, pointsAhead: 23.5, behind: false },
    ],
    [
      "no plan: no rate, not behind",
      { planWan: null, completedYtdWan: "300" },
      month(4),
      5,
      { completionPercent: null, elapsedPercent: 33.3, pointsAhead: null, behind: false },
    ],
    [
      "a plan of 0: no rate, not behind",
      { planWan: "0", completedYtdWan: "50" },
      month(6),
      5,
      { completionPercent: null, elapsedPercent: 50, pointsAhead: null, behind: false },
    ],
    [
      // August plan 1500 (年中调整); 900/1500 = 60%; 8/12 = 66.67%; 60 − 66.67 = −6.67 → −6.7, more than 5 behind
      "after a mid-year change: 900 of 1500 at August",
      { planWan: "1500", completedYtdWan: "900" },
      month(8),
      5,
      { completionPercent: 60, elapsedPercent: 66.7, pointsAhead: -6.7, behind: true },
    ],
    [
      // 4500/10000 = 45%; 6/12 = 50%; exactly 5.0 behind is not MORE than 5
      "exactly 5.0 points behind is not behind",
      { planWan: "10000", completedYtdWan: "4500" },
      month(6),
      5,
      { completionPercent: 45, elapsedPercent: 50, pointsAhead: -5, behind: false },
    ],
    [
      // 4496/10000 = 44.96% → 45.0; 44.96 − 50 = −5.04 → shows −5.0 but is more than 5 behind
      "5.04 behind is behind although it shows −5.0",
      { planWan: "10000", completedYtdWan: "4496" },
      month(6),
      5,
      { completionPercent: 45, elapsedPercent: 50, pointsAhead: -5, behind: true },
    ],
    [
      // 3335/10000 = 33.35% → 33.4; 4/12 = 33.33% → 33.3. Rounding first: 33.4 − 33.3 = 0.1.
      // Once: 33.35 − 33.333… = 0.0167 → 0.0
      "rounding once, not first (ahead)",
      { planWan: "10000", completedYtdWan: "3335" },
      month(4),
      5,
      { completionPercent: 33.4, elapsedPercent: 33.3, pointsAhead: 0, behind: false },
    ],
    [
      // 3325/10000 = 33.25% → 33.3; rounding first: 33.3 − 33.3 = 0.0. Once: 33.25 − 33.333… = −0.083 → −0.1
      "rounding once, not first (behind)",
      { planWan: "10000", completedYtdWan: "3325" },
      month(4),
      5,
      { completionPercent: 33.3, elapsedPercent: 33.3, pointsAhead: -0.1, behind: false },
    ],
    [
      // 4975/10000 = 49.75% → 49.8; 49.75 − 50 = −0.25 exactly → −0.3 (half away from zero)
      "a negative half rounds away from zero",
      { planWan: "10000", completedYtdWan: "4975" },
      month(6),
      5,
      { completionPercent: 49.8, elapsedPercent: 50, pointsAhead: -0.3, behind: false },
    ],
    [
      // day granularity: 80/366 = 21.858%; 2000/10000 = 20%; 20 − 21.858 = −1.858 → −1.9
      "day granularity, 2024-03-20",
      { planWan: "10000", completedYtdWan: "2000" },
      elapsedOfYear({ year: 2024, month: 3 }, "day", "2024-03-20"),
      5,
      { completionPercent: 20, elapsedPercent: 21.9, pointsAhead: -1.9, behind: false },
    ],
  ];
  it.each(cases)("%s", (_label, input, elapsed, threshold, expected) => {
    const s = schedule(input, elapsed, threshold);
    expect({
      completionPercent: s.completionPercent,
      elapsedPercent: s.elapsedPercent,
      pointsAhead: s.pointsAhead,
      behind: s.behind,
    }).toEqual(expected);
  });

  it("returns the amounts in canonical form", () => {
    const s = schedule({ planWan: "200000.0000", completedYtdWan: "062000.50" }, month(4), 5);
    expect(s.planWan).toBe("200000");
    expect(s.completedYtdWan).toBe("62000.5");
    expect(schedule({ planWan: null, completedYtdWan: "0" }, month(4), 5).planWan).toBeNull();
  });

  it("refuses a bad amount, threshold or elapsed ratio", () => {
    expect(() => schedule({ planWan: "-1", completedYtdWan: "0" }, month(4), 5)).toThrow(RangeError);
    expect(() => schedule({ planWan: "1", completedYtdWan: "1e3" }, month(4), 5)).toThrow(RangeError);
    expect(() => schedule({ planWan: "1", completedYtdWan: "0" }, month(4), -1)).toThrow(RangeError);
    expect(() => schedule({ planWan: "1", completedYtdWan: "0" }, month(4), Number.NaN)).toThrow(RangeError);
    expect(() => schedule({ planWan: "1", completedYtdWan: "0" }, { num: 1n, den: 0n }, 5)).toThrow(RangeError);
  });
});

describe("groupSchedule", () => {
  it.each([
    [
      // only the project with a plan counts: 62000/200000 = 31%; the no-plan project's 5000 is left out
      "a project without a plan is left out of both sums",
      [
        { planWan: "200000", completedYtdWan: "62000" },
        { planWan: null, completedYtdWan: "5000" },
      ],
      month(4),
      { planWan: "200000", completedYtdWan: "62000", projects: 1, completionPercent: 31, pointsAhead: -2.3 },
    ],
    [
      // plan 0 + 1000 = 1000; completed 50 + 250 = 300; 300/1000 = 30%; 6/12 = 50%; −20.0
      "a plan of 0 is a plan: its completed amount counts",
      [
        { planWan: "0", completedYtdWan: "50" },
        { planWan: "1000", completedYtdWan: "250" },
      ],
      month(6),
      { planWan: "1000", completedYtdWan: "300", projects: 2, completionPercent: 30, pointsAhead: -20 },
    ],
    [
      // PRODUCT.md's zone: Σ plan 120000 + 80000 = 200000; Σ completed 40000 + 22000 = 62000 → 31.0 / −2.3
      "sums of plans and completed, then one division",
      [
        { planWan: "120000", completedYtdWan: "40000" },
        { planWan: "80000", completedYtdWan: "22000" },
      ],
      month(4),
      { planWan: "200000", completedYtdWan: "62000", projects: 2, completionPercent: 31, pointsAhead: -2.3 },
    ],
    [
      "no member with a plan",
      [{ planWan: null, completedYtdWan: "10" }],
      month(4),
      { planWan: null, completedYtdWan: "0", projects: 0, completionPercent: null, pointsAhead: null },
    ],
    ["no members at all", [], month(4), { planWan: null, completedYtdWan: "0", projects: 0, completionPercent: null }],
  ] as [string, ScheduleInput[], Ratio, Partial<Schedule & { projects: number }>][])(
    "%s",
    (_label, items, elapsed, expected) => {
      expect(groupSchedule(items, elapsed, 5)).toMatchObject(expected);
    },
  );

  it("judges a group by its sums, not by its members", () => {
    // A: 100/1000 = 10%, far behind; B: 9000/10000 = 90%, ahead; Σ 9100/11000 = 82.7% vs 50%: ahead 32.7
    const g = groupSchedule(
      [
        { planWan: "1000", completedYtdWan: "100" },
        { planWan: "10000", completedYtdWan: "9000" },
      ],
      month(6),
      5,
    );
    expect(g).toEqual({
      planWan: "11000",
      completedYtdWan: "9100",
      completionPercent: 82.7, // 82.727…
      elapsedPercent: 50,
      pointsAhead: 32.7,
      behind: false,
      projects: 2,
    });
  });
});

describe("startRate (开工率)", () => {
  // 20 planned new starts, planned months 1..12, 1..8 (i % 12 + 1); the first 12 started.
  const twenty = Array.from({ length: 20 }, (_, i) => ({ plannedMonth: (i % 12) + 1, started: i < 12 }));
  it.each([
    // 12 of 20 → 60.0; planned in months 1–4: i = 0..3 and 12..15 → 8; 12/8 = 150.0
    [
      "PRODUCT.md: 12 of 20",
      twenty,
      4,
      { started: 12, plannedAnnual: 20, plannedToDate: 8, annualPercent: 60, toDatePercent: 150 },
    ],
    // months 1, 2, 3, 5, null, null, 8; started 1, 2, 5, null → 4; to date (≤ 4): 1, 2, 3 → 3
    // 4/7 = 57.14 → 57.1; 4/3 = 133.33 → 133.3
    [
      "annual vs to date, a month unknown counts for annual only",
      [
        { plannedMonth: 1, started: true },
        { plannedMonth: 2, started: true },
        { plannedMonth: 3, started: false },
        { plannedMonth: 5, started: true },
        { plannedMonth: null, started: true },
        { plannedMonth: null, started: false },
        { plannedMonth: 8, started: false },
      ],
      4,
      { started: 4, plannedAnnual: 7, plannedToDate: 3, annualPercent: 57.1, toDatePercent: 133.3 },
    ],
    [
      "nothing planned up to the month: no to-date rate",
      [{ plannedMonth: 6, started: true }],
      1,
      { started: 1, plannedAnnual: 1, plannedToDate: 0, annualPercent: 100, toDatePercent: null },
    ],
    [
      "a month unknown only: a real 0% annual, no to-date rate",
      [{ plannedMonth: null, started: false }],
      12,
      { started: 0, plannedAnnual: 1, plannedToDate: 0, annualPercent: 0, toDatePercent: null },
    ],
    [
      "nothing planned",
      [],
      12,
      { started: 0, plannedAnnual: 0, plannedToDate: 0, annualPercent: null, toDatePercent: null },
    ],
  ] as [string, { plannedMonth: number | null; started: boolean }[], number, ReturnType<typeof startRate>][])(
    "%s",
    (_label, items, m, expected) => {
      expect(startRate(items, m)).toEqual(expected);
    },
  );
});

describe("totalInvestmentPercent", () => {
  it.each([
    ["31000", "100000", 31], // 31%
    ["1", "3", 33.3], // 33.33…
    ["0", "500", 0],
    ["120", "100", 120], // over the total
    ["10", "0", null],
  ])("%s of %s → %s", (cumulative, total, expected) => {
    expect(totalInvestmentPercent(cumulative, total)).toBe(expected);
  });
});

describe("investment buckets", () => {
  it.each([
    ["0", "below1"],
    ["9999.9999", "below1"],
    ["10000", "b1"], // exactly 1 亿: 亿元以上 includes the bound
    ["10000.0000", "b1"],
    ["99999.9999", "b1"],
    ["100000", "b10"], // 10 亿
    ["499999.9999", "b10"],
    ["500000", "b50"], // 50 亿
    ["999999.9999", "b50"],
    ["1000000", "b100"], // 100 亿: 百亿级
    ["2500000", "b100"],
  ] as [string, InvestmentBucket][])("%s 万元 → %s", (wan, bucket) => {
    expect(investmentBucket(wan)).toBe(bucket);
  });

  it("counts and sums both cumulatively and exclusively", () => {
    const r = bucketCounts(["10000", "99999.9999", "100000", "500000", "1000000", "500", "0.5"]);
    expect(r.exclusive).toEqual({
      b100: { count: 1, sumWan: "1000000" },
      b50: { count: 1, sumWan: "500000" },
      b10: { count: 1, sumWan: "100000" },
      b1: { count: 2, sumWan: "109999.9999" }, // 10000 + 99999.9999
      below1: { count: 2, sumWan: "500.5" }, // 500 + 0.5
    });
    expect(r.cumulative).toEqual({
      b100: { count: 1, sumWan: "1000000" },
      b50: { count: 2, sumWan: "1500000" }, // 1000000 + 500000
      b10: { count: 3, sumWan: "1600000" }, // + 100000
      b1: { count: 5, sumWan: "1709999.9999" }, // + 109999.9999
    });
  });

  it("is all zeros for no amounts and refuses a bad one", () => {
    const r = bucketCounts([]);
    expect(r.cumulative.b1).toEqual({ count: 0, sumWan: "0" });
    expect(r.exclusive.below1).toEqual({ count: 0, sumWan: "0" });
    expect(() => bucketCounts(["1e5"])).toThrow(RangeError);
  });
});

describe("monthly reporting window", () => {
  it.each([
    [2024, 3, 25, "2024-03-01", "2024-03-25"],
    [2024, 2, 31, "2024-02-01", "2024-02-29"], // leap February: 31 clipped to 29
    [2023, 2, 31, "2023-02-01", "2023-02-28"],
    [2024, 4, 31, "2024-04-01", "2024-04-30"],
    [2024, 12, 1, "2024-12-01", "2024-12-01"],
  ])("%i-%i with deadline day %i: %s … %s", (y, m, day, opensOn, closesOn) => {
    expect(reportWindow(y, m, day)).toEqual({ opensOn, closesOn });
  });

  it("refuses a deadline day outside 1–31 and a bad month", () => {
    for (const day of [0, 32, 2.5]) expect(() => reportWindow(2024, 3, day)).toThrow(RangeError);
    expect(() => reportWindow(2024, 13, 25)).toThrow(RangeError);
  });

  const reopened = [{ until: "2024-04-05" }];
  it.each([
    [2024, 3, "2024-02-29", 25, [], "not_open"], // before the 1st
    [2024, 3, "2024-03-01", 25, [], "open"],
    [2024, 3, "2024-03-25", 25, [], "open"], // the deadline day itself
    [2024, 3, "2024-03-26", 25, [], "locked"], // the day after
    [2024, 3, "2024-03-26", 25, reopened, "reopened"],
    [2024, 3, "2024-04-05", 25, reopened, "reopened"], // until is inclusive
    [2024, 3, "2024-04-06", 25, reopened, "locked"], // after the reopening
    [2024, 3, "2024-04-01", 25, [{ until: "2024-03-28" }, { until: "2024-04-10" }], "reopened"], // any covering one
    [2024, 5, "2024-03-26", 25, reopened, "not_open"], // a future month, whatever the reopenings
    [2024, 2, "2024-02-29", 31, [], "open"], // leap February, deadline 31 → 29
    [2024, 2, "2024-03-01", 31, [], "locked"],
  ] as [number, number, string, number, { until: string }[], string][])(
    "%i-%i on %s (deadline %i, reopenings %j) → %s",
    (y, m, today, day, reopenings, state) => {
      expect(reportMonthState(y, m, today, day, reopenings)).toBe(state);
    },
  );

  it("refuses a today that is not a date", () => {
    expect(() => reportMonthState(2024, 3, "2024-3-26", 25, [])).toThrow(RangeError);
  });
});

const cal = workingCalendar([Y2024]);
/** Monday–Friday only, no holidays (a calendar without data). */
const weekdays = workingCalendar([]);

const item = (
  id: string,
  stage: ApprovalItemFacts["stage"],
  appliedOn: string | null,
  approvedOn: string | null,
  limitWorkingDays: number | null,
  name = id,
  department = "住房和城乡建设局",
): ApprovalItemFacts => ({ id, stage, name, department, appliedOn, approvedOn, limitWorkingDays });

describe("approvalTimings: items", () => {
  const asOf = "2024-05-10"; // a Friday
  it.each([
    // (Fri 03-01, Mon 03-04]: Sat, Sun, Mon → 1
    ["applied Friday, approved Monday", item("a", "land_planning", "2024-03-01", "2024-03-04", 5), cal, 1, false],
    // (Thu 02-08, Mon 02-19]: 02-09 Fri, 02-10…17 off, 02-18 Sunday make-up day, 02-19 Mon → 3
    ["across the 2024 Spring Festival", item("b", "land_planning", "2024-02-08", "2024-02-19", 10), cal, 3, false],
    // the same on Monday–Friday only: 02-09, 02-12…16, 02-19 → 7
    ["the same without the holidays", item("b", "land_planning", "2024-02-08", "2024-02-19", 10), weekdays, 7, false],
    // (Mon 05-06, asOf Fri 05-10]: Tue–Fri → 4
    ["pending, counted to asOf", item("c", "completion_acceptance", "2024-05-06", null, 5), cal, 4, true],
    // approved after asOf: as of 05-10 it is still pending
    ["approved after asOf", item("d", "completion_acceptance", "2024-05-06", "2024-05-20", 5), cal, 4, true],
    ["applied on asOf itself: 0 so far", item("e", "completion_acceptance", "2024-05-10", null, 5), cal, 0, true],
    ["approved on the day applied", item("f", "land_planning", "2024-03-04", "2024-03-04", 5), cal, 0, false],
  ] as const)("%s", (_label, facts, calendar, elapsed, pending) => {
    const [t] = approvalTimings([facts], asOf, calendar, 50).items;
    expect(t).toEqual({ id: facts.id, elapsedWorkingDays: elapsed, pending, overLimit: false });
  });

  it.each([
    ["not applied yet", item("n", "land_planning", null, null, 0), null, false, false],
    ["applied after asOf: not yet as of it", item("n", "land_planning", "2024-05-13", null, 0), null, false, false],
    // (Mon 05-06, Fri 05-10] = 4 working days
    [
      "limit 4, elapsed 4: not over (strictly)",
      item("x", "completion_acceptance", "2024-05-06", null, 4),
      4,
      true,
      false,
    ],
    ["limit 3, elapsed 4: over", item("x", "completion_acceptance", "2024-05-06", null, 3), 4, true, true],
    ["no limit: never over", item("x", "completion_acceptance", "2024-05-06", null, null), 4, true, false],
  ] as const)("%s", (_label, facts, elapsed, pending, overLimit) => {
    const [t] = approvalTimings([facts], "2024-05-10", cal, 50).items;
    expect(t).toEqual({ id: facts.id, elapsedWorkingDays: elapsed, pending, overLimit });
  });

  it("refuses an approval without an application or before it", () => {
    expect(() => approvalTimings([item("z", "land_planning", null, "2024-03-04", 5)], "2024-05-10", cal, 50)).toThrow(
      /z: approved on 2024-03-04 without/,
    );
    expect(() =>
      approvalTimings([item("z", "land_planning", "2024-03-05", "2024-03-04", 5)], "2024-05-10", cal, 50),
    ).toThrow(/before it was applied/);
    expect(() => approvalTimings([item("z", "land_planning", "2024-3-5", null, 5)], "2024-05-10", cal, 50)).toThrow(
      RangeError,
    );
  });
});

describe("approvalTimings: stages and total", () => {
  const asOf = "2024-05-10";
  const project = [
    // land planning: (02-08, 02-19] = 3 over limit 1; (03-01, 03-04] = 1; one not applied. Union: 3 + 1 = 4
    item("L1", "land_planning", "2024-02-08", "2024-02-19", 1, "项目备案", "发展和改革局"),
    item("L2", "land_planning", "2024-03-01", "2024-03-04", 5, "用地预审与选址意见书", "规划和自然资源局"),
    item("L3", "land_planning", null, null, 5, "不动产权证书（土地）", "规划和自然资源局"),
    // engineering permit, a gap between two items: (Mon 04-01, Wed 04-03] = 2; (Mon 04-08, Wed 04-10] = 2.
    // The gap 04-04…04-08 (holidays, the make-up Sunday 04-07 and Monday 04-08) is not counted: 2 + 2 = 4
    item("E1", "engineering_permit", "2024-04-01", "2024-04-03", 2, "设计方案审查", "规划和自然资源局"),
    item("E2", "engineering_permit", "2024-04-08", "2024-04-10", 5, "建设工程规划许可证", "规划和自然资源局"),
    // construction permit, two overlapping items: (Mon 03-04, Fri 03-08] = 4 over limit 3; (Wed 03-06, Tue 03-12] = 4.
    // Union (03-04, 03-12] = 03-05…08, 03-11, 03-12 = 6, not 8
    item("C1", "construction_permit", "2024-03-04", "2024-03-08", 3, "施工图审查"),
    item("C2", "construction_permit", "2024-03-06", "2024-03-12", 5, "消防设计审查"),
    // completion acceptance, pending: (Mon 05-06, asOf Fri 05-10] = 4, over limit 3
    item("A1", "completion_acceptance", "2024-05-06", null, 3, "竣工联合验收"),
  ];

  it("counts each stage over the union of its items and sums the stages", () => {
    const r = approvalTimings(project, asOf, cal, 18);
    expect(r.stages).toEqual([
      { stage: "land_planning", elapsedWorkingDays: 4, items: 3, pending: 0, overLimit: 1 },
      { stage: "engineering_permit", elapsedWorkingDays: 4, items: 2, pending: 0, overLimit: 0 },
      { stage: "construction_permit", elapsedWorkingDays: 6, items: 2, pending: 0, overLimit: 1 },
      { stage: "completion_acceptance", elapsedWorkingDays: 4, items: 1, pending: 1, overLimit: 1 },
    ]);
    expect(r.totalWorkingDays).toBe(18); // 4 + 4 + 6 + 4
    expect(r.overTarget).toBe(false); // 18 is not more than 18
    expect(approvalTimings(project, asOf, cal, 17).overTarget).toBe(true);
    expect(r.items.map((t) => [t.id, t.elapsedWorkingDays, t.overLimit])).toEqual([
      ["L1", 3, true],
      ["L2", 1, false],
      ["L3", null, false],
      ["E1", 2, false], // limit 2, elapsed 2: not over
      ["E2", 2, false],
      ["C1", 4, true],
      ["C2", 4, false],
      ["A1", 4, true],
    ]);
  });

  it("counts an item inside another once, and lists all four stages when empty", () => {
    // (03-04, 03-12] = 6 contains (03-06, 03-08] = 2: union 6
    const nested = [
      item("C1", "construction_permit", "2024-03-04", "2024-03-12", null),
      item("C2", "construction_permit", "2024-03-06", "2024-03-08", null),
    ];
    expect(approvalTimings(nested, asOf, cal, 50).stages[2]?.elapsedWorkingDays).toBe(6);
    const empty = approvalTimings([], asOf, cal, 50);
    expect(empty.stages.map((s) => [s.stage, s.elapsedWorkingDays, s.items])).toEqual(
      APPROVAL_STAGES.map((s) => [s, 0, 0]),
    );
    expect(empty.totalWorkingDays).toBe(0);
    expect(empty.overTarget).toBe(false);
  });

  it("never counts a stage as more than the sum of its items nor less than its longest item", () => {
    const day = fc
      .integer({ min: 0, max: 120 })
      .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
    const facts = fc.array(
      fc.tuple(day, fc.integer({ min: 0, max: 30 })).map(([applied, len]) => {
        const approved = new Date(Date.parse(`${applied}T00:00:00Z`) + len * 86_400_000).toISOString().slice(0, 10);
        return item("x", "construction_permit", applied, approved, null);
      }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(facts, (items) => {
        const r = approvalTimings(items, "2024-12-31", cal, 50);
        const elapsed = r.items.map((t) => t.elapsedWorkingDays ?? 0);
        const stage = r.stages[2]?.elapsedWorkingDays ?? 0;
        expect(stage).toBeLessThanOrEqual(elapsed.reduce((a, b) => a + b, 0));
        expect(stage).toBeGreaterThanOrEqual(Math.max(0, ...elapsed));
      }),
    );
  });

  it("feeds the bottleneck report", () => {
    const timings = approvalTimings(project, asOf, cal, 50).items;
    const withTiming = project.map((f, i) => ({ ...f, timing: timings[i] as ApprovalItemTiming }));
    // 住建局: C1 4 over, C2 4, A1 4 pending over → over 2, average 4; 发改局: L1 3 over;
    // 规自局: L2 1, L3 —, E1 2, E2 2 → average 5/3
    expect(approvalBottlenecks(withTiming).byDepartment).toEqual([
      { key: "住房和城乡建设局", items: 3, pending: 1, overLimit: 2, averageWorkingDays: 4, maxWorkingDays: 4 },
      { key: "发展和改革局", items: 1, pending: 0, overLimit: 1, averageWorkingDays: 3, maxWorkingDays: 3 },
      { key: "规划和自然资源局", items: 4, pending: 0, overLimit: 0, averageWorkingDays: 5 / 3, maxWorkingDays: 2 },
    ]);
  });
});

describe("approvalBottlenecks", () => {
  const row = (
    name: string,
    department: string,
    elapsed: number | null,
    flags: { pending?: boolean; overLimit?: boolean } = {},
  ): ApprovalItemFacts & { timing: ApprovalItemTiming } => ({
    ...item(name, "construction_permit", null, null, null, name, department),
    timing: {
      id: name,
      elapsedWorkingDays: elapsed,
      pending: flags.pending ?? false,
      overLimit: flags.overLimit ?? false,
    },
  });
  const items = [
    row("施工图审查", "住建局", 4, { overLimit: true }),
    row("施工图审查", "住建局", 1),
    row("施工许可证", "住建局", 2, { pending: true }),
    row("项目备案", "发改局", 3, { overLimit: true }),
    row("建设工程规划许可证", "规划局", 6),
    row("不动产权证书（土地）", "规划局", null),
  ];

  it("groups by department, sorted by over limit then average", () => {
    // 住建局: 4, 1, 2 → average 7/3, one over; 发改局: 3, one over → ahead of 住建局 on the average;
    // 规划局: 6 and one not applied → average 6 but none over, so last
    expect(approvalBottlenecks(items).byDepartment).toEqual([
      { key: "发改局", items: 1, pending: 0, overLimit: 1, averageWorkingDays: 3, maxWorkingDays: 3 },
      { key: "住建局", items: 3, pending: 1, overLimit: 1, averageWorkingDays: 7 / 3, maxWorkingDays: 4 },
      { key: "规划局", items: 2, pending: 0, overLimit: 0, averageWorkingDays: 6, maxWorkingDays: 6 },
    ]);
  });

  it("groups by item name; a group with nothing applied has no average and comes last", () => {
    expect(approvalBottlenecks(items).byItem).toEqual([
      { key: "项目备案", items: 1, pending: 0, overLimit: 1, averageWorkingDays: 3, maxWorkingDays: 3 },
      { key: "施工图审查", items: 2, pending: 0, overLimit: 1, averageWorkingDays: 2.5, maxWorkingDays: 4 }, // (4 + 1) / 2
      { key: "建设工程规划许可证", items: 1, pending: 0, overLimit: 0, averageWorkingDays: 6, maxWorkingDays: 6 },
      { key: "施工许可证", items: 1, pending: 1, overLimit: 0, averageWorkingDays: 2, maxWorkingDays: 2 },
      {
        key: "不动产权证书（土地）",
        items: 1,
        pending: 0,
        overLimit: 0,
        averageWorkingDays: null,
        maxWorkingDays: null,
      },
    ]);
  });

  it("is empty for no items", () => {
    expect(approvalBottlenecks([])).toEqual({ byDepartment: [], byItem: [] });
  });
});
