import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { units, users, zones } from "./org.tables.ts";

export type ZoneRow = typeof zones.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export async function insertZone(conn: Conn, name: string): Promise<ZoneRow> {
  const [row] = await conn.insert(zones).values({ name }).returning();
  return row as ZoneRow;
}

export async function findZone(conn: Conn, zoneId: string): Promise<ZoneRow | undefined> {
  const [row] = await conn.select().from(zones).where(eq(zones.id, zoneId));
  return row;
}

export async function countZones(conn: Conn): Promise<number> {
  const [row] = await conn.select({ n: count() }).from(zones);
  return row?.n ?? 0;
}

export async function listZones(conn: Conn): Promise<ZoneRow[]> {
  return conn.select().from(zones).orderBy(asc(zones.createdAt));
}

// ---- units

// Qualified by hand: inside a sub-query drizzle renders the bare column name "id", which would mean users.id there.
const UNIT_ID = sql.raw('"units"."id"');

export async function listUnits(conn: Conn, zoneId: string): Promise<(UnitRow & { userCount: number })[]> {
  const rows = await conn
    .select({
      unit: units,
      userCount: sql<number>`(select count(*)::int from ${users} u where u.unit_id = ${UNIT_ID})`,
    })
    .from(units)
    .where(inZone(units, zoneId))
    .orderBy(asc(units.sortOrder), asc(units.name));
  return rows.map((r) => ({ ...r.unit, userCount: r.userCount }));
}

export async function findUnit(conn: Conn, zoneId: string, id: string): Promise<UnitRow | undefined> {
  const [row] = await conn
    .select()
    .from(units)
    .where(and(inZone(units, zoneId), eq(units.id, id)));
  return row;
}

export async function findUnitByName(
  conn: Conn,
  zoneId: string,
  parentId: string | null,
  name: string,
): Promise<UnitRow | undefined> {
  const [row] = await conn
    .select()
    .from(units)
    .where(
      and(
        inZone(units, zoneId),
        eq(units.name, name),
        parentId ? eq(units.parentId, parentId) : sql`${units.parentId} is null`,
      ),
    );
  return row;
}

export async function insertUnit(conn: Conn, values: typeof units.$inferInsert): Promise<UnitRow> {
  const [row] = await conn.insert(units).values(values).returning();
  return row as UnitRow;
}

export async function updateUnit(
  conn: Conn,
  zoneId: string,
  id: string,
  values: Partial<Pick<UnitRow, "name" | "kind" | "parentId" | "sortOrder">>,
): Promise<UnitRow | undefined> {
  const [row] = await conn
    .update(units)
    .set(values)
    .where(and(inZone(units, zoneId), eq(units.id, id)))
    .returning();
  return row;
}

export async function deleteUnit(conn: Conn, zoneId: string, id: string): Promise<void> {
  await conn.delete(units).where(and(inZone(units, zoneId), eq(units.id, id)));
}

export async function countUnitDependants(conn: Conn, zoneId: string, id: string): Promise<number> {
  const [a] = await conn
    .select({ n: count() })
    .from(units)
    .where(and(inZone(units, zoneId), eq(units.parentId, id)));
  const [b] = await conn
    .select({ n: count() })
    .from(users)
    .where(and(inZone(users, zoneId), eq(users.unitId, id)));
  return (a?.n ?? 0) + (b?.n ?? 0);
}

