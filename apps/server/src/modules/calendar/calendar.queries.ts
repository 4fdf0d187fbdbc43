import { and, asc, between, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { calendarDays, zoneCalendarSettings } from "./calendar.tables.ts";

export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type CalendarSettingsRow = typeof zoneCalendarSettings.$inferSelect;

const ofYear = (year: number) => between(calendarDays.date, `${year}-01-01`, `${year}-12-31`);

/** A year's holidays and make-up working days, by date. */
export async function listDaysOfYear(conn: Conn, zoneId: string, year: number): Promise<CalendarDayRow[]> {
  return conn
    .select()
    .from(calendarDays)
    .where(and(inZone(calendarDays, zoneId), ofYear(year)))
    .orderBy(asc(calendarDays.date));
}

/** Every holiday and make-up working day of the zone, by date. */
export async function listAllDays(conn: Conn, zoneId: string): Promise<CalendarDayRow[]> {
  return conn.select().from(calendarDays).where(inZone(calendarDays, zoneId)).orderBy(asc(calendarDays.date));
}

/** The years that have at least one day, ascending. */
export async function listYearsWithData(conn: Conn, zoneId: string): Promise<number[]> {
  const rows = await conn
    .selectDistinct({ year: sql<number>`extract(year from ${calendarDays.date})::int` })
    .from(calendarDays)
    .where(inZone(calendarDays, zoneId));
  return rows.map((r) => Number(r.year)).sort((a, b) => a - b);
}

export async function deleteDaysOfYear(conn: Conn, zoneId: string, year: number): Promise<void> {
  await conn.delete(calendarDays).where(and(inZone(calendarDays, zoneId), ofYear(year)));
}

export async function insertDays(conn: Conn, rows: (typeof calendarDays.$inferInsert)[], chunk = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await conn.insert(calendarDays).values(rows.slice(i, i + chunk));
}

export async function findSettings(conn: Conn, zoneId: string): Promise<CalendarSettingsRow | undefined> {
  const [row] = await conn.select().from(zoneCalendarSettings).where(inZone(zoneCalendarSettings, zoneId));
  return row;
}

export async function upsertSettings(
  conn: Conn,
  zoneId: string,
  values: { officeStart: string; officeEnd: string; updatedAt: Date },
): Promise<CalendarSettingsRow> {
  const [row] = await conn
    .insert(zoneCalendarSettings)
    .values({ zoneId, ...values })
    .onConflictDoUpdate({ target: zoneCalendarSettings.zoneId, set: values })
    .returning();
  return row as CalendarSettingsRow;
}
