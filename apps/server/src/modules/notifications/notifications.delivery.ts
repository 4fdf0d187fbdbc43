import type { Db } from "../../db/client.ts";
import { listNoticeRecipients } from "../org/org.queries.ts";
import type { Channel, OutboundMessage } from "./notifications.channels.ts";
import { type DueDelivery, listDueDeliveries, recordAttempt } from "./notifications.queries.ts";

/** After this many failed attempts a delivery is given up ('failed', with the last error). */
export const MAX_DELIVERY_ATTEMPTS = 8;
const BATCH = 200;
const PARALLEL = 8;

/** The wait after the n-th failed attempt: 1, 2, 4, 8, 16… minutes. */
export function retryDelayMs(failedAttempts: number): number {
  return 60_000 * 2 ** Math.max(0, failedAttempts - 1);
}

function messageOf(d: DueDelivery, username: string): OutboundMessage {
  const n = d.notification;
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    userId: n.userId,
    username,
    subject: { type: n.subjectType, id: n.subjectId },
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * Sends the pending deliveries whose time has come through their channel. A failure is retried with exponential
 * back-off until MAX_DELIVERY_ATTEMPTS; the in-app notification is never touched. The scheduler runs it (one
 * instance at a time), so a delivery is never sent twice at once.
 */
export async function runDeliveries(
  db: Db,
  now: Date,
  channels: readonly Channel[],
): Promise<{ sent: number; retrying: number; failed: number }> {
  const result = { sent: 0, retrying: 0, failed: 0 };
  const due = await listDueDeliveries(db, now, BATCH);
  if (!due.length) return result;
  const users = await listNoticeRecipients(db, null, {
    ids: [...new Set(due.map((d) => d.notification.userId))],
    includeDisabled: true,
  });
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  const attempt = async (d: DueDelivery) => {
    const attempts = d.attempts + 1;
    try {
      const channel = channels.find((c) => c.name === d.channel);
      if (!channel) throw new Error(`channel ${d.channel} is not configured`);
      await channel.send(messageOf(d, usernames.get(d.notification.userId) ?? ""), d.target);
      await recordAttempt(db, d.id, d.attempts, {
        state: "sent",
        attempts,
        nextAttemptAt: d.nextAttemptAt,
        lastError: null,
        sentAt: now,
      });
      result.sent++;
    } catch (e) {
      const gaveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
      await recordAttempt(db, d.id, d.attempts, {
        state: gaveUp ? "failed" : "pending",
        attempts,
        nextAttemptAt: gaveUp ? d.nextAttemptAt : new Date(now.getTime() + retryDelayMs(attempts)),
        lastError: (e instanceof Error ? e.message : String(e)).slice(0, 500),
        sentAt: null,
      });
      if (gaveUp) result.failed++;
      else result.retrying++;
    }
  };
  for (let i = 0; i < due.length; i += PARALLEL) await Promise.all(due.slice(i, i + PARALLEL).map(attempt));
  return result;
}
