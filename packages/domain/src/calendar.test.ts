import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Y2024 } from "./calendar.fixtures.ts";
import { isIsoDate, isWeekend, workingCalendar } from "./calendar.ts";

/** 2024 known, 2025 not: 2025 falls back to Monday–Friday. */
const cal = workingCalendar([Y2024]);

/** An instant given as China time, "2024-02-08 10:00" or with seconds and milliseconds. */
const cn = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);
/** The instant office hours (09:00–17:30) end on a date. */
const endOf = (date: string) => cn(`${date} 17:30`);

describe("working days", () => {
  it.each([
    ["2024-02-02", true, "Friday before the Spring Festival"],
    ["2024-02-03", false, "Saturday"],
    ["2024-02-04", true, "Sunday, make-up working day (调休上班)"],
    ["2024-02-09", true, "Friday, 除夕, not a day off in 2024"],
    ["2024-02-10", false, "Saturday, first day of the Spring Festival"],
    ["2024-02-12", false, "Monday inside the Spring Festival"],
    ["2024-02-16", false, "Friday inside the Spring Festival"],
    ["2024-02-17", false, "Saturday, last day of the Spring Festival"],
    ["2024-02-18", true, "Sunday, make-up working day"],
    ["2024-02-19", true, "Monday after the Spring Festival"],
    ["2024-02-24", false, "ordinary Saturday"],
    ["2024-10-07", false, "National Day holiday, Monday"],
    ["2024-10-12", true, "make-up Saturday"],
    ["2025-01-01", true, "Wednesday of 2025, a year without data: Monday–Friday"],
    ["2025-01-04", false, "Saturday of 2025"],
    ["2025-01-29", true, "2025 Spring Festival, unknown to this calendar"],
  ])("%s is a working day: %s (%s)", (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ["2024-02-08", 1, "2024-02-09"],
    ["2024-02-09", 1, "2024-02-18"],
    ["2024-02-09", 2, "2024-02-19"],
    ["2024-02-03", 1, "2024-02-04"],
    ["2024-02-12", 1, "2024-02-18"],
    ["2024-02-09", 0, "2024-02-09"],
    ["2024-02-11", 0, "2024-02-11"],
    ["2024-02-19", -1, "2024-02-18"],
    ["2024-02-18", -1, "2024-02-09"],
    ["2024-02-05", -1, "2024-02-04"],
    ["2024-12-27", 3, "2025-01-01"],
    ["2025-01-03", -5, "2024-12-27"],
  ])("%s plus %i working days is %s", (date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  it("says which years it has no data for", () => {
    expect(cal.yearsWithData).toEqual([2024]);
    expect(cal.hasData(2024)).toBe(true);
    expect(cal.hasData(2025)).toBe(false);
    expect(cal.yearsWithoutData([2025, 2023, 2024, 2025])).toEqual([2023, 2025]);
    expect(workingCalendar([]).yearsWithoutData([2024])).toEqual([2024]);
    // A year listed without any day off is known (the data says so), not a fallback.
    expect(workingCalendar([{ year: 2030, holidays: [], workdays: [] }]).hasData(2030)).toBe(true);
  });

  it("refuses dates that are not calendar dates and office hours that end before they start", () => {
    expect(() => cal.isWorkingDay("2024-02-30")).toThrow(RangeError);
    expect(() => cal.isWorkingDay("2024-2-3")).toThrow(RangeError);
    expect(() => cal.addWorkingDays("2024-02-03", 1.5)).toThrow(RangeError);
    expect(() => workingCalendar([], { start: "18:00", end: "09:00" })).toThrow(RangeError);
    expect(() => workingCalendar([], { start: "9:00", end: "17:30" })).toThrow(RangeError);
    expect(() => workingCalendar([{ year: 2024, holidays: ["2024-13-01"], workdays: [] }])).toThrow(RangeError);
  });

  it("checks dates and weekends for the contracts", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isWeekend("2024-02-04")).toBe(true);
    expect(isWeekend("2024-02-03")).toBe(true);
    expect(isWeekend("2024-02-05")).toBe(false);
  });
});

describe("end of the working day", () => {
  it("is the end of office hours in China time, 17:30 by default", () => {
    expect(cal.endOfWorkingDay("2024-02-04").toISOString()).toBe("2024-02-04T09:30:00.000Z");
    expect(cal.endOfWorkingDay("2024-12-31").toISOString()).toBe("2024-12-31T09:30:00.000Z");
    const early = workingCalendar([Y2024], { start: "08:30", end: "17:00" });
    expect(early.endOfWorkingDay("2024-02-04").toISOString()).toBe("2024-02-04T09:00:00.000Z");
    expect(early.officeHours).toEqual({ start: "08:30", end: "17:00" });
  });
});

