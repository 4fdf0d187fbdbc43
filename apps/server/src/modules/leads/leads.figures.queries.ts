import { IN_TALKS_STAGES, INVESTMENT_BUCKET_MIN_WAN, LEAD_PIPELINE, pipelineIndex } from "@zoneos/domain";
import { and, type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { chainNameOf } from "../chains/chains.queries.ts";
import { unitNameOf } from "../org/org.queries.ts";
import { type LeadFilterSql, type LeadScope, leadConditions } from "./leads.queries.ts";
import { leadStageChanges, leads } from "./leads.tables.ts";

/**
 * The statements of the pipeline figures (招商引资 figures) and the investment map. Each is exported bare (an SQL
 * object) so the benchmark times the same statement the endpoint runs.
 */

/** A period of China calendar dates, both ends included. */
export interface FigurePeriod {
  from: string;
  to: string;
}

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));
const IN_TALKS = list(IN_TALKS_STAGES);
/** 签约 and every stage after it: a lead that is signed (a lost or moved-back lead no longer is). */
const SIGNED_STAGES = list(LEAD_PIPELINE.slice(pipelineIndex("signed")));

/** The size bucket of an amount column (万元), from the domain's bounds: exactly 10000 is 亿元以上. */
export function bucketCaseSql(column: SQL): SQL {
  const whens = INVESTMENT_BUCKET_MIN_WAN.map(
    ([bucket, min]) => sql`when ${column} >= ${sql.raw(String(min))} then ${sql.raw(`'${bucket}'`)}`,
  );
  return sql`(case ${sql.join(whens, sql` `)} else 'below1' end)`;
}

/** Signed in the period: a signing date in it, and still signed (签约 or later). */
const signedIn = (p: FigurePeriod) =>
  sql`(${leads.signedOn} between ${p.from}::date and ${p.to}::date and ${leads.stage} in (${SIGNED_STAGES}))`;

/**
 * Which grouping set a row of `pipelineFiguresSql` belongs to: the value of
 * `grouping(stage, bucket, unit_id, channel, chain_id, lost_reason)` (a 1 bit for each column not grouped by).
 */
export const FIGURE_SETS = { stageBucket: 15, unit: 55, channel: 59, chain: 61, lostReason: 62, all: 63 } as const;

/**
 * The pipeline figures over the leads the scope and filters select, in one pass (grouping sets): per stage × size
 * bucket the leads and planned investment (the state today); per unit, channel and chain the leads, the in-talks
 * leads (在手在谈) and those signed in the period with their contract amount; per lost reason the leads lost in the
 * period (by the date lost). Amounts as numeric text. The unit and chain names are looked up for the aggregated rows
 * only (a few dozen), so the statement stays one scan and one aggregate and the endpoint needs nothing else.
 */
export function pipelineFiguresSql(zoneId: string, scope: LeadScope, f: LeadFilterSql, period: FigurePeriod): SQL {
  return sql`
with s as (
  select ${leads.stage} as stage, ${bucketCaseSql(sql`${leads.investmentWan}`)} as bucket, ${leads.unitId} as unit_id,
    ${leads.channel} as channel, ${leads.chainId} as chain_id, ${leads.lostReason} as lost_reason,
    ${leads.investmentWan} as investment_wan, ${leads.signedAmountWan} as signed_amount_wan,
    (${leads.stage} in (${IN_TALKS})) as in_talks,
    ${signedIn(period)} as signed_in,
    (${leads.stage} = 'lost' and ${leads.stageOn} between ${period.from}::date and ${period.to}::date) as lost_in
  from ${leads}
  where ${and(...leadConditions(zoneId, scope, f))}
)
select grouping(stage, bucket, unit_id, channel, chain_id, lost_reason) as set,
  stage, bucket, unit_id, channel, chain_id, lost_reason,
  ${unitNameOf(sql.raw("unit_id"))} as unit_name, ${chainNameOf(sql.raw("chain_id"))} as chain_name,
  count(*)::int as leads,
  (count(*) filter (where in_talks))::int as in_talks,
  (count(*) filter (where signed_in))::int as signed,
  (count(*) filter (where lost_in))::int as lost,
  sum(investment_wan)::text as investment_wan,
  (sum(signed_amount_wan) filter (where signed_in))::text as signed_wan,
  (sum(investment_wan) filter (where lost_in))::text as lost_wan
from s
group by grouping sets ((stage, bucket), (unit_id), (channel), (chain_id), (lost_reason), ())`;
}

export interface PipelineFigureRow {
  set: number;
  stage: string | null;
  bucket: string | null;
  unitId: string | null;
  channel: string | null;
  chainId: string | null;
  lostReason: string | null;
  unitName: string | null;
  chainName: string | null;
  leads: number;
  inTalks: number;
  signed: number;
  lost: number;
  investmentWan: string | null;
  signedWan: string | null;
  lostWan: string | null;
}

type Rows = { rows: Record<string, unknown>[] };
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const int = (v: unknown) => Number(v ?? 0);

