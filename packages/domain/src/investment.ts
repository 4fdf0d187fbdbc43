/**
 * Investment attraction (招商引资): code lists of a lead, the stage rules of the pipeline (线索 → 接洽 → 洽谈 → 签约 →
 * 注册 → 开工 → 投产, or 流失), the screening scorecard (项目准入评估), the conversion and days-in-stage figures, and the
 * coverage of an industrial-chain link (产业链图谱 gap analysis).
 *
 * Pure: dates are China calendar dates written YYYY-MM-DD. Amounts are decimal strings in 万元 (see projects.ts); the
 * size buckets are the projects' `investmentBucket` / `bucketCounts`, one set of bounds for both lines of work.
 */

import { daysBetween } from "./dates.ts";
import { exactPercent, parseWan, WAN_SCALE } from "./projects.ts";

type Names = { "zh-CN": string; "en-US": string };

// ---------------------------------------------------------------------------------------------------------------
// Code lists

/** The pipeline in order. 流失 (lost) is not on it: it is a state a lead leaves the pipeline for. */
export const LEAD_PIPELINE = [
  "clue",
  "contact",
  "negotiation",
  "signed",
  "registered",
  "started",
  "producing",
] as const;
export type PipelineStage = (typeof LEAD_PIPELINE)[number];
export const LEAD_STAGES = [...LEAD_PIPELINE, "lost"] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
export const LEAD_STAGE_NAMES: Record<LeadStage, Names> = {
  clue: { "zh-CN": "线索", "en-US": "Clue" },
  contact: { "zh-CN": "接洽", "en-US": "First contact" },
  negotiation: { "zh-CN": "洽谈", "en-US": "Negotiation" },
  signed: { "zh-CN": "签约", "en-US": "Signed" },
  registered: { "zh-CN": "注册", "en-US": "Registered" },
  started: { "zh-CN": "开工", "en-US": "Construction started" },
  producing: { "zh-CN": "投产", "en-US": "In production" },
  lost: { "zh-CN": "流失", "en-US": "Lost" },
};
/** 在手在谈: the leads still being worked before signing (线索, 接洽, 洽谈). */
export const IN_TALKS_STAGES: readonly PipelineStage[] = ["clue", "contact", "negotiation"];

export const LEAD_CHANNELS = ["chain", "business", "capital", "entrusted", "resident", "event", "other"] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];
export const LEAD_CHANNEL_NAMES: Record<LeadChannel, Names> = {
  chain: { "zh-CN": "产业链招商", "en-US": "Along the industrial chain" },
  business: { "zh-CN": "以商招商", "en-US": "Through investors" },
  capital: { "zh-CN": "资本(基金)招商", "en-US": "Through capital (funds)" },
  entrusted: { "zh-CN": "委托招商", "en-US": "Entrusted agents" },
  resident: { "zh-CN": "驻外招商", "en-US": "Resident offices" },
  event: { "zh-CN": "活动招商", "en-US": "Events" },
  other: { "zh-CN": "其他", "en-US": "Other" },
};

/** Marks of the investor company: 世界500强, 中国500强, 央企, 上市. */
export const INVESTOR_MARKS = ["global500", "china500", "central_soe", "listed"] as const;
export type InvestorMark = (typeof INVESTOR_MARKS)[number];
export const INVESTOR_MARK_NAMES: Record<InvestorMark, Names> = {
  global500: { "zh-CN": "世界500强", "en-US": "Fortune Global 500" },
  china500: { "zh-CN": "中国500强", "en-US": "China Top 500" },
  central_soe: { "zh-CN": "央企", "en-US": "Central SOE" },
  listed: { "zh-CN": "上市公司", "en-US": "Listed company" },
};

