/**
 * Major projects (重大项目): code lists, money in 万元, the schedule figures (完成率, 序时进度, points ahead/behind,
 * 开工率), size buckets, the monthly reporting window and the timing of approvals (工程建设项目审批).
 *
 * Pure: dates are China calendar dates written YYYY-MM-DD, "today" and "as of" are arguments.
 *
 * Exactness: amounts are decimal strings in 万元 (PostgreSQL numeric arrives as a string) computed as bigint units of
 * 0.0001 万元; every rate is an exact fraction rounded ONCE for display, half away from zero, to one decimal
 * (domain-rules §0 "Rounding": compute from unrounded inputs). Ahead/behind is judged on the unrounded difference.
 */

import { isIsoDate } from "./calendar.ts";

type Names = { "zh-CN": string; "en-US": string };

// ---------------------------------------------------------------------------------------------------------------
// Code lists

/** 项目类型: 产业 / 基础设施 / 社会民生. */
export const PROJECT_TYPES = ["industry", "infrastructure", "livelihood"] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
export const PROJECT_TYPE_NAMES: Record<ProjectType, Names> = {
  industry: { "zh-CN": "产业", "en-US": "Industry" },
  infrastructure: { "zh-CN": "基础设施", "en-US": "Infrastructure" },
  livelihood: { "zh-CN": "社会民生", "en-US": "Public services and livelihood" },
};

/** 项目级别: 省重大 / 市重点 / 区重点. */
export const PROJECT_LEVELS = ["provincial", "municipal", "district"] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];
export const PROJECT_LEVEL_NAMES: Record<ProjectLevel, Names> = {
  provincial: { "zh-CN": "省重大", "en-US": "Provincial major" },
  municipal: { "zh-CN": "市重点", "en-US": "Municipal key" },
  district: { "zh-CN": "区重点", "en-US": "District key" },
};

/** 项目阶段, in the order a project passes them: 签约 前期 新开工 续建 竣工 投产 达产. */
export const PROJECT_STAGES = [
  "signed",
  "preliminary",
  "new_start",
  "continuing",
  "completed",
  "in_production",
  "full_production",
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_NAMES: Record<ProjectStage, Names> = {
  signed: { "zh-CN": "签约", "en-US": "Signed" },
  preliminary: { "zh-CN": "前期", "en-US": "Preliminary" },
  new_start: { "zh-CN": "新开工", "en-US": "New start" },
  continuing: { "zh-CN": "续建", "en-US": "Continuing" },
  completed: { "zh-CN": "竣工", "en-US": "Completed" },
  in_production: { "zh-CN": "投产", "en-US": "In production" },
  full_production: { "zh-CN": "达产", "en-US": "Full production" },
};

/** The four stages of 工程建设项目审批 (国办发〔2019〕11号), in order. */
export const APPROVAL_STAGES = [
  "land_planning",
  "engineering_permit",
  "construction_permit",
  "completion_acceptance",
] as const;
export type ApprovalStage = (typeof APPROVAL_STAGES)[number];
export const APPROVAL_STAGE_NAMES: Record<ApprovalStage, Names> = {
  land_planning: { "zh-CN": "立项用地规划许可", "en-US": "Project approval and land-use planning permit" },
  engineering_permit: { "zh-CN": "工程建设许可", "en-US": "Engineering construction permit" },
  construction_permit: { "zh-CN": "施工许可", "en-US": "Construction permit" },
  completion_acceptance: { "zh-CN": "竣工验收", "en-US": "Completion acceptance" },
};

/** How 序时进度 is measured: months elapsed ÷ 12 (the default, the unit of monthly reporting) or days ÷ days in year. */
export const SCHEDULE_GRANULARITIES = ["month", "day"] as const;
export type ScheduleGranularity = (typeof SCHEDULE_GRANULARITIES)[number];
export const SCHEDULE_GRANULARITY_NAMES: Record<ScheduleGranularity, Names> = {
  month: { "zh-CN": "按月", "en-US": "By month" },
  day: { "zh-CN": "按日", "en-US": "By day" },
};

/** A zone's settings for projects. */
export interface ProjectSettings {
  /** How 序时进度 is measured. */
  granularity: ScheduleGranularity;
  /** A project (or group) is "behind" when more than this many percentage points behind 序时进度. */
  behindThresholdPoints: number;
  /** Month m may be reported up to and including this day of month m (clipped to the month's last day). */
  reportDeadlineDay: number;
  /** Target for the whole approval flow, in working days (江宁: 重大项目开工建设手续审批不超过50天). */
  approvalTargetWorkingDays: number;
}

/** [ENG-DEFAULT] settings a zone starts with. */
export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  granularity: "month",
  behindThresholdPoints: 5,
  reportDeadlineDay: 25,
  approvalTargetWorkingDays: 50,
};

