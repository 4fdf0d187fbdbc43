/**
 * Visit plans (走访计划) and coverage. Pure: dates are China calendar dates as YYYY-MM-DD strings (see `chinaDate`),
 * today is an argument.
 *
 * Counting rule (documented choice): an enterprise to which several rules apply counts ONCE, judged by the shortest
 * of its rules' periods that contain the reference date. All periods containing one date nest (month ⊂ quarter ⊂
 * half-year ⊂ year), so "visited within the shortest period" is exactly "every applicable rule is satisfied": a key
 * enterprise that is also assigned (quarterly and half-yearly rules) is due once and counts as visited when it was
 * visited in the current quarter.
 */

export const VISIT_KINDS = ["routine", "service_day", "director_day", "leader"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_NAMES: Record<VisitKind, { "zh-CN": string; "en-US": string }> = {
  routine: { "zh-CN": "日常走访", "en-US": "Routine visit" },
  service_day: { "zh-CN": "企业服务日", "en-US": "Enterprise service day" },
  director_day: { "zh-CN": "局长服务日", "en-US": "Director's service day" },
  leader: { "zh-CN": "领导带队", "en-US": "Leader-led visit" },
};

export const VISIT_PERIODS = ["month", "quarter", "half_year", "year"] as const;
export type VisitPeriod = (typeof VISIT_PERIODS)[number];
export const VISIT_PERIOD_NAMES: Record<VisitPeriod, { "zh-CN": string; "en-US": string }> = {
  month: { "zh-CN": "每月", "en-US": "Monthly" },
  quarter: { "zh-CN": "每季度", "en-US": "Quarterly" },
  half_year: { "zh-CN": "每半年", "en-US": "Half-yearly" },
  year: { "zh-CN": "每年", "en-US": "Yearly" },
};

/** key: key enterprises (重点企业); assigned: enterprises with a service officer (挂点); all: every enterprise. */
export const VISIT_APPLIES_TO = ["key", "assigned", "all"] as const;
export type VisitAppliesTo = (typeof VISIT_APPLIES_TO)[number];
export const VISIT_APPLIES_TO_NAMES: Record<VisitAppliesTo, { "zh-CN": string; "en-US": string }> = {
  key: { "zh-CN": "重点企业", "en-US": "Key enterprises" },
  assigned: { "zh-CN": "挂点企业", "en-US": "Assigned enterprises" },
  all: { "zh-CN": "全部企业", "en-US": "All enterprises" },
};

export interface VisitRule {
  code: string;
  name: string;
  appliesTo: VisitAppliesTo;
  period: VisitPeriod;
  active: boolean;
}

/** The rules a zone starts with. */
export const DEFAULT_VISIT_RULES: readonly VisitRule[] = [
  { code: "key_quarterly", name: "重点企业每季度走访一次", appliesTo: "key", period: "quarter", active: true },
  {
    code: "assigned_half_year",
    name: "挂点企业每半年走访一次",
    appliesTo: "assigned",
    period: "half_year",
    active: true,
  },
];

/** A calendar period: its key (2026-03, 2026Q1, 2026H1, 2026) and its first and last day (both inclusive). */
export interface PeriodRange {
  period: VisitPeriod;
  key: string;
  start: string;
  end: string;
}

const PERIOD_ORDER: Record<VisitPeriod, number> = { month: 0, quarter: 1, half_year: 2, year: 3 };
const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function range(period: VisitPeriod, year: number, firstMonth: number, months: number, key: string): PeriodRange {
  const lastMonth = firstMonth + months - 1;
  return {
    period,
    key,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
  };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDayOfMonth(y, mo);
}

/** The period of a kind that contains a date (YYYY-MM-DD, China calendar). */
export function periodOf(date: string, period: VisitPeriod): PeriodRange {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${date}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (period) {
    case "month":
      return range(period, year, month, 1, `${year}-${pad(month)}`);
    case "quarter": {
      const q = Math.ceil(month / 3);
      return range(period, year, (q - 1) * 3 + 1, 3, `${year}Q${q}`);
    }
    case "half_year": {
      const h = month <= 6 ? 1 : 2;
      return range(period, year, h === 1 ? 1 : 7, 6, `${year}H${h}`);
    }
    case "year":
      return range(period, year, 1, 12, String(year));
  }
}

/** A period from its key: 2026-03, 2026Q1, 2026H2, 2026. Null when the key is none of these. */
export function parsePeriodKey(key: string): PeriodRange | null {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return periodOf(`${m[1]}-${m[2]}-01`, "month");
  m = /^(\d{4})Q([1-4])$/i.exec(key);
  if (m) return periodOf(`${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}-01`, "quarter");
  m = /^(\d{4})H([12])$/i.exec(key);
  if (m) return periodOf(`${m[1]}-${m[2] === "1" ? "01" : "07"}-01`, "half_year");
  m = /^(\d{4})$/.exec(key);
  if (m) return periodOf(`${m[1]}-01-01`, "year");
  return null;
}

/**
 * The date coverage is judged at for a `period` parameter: a date (YYYY-MM-DD) is itself; a period key gives today
 * when today lies in it, its last day when it is past, its first day when it is still to come. Empty: today.
 * Null when the text is neither a date nor a period key.
 */
export function coverageReferenceDate(param: string | undefined, today: string): string | null {
  if (!param) return today;
  if (DATE_RE.test(param)) return isValidDate(param) ? param : null;
  const p = parsePeriodKey(param);
  if (!p) return null;
  if (today < p.start) return p.start;
  if (today > p.end) return p.end;
  return today;
}

export interface PlanEnterprise {
  id: string;
  isKey: boolean;
  officerId: string | null;
}

/** Whether a rule applies to an enterprise. */
export function ruleApplies(rule: Pick<VisitRule, "appliesTo" | "active">, e: PlanEnterprise): boolean {
  if (!rule.active) return false;
  switch (rule.appliesTo) {
    case "key":
      return e.isKey;
    case "assigned":
      return e.officerId !== null;
    case "all":
      return true;
  }
}

export interface PlanItem {
  enterpriseId: string;
  /** The codes of the active rules that apply (in the order of the rules given). */
  ruleCodes: string[];
  /** The shortest period of those rules containing the reference date: the one the enterprise is judged by. */
  period: PeriodRange;
  visited: boolean;
  /** The latest visit within the period, if any. */
  visitedOn: string | null;
}

/**
 * The visit plan at a reference date: for each enterprise some active rule applies to, its period and whether it
 * was visited in it (a visit dated within the period's first and last day). Enterprises no rule applies to are left
 * out. See the module comment for how several rules combine.
 */
export function visitPlan(
  enterprises: readonly PlanEnterprise[],
  rules: readonly VisitRule[],
  visits: readonly { enterpriseId: string; visitedOn: string }[],
  referenceDate: string,
): PlanItem[] {
  const visitsOf = new Map<string, string[]>();
  for (const v of visits) {
    const list = visitsOf.get(v.enterpriseId);
    if (list) list.push(v.visitedOn);
    else visitsOf.set(v.enterpriseId, [v.visitedOn]);
  }
  const periods = new Map<VisitPeriod, PeriodRange>();
  const periodAt = (p: VisitPeriod) => {
    let r = periods.get(p);
    if (!r) {
      r = periodOf(referenceDate, p);
      periods.set(p, r);
    }
    return r;
  };
  const out: PlanItem[] = [];
  for (const e of enterprises) {
    const applying = rules.filter((r) => ruleApplies(r, e));
    if (!applying.length) continue;
    let shortest = applying[0]?.period as VisitPeriod;
    for (const r of applying) if (PERIOD_ORDER[r.period] < PERIOD_ORDER[shortest]) shortest = r.period;
    const period = periodAt(shortest);
    let visitedOn: string | null = null;
    for (const d of visitsOf.get(e.id) ?? [])
      if (d >= period.start && d <= period.end && (visitedOn === null || d > visitedOn)) visitedOn = d;
    out.push({
      enterpriseId: e.id,
      ruleCodes: applying.map((r) => r.code),
      period,
      visited: visitedOn !== null,
      visitedOn,
    });
  }
  return out;
}

/** Due and visited counts with the rate visited ÷ due, unrounded; null when nothing is due. */
export interface CoverageFigures {
  due: number;
  visited: number;
  rate: number | null;
}

export function coverageFigures(items: readonly Pick<PlanItem, "visited">[]): CoverageFigures {
  const due = items.length;
  const visited = items.filter((i) => i.visited).length;
  return { due, visited, rate: due === 0 ? null : visited / due };
}

/** The earliest first day among the periods of these rules at a date: visits before it never count. */
export function planWindowStart(rules: readonly Pick<VisitRule, "period" | "active">[], referenceDate: string): string {
  let start = referenceDate;
  for (const r of rules) {
    if (!r.active) continue;
    const p = periodOf(referenceDate, r.period);
    if (p.start < start) start = p.start;
  }
  return start;
}