/** Runs `pipelineFiguresSql`. */
export async function pipelineFigures(
  conn: Conn,
  zoneId: string,
  scope: LeadScope,
  f: LeadFilterSql,
  period: FigurePeriod,
): Promise<PipelineFigureRow[]> {
  const result = (await conn.execute(pipelineFiguresSql(zoneId, scope, f, period))) as unknown as Rows;
  return result.rows.map((r) => ({
    set: int(r.set),
    stage: text(r.stage),
    bucket: text(r.bucket),
    unitId: text(r.unit_id),
    channel: text(r.channel),
    chainId: text(r.chain_id),
    lostReason: text(r.lost_reason),
    unitName: text(r.unit_name),
    chainName: text(r.chain_name),
    leads: int(r.leads),
    inTalks: int(r.in_talks),
    signed: int(r.signed),
    lost: int(r.lost),
    investmentWan: text(r.investment_wan),
    signedWan: text(r.signed_wan),
    lostWan: text(r.lost_wan),
  }));
}

const STAGE_INDEX = sql.raw(
  `case c.to_stage ${LEAD_PIPELINE.map((s, i) => `when '${s}' then ${i}`).join(" ")} else -1 end`,
);
/** The stages whose days are counted: every pipeline stage a lead leaves again (投产 is the end). */
const DAY_STAGES = list(LEAD_PIPELINE.slice(0, -1));

/**
 * Conversion and days per stage of the cohort: the leads the scope and filters select whose first stage (the change
 * with no from-stage) is dated in the period. Rows `reach` give the number of cohort leads per furthest pipeline
 * stage reached (its index in LEAD_PIPELINE; a lost lead keeps what it reached before); rows `days` per stage the
 * stays, the median and the average calendar days from entering the stage to the next change (to `today` for the
 * stage a lead is in); the row `cohort` the number of leads. The cohort is found first, so only its histories are
 * read and ordered.
 */
export function stageFlowSql(
  zoneId: string,
  scope: LeadScope,
  f: LeadFilterSql,
  period: FigurePeriod,
  today: string,
): SQL {
  const conds = leadConditions(zoneId, scope, f);
  // The zone alone: every lead of it is selected, no need to read the leads at all.
  const selected =
    conds.length > 1 ? sql`and c.lead_id in (select ${leads.id} from ${leads} where ${and(...conds)})` : sql``;
  return sql`
with cohort as (
  select c.lead_id from ${leadStageChanges} c
  where c.zone_id = ${zoneId} and c.from_stage is null
    and c."on" between ${period.from}::date and ${period.to}::date ${selected}
), ch as materialized (
  select c.lead_id, c.to_stage, c."on" as entered_stage_on, ${STAGE_INDEX} as stage_index,
    lead(c."on") over (partition by c.lead_id order by c.at, c.id) as next_on
  from ${leadStageChanges} c
  where c.zone_id = ${zoneId} and c.lead_id in (select lead_id from cohort)
), reach as (
  select max(stage_index) as stage_index from ch group by lead_id
)
select 'reach' as kind, stage_index::text as stage, count(*)::int as n, null::float8 as median_days,
  null::float8 as average_days
from reach where stage_index >= 0 group by stage_index
union all
select 'days', to_stage, count(*)::int,
  percentile_cont(0.5) within group (order by d)::float8, avg(d)::float8
from (
  select to_stage, greatest(0, coalesce(next_on, ${today}::date) - entered_stage_on) as d
  from ch where to_stage in (${DAY_STAGES})
) x
group by to_stage
union all
select 'cohort', null, count(*)::int, null, null from reach`;
}

export interface StageFlowRow {
  kind: "reach" | "days" | "cohort";
  stage: string | null;
  n: number;
  medianDays: number | null;
  averageDays: number | null;
}

/** Runs `stageFlowSql`. */
export async function stageFlow(
  conn: Conn,
  zoneId: string,
  scope: LeadScope,
  f: LeadFilterSql,
  period: FigurePeriod,
  today: string,
): Promise<StageFlowRow[]> {
  const result = (await conn.execute(stageFlowSql(zoneId, scope, f, period, today))) as unknown as Rows;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return result.rows.map((r) => ({
    kind: String(r.kind) as StageFlowRow["kind"],
    stage: text(r.stage),
    n: int(r.n),
    medianDays: num(r.median_days),
    averageDays: num(r.average_days),
  }));
}

/** Leads signed in the period per investor home region (as stored, any level), with the contract amount. */
export function signedByRegionSql(zoneId: string, scope: LeadScope, f: LeadFilterSql, period: FigurePeriod): SQL {
  return sql`
select ${leads.investorRegionCode} as region_code, count(*)::int as n, sum(${leads.signedAmountWan})::text as amount_wan
from ${leads}
where ${and(...leadConditions(zoneId, scope, f), signedIn(period))}
group by ${leads.investorRegionCode}`;
}

/** Runs `signedByRegionSql`. */
export async function signedByRegion(
  conn: Conn,
  zoneId: string,
  scope: LeadScope,
  f: LeadFilterSql,
  period: FigurePeriod,
): Promise<{ regionCode: string | null; count: number; amountWan: string }[]> {
  const result = (await conn.execute(signedByRegionSql(zoneId, scope, f, period))) as unknown as Rows;
  return result.rows.map((r) => ({
    regionCode: text(r.region_code),
    count: int(r.n),
    amountWan: text(r.amount_wan) ?? "0",
  }));
}
