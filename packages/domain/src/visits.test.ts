import { describe, expect, it } from "vitest";
import { chinaDate } from "./dates.ts";
import {
  coverageFigures,
  coverageReferenceDate,
  DEFAULT_VISIT_RULES,
  type PlanEnterprise,
  parsePeriodKey,
  periodOf,
  planWindowStart,
  ruleApplies,
  type VisitPeriod,
  type VisitRule,
  visitPlan,
} from "./visits.ts";

describe("periodOf", () => {
  const cases: [string, VisitPeriod, string, string, string][] = [
    ["2026-01-01", "month", "2026-01", "2026-01-01", "2026-01-31"],
    ["2026-02-28", "month", "2026-02", "2026-02-01", "2026-02-28"],
    ["2024-02-29", "month", "2024-02", "2024-02-01", "2024-02-29"],
    ["2026-12-31", "month", "2026-12", "2026-12-01", "2026-12-31"],
    ["2026-01-01", "quarter", "2026Q1", "2026-01-01", "2026-03-31"],
    ["2026-03-31", "quarter", "2026Q1", "2026-01-01", "2026-03-31"],
    ["2026-04-01", "quarter", "2026Q2", "2026-04-01", "2026-06-30"],
    ["2026-06-30", "quarter", "2026Q2", "2026-04-01", "2026-06-30"],
    ["2026-07-01", "quarter", "2026Q3", "2026-07-01", "2026-09-30"],
    ["2026-09-30", "quarter", "2026Q3", "2026-07-01", "2026-09-30"],
    ["2026-10-01", "quarter", "2026Q4", "2026-10-01", "2026-12-31"],
    ["2026-12-31", "quarter", "2026Q4", "2026-10-01", "2026-12-31"],
    ["2026-06-30", "half_year", "2026H1", "2026-01-01", "2026-06-30"],
    ["2026-07-01", "half_year", "2026H2", "2026-07-01", "2026-12-31"],
    ["2025-12-31", "half_year", "2025H2", "2025-07-01", "2025-12-31"],
    ["2026-01-01", "half_year", "2026H1", "2026-01-01", "2026-06-30"],
    ["2025-12-31", "year", "2025", "2025-01-01", "2025-12-31"],
    ["2026-01-01", "year", "2026", "2026-01-01", "2026-12-31"],
  ];
  it.each(cases)("%s %s → %s [%s, %s]", (date, period, key, start, end) => {
    expect(periodOf(date, period)).toEqual({ period, key, start, end });
  });

  it("rejects what is not a date", () => {
    expect(() => periodOf("2026-02-30", "month")).toThrow(RangeError);
    expect(() => periodOf("2026-13-01", "quarter")).toThrow(RangeError);
    expect(() => periodOf("20260101", "year")).toThrow(RangeError);
  });

  it("a China date: 2025-12-31 16:30 UTC is already 2026-01-01 in China, in 2026Q1", () => {
    const d = chinaDate(new Date("2025-12-31T16:30:00Z"));
    expect(d).toBe("2026-01-01");
    expect(periodOf(d, "quarter").key).toBe("2026Q1");
    expect(periodOf(chinaDate(new Date("2025-12-31T15:59:59Z")), "quarter").key).toBe("2025Q4");
  });
});

describe("parsePeriodKey and the reference date", () => {
  it("reads every kind of key and refuses others", () => {
    expect(parsePeriodKey("2026-03")).toEqual(periodOf("2026-03-01", "month"));
    expect(parsePeriodKey("2026Q4")).toEqual(periodOf("2026-12-31", "quarter"));
    expect(parsePeriodKey("2026q2")?.key).toBe("2026Q2");
    expect(parsePeriodKey("2026H2")).toEqual(periodOf("2026-07-01", "half_year"));
    expect(parsePeriodKey("2026")).toEqual(periodOf("2026-05-05", "year"));
    for (const bad of ["2026Q5", "2026H3", "2026-13", "26Q1", "", "Q1"]) expect(parsePeriodKey(bad)).toBeNull();
  });

  it("today inside the period, the last day of a past one, the first day of a future one", () => {
    expect(coverageReferenceDate("2026Q1", "2026-03-02")).toBe("2026-03-02");
    expect(coverageReferenceDate("2025Q4", "2026-03-02")).toBe("2025-12-31");
    expect(coverageReferenceDate("2026Q3", "2026-03-02")).toBe("2026-07-01");
    expect(coverageReferenceDate("2026-01-15", "2026-03-02")).toBe("2026-01-15");
    expect(coverageReferenceDate(undefined, "2026-03-02")).toBe("2026-03-02");
    expect(coverageReferenceDate("2026-02-30", "2026-03-02")).toBeNull();
    expect(coverageReferenceDate("soon", "2026-03-02")).toBeNull();
  });
});

