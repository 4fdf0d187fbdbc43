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

/** The group key of each case: owner unit, owner officer, category code or month of receipt (China time). */
function keyOf(groupBy: FiguresGroupBy): SQL {
  switch (groupBy) {
    case "unit":
      return sql`${cases.ownerUnitId}::text`;
    case "officer":
      return sql`${cases.ownerOfficerId}::text`;
    case "category":
      return sql`${cases.category}`;
    case "month":
      return sql`to_char((${cases.receivedAt} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
  }
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
 * The effective working-day index of a timestamp column, from the index arrays of the one-row `ix` (see
 * `WorkingDayIndex` in the domain): seconds since the epoch in China time give the day and the time of day.
 * null outside the arrays.
 */
function effectiveIndex(col: SQL): SQL {
  const local = sql`(date_part('epoch', ${col}) + ${sql.raw(String(CHINA_OFFSET_S))})`;
  const slot = sql`(floor(${local} / 86400)::int - ix.first_day + 1)`;
  return sql`(ix.idx[${slot}] + case when ix.work[${slot}]
    and ${local} - floor(${local} / 86400) * 86400 <= ix.end_of_day then 0 else 1 end)`;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * The SQL of the service figures: per group and in total, in one pass over the cases received in the period
 * (GROUPING SETS: the groups and the grand total). Handling time is counted in working days from receipt to the
 * reply with the working-day index arrays: no calendar function in SQL, no case loaded into JS.
 */
export function caseFiguresQuery(zoneId: string, filter: FiguresFilter, groupBy: FiguresGroupBy, ix: WorkingDayIndex) {
  const scope = filter.ownerUnitIds
    ? sql`and ${cases.ownerUnitId} = any(${`{${filter.ownerUnitIds.join(",")}}`}::uuid[])`
    : sql``;
  const handlingDays = sql`case when ${cases.repliedAt} is not null then
    ${effectiveIndex(sql`${cases.repliedAt}`)} - ${effectiveIndex(sql`${cases.receivedAt}`)} end`;
  return sql`
    with ix as (
      select ${`{${ix.index.join(",")}}`}::int[] as idx,
        ${`{${ix.working.map((w) => (w ? "t" : "f")).join(",")}}`}::boolean[] as work,
        ${ix.firstDay}::int as first_day,
        ${ix.endOfDaySeconds}::float8 as end_of_day
    ), c as (
      select ${keyOf(groupBy)} as k,
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
    ), g as (
      select k, grouping(k) as is_total,
        count(*) as received,
        count(*) filter (where accepted_in_time) as accepted_in_time,
        count(*) filter (where state = 'closed') as closed,
        count(*) filter (where state = 'closed' and replied_in_time) as closed_on_time,
        count(rating) as rated,
        count(*) filter (where rating = 'satisfied') as satisfied,
        count(*) filter (where rating = 'basically_satisfied') as basically_satisfied,
        count(handling_days) as handled,
        coalesce(sum(handling_days), 0) as handling_days_total,
        count(*) filter (where reopened) as reopened,
        count(*) filter (where escalated) as escalated
      from c
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
