import { type CaseCounts, EMPTY_CASE_COUNTS, type WorkingDayIndex } from "@zoneos/domain";
import { type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { caseCategories, cases } from "../cases/cases.tables.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";

// The figures module is the read-only analytics side of the case engine: it aggregates the cases table in SQL and
// writes nothing. Every query is scoped by zone_id like the engine's own.

export type FiguresGroupBy = "unit" | "category" | "officer" | "month";

export interface FiguresFilter {
  /** Received at or after `from` and before `until` (instants: the period's China dates as day boundaries). */
  from: Date;
  until: Date;
  /** A unit head's subtree: only cases owned by these units; undefined: the whole zone. */
  ownerUnitIds?: string[];
}

export interface CountedGroup {
  key: string | null;
  name: string | null;
  counts: CaseCounts;
}

const CHINA_OFFSET_S = 8 * 3600;

/**
 * The group key of each case as the first pass groups it: owner unit, owner officer, category code, or the day of
 * receipt (days since 1970-01-01, China time) for a month: cheap to compute and to hash per case.
 */
function rawKeyOf(groupBy: FiguresGroupBy): SQL {
  switch (groupBy) {
    case "unit":
      return sql`${cases.ownerUnitId}`;
    case "officer":
      return sql`${cases.ownerOfficerId}`;
    case "category":
      return sql`${cases.category}`;
    case "month":
      return sql`floor((date_part('epoch', ${cases.receivedAt}) + ${sql.raw(String(CHINA_OFFSET_S))}) / 86400)::int`;
  }
}

/** The key of a row of the figures, from the first pass's key `k0` (a handful of rows): text, YYYY-MM for a month. */
function keyOf(groupBy: FiguresGroupBy): SQL {
  return groupBy === "month" ? sql`to_char(date '1970-01-01' + k0, 'YYYY-MM')` : sql`k0::text`;
}

function nameOf(groupBy: FiguresGroupBy, zoneId: string): SQL {
  switch (groupBy) {
    case "unit":
      return unitNameOf(sql`k::uuid`);
    case "officer":
      return userNameOf(sql`k::uuid`);
    case "category":
      return sql`(select cc.name from ${caseCategories} cc where cc.zone_id = ${zoneId} and cc.code = k)`;
    case "month":
      return sql`k`;
  }
}

/**
 * The effective working-day index (see `WorkingDayIndex` in the domain) by "end-of-day slot": an instant at local
 * seconds l falls in slot m = ceil((l − end of office hours) ÷ 86400), i.e. its own day d up to the end of office
 * hours and d + 1 after it. Since index[d] = index[d − 1] + (working[d] ? 1 : 0), both ways of reaching slot m
 * give the same value: effective[m] = index[m] + (working[m] ? 0 : 1) = index[m − 1] + 1. One array, one look-up
 * per instant (the figures compute it for two instants of every case received in the period).
 */
export function effectiveBySlot(ix: WorkingDayIndex): number[] {
  const out = ix.index.map((k, i) => k + (ix.working[i] ? 0 : 1));
  const last = ix.index[ix.index.length - 1];
  if (last !== undefined) out.push(last + 1);
  return out;
}

/** The effective working-day index of a timestamp column from the one-row `ix`; null outside its days. */
function effectiveIndex(col: SQL): SQL {
  const local = sql`(date_part('epoch', ${col}) + ${sql.raw(String(CHINA_OFFSET_S))})`;
  return sql`ix.eff[ceil((${local} - ix.end_of_day) / 86400)::int - ix.first_day + 1]`;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * The SQL of the service figures: per group and in total. One pass over the cases received in the period groups
 * them by a cheap key (plain GROUP BY: PostgreSQL can split it over parallel workers); a second pass over those few
 * rows gives the groups' keys and the grand total (GROUPING SETS). Handling time is counted in working days from
 * receipt to the reply with a working-day index array: no calendar function in SQL, no case loaded into JS.
 */
export function caseFiguresQuery(zoneId: string, filter: FiguresFilter, groupBy: FiguresGroupBy, ix: WorkingDayIndex) {
  const scope = filter.ownerUnitIds
    ? sql`and ${cases.ownerUnitId} = any(${`{${filter.ownerUnitIds.join(",")}}`}::uuid[])`
    : sql``;
  const handlingDays = sql`case when ${cases.repliedAt} is not null then
    ${effectiveIndex(sql`${cases.repliedAt}`)} - ${effectiveIndex(sql`${cases.receivedAt}`)} end`;
  return sql`
    with ix as (
      select ${`{${effectiveBySlot(ix).join(",")}}`}::int[] as eff,
        ${ix.firstDay}::int as first_day,
        ${ix.endOfDaySeconds}::float8 as end_of_day
    ), c as (
      select ${rawKeyOf(groupBy)} as k0,
        ${cases.state} as state,
        ${cases.acceptedAt} <= ${cases.acceptDueAt} as accepted_in_time,
        ${cases.repliedAt} <= ${cases.resolveDueAt} as replied_in_time,
        ${cases.rating} as rating,
        ${cases.reopenCount} > 0 as reopened,
        ${cases.escalatedAt} is not null as escalated,
        ${handlingDays} as handling_days
      from ${cases} cross join ix
      where ${cases.zoneId} = ${zoneId}
        and ${cases.receivedAt} >= ${filter.from.toISOString()}::timestamptz
        and ${cases.receivedAt} < ${filter.until.toISOString()}::timestamptz
        ${scope}
      -- OFFSET 0 keeps this a subquery: the first pass groups by its output, which has no statistics, so the
      -- planner assumes a few hundred groups and hashes them in memory in one process. Without it, for a month the
      -- key (an expression of received_at) looks as if it had a value per case and every case is sorted (on disk
      -- past work_mem), and the other keys get parallel workers that cost more than they save on a small server.
      offset 0
    ), g0 as (
      select k0,
        count(*) as received,
        count(*) filter (where accepted_in_time) as accepted_in_time,
        count(*) filter (where state = 'closed') as closed,
        count(*) filter (where state = 'closed' and replied_in_time) as closed_on_time,
        count(rating) as rated,
        count(*) filter (where rating = 'satisfied') as satisfied,
        count(*) filter (where rating = 'basically_satisfied') as basically_satisfied,
        count(handling_days) as handled,
        sum(handling_days) as handling_days_total,
        count(*) filter (where reopened) as reopened,
        count(*) filter (where escalated) as escalated
      from c
      group by k0
    ), g1 as (
      select ${keyOf(groupBy)} as k, g0.* from g0
    ), g as (
      select k, grouping(k) as is_total,
        sum(received) as received,
        sum(accepted_in_time) as accepted_in_time,
        sum(closed) as closed,
        sum(closed_on_time) as closed_on_time,
        sum(rated) as rated,
        sum(satisfied) as satisfied,
        sum(basically_satisfied) as basically_satisfied,
        sum(handled) as handled,
        coalesce(sum(handling_days_total), 0) as handling_days_total,
        sum(reopened) as reopened,
        sum(escalated) as escalated
      from g1
      group by grouping sets ((k), ())
    )
    select g.*, ${nameOf(groupBy, zoneId)} as name from g`;
}

/**
 * The counts of the service figures per group and in total (see `caseFiguresQuery`). Groups come back with `key`
 * null for "none" (e.g. not yet dispatched); the total is returned apart.
 */
export async function countCaseFigures(
  conn: Conn,
  zoneId: string,
  filter: FiguresFilter,
  groupBy: FiguresGroupBy,
  ix: WorkingDayIndex,
): Promise<{ totals: CaseCounts; groups: CountedGroup[] }> {
  const result = (await conn.execute(caseFiguresQuery(zoneId, filter, groupBy, ix))) as unknown as {
    rows: Record<string, unknown>[];
  };
  let totals: CaseCounts | undefined;
  const groups: CountedGroup[] = [];
  for (const r of result.rows) {
    const counts: CaseCounts = {
      received: n(r.received),
      acceptedInTime: n(r.accepted_in_time),
      closed: n(r.closed),
      closedOnTime: n(r.closed_on_time),
      rated: n(r.rated),
      satisfied: n(r.satisfied),
      basicallySatisfied: n(r.basically_satisfied),
      handled: n(r.handled),
      handlingDaysTotal: n(r.handling_days_total),
      reopened: n(r.reopened),
      escalated: n(r.escalated),
    };
    if (n(r.is_total) === 1) totals = counts;
    else groups.push({ key: (r.k as string | null) ?? null, name: (r.name as string | null) ?? null, counts });
  }
  return { totals: totals ?? { ...EMPTY_CASE_COUNTS }, groups };
}
