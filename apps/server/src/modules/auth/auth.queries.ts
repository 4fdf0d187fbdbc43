import { and, eq, lt, ne, or } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { sessions } from "./auth.tables.ts";

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(conn: Conn, row: typeof sessions.$inferInsert): Promise<void> {
  await conn.insert(sessions).values(row);
}

export async function findSession(conn: Conn, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await conn.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function touchSession(conn: Conn, tokenHash: string, at: Date): Promise<void> {
  await conn.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(conn: Conn, tokenHash: string): Promise<void> {
  await conn.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(conn: Conn, zoneId: string, userId: string): Promise<void> {
  await conn.delete(sessions).where(and(eq(sessions.zoneId, zoneId), eq(sessions.userId, userId)));
}

/** Ends every session of a user but the one given (after a password change). */
export async function deleteOtherSessions(
  conn: Conn,
  zoneId: string,
  userId: string,
  keepTokenHash: string,
): Promise<void> {
  await conn
    .delete(sessions)
    .where(and(eq(sessions.zoneId, zoneId), eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)));
}

/** Removes sessions past their idle or absolute limit. */
export async function deleteExpiredSessions(conn: Conn, idleBefore: Date, createdBefore: Date): Promise<void> {
  await conn.delete(sessions).where(or(lt(sessions.lastSeenAt, idleBefore), lt(sessions.createdAt, createdBefore)));
}