describe("visitPlan", () => {
  const rules = DEFAULT_VISIT_RULES as VisitRule[];
  const keyAssigned: PlanEnterprise = { id: "ka", isKey: true, officerId: "o1" };
  const keyOnly: PlanEnterprise = { id: "k", isKey: true, officerId: null };
  const assigned: PlanEnterprise = { id: "a", isKey: false, officerId: "o1" };
  const none: PlanEnterprise = { id: "n", isKey: false, officerId: null };

  it("which rules apply", () => {
    expect(ruleApplies({ appliesTo: "key", active: true }, keyOnly)).toBe(true);
    expect(ruleApplies({ appliesTo: "key", active: true }, assigned)).toBe(false);
    expect(ruleApplies({ appliesTo: "assigned", active: true }, assigned)).toBe(true);
    expect(ruleApplies({ appliesTo: "assigned", active: true }, keyOnly)).toBe(false);
    expect(ruleApplies({ appliesTo: "all", active: true }, none)).toBe(true);
    expect(ruleApplies({ appliesTo: "all", active: false }, none)).toBe(false);
  });

  it("an enterprise under both rules counts once, judged by the quarter", () => {
    // Visited in February: inside the quarter and the half-year.
    let plan = visitPlan([keyAssigned], rules, [{ enterpriseId: "ka", visitedOn: "2026-02-10" }], "2026-03-02");
    expect(plan).toEqual([
      {
        enterpriseId: "ka",
        ruleCodes: ["key_quarterly", "assigned_half_year"],
        period: periodOf("2026-03-02", "quarter"),
        visited: true,
        visitedOn: "2026-02-10",
      },
    ]);
    // Visited in April only: the half-year rule is met, the quarterly one is not, so it is not visited in Q2…
    plan = visitPlan([keyAssigned], rules, [{ enterpriseId: "ka", visitedOn: "2026-04-10" }], "2026-05-02");
    expect(plan.map((p) => [p.period.key, p.visited])).toEqual([["2026Q2", true]]);
    plan = visitPlan([keyAssigned], rules, [{ enterpriseId: "ka", visitedOn: "2026-03-31" }], "2026-05-02");
    expect(plan.map((p) => [p.period.key, p.visited])).toEqual([["2026Q2", false]]);
  });

  it("period boundaries: the first and last day count, the day before and after do not", () => {
    const at = (visitedOn: string, ref: string) =>
      visitPlan([keyOnly], rules, [{ enterpriseId: "k", visitedOn }], ref)[0]?.visited;
    expect(at("2026-01-01", "2026-03-31")).toBe(true);
    expect(at("2026-03-31", "2026-03-31")).toBe(true);
    expect(at("2025-12-31", "2026-01-01")).toBe(false);
    expect(at("2026-04-01", "2026-03-31")).toBe(false);
    expect(at("2025-12-31", "2025-12-31")).toBe(true);
    // Assigned enterprise, half-year: 2026-06-30 in H1, 2026-07-01 starts H2.
    const half = (visitedOn: string, ref: string) =>
      visitPlan([assigned], rules, [{ enterpriseId: "a", visitedOn }], ref)[0]?.visited;
    expect(half("2026-01-01", "2026-06-30")).toBe(true);
    expect(half("2026-06-30", "2026-07-01")).toBe(false);
    expect(half("2026-07-01", "2026-12-31")).toBe(true);
  });

  it("leaves out enterprises no rule applies to and ignores inactive rules", () => {
    expect(visitPlan([none], rules, [], "2026-03-02")).toEqual([]);
    const inactive = rules.map((r) => (r.appliesTo === "key" ? { ...r, active: false } : r));
    const plan = visitPlan([keyOnly, keyAssigned], inactive, [], "2026-03-02");
    expect(plan.map((p) => [p.enterpriseId, p.period.key])).toEqual([["ka", "2026H1"]]);
  });

  it("keeps the latest visit in the period and counts coverage", () => {
    const visits = [
      { enterpriseId: "k", visitedOn: "2026-01-05" },
      { enterpriseId: "k", visitedOn: "2026-02-20" },
      { enterpriseId: "k", visitedOn: "2025-11-01" },
      { enterpriseId: "a", visitedOn: "2025-12-30" },
    ];
    const plan = visitPlan([keyOnly, assigned, keyAssigned, none], rules, visits, "2026-03-02");
    expect(plan.find((p) => p.enterpriseId === "k")?.visitedOn).toBe("2026-02-20");
    expect(coverageFigures(plan)).toEqual({ due: 3, visited: 1, rate: 1 / 3 });
    expect(coverageFigures([])).toEqual({ due: 0, visited: 0, rate: null });
  });

  it("the window of visits that can count starts at the longest period's first day", () => {
    expect(planWindowStart(rules, "2026-05-10")).toBe("2026-01-01");
    expect(planWindowStart([{ period: "month", active: true }], "2026-05-10")).toBe("2026-05-01");
    expect(planWindowStart([{ period: "year", active: false }], "2026-05-10")).toBe("2026-05-10");
  });
});
