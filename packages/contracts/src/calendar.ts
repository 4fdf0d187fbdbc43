import { isIsoDate, isWeekend, minutesOfTime } from "@zoneos/domain/calendar";
import { z } from "zod";
import { i18n, optionalText } from "./common.ts";

/** 节假日 a day off; 调休上班 a Saturday or Sunday worked in exchange. */
export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** The years the calendar accepts. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

export const CalendarYearParams = z.object({
  year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR),
});

const WEEKDAY_NAMES = {
  "zh-CN": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
  "en-US": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
} as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const TimeOfDay = z
  .string()
  .refine((s) => HH_MM.test(s), i18n("时间格式应为 HH:MM（如 17:30）", "Times are written HH:MM (e.g. 17:30)"));

/** A zone's office hours in China time; a working day ends at `end` (the SLA due times use it). */
export const CalendarOfficeHours = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  // Zod runs the check even when a time is malformed; that one already has its own message.
  .refine((h) => !HH_MM.test(h.start) || !HH_MM.test(h.end) || minutesOfTime(h.start) < minutesOfTime(h.end), {
    ...i18n("下班时间须晚于上班时间", "Office hours must end after they start"),
    path: ["end"],
  });
export type CalendarOfficeHours = z.infer<typeof CalendarOfficeHours>;

const DayInput = z.object({ date: z.iso.date(), name: optionalText(50) });

/**
 * A year's days off and make-up working days, replacing what the year had. Rules: a date appears once; it is not
 * both a holiday and a make-up working day; a make-up working day is a Saturday or Sunday. A holiday may fall on a
 * weekend: the State Council's notice names the whole break (2024-02-10 to 02-17, weekends included), and keeping it
 * as published shows the break as one block; a weekend holiday changes no working-day computation.
 * Empty lists remove the year's data: it falls back to Monday–Friday.
 */
export const CalendarYearUpdate = z
  .object({
    holidays: z.array(DayInput).max(366),
    workdays: z.array(DayInput).max(366),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, "holidays" | "workdays">();
    for (const list of ["holidays", "workdays"] as const) {
      v[list].forEach((day, i) => {
        // A malformed date has its own message already (zod runs this check anyway).
        if (!isIsoDate(day.date)) return;
        const path = [list, i, "date"];
        const earlier = seen.get(day.date);
        if (earlier === list) {
          ctx.addIssue({ code: "custom", path, ...i18n(`${day.date} 重复`, `${day.date} is listed twice`) });
        } else if (earlier) {
          ctx.addIssue({
            code: "custom",
            path,
            ...i18n(
              `${day.date} 不能既是节假日又是调休上班日`,
              `${day.date} cannot be both a holiday and a make-up working day`,
            ),
          });
        }
        seen.set(day.date, list);
        if (list === "workdays" && !isWeekend(day.date)) {
          const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
          ctx.addIssue({
            code: "custom",
            path,
            ...i18n(
              `调休上班日须为周六或周日，${day.date} 是${WEEKDAY_NAMES["zh-CN"][weekday]}`,
              `A make-up working day must be a Saturday or Sunday; ${day.date} is a ${WEEKDAY_NAMES["en-US"][weekday]}`,
            ),
          });
        }
      });
    }
  });
export type CalendarYearUpdate = z.input<typeof CalendarYearUpdate>;

export const CalendarDay = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_DAY_KINDS),
  /** The holiday it belongs to (春节), when known. */
  name: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

/** One year of a zone's calendar, as the calendar page and the due-time displays read it. */
export const CalendarYearView = z.object({
  year: z.number(),
  /** False: nobody entered this year's arrangement; working days are Monday–Friday. */
  hasData: z.boolean(),
  days: z.array(CalendarDay),
  officeHours: CalendarOfficeHours,
  /** Every year the zone has data for, ascending. */
  yearsWithData: z.array(z.number()),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;