/**
 * A shipped catalogue of typical approval items per stage with a suggested limit in working days, for picking items
 * when a project's approvals are set up. **[ENG-DEFAULT]**: an engineering default, not an official list; the stages
 * follow 国办发〔2019〕11号, the items and limits are typical of local 工程建设项目审批 guides and are edited per zone.
 */
export const APPROVAL_ITEM_CATALOGUE: readonly { stage: ApprovalStage; name: string; limitWorkingDays: number }[] = [
  { stage: "land_planning", name: "项目备案", limitWorkingDays: 1 },
  { stage: "land_planning", name: "用地预审与选址意见书", limitWorkingDays: 5 },
  { stage: "land_planning", name: "建设用地规划许可证", limitWorkingDays: 5 },
  { stage: "land_planning", name: "不动产权证书（土地）", limitWorkingDays: 5 },
  { stage: "engineering_permit", name: "设计方案审查", limitWorkingDays: 5 },
  { stage: "engineering_permit", name: "建设工程规划许可证", limitWorkingDays: 5 },
  { stage: "engineering_permit", name: "初步设计审批", limitWorkingDays: 5 },
  { stage: "construction_permit", name: "施工图审查", limitWorkingDays: 5 },
  { stage: "construction_permit", name: "消防设计审查", limitWorkingDays: 5 },
  { stage: "construction_permit", name: "人防工程设计审查", limitWorkingDays: 5 },
  { stage: "construction_permit", name: "施工许可证", limitWorkingDays: 3 },
  { stage: "completion_acceptance", name: "规划条件核实", limitWorkingDays: 5 },
  { stage: "completion_acceptance", name: "消防验收", limitWorkingDays: 5 },
  { stage: "completion_acceptance", name: "竣工联合验收", limitWorkingDays: 7 },
  { stage: "completion_acceptance", name: "竣工验收备案", limitWorkingDays: 3 },
];

// ---------------------------------------------------------------------------------------------------------------
// Money in 万元

/** Units of 0.0001 万元 in 1 万元. */
export const WAN_SCALE = 10_000n;
const WAN_RE = /^(\d+)(?:\.(\d{1,4}))?$/;
/** An amount a user enters: at most 12 integer digits (the database's numeric(16, 4)). */
const MAX_INPUT_DIGITS = 12;
/** Sums of many entered amounts (a zone's year to date) read back from the database or a computation. */
const MAX_INTEGER_DIGITS = 20;

/**
 * Parses an amount in 万元: digits, optionally a point and 1 to 4 decimals, at most 20 integer digits (leading zeros
 * do not count; enough for any sum of entered amounts, which `isWanAmount` limits to 12), not negative. Returns it
 * in units of 0.0001 万元: "62000" → 620000000n, "0.5" → 5000n. Anything else ("", "1e3", "-1", "1.23456", " 1",
 * "1,000", ".5") throws a RangeError.
 */
export function parseWan(text: string): bigint {
  const m = WAN_RE.exec(text);
  const whole = m?.[1];
  if (!m || whole === undefined) {
    const why = text.startsWith("-") ? "it must not be negative" : "digits with at most 4 decimals are expected";
    throw new RangeError(`not an amount in 万元 (${why}): "${text}"`);
  }
  if (whole.replace(/^0+/, "").length > MAX_INTEGER_DIGITS)
    throw new RangeError(`amount too large, at most ${MAX_INTEGER_DIGITS} integer digits in 万元: "${text}"`);
  const decimals = (m[2] ?? "").padEnd(4, "0");
  return BigInt(whole) * WAN_SCALE + BigInt(decimals);
}