/** Why a lead was lost (流失原因), always with a text besides. */
export const LOST_REASONS = [
  "land",
  "policy",
  "competition",
  "investor",
  "funding",
  "environment",
  "energy",
  "other",
] as const;
export type LostReason = (typeof LOST_REASONS)[number];
export const LOST_REASON_NAMES: Record<LostReason, Names> = {
  land: { "zh-CN": "用地条件不满足", "en-US": "Land not available" },
  policy: { "zh-CN": "政策条件未谈拢", "en-US": "No agreement on policy terms" },
  competition: { "zh-CN": "被其他地区引走", "en-US": "Went to another region" },
  investor: { "zh-CN": "投资方战略调整", "en-US": "Investor changed strategy" },
  funding: { "zh-CN": "资金不到位", "en-US": "Funding not in place" },
  environment: { "zh-CN": "环评不符合要求", "en-US": "Environmental requirements not met" },
  energy: { "zh-CN": "能耗指标不足", "en-US": "Energy quota not available" },
  other: { "zh-CN": "其他", "en-US": "Other" },
};

/** Activities on a lead (招商活动记录). */
export const LEAD_ACTIVITY_KINDS = ["meeting", "site_visit", "call", "document", "other"] as const;
export type LeadActivityKind = (typeof LEAD_ACTIVITY_KINDS)[number];
export const LEAD_ACTIVITY_KIND_NAMES: Record<LeadActivityKind, Names> = {
  meeting: { "zh-CN": "会谈", "en-US": "Meeting" },
  site_visit: { "zh-CN": "实地考察", "en-US": "Site visit" },
  call: { "zh-CN": "电话沟通", "en-US": "Call" },
  document: { "zh-CN": "文件往来", "en-US": "Documents" },
  other: { "zh-CN": "其他", "en-US": "Other" },
};

/** Segments of a chain: 上游 / 中游 / 下游. */
export const CHAIN_SEGMENTS = ["upstream", "midstream", "downstream"] as const;
export type ChainSegment = (typeof CHAIN_SEGMENTS)[number];
export const CHAIN_SEGMENT_NAMES: Record<ChainSegment, Names> = {
  upstream: { "zh-CN": "上游", "en-US": "Upstream" },
  midstream: { "zh-CN": "中游", "en-US": "Midstream" },
  downstream: { "zh-CN": "下游", "en-US": "Downstream" },
};

// ---------------------------------------------------------------------------------------------------------------
// Stage rules

export function pipelineIndex(stage: PipelineStage): number {
  return LEAD_PIPELINE.indexOf(stage);
}

/** Whether a stage is 签约 or later (a signed lead). */
export function isSignedStage(stage: LeadStage): boolean {
  return stage !== "lost" && pipelineIndex(stage) >= pipelineIndex("signed");
}

/** The facts a move is judged on. */
export interface StageMove {
  from: LeadStage;
  to: LeadStage;
  /** The lead's scorecard result, null when it has none. */
  scorecardPassed: boolean | null;
  /** A leader's override for signing is on record (领导特批). */
  override: boolean;
  /** For 流失: the reason code and its text. */
  lostReason?: string | null;
  lostNote?: string | null;
  /** For a move back (a correction): why. */
  note?: string | null;
}

export type StageMoveRefusal =
  | "SAME_STAGE"
  | "LEAD_FINISHED"
  | "SCREENING_REQUIRED"
  | "LOST_REASON_REQUIRED"
  | "BACKWARD_NOTE_REQUIRED"
  | "BACK_FROM_STARTED";

/**
 * Judges a move of a lead's stage, the same for the form and the board's drag:
 * - forward moves may skip stages, but reaching 签约 or later from before it (skipping past 签约 included) needs a
 *   passing scorecard or a leader's override on record;
 * - 流失 needs a reason from the list and a text; a lead in 投产 is finished and is neither lost nor moved;
 * - a move back is a correction and needs a note; a lead that has broken ground (开工, with its project) does not go
 *   back and is not lost;
 * - from 流失 a lead comes back to any stage, by the same signing rule.
 */
