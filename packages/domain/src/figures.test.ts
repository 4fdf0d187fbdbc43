import { describe, expect, it } from "vitest";
import { workingCalendar } from "./calendar.ts";
import {
  addCaseCounts,
  type CaseCounts,
  caseRatios,
  EMPTY_CASE_COUNTS,
  effectiveWorkingIndex,
  formatPercent,
  formatWorkingDays,
  ratio,
  roundOneDecimal,
  workingDayIndex,
} from "./figures.ts";

const counts = (c: Partial<CaseCounts>): CaseCounts => ({ ...EMPTY_CASE_COUNTS, ...c });

describe("caseRatios", () => {
  it("computes the four rates of PRODUCT.md and the average handling time", () => {
    // 6 received, 4 accepted in time; 3 closed of which 2 on time; 满意 1 / 基本满意 1 / 不满意 1; replies took 2, 3, 9.
    const r = caseRatios(
      counts({
        received: 6,
        acceptedInTime: 4,
        closed: 3,
        closedOnTime: 2,
        rated: 3,
        satisfied: 1,
        basicallySatisfied: 1,
        handled: 3,
        handlingDaysTotal: 14,
      }),
    );
    expect(formatPercent(r.responseRate)).toBe("66.7%");
    expect(formatPercent(r.closeRate)).toBe("50.0%");
    expect(formatPercent(r.onTimeRate)).toBe("66.7%");
    expect(formatPercent(r.satisfactionRate)).toBe("66.7%");
    expect(formatWorkingDays(r.averageHandlingDays)).toBe("4.7");
    expect(r.closeRate).toBe(0.5);
  });

  it("is null, never 0 or NaN, where the denominator is 0", () => {
    expect(caseRatios(EMPTY_CASE_COUNTS)).toEqual({
      responseRate: null,
      closeRate: null,
      onTimeRate: null,
      satisfactionRate: null,
      averageHandlingDays: null,
    });
    // Received but nothing closed or rated: the close rate is a real 0%, the on-time and satisfaction rates unknown.
    const r = caseRatios(counts({ received: 4 }));
    expect(r.closeRate).toBe(0);
    expect(r.responseRate).toBe(0);
    expect(r.onTimeRate).toBeNull();
    expect(r.satisfactionRate).toBeNull();
    expect(formatPercent(r.onTimeRate)).toBe("—");
    expect(formatPercent(r.closeRate)).toBe("0.0%");
    expect(formatWorkingDays(r.averageHandlingDays)).toBe("—");
  });

  it("counts 满意 and 基本满意 as satisfied, 不满意 not", () => {
    expect(caseRatios(counts({ rated: 4, satisfied: 0, basicallySatisfied: 3 })).satisfactionRate).toBe(0.75);
    expect(caseRatios(counts({ rated: 2 })).satisfactionRate).toBe(0);
  });
});

describe("ratio and rounding", () => {
  it.each([
    [1, 3, "33.3%"],
    [2, 3, "66.7%"],
    [1, 8, "12.5%"],
    [1333, 2000, "66.7%"], // 66.65 rounds half up
    [1, 1, "100.0%"],
    [0, 5, "0.0%"],
    [533, 543, "98.2%"],
  ])("%i ÷ %i → %s", (part, whole, shown) => {
    expect(formatPercent(ratio(part, whole))).toBe(shown);
  });

  it("rounds half away from zero on the decimal value", () => {
    expect(roundOneDecimal(0.05)).toBe(0.1);
    expect(roundOneDecimal(66.65)).toBe(66.7);
    expect(roundOneDecimal(2.25)).toBe(2.3);
    expect(roundOneDecimal(-2.25)).toBe(-2.3);
    expect(roundOneDecimal(1.04)).toBe(1);
  });

  it("adds counts field by field", () => {
    const a = counts({ received: 2, closed: 1, handlingDaysTotal: 3 });
    expect(addCaseCounts(a, a)).toEqual(counts({ received: 4, closed: 2, handlingDaysTotal: 6 }));
  });
});

describe("workingDayIndex", () => {
  // 2024 Spring Festival: 02-10…02-17 off, Sundays 02-04 and 02-18 worked.
  const cal = workingCalendar([
    {
      year: 2024,
      holidays: [
        "2024-02-10",
        "2024-02-11",
        "2024-02-12",
        "2024-02-13",
        "2024-02-14",
        "2024-02-15",
        "2024-02-16",
        "2024-02-17",
      ],
      workdays: ["2024-02-04", "2024-02-18"],
    },
  ]);
  const ix = workingDayIndex(cal, "2024-01-25", "2024-03-10");
  const at = (s: string) => new Date(s);
  const instants = [
    "2024-01-29T02:00:00Z", // Monday 10:00
    "2024-02-02T09:29:59Z", // Friday 17:29:59
    "2024-02-02T09:30:01Z", // Friday after hours
    "2024-02-03T03:00:00Z", // Saturday
    "2024-02-04T03:00:00Z", // Sunday, worked
    "2024-02-09T08:00:00Z", // Friday before the holiday
    "2024-02-12T03:00:00Z", // holiday
    "2024-02-18T00:30:00Z", // Sunday worked, before office hours
    "2024-02-19T12:00:00Z", // Monday evening
    "2024-03-01T01:00:00Z",
  ];

  it("gives workingDaysBetween as a difference of indexes, across the Spring Festival and office hours", () => {
    for (const a of instants)
      for (const b of instants) {
        const ia = effectiveWorkingIndex(ix, at(a));
        const ib = effectiveWorkingIndex(ix, at(b));
        expect([a, b, (ib as number) - (ia as number)]).toEqual([a, b, cal.workingDaysBetween(at(a), at(b))]);
      }
  });

  it("knows nothing outside its days", () => {
    expect(effectiveWorkingIndex(ix, at("2024-03-11T02:00:00Z"))).toBeNull();
    expect(effectiveWorkingIndex(ix, at("2024-01-24T02:00:00Z"))).toBeNull();
    expect(ix.endOfDaySeconds).toBe(17 * 3600 + 30 * 60);
  });
});
