import type { CalendarOfficeHours, CalendarYearUpdate, CalendarYearView } from "@zoneos/contracts";
import { type CalendarYear, type WorkingCalendar, workingCalendar } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, errorMessage } from "../../platform/errors.ts";
import { auditableYear, presentOfficeHours, presentYear } from "./calendar.presenter.ts";
import {
  deleteDaysOfYear,
  findSettings,
  insertDays,
  listAllDays,
  listDaysOfYear,
  listYearsWithData,
  upsertSettings,
} from "./calendar.queries.ts";

/** A year of the zone's calendar: its days, whether anybody entered it, the office hours. */
export async function getCalendarYear(db: Db, ctx: RequestContext, year: number): Promise<CalendarYearView> {
  const zoneId = ctx.actor.zoneId;
  const [rows, settings, years] = await Promise.all([
    listDaysOfYear(db, zoneId, year),
    findSettings(db, zoneId),
    listYearsWithData(db, zoneId),
  ]);
  return presentYear(year, rows, settings, years);
}

/**
 * Replaces a year's holidays and make-up working days with the given ones (the State Council's notice for the
 * year, or a correction). Empty lists remove the year's data, so it falls back to Monday–Friday.
 */
export async function replaceCalendarYear(
  db: Db,
  ctx: RequestContext,
  year: number,
  input: z.output<typeof CalendarYearUpdate>,
): Promise<CalendarYearView> {
  const zoneId = ctx.actor.zoneId;
  const days = [
    ...input.holidays.map((d) => ({ ...d, kind: "holiday" })),
    ...input.workdays.map((d) => ({ ...d, kind: "workday" })),
  ];
  const prefix = `${year}-`;
  days.forEach((d, i) => {
    if (!d.date.startsWith(prefix)) {
      const index = d.kind === "holiday" ? i : i - input.holidays.length;
      const params = { date: d.date, year };
      throw new AppError("CALENDAR_DATE_OUTSIDE_YEAR", params, [
        { path: `${d.kind}s.${index}.date`, message: errorMessage("CALENDAR_DATE_OUTSIDE_YEAR", params, ctx.lang) },
      ]);
    }
  });
  forgetZoneCalendar(zoneId);
  const view = await db.transaction(async (tx) => {
    const before = await listDaysOfYear(tx, zoneId, year);
    await deleteDaysOfYear(tx, zoneId, year);
    await insertDays(
      tx,
      days.map((d) => ({ zoneId, date: d.date, kind: d.kind, name: d.name })),
    );
    await recordAudit(tx, ctx, {
      action: "calendar.update",
      entityType: "calendar",
      entityId: String(year),
      entityName: `${year} 年节假日安排`,
      before: auditableYear(before),
      after: auditableYear(days),
    });
    // One after the other: a transaction is one connection.
    const rows = await listDaysOfYear(tx, zoneId, year);
    const settings = await findSettings(tx, zoneId);
    return presentYear(year, rows, settings, await listYearsWithData(tx, zoneId));
  });
  forgetZoneCalendar(zoneId);
  return view;
}

/** Changes the zone's office hours; due times computed from now on end a working day at the new time. */
export async function changeOfficeHours(
  db: Db,
  ctx: RequestContext,
  input: CalendarOfficeHours,
): Promise<CalendarOfficeHours> {
  const zoneId = ctx.actor.zoneId;
  forgetZoneCalendar(zoneId);
  const hours = await db.transaction(async (tx) => {
    const before = presentOfficeHours(await findSettings(tx, zoneId));
    const row = await upsertSettings(tx, zoneId, {
      officeStart: input.start,
      officeEnd: input.end,
      updatedAt: ctx.now,
    });
    const after = presentOfficeHours(row);
    await recordAudit(tx, ctx, {
      action: "calendar.update",
      entityType: "calendar",
      entityId: "office-hours",
      entityName: "办公时间",
      before: { officeStart: before.start, officeEnd: before.end },
      after: { officeStart: after.start, officeEnd: after.end },
    });
    return after;
  });
  forgetZoneCalendar(zoneId);
  return hours;
}

/**
 * The zone's working-day calendar as the domain computes with it (is a working day, add working days, SLA due
 * times). Years the zone has no data for fall back to Monday–Friday: ask `yearsWithoutData` and say so.
 * Cached per zone for CALENDAR_CACHE_MS: every case list and step needs it, and it changes a few times a year. A
 * write through this module forgets the zone's entry at once; one made by another instance shows within the TTL.
 */
export async function zoneCalendar(conn: Conn, zoneId: string): Promise<WorkingCalendar> {
  const now = performance.now();
  const known = calendarCache.get(zoneId);
  if (known && now - known.at < CALENDAR_CACHE_MS) return known.cal;
  const generation = calendarGeneration;
  const cal = await loadZoneCalendar(conn, zoneId);
  // Not kept when a write forgot calendars while this one was being read: it may hold the older data.
  if (generation === calendarGeneration) calendarCache.set(zoneId, { cal, at: now });
  return cal;
}

const CALENDAR_CACHE_MS = 60_000;
const calendarCache = new Map<string, { cal: WorkingCalendar; at: number }>();
let calendarGeneration = 0;

/** Call after writing a zone's calendar days or office hours (after the commit), so the next read sees them. */
export function forgetZoneCalendar(zoneId: string): void {
  calendarGeneration++;
  calendarCache.delete(zoneId);
}

async function loadZoneCalendar(conn: Conn, zoneId: string): Promise<WorkingCalendar> {
  // One after the other: `conn` may be a transaction, which is one connection.
  const rows = await listAllDays(conn, zoneId);
  const settings = await findSettings(conn, zoneId);
  const byYear = new Map<number, CalendarYear>();
  for (const r of rows) {
    const year = Number(r.date.slice(0, 4));
    let y = byYear.get(year);
    if (!y) {
      y = { year, holidays: [], workdays: [] };
      byYear.set(year, y);
    }
    (r.kind === "holiday" ? y.holidays : y.workdays).push(r.date);
  }
  return workingCalendar([...byYear.values()], presentOfficeHours(settings));
}