/** The unit and all units below it. */
export async function unitSubtreeIds(conn: Conn, zoneId: string, unitId: string): Promise<string[]> {
  const result = (await conn.execute(sql`
    with recursive sub as (
      select id from ${units} where ${units.zoneId} = ${zoneId} and id = ${unitId}
      union
      select u.id from ${units} u join sub on u.parent_id = sub.id where u.zone_id = ${zoneId}
    )
    select id from sub`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

// ---- users

export async function findUserByUsername(conn: Conn, username: string): Promise<UserRow | undefined> {
  const [row] = await conn.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUser(conn: Conn, zoneId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await conn
    .select()
    .from(users)
    .where(and(inZone(users, zoneId), eq(users.id, id)));
  return row;
}

export interface UserFilter {
  q?: string;
  role?: string;
  unitId?: string;
}

export async function listUsers(
  conn: Conn,
  zoneId: string,
  f: UserFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const conds: SQL[] = [inZone(users, zoneId)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)) as SQL);
  }
  if (f.role) conds.push(eq(users.role, f.role));
  if (f.unitId) conds.push(eq(users.unitId, f.unitId));
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    conn.select().from(users).where(where).orderBy(asc(users.username)).limit(page.limit).offset(page.offset),
    conn.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** The zone's active accounts other than enterprise users (the people an import names). */
export async function listActiveStaff(conn: Conn, zoneId: string): Promise<UserRow[]> {
  return (await listUsers(conn, zoneId, {}, { limit: 1_000_000, offset: 0 })).rows.filter(
    (u) => !u.disabled && u.role !== "enterprise",
  );
}

/** Officers and unit heads who can serve enterprises (服务专员). */
export async function listServiceOfficers(conn: Conn, zoneId: string): Promise<UserRow[]> {
  return conn
    .select()
    .from(users)
    .where(and(inZone(users, zoneId), sql`${users.role} in ('officer', 'unithead')`, eq(users.disabled, false)))
    .orderBy(asc(users.displayName));
}

export async function insertUser(conn: Conn, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await conn.insert(users).values(values).returning();
  return row as UserRow;
}

export async function updateUser(
  conn: Conn,
  zoneId: string,
  id: string,
  values: Partial<Omit<UserRow, "id" | "zoneId" | "createdAt">>,
): Promise<UserRow | undefined> {
  const [row] = await conn
    .update(users)
    .set(values)
    .where(and(inZone(users, zoneId), eq(users.id, id)))
    .returning();
  return row;
}

/** Ids of the users who belong to any of these units. */
export async function userIdsInUnits(conn: Conn, zoneId: string, unitIds: string[]): Promise<string[]> {
  if (!unitIds.length) return [];
  const rows = await conn
    .select({ id: users.id })
    .from(users)
    .where(and(inZone(users, zoneId), inArray(users.unitId, unitIds)));
  return rows.map((r) => r.id);
}

/**
 * Who a notice may go to: the users matching every given condition (ids, roles, units, enterprise); enabled ones
 * only unless `includeDisabled`. `zoneId` null: any zone (the platform's outbound deliveries).
 */
export async function listNoticeRecipients(
  conn: Conn,
  zoneId: string | null,
  f: { ids?: string[]; roles?: string[]; unitIds?: string[]; enterpriseId?: string; includeDisabled?: boolean },
): Promise<Pick<UserRow, "id" | "username" | "email" | "role" | "unitId">[]> {
  const conds: SQL[] = [];
  if (zoneId) conds.push(inZone(users, zoneId));
  if (!f.includeDisabled) conds.push(eq(users.disabled, false));
  if (f.ids) conds.push(f.ids.length ? inArray(users.id, f.ids) : sql`false`);
  if (f.roles) conds.push(f.roles.length ? inArray(users.role, f.roles) : sql`false`);
  if (f.unitIds) conds.push(f.unitIds.length ? inArray(users.unitId, f.unitIds) : sql`false`);
  if (f.enterpriseId) conds.push(eq(users.enterpriseId, f.enterpriseId));
  return conn
    .select({ id: users.id, username: users.username, email: users.email, role: users.role, unitId: users.unitId })
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.username));
}

/**
 * SQL expressions other modules embed in their own queries to show a unit's or a user's name next to an id
 * column, without a second round trip. The only way other modules touch these tables.
 */
export const unitNameOf = (unitId: SQL | PgColumn) =>
  sql<string | null>`(select u.name from ${units} u where u.id = ${unitId})`;
export const userNameOf = (userId: SQL | PgColumn) =>
  sql<string | null>`(select u.display_name from ${users} u where u.id = ${userId})`;
