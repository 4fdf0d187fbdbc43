import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { notificationDeliveries, notifications, schedulerRuns } from "./notifications.tables.ts";

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type NewDeliveryRow = typeof notificationDeliveries.$inferInsert;

/**
 * Writes notifications; a row whose (user, dedupe key) exists already is skipped. Returns the rows written, so
 * outbound copies are made for new ones only.
 */
export async function insertNotifications(conn: Conn, rows: NewNotificationRow[]): Promise<NotificationRow[]> {
  if (!rows.length) return [];
  return conn.insert(notifications).values(rows).onConflictDoNothing().returning();
}

export async function insertDeliveries(conn: Conn, rows: NewDeliveryRow[]): Promise<void> {
  if (rows.length) await conn.insert(notificationDeliveries).values(rows);
}

const mine = (zoneId: string, userId: string) => and(inZone(notifications, zoneId), eq(notifications.userId, userId));

/** A user's notifications, newest first. */
export async function listUserNotifications(
  conn: Conn,
  zoneId: string,
  userId: string,
  f: { unreadOnly: boolean },
  page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  const where = and(mine(zoneId, userId), f.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [rows, totals] = await Promise.all([
    conn
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(page.limit)
      .offset(page.offset),
    conn.select({ n: count() }).from(notifications).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function countUnread(conn: Conn, zoneId: string, userId: string): Promise<number> {
  const [row] = await conn
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(zoneId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function findUserNotification(
  conn: Conn,
  zoneId: string,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  const [row] = await conn
    .select()
    .from(notifications)
    .where(and(mine(zoneId, userId), eq(notifications.id, id)));
  return row;
}

/** Marks one of the user's notifications read (keeps the first read time). */
export async function markRead(conn: Conn, zoneId: string, userId: string, id: string, at: Date): Promise<void> {
  await conn
    .update(notifications)
    .set({ readAt: at })
    .where(and(mine(zoneId, userId), eq(notifications.id, id), isNull(notifications.readAt)));
}

/** Marks all of the user's unread notifications read; returns how many. */
export async function markAllRead(conn: Conn, zoneId: string, userId: string, at: Date): Promise<number> {
  const rows = await conn
    .update(notifications)
    .set({ readAt: at })
    .where(and(mine(zoneId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Which of these dedupe keys some notification of these subjects already carries. */
export async function existingDedupeKeys(conn: Conn, subjectIds: string[], keys: string[]): Promise<Set<string>> {
  if (!subjectIds.length || !keys.length) return new Set();
  const rows = await conn
    .selectDistinct({ key: notifications.dedupeKey })
    .from(notifications)
    .where(and(inArray(notifications.subjectId, subjectIds), inArray(notifications.dedupeKey, keys)));
  return new Set(rows.flatMap((r) => (r.key ? [r.key] : [])));
}

// ---- deliveries

export type DueDelivery = DeliveryRow & { notification: NotificationRow };

/** Pending deliveries whose next attempt has come, oldest first, with their notification. */
export async function listDueDeliveries(conn: Conn, now: Date, limit: number): Promise<DueDelivery[]> {
  const rows = await conn
    .select({ delivery: notificationDeliveries, notification: notifications })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .where(and(eq(notificationDeliveries.state, "pending"), lte(notificationDeliveries.nextAttemptAt, now)))
    .orderBy(asc(notificationDeliveries.nextAttemptAt), asc(notificationDeliveries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.delivery, notification: r.notification }));
}

/** Records an attempt; only while the delivery is still pending with the attempts the sender saw. */
export async function recordAttempt(
  conn: Conn,
  id: string,
  seenAttempts: number,
  values: Pick<DeliveryRow, "state" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt">,
): Promise<void> {
  await conn
    .update(notificationDeliveries)
    .set(values)
    .where(
      and(
        eq(notificationDeliveries.id, id),
        eq(notificationDeliveries.state, "pending"),
        eq(notificationDeliveries.attempts, seenAttempts),
      ),
    );
}

export async function listDeliveriesOf(conn: Conn, notificationId: string): Promise<DeliveryRow[]> {
  return conn
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.notificationId, notificationId))
    .orderBy(asc(notificationDeliveries.channel));
}

// ---- scheduler runs

export type SchedulerRunRow = typeof schedulerRuns.$inferSelect;

export async function recordSchedulerRun(conn: Conn, job: string, at: Date, result: string): Promise<void> {
  await conn
    .insert(schedulerRuns)
    .values({ job, lastRunAt: at, lastResult: result })
    .onConflictDoUpdate({ target: schedulerRuns.job, set: { lastRunAt: at, lastResult: result } });
}

export async function listSchedulerRuns(conn: Conn): Promise<SchedulerRunRow[]> {
  return conn.select().from(schedulerRuns).orderBy(asc(schedulerRuns.job));
}

/**
 * Takes the scheduler's lease (the row `job = 'scheduler'`) when it is free: no run marked running, or one whose
 * lease passed `staleSeconds` ago (a process that died mid-run). Uses the database's clock, shared by all instances.
 * Call it under the advisory lock so that two instances never both read it free.
 */
export async function claimSchedulerLease(conn: Conn, token: string, staleSeconds: number): Promise<boolean> {
  const rows = await conn
    .insert(schedulerRuns)
    .values({ job: "scheduler", lastRunAt: sql`statement_timestamp()`, lastResult: `running ${token}` })
    .onConflictDoUpdate({
      target: schedulerRuns.job,
      set: { lastRunAt: sql`statement_timestamp()`, lastResult: `running ${token}` },
      setWhere: sql`${schedulerRuns.lastResult} is null or ${schedulerRuns.lastResult} not like 'running %'
        or ${schedulerRuns.lastRunAt} < statement_timestamp() - make_interval(secs => ${staleSeconds})`,
    })
    .returning({ job: schedulerRuns.job });
  return rows.length === 1;
}

/** Gives the lease back (only the holder's own). */
export async function releaseSchedulerLease(conn: Conn, token: string, result: string): Promise<void> {
  await conn
    .update(schedulerRuns)
    .set({ lastResult: result })
    .where(and(eq(schedulerRuns.job, "scheduler"), eq(schedulerRuns.lastResult, `running ${token}`)));
}
