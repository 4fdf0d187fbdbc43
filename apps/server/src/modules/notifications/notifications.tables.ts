import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/**
 * The in-app inbox: one row per user and event. `dedupe_key` keeps the scheduler's time-based notices (due soon,
 * overdue) to one per case and due time however often it runs.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    userId: uuid("user_id").notNull(),
    /** assigned | due_soon | overdue | returned | escalated | replied | unsatisfied | reminded. */
    kind: text("kind").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user").on(t.userId, t.createdAt),
    index("notifications_user_unread").on(t.userId).where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_dedupe").on(t.userId, t.dedupeKey),
  ],
);

/**
 * Outbound copies of a notification (webhook, e-mail). A failed delivery is retried with back-off; the in-app copy
 * above is written first and never depends on these.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    /** The webhook URL or the e-mail address at the time of sending. */
    target: text("target").notNull(),
    state: text("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("notification_deliveries_due").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    check("notification_deliveries_channel", sql`${t.channel} in ('webhook', 'email')`),
    check("notification_deliveries_state", sql`${t.state} in ('pending', 'sent', 'failed')`),
  ],
);

/** When each scheduled job last ran (the scheduler itself runs under a PostgreSQL advisory lock). */
export const schedulerRuns = pgTable("scheduler_runs", {
  job: text("job").primaryKey(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }).notNull(),
  lastResult: text("last_result"),
});