/** True when the text is an amount a user may enter: `parseWan` accepts it and it has at most 12 integer digits. */
export function isWanAmount(text: string): boolean {
  try {
    parseWan(text);
  } catch {
    return false;
  }
  return (WAN_RE.exec(text)?.[1] ?? "").replace(/^0+/, "").length <= MAX_INPUT_DIGITS;
}

/**
 * Units of 0.0001 万元 as the canonical decimal string, without trailing zeros: 620000000n → "62000", 5000n → "0.5",
 * 0n → "0". A negative amount (a difference) gets a leading "-"; `parseWan` does not accept it back.
 */
export function formatWan(units: bigint): string {
  const sign = units < 0n ? "-" : "";
  const abs = units < 0n ? -units : units;
  const whole = abs / WAN_SCALE;
  const fraction = (abs % WAN_SCALE).toString().padStart(4, "0").replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** The sum of amounts in 万元, as a canonical string. */
export function sumWan(amounts: readonly string[]): string {
  let total = 0n;
  for (const a of amounts) total += parseWan(a);
  return formatWan(total);
}

// ---------------------------------------------------------------------------------------------------------------
// Exact percentages

/** An exact fraction; `den` is positive. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/** Round half away from zero of `num × 1000 ÷ den` (`den` > 0), as tenths: the percentage of num/den, one decimal. */
function tenthsOfPercent(num: bigint, den: bigint): number {
  const a = (num < 0n ? -num : num) * 1000n;
  let q = a / den;
  if ((a % den) * 2n >= den) q += 1n;
  return Number(num < 0n ? -q : q) / 10;
}

/**
 * `num ÷ den` as a percentage rounded once to one decimal, half away from zero, exactly (1 ÷ 3 → 33.3, 1 ÷ 8 → 12.5,
 * −7 ÷ 300 → −2.3). Null when `den` is 0. A negative `den` is refused.
 */
export function exactPercent(num: bigint, den: bigint): number | null {
  if (den < 0n) throw new RangeError(`a negative denominator: ${den}`);
  return den === 0n ? null : tenthsOfPercent(num, den);
}

/** A finite number ≥ 0 as an exact fraction of its shortest decimal writing (5 → 5/1, 2.5 → 25/10, 1e-7 → 1/10⁷). */
function fractionOfNumber(x: number, what: string): Ratio {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${what} must be a finite number ≥ 0: ${x}`);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`${what} is not a plain number: ${x}`);
  const decimals = m[2] ?? "";
  const exponent = Number(m[3] ?? 0) - decimals.length;
  const digits = BigInt(`${m[1]}${decimals}`);
  return exponent >= 0
    ? { num: digits * 10n ** BigInt(exponent), den: 1n }
    : { num: digits, den: 10n ** BigInt(-exponent) };
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const pad = (n: number) => String(n).padStart(2, "0");

function checkYearMonth(year: number, month: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`not a year: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a month (1–12): ${month}`);
}

function checkDate(date: string, what: string): void {
  if (!isIsoDate(date)) throw new RangeError(`${what} is not an ISO date YYYY-MM-DD: ${date}`);
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isLeapYear = (year: number) => daysInMonth(year, 2) === 29;
const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a valid ISO date. */
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The last day of a month as an ISO date (2024-02 → 2024-02-29). */
export function lastDayOfMonthIso(year: number, month: number): string {
  checkYearMonth(year, month);
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Schedule (序时进度, 完成率, ahead/behind)

/**
 * The elapsed part of the year (序时进度) as an exact fraction, unreduced.
 * - Month granularity: m/12 where m = the period's month (1–12); `asOf` is ignored (April → 4/12).
 * - Day granularity: day-of-year(asOf) / days-in-year(year) (2024-03-20 → 80/366). `asOf` is required and must lie
 *   in the period's year; the server passes the earlier of today and the last day of the period's month, and a
 *   later `asOf` is clipped to that last day, so a past month never counts days after it.
 */
export function elapsedOfYear(
  period: { year: number; month: number },
  granularity: ScheduleGranularity,
  asOf?: string,
): Ratio {
  const { year, month } = period;
  checkYearMonth(year, month);
  if (granularity === "month") return { num: BigInt(month), den: 12n };
  if (asOf === undefined) throw new RangeError("day granularity needs the date the elapsed time is counted to (asOf)");
  checkDate(asOf, "asOf");
  if (asOf < `${year}-01-01`) throw new RangeError(`asOf ${asOf} is before the year ${year}`);
  const last = lastDayOfMonthIso(year, month);
  const date = asOf > last ? last : asOf;
  const dayOfYear = dayNumber(date) - dayNumber(`${year}-01-01`) + 1;
  return { num: BigInt(dayOfYear), den: isLeapYear(year) ? 366n : 365n };
}

/** One version of a project's annual plan: in force from `fromMonth` (1–12) of the year; `planWan` in 万元. */
export interface PlanVersion {
  fromMonth: number;
  planWan: string;
}

/**
 * The annual plan in force for a month: the plan may be changed during the year (年中调整), each version in force
 * from its month; the version with the latest `fromMonth` ≤ month wins (of two with the same month, the later one in
 * the list). Null when no version is in force yet.
 */
export function planInForce(versions: readonly PlanVersion[], month: number): string | null {
  let best: PlanVersion | null = null;
  for (const v of versions) if (v.fromMonth <= month && (best === null || v.fromMonth >= best.fromMonth)) best = v;
  return best?.planWan ?? null;
}

/** The amounts a schedule is computed from: the annual plan (null: none) and the year-to-date completed, in 万元. */
export interface ScheduleInput {
  planWan: string | null;
  completedYtdWan: string;
}

export interface Schedule {
  planWan: string | null;
  completedYtdWan: string;
  /** completion rate in percent, rounded ONCE to one decimal from exact values; null when there is no plan or the plan is 0 */
  completionPercent: number | null;
  /** 序时进度 in percent, one decimal */
  elapsedPercent: number;
  /** completion − 序时进度 in percentage points from UNROUNDED values, rounded once to one decimal (half away from zero, exact via bigint); null when completionPercent is null */
  pointsAhead: number | null;
  /** more than `behindThresholdPoints` behind, judged on the unrounded difference (strictly more) */
  behind: boolean;
}

function checkElapsed(e: Ratio): void {
  if (e.den <= 0n || e.num < 0n) throw new RangeError(`not an elapsed part of the year: ${e.num}/${e.den}`);
}

/**
 * The schedule of a project (or of a group, with summed amounts; see `groupSchedule`): completion rate = completed ÷
 * plan; 序时进度 = `elapsed`; points ahead = completion − 序时进度 as ONE fraction (C·e.den − e.num·P)·100 / (P·e.den),
 * rounded once; behind when that unrounded difference is below −`behindThresholdPoints` (strictly). The amounts are
 * returned in canonical form. Without a plan or with a plan of 0 there is no rate, and nothing is behind.
 */
export function schedule(input: ScheduleInput, elapsed: Ratio, behindThresholdPoints: number): Schedule {
  checkElapsed(elapsed);
  const threshold = fractionOfNumber(behindThresholdPoints, "the behind threshold");
  const completed = parseWan(input.completedYtdWan);
  const plan = input.planWan === null ? null : parseWan(input.planWan);
  const elapsedPercent = tenthsOfPercent(elapsed.num, elapsed.den);
  const base = {
    planWan: plan === null ? null : formatWan(plan),
    completedYtdWan: formatWan(completed),
    elapsedPercent,
  };
  if (plan === null || plan === 0n) return { ...base, completionPercent: null, pointsAhead: null, behind: false };
  // ahead = diffNum / diffDen as a fraction of 1 (× 100 for points).
  const diffNum = completed * elapsed.den - elapsed.num * plan;
  const diffDen = plan * elapsed.den;
  // behind ⇔ diffNum/diffDen × 100 < −T.num/T.den ⇔ diffNum × 100 × T.den < −T.num × diffDen (denominators > 0).
  const behind = diffNum * 100n * threshold.den < -threshold.num * diffDen;
  return {
    ...base,
    completionPercent: tenthsOfPercent(completed, plan),
    pointsAhead: tenthsOfPercent(diffNum, diffDen),
    behind,
  };
}

/**
 * The schedule of a group of projects (a unit, a type, the zone): plans summed over the members that have a plan,
 * completed summed over the SAME members (a project without an annual plan is not in the year's list, so its
 * completed amount is left out too), then `schedule`. A plan of 0 is a plan: the member counts, its completed amount
 * is summed. `projects` = the members with a plan. With none, the plan is null.
 */
export function groupSchedule(
  items: readonly ScheduleInput[],
  elapsed: Ratio,
  behindThresholdPoints: number,
): Schedule & { projects: number } {
  let plan = 0n;
  let completed = 0n;
  let projects = 0;
  for (const i of items) {
    if (i.planWan === null) continue;
    plan += parseWan(i.planWan);
    completed += parseWan(i.completedYtdWan);
    projects++;
  }
  const input = { planWan: projects > 0 ? formatWan(plan) : null, completedYtdWan: formatWan(completed) };
  return { ...schedule(input, elapsed, behindThresholdPoints), projects };
}

/**
 * 开工率 = started ÷ planned new starts. `items` = the projects planned as new starts in the year, each with its
 * planned month (1–12; null = month unknown, counted in the annual denominator only) and whether it had started by
 * the end of the period. Annual denominator = all of them; to-date denominator = those planned in months 1..`month`;
 * the numerator, one figure for both as the published reports do, = all of them started (so the to-date rate may
 * pass 100% when projects start ahead of plan). Percent, one decimal, null when the denominator is 0.
 */
export function startRate(
  items: readonly { plannedMonth: number | null; started: boolean }[],
  month: number,
): {
  started: number;
  plannedAnnual: number;
  plannedToDate: number;
  annualPercent: number | null;
  toDatePercent: number | null;
} {
  return startRateOfCounts({
    started: items.filter((i) => i.started).length,
    plannedAnnual: items.length,
    plannedToDate: items.filter((i) => i.plannedMonth !== null && i.plannedMonth <= month).length,
  });
}

/** `startRate` from counts the database has already taken (the board counts in SQL). */
export function startRateOfCounts(c: { started: number; plannedAnnual: number; plannedToDate: number }): {
  started: number;
  plannedAnnual: number;
  plannedToDate: number;
  annualPercent: number | null;
  toDatePercent: number | null;
} {
  return {
    ...c,
    annualPercent: exactPercent(BigInt(c.started), BigInt(c.plannedAnnual)),
    toDatePercent: exactPercent(BigInt(c.started), BigInt(c.plannedToDate)),
  };
}

/** Completion of total investment: cumulative completed since the project began ÷ total investment (万元), percent one decimal, null if total is 0. */
export function totalInvestmentPercent(cumulativeWan: string, totalWan: string): number | null {
  return exactPercent(parseWan(cumulativeWan), parseWan(totalWan));
}

// ---------------------------------------------------------------------------------------------------------------
// Size buckets (domain-rules 4.2)

/** Size buckets on planned/total investment: ≥100亿, ≥50亿, ≥10亿, ≥1亿, <1亿 (1亿 = 10000 万元; 以上 includes the bound). */
export const INVESTMENT_BUCKETS = ["b100", "b50", "b10", "b1", "below1"] as const;
export type InvestmentBucket = (typeof INVESTMENT_BUCKETS)[number];
export const INVESTMENT_BUCKET_NAMES: Record<InvestmentBucket, Names> = {
  b100: { "zh-CN": "百亿级(100亿元以上)", "en-US": "10 billion yuan and above" },
  b50: { "zh-CN": "50亿元以上", "en-US": "5 billion yuan and above" },
  b10: { "zh-CN": "10亿元以上", "en-US": "1 billion yuan and above" },
  b1: { "zh-CN": "亿元以上", "en-US": "100 million yuan and above" },
  below1: { "zh-CN": "亿元以下", "en-US": "Below 100 million yuan" },
};

/** The lower bound of each bucket in units of 0.0001 万元 (1亿 = 10000 万元), the one place the bounds are kept. */
const BUCKET_BOUNDS: readonly [Exclude<InvestmentBucket, "below1">, bigint][] = [
  ["b100", 1_000_000n * WAN_SCALE],
  ["b50", 500_000n * WAN_SCALE],
  ["b10", 100_000n * WAN_SCALE],
  ["b1", 10_000n * WAN_SCALE],
];

/** The lower bound (万元) of each bucket but 亿元以下, largest first: for SQL that counts buckets in the database. */
export const INVESTMENT_BUCKET_MIN_WAN: readonly [Exclude<InvestmentBucket, "below1">, number][] = BUCKET_BOUNDS.map(
  ([b, units]) => [b, Number(units / WAN_SCALE)],
);

function bucketOfUnits(units: bigint): InvestmentBucket {
  for (const [bucket, bound] of BUCKET_BOUNDS) if (units >= bound) return bucket;
  return "below1";
}

/** The (exclusive) bucket of an amount in 万元: exactly 10000 is 亿元以上, 99999.9999 too, 100000 is 10亿元以上. */
export function investmentBucket(wan: string): InvestmentBucket {
  return bucketOfUnits(parseWan(wan));
}

/**
 * Counts and sums (万元) per bucket, both ways reports give them: `cumulative` (亿元以上 includes 10亿元以上 and so on;
 * no 亿元以下 entry) and `exclusive` (each amount in exactly one bucket).
 */
export function bucketCounts(amounts: readonly string[]): {
  cumulative: Record<Exclude<InvestmentBucket, "below1">, { count: number; sumWan: string }>;
  exclusive: Record<InvestmentBucket, { count: number; sumWan: string }>;
} {
  const exclusive = new Map<InvestmentBucket, { count: number; sum: bigint }>(
    INVESTMENT_BUCKETS.map((b) => [b, { count: 0, sum: 0n }]),
  );
  for (const a of amounts) {
    const units = parseWan(a);
    const entry = exclusive.get(bucketOfUnits(units));
    if (entry) {
      entry.count++;
      entry.sum += units;
    }
  }
  const shown = (b: InvestmentBucket) => {
    const e = exclusive.get(b) ?? { count: 0, sum: 0n };
    return { count: e.count, sumWan: formatWan(e.sum) };
  };
  let count = 0;
  let sum = 0n;
  const cumulative = {} as Record<Exclude<InvestmentBucket, "below1">, { count: number; sumWan: string }>;
  for (const [b] of BUCKET_BOUNDS) {
    const e = exclusive.get(b) ?? { count: 0, sum: 0n };
    count += e.count;
    sum += e.sum;
    cumulative[b] = { count, sumWan: formatWan(sum) };
  }
  return {
    cumulative,
    exclusive: {
      b100: shown("b100"),
      b50: shown("b50"),
      b10: shown("b10"),
      b1: shown("b1"),
      below1: shown("below1"),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Monthly reporting window

/** A reopening of a locked month for reporting, up to and including `until` (ISO date). */
export interface Reopening {
  until: string;
}

/**
 * The window in which month m of year y may be reported: from the 1st of month m up to and including day
 * `deadlineDay` (1–31) of month m, clipped to the month's last day (31 in February 2024 → 2024-02-29).
 */
export function reportWindow(year: number, month: number, deadlineDay: number): { opensOn: string; closesOn: string } {
  checkYearMonth(year, month);
  if (!Number.isInteger(deadlineDay) || deadlineDay < 1 || deadlineDay > 31)
    throw new RangeError(`not a deadline day of the month (1–31): ${deadlineDay}`);
  return {
    opensOn: `${year}-${pad(month)}-01`,
    closesOn: `${year}-${pad(month)}-${pad(Math.min(deadlineDay, daysInMonth(year, month)))}`,
  };
}

/**
 * Whether month m of year y may be reported on `today`: "not_open" before its 1st, "open" up to and including the
 * deadline day, after it "reopened" while some reopening's `until` is today or later, otherwise "locked".
 */
export function reportMonthState(
  year: number,
  month: number,
  today: string,
  deadlineDay: number,
  reopenings: readonly Reopening[],
): "not_open" | "open" | "locked" | "reopened" {
  checkDate(today, "today");
  const { opensOn, closesOn } = reportWindow(year, month, deadlineDay);
  if (today < opensOn) return "not_open";
  if (today <= closesOn) return "open";
  for (const r of reopenings) {
    checkDate(r.until, "a reopening's end");
    if (r.until >= today) return "reopened";
  }
  return "locked";
}

// ---------------------------------------------------------------------------------------------------------------
// Approvals (工程建设项目审批)

/** One approval item of a project, as recorded. */
export interface ApprovalItemFacts {
  id: string;
  stage: ApprovalStage;
  name: string;
  /** The department that handles it (e.g. 规划和自然资源局). */
  department: string;
  appliedOn: string | null;
  approvedOn: string | null;
  /** Its limit in working days; null: none. */
  limitWorkingDays: number | null;
}

export interface ApprovalItemTiming {
  id: string;
  /** Working days in (appliedOn, approvedOn or asOf]; null when not applied yet. */
  elapsedWorkingDays: number | null;
  /** Applied and not approved (as of `asOf`). */
  pending: boolean;
  /** elapsed > limit (strictly); false without a limit or when not applied. */
  overLimit: boolean;
}

export interface ApprovalStageTiming {
  stage: ApprovalStage;
  /** working days in the UNION of its items' intervals: parallel items are not counted twice, gaps when nothing is pending are not counted */
  elapsedWorkingDays: number;
  items: number;
  pending: number;
  overLimit: number;
}

/** An interval of days (day numbers, both inclusive) an item was with the department. */
type DayInterval = [first: number, last: number];

/**
 * The timing of a project's approvals as of a date. An item's working days are those in (appliedOn, endOn], endOn =
 * approvedOn or, while pending, `asOf`: the day of application does not count, like a case's SLA. Facts dated after
 * `asOf` have not happened yet as of it (applied later: not applied; approved later: pending). A stage counts the
 * working days in the union of its items' intervals; the total is the sum of the stages (the official count leaves
 * out the applicant's own time between stages), over target when strictly more than `targetWorkingDays`.
 * An approval date without an application date, or before it, is refused with a RangeError naming the item.
 */
export function approvalTimings(
  items: readonly ApprovalItemFacts[],
  asOf: string,
  cal: { isWorkingDay(date: string): boolean },
  targetWorkingDays: number,
): {
  items: ApprovalItemTiming[];
  stages: ApprovalStageTiming[];
  totalWorkingDays: number;
  overTarget: boolean;
} {
  checkDate(asOf, "asOf");
  const asOfDay = dayNumber(asOf);
  const workingCache = new Map<number, boolean>();
  const working = (day: number): boolean => {
    let w = workingCache.get(day);
    if (w === undefined) {
      w = cal.isWorkingDay(isoOf(day));
      workingCache.set(day, w);
    }
    return w;
  };
  const countWorking = (first: number, last: number): number => {
    let n = 0;
    for (let d = first; d <= last; d++) if (working(d)) n++;
    return n;
  };

  const stages = new Map<ApprovalStage, ApprovalStageTiming & { intervals: DayInterval[] }>(
    APPROVAL_STAGES.map((stage) => [
      stage,
      { stage, elapsedWorkingDays: 0, items: 0, pending: 0, overLimit: 0, intervals: [] },
    ]),
  );
  const timings: ApprovalItemTiming[] = [];
  for (const item of items) {
    const stage = stages.get(item.stage);
    if (!stage) throw new RangeError(`approval item ${item.id}: not an approval stage: ${item.stage}`);
    if (item.appliedOn !== null) checkDate(item.appliedOn, `approval item ${item.id}: appliedOn`);
    if (item.approvedOn !== null) {
      checkDate(item.approvedOn, `approval item ${item.id}: approvedOn`);
      if (item.appliedOn === null)
        throw new RangeError(`approval item ${item.id}: approved on ${item.approvedOn} without an application date`);
      if (item.approvedOn < item.appliedOn)
        throw new RangeError(
          `approval item ${item.id}: approved on ${item.approvedOn}, before it was applied for on ${item.appliedOn}`,
        );
    }
    stage.items++;
    const applied = item.appliedOn !== null && item.appliedOn <= asOf;
    if (!applied || item.appliedOn === null) {
      timings.push({ id: item.id, elapsedWorkingDays: null, pending: false, overLimit: false });
      continue;
    }
    const pending = item.approvedOn === null || item.approvedOn > asOf;
    const first = dayNumber(item.appliedOn) + 1;
    const last = pending || item.approvedOn === null ? asOfDay : dayNumber(item.approvedOn);
    const elapsed = countWorking(first, last);
    const overLimit = item.limitWorkingDays !== null && elapsed > item.limitWorkingDays;
    if (first <= last) stage.intervals.push([first, last]);
    if (pending) stage.pending++;
    if (overLimit) stage.overLimit++;
    timings.push({ id: item.id, elapsedWorkingDays: elapsed, pending, overLimit });
  }

  const stageTimings: ApprovalStageTiming[] = [];
  let total = 0;
  for (const s of stages.values()) {
    let days = 0;
    let coveredTo = Number.NEGATIVE_INFINITY;
    for (const [first, last] of [...s.intervals].sort((a, b) => a[0] - b[0])) {
      const from = Math.max(first, coveredTo + 1);
      if (from <= last) days += countWorking(from, last);
      coveredTo = Math.max(coveredTo, last);
    }
    total += days;
    stageTimings.push({
      stage: s.stage,
      elapsedWorkingDays: days,
      items: s.items,
      pending: s.pending,
      overLimit: s.overLimit,
    });
  }
  return { items: timings, stages: stageTimings, totalWorkingDays: total, overTarget: total > targetWorkingDays };
}

/** One row of the bottleneck report: a department or an item name. */
export interface BottleneckRow {
  key: string;
  items: number;
  pending: number;
  overLimit: number;
  /** Mean elapsed working days over the items applied for (pending ones counted so far), unrounded; null if none. */
  averageWorkingDays: number | null;
  maxWorkingDays: number | null;
}

function bottleneckRows(
  items: readonly (ApprovalItemFacts & { timing: ApprovalItemTiming })[],
  keyOf: (i: ApprovalItemFacts) => string,
): BottleneckRow[] {
  const groups = new Map<string, { row: BottleneckRow; applied: number; sum: number }>();
  for (const i of items) {
    const key = keyOf(i);
    let g = groups.get(key);
    if (!g) {
      g = {
        row: { key, items: 0, pending: 0, overLimit: 0, averageWorkingDays: null, maxWorkingDays: null },
        applied: 0,
        sum: 0,
      };
      groups.set(key, g);
    }
    g.row.items++;
    if (i.timing.pending) g.row.pending++;
    if (i.timing.overLimit) g.row.overLimit++;
    const elapsed = i.timing.elapsedWorkingDays;
    if (elapsed !== null) {
      g.applied++;
      g.sum += elapsed;
      g.row.maxWorkingDays = Math.max(g.row.maxWorkingDays ?? elapsed, elapsed);
    }
  }
  const rows = [...groups.values()].map((g) => ({
    ...g.row,
    averageWorkingDays: g.applied > 0 ? g.sum / g.applied : null,
  }));
  const byAverage = (a: BottleneckRow, b: BottleneckRow): number => {
    if (a.averageWorkingDays === b.averageWorkingDays) return 0;
    if (a.averageWorkingDays === null) return 1;
    if (b.averageWorkingDays === null) return -1;
    return b.averageWorkingDays - a.averageWorkingDays;
  };
  return rows.sort(
    (a, b) => b.overLimit - a.overLimit || byAverage(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * The bottleneck report over many projects' items (each with its timing from `approvalTimings`), grouped by
 * department and by item name: items, pending, over limit, average and maximum elapsed working days over the items
 * applied for. Sorted by over-limit count descending, then average descending (groups with no average last), then
 * key, so the order is stable.
 */
export function approvalBottlenecks(items: readonly (ApprovalItemFacts & { timing: ApprovalItemTiming })[]): {
  byDepartment: BottleneckRow[];
  byItem: BottleneckRow[];
} {
  return {
    byDepartment: bottleneckRows(items, (i) => i.department),
    byItem: bottleneckRows(items, (i) => i.name),
  };
}
