import { CalendarOfficeHours, CalendarYearParams, CalendarYearUpdate, CalendarYearView } from "@zoneos/contracts";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import { changeOfficeHours, getCalendarYear, replaceCalendarYear } from "./calendar.service.ts";

export function calendarRoutes(app: App, { db, clock }: AppDeps) {
  const manage = { permission: "calendar.manage" as const };
  app.get(
    "/api/v1/calendar/years/:year",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["calendar"],
        summary: "A year of the working-day calendar: holidays, make-up working days, office hours",
        params: CalendarYearParams,
        response: { 200: CalendarYearView },
      },
    },
    async (req) => getCalendarYear(db, ctxOf(req, clock), req.params.year),
  );
  app.put(
    "/api/v1/calendar/years/:year",
    {
      config: manage,
      schema: {
        tags: ["calendar"],
        summary: "Replace a year's holidays and make-up working days (empty lists: back to Monday–Friday)",
        params: CalendarYearParams,
        body: CalendarYearUpdate,
        response: { 200: CalendarYearView },
      },
    },
    async (req) => replaceCalendarYear(db, ctxOf(req, clock), req.params.year, req.body),
  );
  app.put(
    "/api/v1/calendar/office-hours",
    {
      config: manage,
      schema: {
        tags: ["calendar"],
        summary: "Change the zone's office hours (a working day ends at `end`)",
        body: CalendarOfficeHours,
        response: { 200: CalendarOfficeHours },
      },
    },
    async (req) => changeOfficeHours(db, ctxOf(req, clock), req.body),
  );
}