describe("SLA due times", () => {
  // [received (China time), why, effective day of receipt, due for N = 0 (accept), 1, 3, 15]
  const CASES: [string, string, string, string, string, string][] = [
    ["2024-02-08 10:00", "Thursday before the Spring Festival", "2024-02-08", "2024-02-09", "2024-02-19", "2024-03-06"],
    [
      "2024-02-09 17:29",
      "last working day before it, in office hours",
      "2024-02-09",
      "2024-02-18",
      "2024-02-20",
      "2024-03-07",
    ],
    ["2024-02-09 17:30", "at the very end of office hours", "2024-02-09", "2024-02-18", "2024-02-20", "2024-03-07"],
    [
      "2024-02-09 17:31",
      "after office hours: counts from the make-up Sunday",
      "2024-02-18",
      "2024-02-19",
      "2024-02-21",
      "2024-03-08",
    ],
    [
      "2024-02-09 07:45",
      "before office hours: counts for that day",
      "2024-02-09",
      "2024-02-18",
      "2024-02-20",
      "2024-03-07",
    ],
    ["2024-02-12 09:30", "on a holiday", "2024-02-18", "2024-02-19", "2024-02-21", "2024-03-08"],
    [
      "2024-02-03 11:00",
      "on a Saturday, the day before a make-up Sunday",
      "2024-02-04",
      "2024-02-05",
      "2024-02-07",
      "2024-02-29",
    ],
    ["2024-02-18 10:00", "on a make-up Sunday", "2024-02-18", "2024-02-19", "2024-02-21", "2024-03-08"],
    [
      "2024-02-04 18:00",
      "on a make-up Sunday after office hours",
      "2024-02-05",
      "2024-02-06",
      "2024-02-08",
      "2024-03-01",
    ],
    ["2024-02-24 10:00", "on an ordinary Saturday", "2024-02-26", "2024-02-27", "2024-02-29", "2024-03-18"],
    [
      "2024-12-31 17:31",
      "into 2025, a year without data (Monday–Friday)",
      "2025-01-01",
      "2025-01-02",
      "2025-01-06",
      "2025-01-22",
    ],
    ["2024-12-27 16:00", "across the turn of the year", "2024-12-27", "2024-12-30", "2025-01-01", "2025-01-17"],
  ];

  it.each(CASES)("received %s (%s)", (received, _why, day, due1, due3, due15) => {
    const at = cn(received);
    expect(cal.effectiveWorkingDay(at)).toBe(day);
    expect(cal.acceptDue(at)).toEqual(endOf(day));
    expect(cal.resolveDue(at, 0)).toEqual(endOf(day));
    expect(cal.resolveDue(at, 1)).toEqual(endOf(due1));
    expect(cal.resolveDue(at, 3)).toEqual(endOf(due3));
    expect(cal.resolveDue(at, 15)).toEqual(endOf(due15));
  });

  it("17:29 and 17:31 on the same working day are a working day apart", () => {
    const before = cal.acceptDue(cn("2024-02-09 17:29"));
    const after = cal.acceptDue(cn("2024-02-09 17:31"));
    expect(before.toISOString()).toBe("2024-02-09T09:30:00.000Z");
    expect(after.toISOString()).toBe("2024-02-18T09:30:00.000Z");
    expect(cal.acceptDue(cn("2024-02-09 17:30:00.001"))).toEqual(after);
  });

  it("moves when the year's data arrives: 2025-01-01 is a holiday once it is known", () => {
    const with2025 = workingCalendar([Y2024, { year: 2025, holidays: ["2025-01-01"], workdays: [] }]);
    expect(with2025.acceptDue(cn("2024-12-31 17:31"))).toEqual(endOf("2025-01-02"));
    expect(with2025.resolveDue(cn("2024-12-31 17:31"), 3)).toEqual(endOf("2025-01-07"));
    expect(with2025.yearsWithoutData([2024, 2025])).toEqual([]);
  });

  it("uses the zone's office hours", () => {
    const early = workingCalendar([Y2024], { start: "08:30", end: "17:00" });
    expect(early.acceptDue(cn("2024-02-08 16:59"))).toEqual(cn("2024-02-08 17:00"));
    expect(early.acceptDue(cn("2024-02-08 17:10"))).toEqual(cn("2024-02-09 17:00"));
    expect(early.resolveDue(cn("2024-02-08 17:10"), 1)).toEqual(cn("2024-02-18 17:00"));
  });

  it("refuses a negative or fractional number of days", () => {
    expect(() => cal.resolveDue(cn("2024-02-08 10:00"), -1)).toThrow(RangeError);
    expect(() => cal.resolveDue(cn("2024-02-08 10:00"), 2.5)).toThrow(RangeError);
  });
});

describe("working days between two instants", () => {
  it.each([
    ["2024-02-05 10:00", "2024-02-05 16:00", 0, "same working day"],
    ["2024-02-05 10:00", "2024-02-06 09:30", 1, "next morning"],
    ["2024-02-05 10:00", "2024-02-05 18:00", 1, "after office hours counts as the next working day"],
    ["2024-02-08 10:00", "2024-02-19 10:00", 3, "across the Spring Festival: 02-09, 02-18, 02-19"],
    ["2024-02-09 17:31", "2024-02-18 10:00", 0, "both count for the make-up Sunday"],
    ["2024-02-10 10:00", "2024-02-17 20:00", 0, "inside the holiday"],
    ["2024-02-19 10:00", "2024-02-08 10:00", -3, "backwards"],
    ["2024-12-30 10:00", "2025-01-02 10:00", 3, "into a year without data: 12-31, 01-01, 01-02"],
  ])("%s → %s is %i (%s)", (from, to, expected) => {
    expect(cal.workingDaysBetween(cn(from), cn(to))).toBe(expected);
  });

  it("is the smallest SLA a resolution meets: at the due time N, a moment later N + 1", () => {
    const instant = fc.date({
      min: new Date("2024-01-01T00:00:00Z"),
      max: new Date("2025-06-30T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (received, n) => {
        const due = cal.resolveDue(received, n);
        expect(cal.workingDaysBetween(received, due)).toBe(n);
        expect(cal.workingDaysBetween(received, new Date(due.getTime() + 1))).toBe(n + 1);
        expect(cal.isWorkingDay(cal.effectiveWorkingDay(due))).toBe(true);
      }),
    );
  });
});
