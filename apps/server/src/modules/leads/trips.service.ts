import type { Trip, TripCounts, TripInput, TripList, TripOptions, TripQuery, TripSummary } from "@zoneos/contracts";
import { chinaDate, daysBetween, regionNameOfAnyLevel } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import { changedFields, recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { findUnit, findUser, listUnits, listUsers } from "../org/org.queries.ts";
import { leadScopeOf } from "./leads.access.ts";
import {
  deleteTrip,
  findTrip,
  insertTrip,
  leadCountOfTrip,
  leadsOfTrip,
  listTrips,
  type TripRow,
  type TripWithNames,
  tripCounts,
  updateTrip,
} from "./trips.queries.ts";

export const TRIP = { "zh-CN": "外出招商记录", "en-US": "Trip" };

/** Who may record and change a unit's trips: the administrator any; a unit head their subtree's; an officer their unit's. */
export function mayWriteTrip(actor: Actor, unitId: string): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "unithead":
      return actor.unitSubtree.includes(unitId);
    case "officer":
      return actor.unitId === unitId;
    default:
      return false;
  }
}

function destinationsOf(codes: readonly string[]) {
  return codes.map((code) => ({ code, name: regionNameOfAnyLevel(code) ?? code }));
}

function summaryOf(r: TripWithNames): TripSummary {
  return {
    id: r.id,
    leader: { id: r.leaderId, name: r.leaderName },
    unit: { id: r.unitId, name: r.unitName },
    memberCount: r.memberIds.length,
    startOn: r.startOn,
    endOn: r.endOn,
    days: daysBetween(r.startOn, r.endOn) + 1,
    destinations: destinationsOf(r.destinationCodes),
    companyCount: r.companiesMet.length,
    purpose: r.purpose,
    leadCount: r.leadCount,
  };
}

/** The period of a list or the counts: `from`/`to` as given, a year's whole year, else nothing (all). */
function periodOf(q: { year?: number | undefined; from?: string | undefined; to?: string | undefined }) {
  if (q.year !== undefined) return { from: q.from ?? `${q.year}-01-01`, to: q.to ?? `${q.year}-12-31` };
  return { from: q.from, to: q.to };
}

export async function listTripsFor(db: Db, ctx: RequestContext, q: z.output<typeof TripQuery>): Promise<TripList> {
  const { rows, total } = await listTrips(
    db,
    ctx.actor.zoneId,
    { ...periodOf(q), leaderId: q.leaderId, unitId: q.unitId },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: rows.map(summaryOf), total };
}

async function loadTrip(conn: Conn, actor: Actor, id: string): Promise<TripWithNames> {
  const row = await findTrip(conn, actor.zoneId, id);
  if (!row) throw notFound(TRIP);
  return row;
}

export async function getTrip(db: Db, ctx: RequestContext, id: string): Promise<Trip> {
  const { actor } = ctx;
  const row = await loadTrip(db, actor, id);
  const [leadRows, members] = await Promise.all([
    leadsOfTrip(db, actor.zoneId, leadScopeOf(actor), id),
    Promise.all(
      row.memberIds.map(async (m) => ({ id: m, name: (await findUser(db, actor.zoneId, m))?.displayName ?? null })),
    ),
  ]);
  return {
    ...summaryOf(row),
    members,
    companiesMet: row.companiesMet.map((c) => ({ name: c.name, note: c.note ?? null })),
    summary: row.summary,
    leads: leadRows.map((l) => ({ ...l, stage: l.stage as Trip["leads"][number]["stage"] })),
    canEdit: mayWriteTrip(actor, row.unitId),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

type TripData = z.output<typeof TripInput>;

/** The leader (a leader or unit head of the zone, active), the unit and the members must exist in the zone. */
async function checkReferences(tx: Conn, actor: Actor, data: TripData): Promise<void> {
  const zoneId = actor.zoneId;
  if (!mayWriteTrip(actor, data.unitId)) throw new AppError("TRIP_UNIT_NOT_ALLOWED");
  const unit = await findUnit(tx, zoneId, data.unitId);
  if (!unit) throw notFound({ "zh-CN": "单位", "en-US": "Unit" });
  const leader = await findUser(tx, zoneId, data.leaderId);
  if (!leader || leader.disabled || (leader.role !== "leader" && leader.role !== "unithead"))
    throw new AppError("TRIP_LEADER_INVALID");
  for (const m of data.memberIds) {
    const user = await findUser(tx, zoneId, m);
    if (!user || user.disabled || user.role === "enterprise")
      throw notFound({ "zh-CN": "随行人员", "en-US": "Trip member" });
  }
}

function tripColumns(data: TripData) {
  return {
    leaderId: data.leaderId,
    unitId: data.unitId,
    memberIds: [...new Set(data.memberIds)].filter((m) => m !== data.leaderId),
    startOn: data.startOn,
    endOn: data.endOn,
    destinationCodes: [...new Set(data.destinationCodes)],
    companiesMet: data.companiesMet.map((c) => ({ name: c.name, note: c.note })),
    purpose: data.purpose,
    summary: data.summary,
  };
}

function auditable(r: TripRow): Record<string, unknown> {
  return {
    leaderId: r.leaderId,
    unitId: r.unitId,
    memberIds: r.memberIds,
    startOn: r.startOn,
    endOn: r.endOn,
    destinationCodes: r.destinationCodes,
    companiesMet: r.companiesMet,
    purpose: r.purpose,
    summary: r.summary,
  };
}

const tripName = (r: TripRow) => `${r.startOn} ${r.purpose}`.slice(0, 200);

export async function createTrip(db: Db, ctx: RequestContext, data: TripData): Promise<Trip> {
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, ctx.actor, data);
    const row = await insertTrip(tx, {
      zoneId: ctx.actor.zoneId,
      ...tripColumns(data),
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: "trip.create",
      entityType: "trip",
      entityId: row.id,
      entityName: tripName(row),
      after: auditable(row),
    });
    return row.id;
  });
  return getTrip(db, ctx, id);
}

