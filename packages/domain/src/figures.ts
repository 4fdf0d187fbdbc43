/**
 * The service figures of cases (服务数据), as pure functions over counts the database has already aggregated.
 *
 * The formulas are PRODUCT.md's, over the cases RECEIVED in the period (a cohort: every ratio's numerator is a part
 * of the same cases as its denominator, so no rate can pass 100%):
 * - 响应率 response rate      = accepted within SLA ÷ received; "accepted within SLA" = first accepted at or before
 *                                the acceptance due time (`accepted_at ≤ accept_due_at`).
 * - 办结率 close rate          = closed ÷ received; "closed" = in state 已办结 now.
 * - 按期办结率 on-time rate     = closed on time ÷ closed; "closed on time" = closed, and the reply that closed it
 *                                came at or before the resolve due time (`replied_at ≤ resolve_due_at`). The reply is
 *                                the owner unit's answer and the SLA is theirs (the engine stops the clock at the reply:
 *                                a replied case is never overdue); the close itself waits for the enterprise's rating
 *                                or up to 3 working days for the automatic close, which is not the unit's doing.
 * - 满意率 satisfaction rate   = (满意 + 基本满意) ÷ rated, on each case's latest rating.
 * - 平均办理用时 average handling time = mean working days from receipt to the (last) reply, over the cases that have
 *                                one (replied or closed), counted as the calendar's `workingDaysBetween`.
 * - 重办 reopened = cases reopened at least once (a 不满意 rating); 兜底 escalated = cases sent to 兜底办.
 * A ratio whose denominator is 0 is null (shown "—"), never 0% or NaN.
 */

/** What the database counts for one group of cases (or for all of them). */
export interface CaseCounts {
  received: number;
  acceptedInTime: number;
  closed: number;
  closedOnTime: number;
  /** Cases with a rating; `satisfied` (满意) and `basicallySatisfied` (基本满意) are parts of it. */
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  /** Cases with a reply whose handling time is known, and the sum of their handling times in working days. */
  handled: number;
  handlingDaysTotal: number;
  reopened: number;
  escalated: number;
}

export interface CaseRatios {
  /** 响应率, 0…1 unrounded; null when nothing was received. */
  responseRate: number | null;
  /** 办结率. */
  closeRate: number | null;
  /** 按期办结率; null when nothing was closed. */
  onTimeRate: number | null;
  /** 满意率; null when nothing was rated. */
  satisfactionRate: number | null;
  /** 平均办理用时 in working days, unrounded; null when nothing was replied. */
  averageHandlingDays: number | null;
}

export const EMPTY_CASE_COUNTS: CaseCounts = {
  received: 0,
  acceptedInTime: 0,
  closed: 0,
  closedOnTime: 0,
  rated: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  handled: 0,
  handlingDaysTotal: 0,
  reopened: 0,
  escalated: 0,
};

/** `part ÷ whole`, or null when `whole` is 0 (a rate of nothing is unknown, not 0%). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The ratios of PRODUCT.md from the counts, unrounded (round once, for display, with `formatPercent`). */
export function caseRatios(c: CaseCounts): CaseRatios {
  return {
    responseRate: ratio(c.acceptedInTime, c.received),
    closeRate: ratio(c.closed, c.received),
    onTimeRate: ratio(c.closedOnTime, c.closed),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.rated),
    averageHandlingDays: ratio(c.handlingDaysTotal, c.handled),
  };
}

/** Adds counts up (the totals of groups that do not overlap). */
export function addCaseCounts(a: CaseCounts, b: CaseCounts): CaseCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof CaseCounts)[]) out[k] = a[k] + b[k];
  return out;
}

/**
 * Rounds half away from zero to one decimal, the way figures are shown (66.65 → 66.7). Works on the decimal
 * written value, so 0.1 + 0.2 style binary noise does not round the wrong way.
 */
export function roundOneDecimal(x: number): number {
  const shifted = Number(`${Math.abs(x)}e1`);
  return Math.sign(x) * (Math.round(Number(shifted.toPrecision(12))) / 10);
}

/** A rate as shown: one decimal and a percent sign (2 ÷ 3 → "66.7%"); null → "—". */
export function formatPercent(rate: number | null): string {
  return rate === null ? "—" : `${roundOneDecimal(rate * 100).toFixed(1)}%`;
}

/** Working days as shown: one decimal (7 ÷ 3 → "2.3"); null → "—". */
export function formatWorkingDays(days: number | null): string {
  return days === null ? "—" : roundOneDecimal(days).toFixed(1);
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * A run of days numbered by working days, so the database can count working days without the calendar: for each
 * day from `first` to `last` (China dates) whether it is a working day and `index` = the number of working days
 * after `first` up to and including it. For an instant on day d at time t (China time):
 *   effective index = index[d] + (working[d] and t ≤ end of office hours ? 0 : 1)
 * and `workingDaysBetween(a, b)` = effective index of b − effective index of a (the calendar's own definition: a
 * case received after hours or on a day off counts from the next working day).
 */
export interface WorkingDayIndex {
  /** The first day, as days since 1970-01-01 (China date). */
  firstDay: number;
  working: boolean[];
  index: number[];
  /** The end of office hours, in seconds after midnight. */
  endOfDaySeconds: number;
}

export function workingDayIndex(
  cal: { isWorkingDay(date: string): boolean; officeHours: { end: string } },
  first: string,
  last: string,
): WorkingDayIndex {
  const firstDay = Date.parse(`${first}T00:00:00Z`) / DAY_MS;
  const lastDay = Date.parse(`${last}T00:00:00Z`) / DAY_MS;
  if (!Number.isInteger(firstDay) || !Number.isInteger(lastDay) || lastDay < firstDay)
    throw new RangeError(`not a range of dates: ${first}…${last}`);
  const working: boolean[] = [];
  const index: number[] = [];
  let n = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    const w = cal.isWorkingDay(new Date(d * DAY_MS).toISOString().slice(0, 10));
    if (w && d > firstDay) n++;
    working.push(w);
    index.push(n);
  }
  const [h, m] = cal.officeHours.end.split(":").map(Number);
  return { firstDay, working, index, endOfDaySeconds: (h ?? 0) * 3600 + (m ?? 0) * 60 };
}

/** The effective working-day index of an instant (see `WorkingDayIndex`); null outside the run of days. */
export function effectiveWorkingIndex(ix: WorkingDayIndex, instant: Date): number | null {
  const local = (instant.getTime() + CHINA_OFFSET_MS) / 1000;
  const day = Math.floor(local / 86_400);
  const i = day - ix.firstDay;
  const at = ix.index[i];
  if (at === undefined) return null;
  return at + (ix.working[i] && local - day * 86_400 <= ix.endOfDaySeconds ? 0 : 1);
}
