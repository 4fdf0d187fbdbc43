import type { Notification, NotificationKind, NotificationListQuery } from "@zoneos/contracts";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { notFound } from "../../platform/errors.ts";
import type { Channel } from "./notifications.channels.ts";
import {
  countUnread,
  findUserNotification,
  insertDeliveries,
  insertNotifications,
  listUserNotifications,
  markAllRead,
  markRead,
  type NotificationRow,
} from "./notifications.queries.ts";

export const NOTIFICATION = { "zh-CN": "通知", "en-US": "Notification" };

/** A user a notice goes to, with what the outbound channels need. */
export interface Recipient {
  id: string;
  email: string | null;
}

export interface Notice {
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  title: string;
  body: string;
  /** One notice per user and key, however often it is sent (the scheduler's due-soon and overdue notices). */
  dedupeKey?: string;
}

/**
 * Writes a notice to each recipient's inbox, and one delivery per configured channel that can reach them. Call it
 * inside the transaction of the change it tells about, so both land or neither. Returns the notifications written
 * (a recipient who already has the notice's dedupe key gets none).
 */
export async function notify(
  tx: Conn,
  channels: readonly Channel[],
  zoneId: string,
  now: Date,
  recipients: readonly Recipient[],
  notice: Notice,
): Promise<NotificationRow[]> {
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const rows = await insertNotifications(
    tx,
    [...byId.values()].map((r) => ({
      zoneId,
      userId: r.id,
      kind: notice.kind,
      subjectType: notice.subjectType,
      subjectId: notice.subjectId,
      title: notice.title,
      body: notice.body,
      dedupeKey: notice.dedupeKey ?? null,
      createdAt: now,
    })),
  );
  await insertDeliveries(
    tx,
    rows.flatMap((n) => {
      const user = byId.get(n.userId);
      return channels.flatMap((c) => {
        const target = user ? c.targetOf(user) : null;
        return target
          ? [{ zoneId, notificationId: n.id, channel: c.name, target, state: "pending", nextAttemptAt: now }]
          : [];
      });
    }),
  );
  return rows;
}

function present(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The actor's own notifications, newest first; nobody ever sees another user's. */
export async function listMyNotifications(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof NotificationListQuery>,
): Promise<{ items: Notification[]; total: number; unread: number }> {
  const { zoneId, userId } = ctx.actor;
  const [{ rows, total }, unread] = await Promise.all([
    listUserNotifications(
      db,
      zoneId,
      userId,
      { unreadOnly: q.unread === "true" },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    ),
    countUnread(db, zoneId, userId),
  ]);
  return { items: rows.map(present), total, unread };
}

export async function myUnreadCount(db: Db, ctx: RequestContext): Promise<{ unread: number }> {
  return { unread: await countUnread(db, ctx.actor.zoneId, ctx.actor.userId) };
}

/** Marks one of the actor's notifications read; another user's answers 404 like one that does not exist. */
export async function readNotification(db: Db, ctx: RequestContext, id: string): Promise<Notification> {
  const { zoneId, userId } = ctx.actor;
  return db.transaction(async (tx) => {
    const before = await findUserNotification(tx, zoneId, userId, id);
    if (!before) throw notFound(NOTIFICATION);
    if (before.readAt) return present(before);
    await markRead(tx, zoneId, userId, id, ctx.now);
    await recordAudit(tx, ctx, {
      action: "notification.read",
      entityType: "notification",
      entityId: id,
      entityName: before.title,
    });
    return present({ ...before, readAt: ctx.now });
  });
}

/** Marks all of the actor's unread notifications read. */
export async function readAllNotifications(db: Db, ctx: RequestContext): Promise<{ marked: number }> {
  const { zoneId, userId } = ctx.actor;
  return db.transaction(async (tx) => {
    const marked = await markAllRead(tx, zoneId, userId, ctx.now);
    if (marked > 0)
      await recordAudit(tx, ctx, {
        action: "notification.read_all",
        entityType: "user",
        entityId: userId,
        entityName: ctx.actor.displayName,
        after: { marked },
      });
    return { marked };
  });
}