/** Changes a trip (the writer must own its unit before and after); stale `version`: 409. */
export async function changeTrip(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: TripData & { version: number },
): Promise<Trip> {
  await db.transaction(async (tx) => {
    const before = await loadTrip(tx, ctx.actor, id);
    if (!mayWriteTrip(ctx.actor, before.unitId)) throw new AppError("FORBIDDEN");
    if (before.version !== input.version) throw new AppError("VERSION_CONFLICT");
    await checkReferences(tx, ctx.actor, input);
    const row = await updateTrip(tx, ctx.actor.zoneId, id, input.version, {
      ...tripColumns(input),
      updatedAt: ctx.now,
    });
    if (!row) throw new AppError("VERSION_CONFLICT");
    await recordAudit(tx, ctx, {
      action: "trip.update",
      entityType: "trip",
      entityId: id,
      entityName: tripName(row),
      ...changedFields(auditable(before), auditable(row)),
    });
  });
  return getTrip(db, ctx, id);
}

/** Deletes a trip no lead links to. */
export async function removeTrip(db: Db, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await loadTrip(tx, ctx.actor, id);
    if (!mayWriteTrip(ctx.actor, before.unitId)) throw new AppError("FORBIDDEN");
    const count = await leadCountOfTrip(tx, ctx.actor.zoneId, id);
    if (count > 0) throw new AppError("TRIP_HAS_LEADS", { count });
    await deleteTrip(tx, ctx.actor.zoneId, id);
    await recordAudit(tx, ctx, {
      action: "trip.delete",
      entityType: "trip",
      entityId: id,
      entityName: tripName(before),
      before: auditable(before),
    });
  });
}

/** Trips per leader and unit whose start date is in the period (this year so far by default). */
export async function tripCountsFor(
  db: Db,
  ctx: RequestContext,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<TripCounts> {
  const today = chinaDate(ctx.now);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  const { byLeader, byUnit } = await tripCounts(db, ctx.actor.zoneId, from, to);
  return { from, to, total: byUnit.reduce((s, u) => s + u.count, 0), byLeader, byUnit };
}

export async function tripOptions(db: Db, ctx: RequestContext): Promise<TripOptions> {
  const { actor } = ctx;
  const [units, users] = await Promise.all([
    listUnits(db, actor.zoneId),
    listUsers(db, actor.zoneId, {}, { limit: 5000, offset: 0 }),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const active = users.rows.filter((u) => !u.disabled);
  const byName = <T extends { name: string | null }>(a: T, b: T) => (a.name ?? "").localeCompare(b.name ?? "", "zh-CN");
  return {
    units: units.map((u) => ({ id: u.id, name: u.name })),
    leaders: active
      .filter((u) => u.role === "leader" || u.role === "unithead")
      .map((u) => ({ id: u.id, name: u.displayName, role: u.role }))
      .sort((a, b) => (a.role === b.role ? byName(a, b) : a.role === "leader" ? -1 : 1)),
    staff: active
      .filter((u) => u.role === "officer" || u.role === "unithead" || u.role === "leader")
      .map((u) => ({ id: u.id, name: u.displayName, unitName: u.unitId ? (unitName.get(u.unitId) ?? null) : null }))
      .sort(byName),
    writableUnitIds: units.filter((u) => mayWriteTrip(actor, u.id)).map((u) => u.id),
  };
}
