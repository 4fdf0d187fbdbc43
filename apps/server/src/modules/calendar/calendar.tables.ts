import { sql } from "drizzle-orm";
import { check, date, pgTable, primaryKey, text, time, timestamp, uuid } from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/**
 * The days of a zone's working-day calendar that differ from Monday–Friday: holidays (节假日) and make-up working
 * days (调休上班). A year with no row falls back to Monday–Friday. One row per date, so a date has one kind.
 */
export const calendarDays = pgTable(
  "calendar_days",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    date: date("date").notNull(),
    kind: text("kind").notNull(),
    /** The holiday the day belongs to (春节), when known. */
    name: text("name"),
  },
  (t) => [
    primaryKey({ name: "calendar_days_pk", columns: [t.zoneId, t.date] }),
    check("calendar_days_kind", sql`${t.kind} in ('holiday', 'workday')`),
  ],
);

/** A zone's office hours (China time); a zone without a row has the default 09:00–17:30. */
export const zoneCalendarSettings = pgTable("zone_calendar_settings", {
  zoneId: uuid("zone_id")
    .primaryKey()
    .references(() => zones.id),
  officeStart: time("office_start").notNull(),
  officeEnd: time("office_end").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
