import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import type { Conn } from "../../db/client.ts";
import { listZones } from "../org/org.queries.ts";
import { insertDays, listYearsWithData } from "./calendar.queries.ts";
import { forgetZoneCalendar } from "./calendar.service.ts";

type SeedDay = { date: string; kind: "holiday" | "workday"; name: string | null };

/** "Spring Festival,春节,3" → 春节 (the package's value is English name, Chinese name, length of the break). */
const chineseName = (value: string) => value.split(",")[1]?.trim() || null;

/**
 * The holidays and make-up working days the `chinese-days` package knows (the State Council's arrangements since
 * 2004), by year. Its holidays include the weekend days inside a break, as the notices list them.
 */
export function packagedCalendarDays(): Map<number, SeedDay[]> {
  const byYear = new Map<number, SeedDay[]>();
  const add = (kind: SeedDay["kind"], entries: Record<string, string>) => {
    for (const [date, value] of Object.entries(entries)) {
      const year = Number(date.slice(0, 4));
      const list = byYear.get(year) ?? [];
      list.push({ date, kind, name: chineseName(value) });
      byYear.set(year, list);
    }
  };
  add("holiday", chineseDays.holidays);
  add("workday", chineseDays.workdays);
  return byYear;
}

/**
 * Seeds a zone's calendar with every year the `chinese-days` package covers. Call it when a zone is created.
 * A year the zone already has data for is left as it is, so it is safe to run again (it never undoes an
 * administrator's correction). Returns the years it added.
 */
export async function seedZoneCalendar(conn: Conn, zoneId: string): Promise<number[]> {
  const existing = new Set(await listYearsWithData(conn, zoneId));
  const added: number[] = [];
  const rows: { zoneId: string; date: string; kind: string; name: string | null }[] = [];
  for (const [year, days] of packagedCalendarDays()) {
    if (existing.has(year)) continue;
    added.push(year);
    for (const d of days) rows.push({ zoneId, ...d });
  }
  await insertDays(conn, rows);
  forgetZoneCalendar(zoneId);
  return added.sort((a, b) => a - b);
}

/**
 * Gives every zone that has no calendar at all (one created before the calendar existed) the packaged years.
 * A zone with any calendar data is left alone: a year its administrator cleared on purpose stays cleared.
 */
export async function ensureZoneCalendars(conn: Conn): Promise<void> {
  for (const zone of await listZones(conn)) {
    if ((await listYearsWithData(conn, zone.id)).length === 0) await seedZoneCalendar(conn, zone.id);
  }
}
