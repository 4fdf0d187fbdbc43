/**
 * The working-day calendar (工作日历) and the SLA due times computed on it.
 *
 * Dates are calendar dates in China written `YYYY-MM-DD`; instants are `Date`s. Development zones keep China
 * Standard Time (UTC+8, no daylight saving), so a date's office hours are fixed instants.
 *
 * A day is a working day when it is a make-up working day (调休上班), or a Monday to Friday that is not a holiday.
 * A year the data does not cover falls back to Monday–Friday; `yearsWithoutData` tells which years those are, so
 * the pages that use the calendar can say so.
 */

/** One year of the State Council's arrangement: days off and make-up working days (调休上班), as ISO dates. */
export interface CalendarYear {
  year: number;
  /** Days off. Weekend days inside a holiday period may be listed; they change nothing. */
  holidays: string[];
  /** Make-up working days: a Saturday or Sunday worked in exchange for a holiday. */
  workdays: string[];
}

/** A zone's office hours in China time, `HH:MM` each; a day's work ends at `end`. */
export interface OfficeHours {
  start: string;
  end: string;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: "09:00", end: "17:30" };

export interface WorkingCalendar {
  readonly officeHours: OfficeHours;
  /** The years the data covers (a year listed with empty lists counts as covered), ascending. */
  readonly yearsWithData: readonly number[];
  /** True when the data covers the year; otherwise the year is computed as Monday–Friday. */
  hasData(year: number): boolean;
  /** Those of `years` the data does not cover (they fall back to Monday–Friday), ascending and without repeats. */
  yearsWithoutData(years: Iterable<number>): number[];
  isWorkingDay(date: string): boolean;
  /**
   * The working day `n` working days after `date` (n > 0) or before it (n < 0), not counting `date` itself, which
   * need not be a working day. `n = 0` returns `date` unchanged.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * The date a thing arriving at `instant` counts as arriving on: the instant's own date when that is a working day
   * and the instant is no later than the end of office hours; otherwise the next working day. Arriving before
   * office hours begin counts for that same day.
   */
  effectiveWorkingDay(instant: Date): string;
  /**
   * Whole working days from `from` to `to`: the working days after the effective working day of `from` up to and
   * including the effective working day of `to` (see `effectiveWorkingDay`). So a partial day counts as a whole one
   * once office hours of a later working day are entered: received Monday 10:00 and closed Monday 16:00 is 0, closed
   * Tuesday 09:30 is 1, closed Monday 18:00 (after office hours) is 1; time outside working days never counts.
   * It is the smallest N for which `to` meets `resolveDue(from, N)`. Negative when `to` comes first.
   */
  workingDaysBetween(from: Date, to: Date): number;
  /** The instant office hours end on `date` (whether or not it is a working day). */
  endOfWorkingDay(date: string): Date;
  /** Acceptance due time, 事不过夜: the end of office hours of the effective working day of receipt. */
  acceptDue(receivedAt: Date): Date;
  /**
   * Resolution due time for an SLA of `n` working days: counted from the working day after the effective working
   * day of receipt (a case received on a non-working day or after office hours counts as received on the next
   * working day); due at the end of office hours of the n-th working day. `n = 0` is the same as `acceptDue`.
   */
  resolveDue(receivedAt: Date, n: number): Date;
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of an ISO date; throws on anything that is not a real date. */
function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms / DAY_MS;
}

const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday. */
const weekdayOf = (day: number) => new Date(day * DAY_MS).getUTCDay();

/** Minutes after midnight of an `HH:MM` time; throws on anything else. */
export function minutesOfTime(time: string): number {
  const m = HH_MM.exec(time);
  if (!m) throw new RangeError(`not a time HH:MM: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True for an ISO date that falls on a Saturday or a Sunday. */
export function isWeekend(date: string): boolean {
  const w = weekdayOf(dayNumber(date));
  return w === 0 || w === 6;
}

/** True for a string `YYYY-MM-DD` that names a real calendar date. */
export function isIsoDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** Builds a calendar from yearly data and office hours (default 09:00–17:30). Later entries of a year win. */
export function workingCalendar(
  years: readonly CalendarYear[],
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): WorkingCalendar {
  const endMinute = minutesOfTime(officeHours.end);
  if (minutesOfTime(officeHours.start) >= endMinute)
    throw new RangeError(`office hours must start before they end: ${officeHours.start}–${officeHours.end}`);
  const byYear = new Map(years.map((y) => [y.year, y]));
  const covered = new Set(byYear.keys());
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  for (const y of byYear.values()) {
    for (const d of y.holidays) holidays.add(dayNumber(d));
    for (const d of y.workdays) workdays.add(dayNumber(d));
  }
  const endMs = endMinute * 60_000;

  const working = (day: number): boolean => {
    if (workdays.has(day)) return true;
    if (holidays.has(day)) return false;
    const w = weekdayOf(day);
    return w !== 0 && w !== 6;
  };
  const step = (day: number, n: number): number => {
    const dir = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let d = day;
    while (left > 0) {
      d += dir;
      if (working(d)) left--;
    }
    return d;
  };
  /** The day number of an instant's effective working day. */
  const effective = (instant: Date): number => {
    const local = instant.getTime() + CHINA_OFFSET_MS;
    const day = Math.floor(local / DAY_MS);
    const intoDay = local - day * DAY_MS;
    return working(day) && intoDay <= endMs ? day : step(day, 1);
  };
  const end = (day: number) => new Date(day * DAY_MS + endMs - CHINA_OFFSET_MS);
  const countBetween = (a: number, b: number): number => {
    let n = 0;
    for (let d = a + 1; d <= b; d++) if (working(d)) n++;
    return n;
  };
  const checkDays = (n: number) => {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  };

  return {
    officeHours: { ...officeHours },
    yearsWithData: [...covered].sort((a, b) => a - b),
    hasData: (year) => covered.has(year),
    yearsWithoutData: (ys) => [...new Set(ys)].filter((y) => !covered.has(y)).sort((a, b) => a - b),
    isWorkingDay: (date) => working(dayNumber(date)),
    addWorkingDays(date, n) {
      checkDays(n);
      return isoOf(step(dayNumber(date), n));
    },
    effectiveWorkingDay: (instant) => isoOf(effective(instant)),
    workingDaysBetween(from, to) {
      const a = effective(from);
      const b = effective(to);
      return b >= a ? countBetween(a, b) : -countBetween(b, a);
    },
    endOfWorkingDay: (date) => end(dayNumber(date)),
    acceptDue: (receivedAt) => end(effective(receivedAt)),
    resolveDue(receivedAt, n) {
      checkDays(n);
      if (n < 0) throw new RangeError(`an SLA cannot be negative: ${n}`);
      return end(step(effective(receivedAt), n));
    },
  };
}
