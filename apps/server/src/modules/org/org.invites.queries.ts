import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { userNameOf } from "./org.queries.ts";
import { enterpriseInvites, users } from "./org.tables.ts";

export type InviteRow = typeof enterpriseInvites.$inferSelect;
export type InviteWithNames = InviteRow & { invitedByName: string | null; username: string | null };

export async function insertInvite(conn: Conn, values: typeof enterpriseInvites.$inferInsert): Promise<InviteRow> {
  const [row] = await conn.insert(enterpriseInvites).values(values).returning();
  return row as InviteRow;
}

/** An invitation by its token's hash that is still usable at `now` (not used, not expired). Any zone. */
export async function findUsableInvite(conn: Conn, tokenHash: string, now: Date): Promise<InviteRow | undefined> {
  const [row] = await conn
    .select()
    .from(enterpriseInvites)
    .where(
      and(
        eq(enterpriseInvites.tokenHash, tokenHash),
        isNull(enterpriseInvites.usedAt),
        gt(enterpriseInvites.expiresAt, now),
      ),
    );
  return row;
}

/** Marks an invitation used by the account it became; false when someone used it meanwhile. */
export async function markInviteUsed(
  conn: Conn,
  zoneId: string,
  id: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const rows = await conn
    .update(enterpriseInvites)
    .set({ usedAt: now, userId })
    .where(and(inZone(enterpriseInvites, zoneId), eq(enterpriseInvites.id, id), isNull(enterpriseInvites.usedAt)))
    .returning({ id: enterpriseInvites.id });
  return rows.length === 1;
}

/** An enterprise's invitations, newest first, with the inviter's name and the user name each became. */
export async function listInvites(conn: Conn, zoneId: string, enterpriseId: string): Promise<InviteWithNames[]> {
  return conn
    .select({
      id: enterpriseInvites.id,
      zoneId: enterpriseInvites.zoneId,
      enterpriseId: enterpriseInvites.enterpriseId,
      tokenHash: enterpriseInvites.tokenHash,
      displayName: enterpriseInvites.displayName,
      phone: enterpriseInvites.phone,
      invitedBy: enterpriseInvites.invitedBy,
      expiresAt: enterpriseInvites.expiresAt,
      usedAt: enterpriseInvites.usedAt,
      userId: enterpriseInvites.userId,
      createdAt: enterpriseInvites.createdAt,
      invitedByName: userNameOf(enterpriseInvites.invitedBy),
      username: sql<string | null>`(select u.username from ${users} u where u.id = "enterprise_invites"."user_id")`,
    })
    .from(enterpriseInvites)
    .where(and(inZone(enterpriseInvites, zoneId), eq(enterpriseInvites.enterpriseId, enterpriseId)))
    .orderBy(desc(enterpriseInvites.createdAt), desc(enterpriseInvites.id));
}
