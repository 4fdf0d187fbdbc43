import { and, asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import { type LeadScope, leadScopeCondition } from "./leads.queries.ts";
import { leads, trips } from "./leads.tables.ts";

export type TripRow = typeof trips.$inferSelect;
export type NewTripRow = typeof trips.$inferInsert;
export type TripWithNames = TripRow & { leaderName: string | null; unitName: string | null; leadCount: number };

export interface TripFilterSql {
  /** Trips whose start date is in [from, to]. */
  from?: string | undefined;
  to?: string | undefined;
  leaderId?: string | undefined;
  unitId?: string | undefined;
}

const TRIP_ID = sql.raw('"trips"."id"');

function tripConditions(zoneId: string, f: TripFilterSql): SQL[] {
  const conds: SQL[] = [inZone(trips, zoneId)];
  if (f.from) conds.push(sql`${trips.startOn} >= ${f.from}`);
  if (f.to) conds.push(sql`${trips.startOn} <= ${f.to}`);
  if (f.leaderId) conds.push(eq(trips.leaderId, f.leaderId));
  if (f.unitId) conds.push(eq(trips.unitId, f.unitId));
  return conds;
}

const withNames = {
  ...getTableColumns(trips),
  leaderName: userNameOf(trips.leaderId),
  unitName: unitNameOf(trips.unitId),
  leadCount: sql<number>`(select count(*)::int from ${leads} l where l.zone_id = ${trips.zoneId} and l.trip_id = ${TRIP_ID})`,
};

/** A page of the zone's trips, latest first. */
export async function listTrips(
  conn: Conn,
  zoneId: string,
  f: TripFilterSql,
  page: { limit: number; offset: number },
): Promise<{ rows: TripWithNames[]; total: number }> {
  const where = and(...tripConditions(zoneId, f));
  const [rows, totals] = await Promise.all([
    conn
      .select(withNames)
      .from(trips)
      .where(where)
      .orderBy(desc(trips.startOn), desc(trips.createdAt), asc(trips.id))
      .limit(page.limit)
      .offset(page.offset),
    conn.select({ n: sql<number>`count(*)::int` }).from(trips).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function findTrip(conn: Conn, zoneId: string, id: string): Promise<TripWithNames | undefined> {
  const [row] = await conn
    .select(withNames)
    .from(trips)
    .where(and(inZone(trips, zoneId), eq(trips.id, id)));
  return row;
}

export async function insertTrip(conn: Conn, values: NewTripRow): Promise<TripRow> {
  const [row] = await conn.insert(trips).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Changes a trip at `version` (bumping it); undefined when the version is stale. */
export async function updateTrip(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<NewTripRow>,
): Promise<TripRow | undefined> {
  const [row] = await conn
    .update(trips)
    .set({ ...values, version: sql`${trips.version} + 1` })
    .where(and(inZone(trips, zoneId), eq(trips.id, id), eq(trips.version, version)))
    .returning();
  return row;
}

export async function deleteTrip(conn: Conn, zoneId: string, id: string): Promise<void> {
  await conn.delete(trips).where(and(inZone(trips, zoneId), eq(trips.id, id)));
}

/** How many leads of the zone link to the trip (whoever may see them). */
export async function leadCountOfTrip(conn: Conn, zoneId: string, tripId: string): Promise<number> {
  const [row] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(inZone(leads, zoneId), eq(leads.tripId, tripId)));
  return row?.n ?? 0;
}

/** The leads that came from a trip, those the scope shows, by code. */
export async function leadsOfTrip(conn: Conn, zoneId: string, scope: LeadScope, tripId: string) {
  const s = leadScopeCondition(scope);
  return conn
    .select({
      id: leads.id,
      code: leads.code,
      name: leads.name,
      investorName: leads.investorName,
      stage: leads.stage,
      investmentWan: leads.investmentWan,
    })
    .from(leads)
    .where(and(inZone(leads, zoneId), eq(leads.tripId, tripId), s))
    .orderBy(asc(leads.code));
}

/** Trips per leader and per unit whose start date is in [from, to]. */
export async function tripCounts(
  conn: Conn,
  zoneId: string,
  from: string,
  to: string,
): Promise<{
  byLeader: { leaderId: string; leaderName: string | null; count: number }[];
  byUnit: { unitId: string; unitName: string | null; count: number }[];
}> {
  const where = and(...tripConditions(zoneId, { from, to }));
  const n = sql<number>`count(*)::int`;
  const [byLeader, byUnit] = await Promise.all([
    conn
      .select({ leaderId: trips.leaderId, leaderName: userNameOf(trips.leaderId), count: n })
      .from(trips)
      .where(where)
      .groupBy(trips.leaderId),
    conn
      .select({ unitId: trips.unitId, unitName: unitNameOf(trips.unitId), count: n })
      .from(trips)
      .where(where)
      .groupBy(trips.unitId),
  ]);
  const order = <T extends { count: number }>(rows: T[], name: (r: T) => string | null) =>
    rows.sort((a, b) => b.count - a.count || (name(a) ?? "").localeCompare(name(b) ?? "", "zh-CN"));
  return { byLeader: order(byLeader, (r) => r.leaderName), byUnit: order(byUnit, (r) => r.unitName) };
}
