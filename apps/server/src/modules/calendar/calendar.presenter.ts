import type { CalendarDay, CalendarOfficeHours, CalendarYearView } from "@zoneos/contracts";
import { DEFAULT_OFFICE_HOURS } from "@zoneos/domain";
import type { CalendarDayRow, CalendarSettingsRow } from "./calendar.queries.ts";

/** A zone's office hours as `HH:MM` (the database keeps `HH:MM:SS`); the default when the zone set none. */
export function presentOfficeHours(settings: CalendarSettingsRow | undefined): CalendarOfficeHours {
  if (!settings) return { ...DEFAULT_OFFICE_HOURS };
  return { start: settings.officeStart.slice(0, 5), end: settings.officeEnd.slice(0, 5) };
}

export function presentDay(row: CalendarDayRow): CalendarDay {
  return { date: row.date, kind: row.kind as CalendarDay["kind"], name: row.name };
}

export function presentYear(
  year: number,
  rows: CalendarDayRow[],
  settings: CalendarSettingsRow | undefined,
  yearsWithData: number[],
): CalendarYearView {
  return {
    year,
    hasData: rows.length > 0,
    days: rows.map(presentDay),
    officeHours: presentOfficeHours(settings),
    yearsWithData,
  };
}

/** A year's days as the audit log shows them: "2024-02-10 春节" per day, by kind. */
export function auditableYear(days: { date: string; kind: string; name: string | null }[]) {
  const show = (kind: string) =>
    days
      .filter((d) => d.kind === kind)
      .map((d) => (d.name ? `${d.date} ${d.name}` : d.date))
      .sort();
  return { holidays: show("holiday"), workdays: show("workday") };
}