export function checkStageMove(m: StageMove): StageMoveRefusal | null {
  if (m.from === m.to) return "SAME_STAGE";
  if (m.from === "producing") return "LEAD_FINISHED";
  // A lead that broke ground is a project of the registry now: it is neither lost nor moved back (not even by way
  // of 流失, which would leave a clue with a project).
  if (m.from === "started" && (m.to === "lost" || pipelineIndex(m.to) < pipelineIndex("started")))
    return "BACK_FROM_STARTED";
  if (m.to === "lost") {
    if (!m.lostReason || !(LOST_REASONS as readonly string[]).includes(m.lostReason) || !m.lostNote?.trim())
      return "LOST_REASON_REQUIRED";
    return null;
  }
  const fromIndex = m.from === "lost" ? -1 : pipelineIndex(m.from);
  const toIndex = pipelineIndex(m.to);
  if (m.from !== "lost" && toIndex < fromIndex) {
    if (fromIndex >= pipelineIndex("started")) return "BACK_FROM_STARTED";
    if (!m.note?.trim()) return "BACKWARD_NOTE_REQUIRED";
    return null;
  }
  const crossesSigning = toIndex >= pipelineIndex("signed") && (m.from === "lost" || !isSignedStage(m.from));
  if (crossesSigning && m.scorecardPassed !== true && !m.override) return "SCREENING_REQUIRED";
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Screening scorecard (项目准入评估)

/** A band of a numeric criterion: values at or above `min` (higher is better) or at or below `max` (lower is better). */
export interface NumberBand {
  /** 以上 includes the bound (domain-rules §0). */
  bound: number;
  points: number;
}

export type ScreeningCriterion =
  | {
      key: string;
      name: string;
      kind: "number";
      unit: string;
      /** higher: bands by `value ≥ bound`; lower: by `value ≤ bound`. Bands are tried best first. */
      direction: "higher" | "lower";
      bands: NumberBand[];
      /** The pass line: a value that misses it fails the whole scorecard (一票否决) when `required`. */
      passBound: number;
      required: boolean;
    }
  | {
      key: string;
      name: string;
      kind: "choice";
      options: { value: string; name: string; points: number; pass: boolean }[];
      required: boolean;
    };

export interface ScreeningScheme {
  criteria: ScreeningCriterion[];
  /** The total a scorecard needs besides passing every required criterion. */
  passScore: number;
}

/**
 * The shipped default [ENG-DEFAULT]: the pass lines follow common 工业项目 准入 practice (投资强度 ≥ 300 万元/亩,
 * 亩均税收 ≥ 15 万元/亩/年, 能耗 ≤ 0.5 吨标煤/万元, 环保绩效 D 级 refused); zones set their own on the settings page.
 */
export const DEFAULT_SCREENING_SCHEME: ScreeningScheme = {
  passScore: 60,
  criteria: [
    {
      key: "intensity",
      name: "投资强度",
      kind: "number",
      unit: "万元/亩",
      direction: "higher",
      bands: [
        { bound: 500, points: 20 },
        { bound: 400, points: 15 },
        { bound: 300, points: 10 },
      ],
      passBound: 300,
      required: true,
    },
    {
      key: "tax_per_mu",
      name: "预计亩均税收",
      kind: "number",
      unit: "万元/亩/年",
      direction: "higher",
      bands: [
        { bound: 30, points: 20 },
        { bound: 20, points: 15 },
        { bound: 15, points: 10 },
      ],
      passBound: 15,
      required: true,
    },
    {
      key: "energy",
      name: "单位产出能耗",
      kind: "number",
      unit: "吨标煤/万元",
      direction: "lower",
      bands: [
        { bound: 0.1, points: 20 },
        { bound: 0.3, points: 15 },
        { bound: 0.5, points: 10 },
      ],
      passBound: 0.5,
      required: true,
    },
    {
      key: "environment",
      name: "环保绩效分级",
      kind: "choice",
      options: [
        { value: "A", name: "A级", points: 15, pass: true },
        { value: "B", name: "B级", points: 10, pass: true },
        { value: "C", name: "C级", points: 5, pass: true },
        { value: "D", name: "D级", points: 0, pass: false },
      ],
      required: true,
    },
    {
      key: "chain_pull",
      name: "产业链带动",
      kind: "choice",
      options: [
        { value: "leader", name: "链主", points: 15, pass: true },
        { value: "supplier", name: "配套", points: 10, pass: true },
        { value: "none", name: "无", points: 0, pass: true },
      ],
      required: false,
    },
    {
      key: "technology",
      name: "技术水平",
      kind: "choice",
      options: [
        { value: "world", name: "国际领先", points: 10, pass: true },
        { value: "national", name: "国内领先", points: 7, pass: true },
        { value: "advanced", name: "行业先进", points: 4, pass: true },
        { value: "ordinary", name: "一般", points: 0, pass: true },
      ],
      required: false,
    },
  ],
};

/** The largest total a scheme gives. */
export function maxScore(scheme: ScreeningScheme): number {
  let total = 0;
  for (const c of scheme.criteria)
    total +=
      c.kind === "number"
        ? Math.max(0, ...c.bands.map((b) => b.points))
        : Math.max(0, ...c.options.map((o) => o.points));
  return total;
}

export interface CriterionResult {
  key: string;
  points: number;
  passed: boolean;
}

export interface ScreeningResult {
  score: number;
  maxScore: number;
  passed: boolean;
  criteria: CriterionResult[];
  /** Keys of required criteria that failed (一票否决). */
  failedRequired: string[];
  /** Keys of criteria with no value: a scorecard must be complete. */
  missing: string[];
}

function meets(direction: "higher" | "lower", value: number, bound: number): boolean {
  return direction === "higher" ? value >= bound : value <= bound;
}

/**
 * Scores a lead's values on a scheme. Numeric values take the points of the best band they meet (bounds included,
 * domain-rules §0); a choice its option's points. The scorecard passes when nothing is missing, every required
 * criterion passes and the score reaches `passScore`.
 */
export function scoreScreening(
  scheme: ScreeningScheme,
  values: Readonly<Record<string, number | string | null | undefined>>,
): ScreeningResult {
  const criteria: CriterionResult[] = [];
  const failedRequired: string[] = [];
  const missing: string[] = [];
  let score = 0;
  for (const c of scheme.criteria) {
    const v = values[c.key];
    let points = 0;
    let passed = false;
    if (v === null || v === undefined || v === "") missing.push(c.key);
    else if (c.kind === "number") {
      const n = typeof v === "number" ? v : Number(v);
      if (!Number.isFinite(n)) missing.push(c.key);
      else {
        const bands = [...c.bands].sort((a, b) => (c.direction === "higher" ? b.bound - a.bound : a.bound - b.bound));
        points = bands.find((b) => meets(c.direction, n, b.bound))?.points ?? 0;
        passed = meets(c.direction, n, c.passBound);
      }
    } else {
      const option = c.options.find((o) => o.value === String(v));
      if (!option) missing.push(c.key);
      else {
        points = option.points;
        passed = option.pass;
      }
    }
    if (!passed && c.required && !missing.includes(c.key)) failedRequired.push(c.key);
    score += points;
    criteria.push({ key: c.key, points, passed });
  }
  return {
    score,
    maxScore: maxScore(scheme),
    passed: missing.length === 0 && failedRequired.length === 0 && score >= scheme.passScore,
    criteria,
    failedRequired,
    missing,
  };
}

/** 投资强度 in 万元/亩 from a lead's planned investment and land, unrounded; null without land. */
export function investmentIntensity(investmentWan: string, landMu: number | null): number | null {
  if (landMu === null || !(landMu > 0)) return null;
  return Number(parseWan(investmentWan)) / Number(WAN_SCALE) / landMu;
}

/** Checks a scheme typed by an administrator; returns the problems in Chinese (empty when fine). */
export function schemeProblems(scheme: ScreeningScheme): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  if (scheme.criteria.length === 0) problems.push("至少需要一项评估指标");
  for (const c of scheme.criteria) {
    if (keys.has(c.key)) problems.push(`指标代码重复：${c.key}`);
    keys.add(c.key);
    if (c.kind === "number" && c.bands.length === 0) problems.push(`指标“${c.name}”至少需要一个分档`);
    if (c.kind === "choice" && c.options.length === 0) problems.push(`指标“${c.name}”至少需要一个选项`);
  }
  if (scheme.passScore < 0 || scheme.passScore > maxScore(scheme))
    problems.push(`合格分须在 0 到 ${maxScore(scheme)} 之间`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Pipeline figures

/** One entry of a lead's stage history: the stage it entered and the date. */
export interface StageEntry {
  stage: LeadStage;
  on: string;
}

/** The furthest pipeline stage a lead reached by its history (a lost lead keeps what it reached before). */
export function furthestStage(history: readonly StageEntry[]): PipelineStage | null {
  let best = -1;
  for (const e of history) if (e.stage !== "lost") best = Math.max(best, pipelineIndex(e.stage));
  return best < 0 ? null : (LEAD_PIPELINE[best] ?? null);
}

/**
 * Conversion between consecutive stages: of the leads that reached stage s (or went past it), the share that reached
 * the next one. `reached[s]` counts leads whose furthest stage is at least s.
 */
export function stageConversion(furthest: readonly (PipelineStage | null)[]): {
  from: PipelineStage;
  to: PipelineStage;
  reachedFrom: number;
  reachedTo: number;
  percent: number | null;
}[] {
  const reached: number[] = LEAD_PIPELINE.map(() => 0);
  for (const f of furthest) {
    if (f === null) continue;
    for (let i = 0; i <= pipelineIndex(f); i++) reached[i] = (reached[i] ?? 0) + 1;
  }
  return LEAD_PIPELINE.slice(0, -1).map((from, i) => {
    const reachedFrom = reached[i] ?? 0;
    const reachedTo = reached[i + 1] ?? 0;
    return {
      from,
      to: LEAD_PIPELINE[i + 1] as PipelineStage,
      reachedFrom,
      reachedTo,
      percent: exactPercent(BigInt(reachedTo), BigInt(reachedFrom)),
    };
  });
}

/**
 * Days a lead spent in each stage it entered: from the date it entered to the date of its next change, or to `today`
 * for the stage it is in (calendar days). History in order of change.
 */
export function daysInStages(history: readonly StageEntry[], today: string): { stage: LeadStage; days: number }[] {
  return history.map((e, i) => ({ stage: e.stage, days: Math.max(0, daysBetween(e.on, history[i + 1]?.on ?? today)) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Chain coverage (gap analysis)

export const COVERAGE_LEVELS = ["none", "weak", "strong"] as const;
export type Coverage = (typeof COVERAGE_LEVELS)[number];
export const COVERAGE_NAMES: Record<Coverage, Names> = {
  none: { "zh-CN": "缺失", "en-US": "Missing" },
  weak: { "zh-CN": "薄弱", "en-US": "Weak" },
  strong: { "zh-CN": "较强", "en-US": "Strong" },
};

/** Coverage thresholds: at least `weakMin` local enterprises is weak, at least `strongMin` is strong. */
export interface CoverageThresholds {
  weakMin: number;
  strongMin: number;
}
/** [ENG-DEFAULT] one local enterprise makes a link weak, three make it strong. */
export const DEFAULT_COVERAGE: CoverageThresholds = { weakMin: 1, strongMin: 3 };

/** The coverage of a link by the number of distinct local enterprises on it (and its sub-links). */
export function coverageOf(localEnterprises: number, t: CoverageThresholds): Coverage {
  if (localEnterprises >= t.strongMin) return "strong";
  if (localEnterprises >= t.weakMin) return "weak";
  return "none";
}

export function coverageThresholdsProblem(t: CoverageThresholds): string | null {
  if (!Number.isInteger(t.weakMin) || !Number.isInteger(t.strongMin) || t.weakMin < 1) return "阈值须为正整数";
  if (t.strongMin <= t.weakMin) return "“较强”的企业数须大于“薄弱”的企业数";
  return null;
}

/** The size class of a company (企业规模, after the statistics bureau's 大中小微 classes): of a chain target. */
export const COMPANY_SIZES = ["large", "medium", "small", "micro"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];
export const COMPANY_SIZE_NAMES: Record<CompanySize, Names> = {
  large: { "zh-CN": "大型", "en-US": "Large" },
  medium: { "zh-CN": "中型", "en-US": "Medium" },
  small: { "zh-CN": "小型", "en-US": "Small" },
  micro: { "zh-CN": "微型", "en-US": "Micro" },
};
