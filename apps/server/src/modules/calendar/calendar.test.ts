import type { AuditEntry, CalendarYearView } from "@zoneos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { ensureZoneCalendars, seedZoneCalendar } from "./calendar.seed.ts";
import { zoneCalendar } from "./calendar.service.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

async function adminOf(): Promise<{ zone: TestZone; admin: Client }> {
  const zone = await makeZone(env);
  return { zone, admin: await Client.login(env.app, zone.user("admin")) };
}

async function year(c: Client, y: number): Promise<CalendarYearView> {
  const res = await c.get(`/api/v1/calendar/years/${y}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<CalendarYearView>(res);
}

const kindOf = (view: CalendarYearView, date: string) => view.days.find((d) => d.date === date)?.kind;
const cn = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);

/** The 2027 arrangement as an administrator might enter it from the notice (made up for the test). */
const Y2027 = {
  holidays: [
    { date: "2027-01-01", name: "元旦" },
    ...["05", "06", "07", "08", "09", "10", "11", "12"].map((d) => ({ date: `2027-02-${d}`, name: "春节" })),
  ],
  workdays: [
    { date: "2027-02-13", name: "春节" },
    { date: "2027-02-14", name: null },
  ],
};

describe("working-day calendar", () => {
  it("a new zone has every year of the chinese-days package, with the 2024 Spring Festival as announced", async () => {
    const { zone } = await adminOf();
    const officer = await Client.login(env.app, zone.user("officer"));
    const y2024 = await year(officer, 2024);
    expect(y2024).toMatchObject({ year: 2024, hasData: true, officeHours: { start: "09:00", end: "17:30" } });
    expect(y2024.days.find((d) => d.date === "2024-02-04")).toEqual({
      date: "2024-02-04",
      kind: "workday",
      name: "春节",
    });
    expect(y2024.days.find((d) => d.date === "2024-02-12")).toEqual({
      date: "2024-02-12",
      kind: "holiday",
      name: "春节",
    });
    expect(kindOf(y2024, "2024-02-18")).toBe("workday");
    for (let d = 10; d <= 17; d++) expect(kindOf(y2024, `2024-02-${d}`)).toBe("holiday");
    expect(kindOf(y2024, "2024-02-09")).toBeUndefined();
    expect(y2024.days.map((d) => d.date)).toEqual([...y2024.days.map((d) => d.date)].sort());
    for (let y = 2004; y <= 2026; y++) expect(y2024.yearsWithData).toContain(y);

    const cal = await zoneCalendar(env.database.db, zone.zoneId);
    expect(cal.isWorkingDay("2024-02-04")).toBe(true);
    expect(cal.isWorkingDay("2024-02-12")).toBe(false);
    expect(cal.resolveDue(cn("2024-02-09 17:31"), 3)).toEqual(cn("2024-02-21 17:30"));
    expect(cal.yearsWithoutData([2024, 2026, 2030])).toEqual([2030]);
  });

  it("says when a year has no data: working days are then Monday to Friday", async () => {
    const { admin } = await adminOf();
    const y2030 = await year(admin, 2030);
    expect(y2030).toMatchObject({ year: 2030, hasData: false, days: [] });
    expect(y2030.yearsWithData).not.toContain(2030);
  });

  it("an administrator replaces a year: the change is visible, audited, and the zone's due times follow it", async () => {
    const { zone, admin } = await adminOf();
    const res = await admin.put("/api/v1/calendar/years/2027", Y2027);
    expect(res.statusCode, res.body).toBe(200);
    const saved = json<CalendarYearView>(res);
    expect(saved).toMatchObject({ year: 2027, hasData: true });
    expect(saved.days).toHaveLength(11);
    expect(saved.yearsWithData).toContain(2027);

    const leader = await Client.login(env.app, zone.user("leader"));
    const seen = await year(leader, 2027);
    expect(seen.days).toEqual(saved.days);
    expect(seen.days.find((d) => d.date === "2027-02-14")).toEqual({ date: "2027-02-14", kind: "workday", name: null });

    const cal = await zoneCalendar(env.database.db, zone.zoneId);
    // Thursday 2027-02-04 after office hours: the next working day is the make-up Saturday 02-13.
    expect(cal.acceptDue(cn("2027-02-04 18:00"))).toEqual(cn("2027-02-13 17:30"));
    expect(cal.resolveDue(cn("2027-02-04 18:00"), 2)).toEqual(cn("2027-02-15 17:30"));

    // A correction replaces the whole year.
    const corrected = await admin.put("/api/v1/calendar/years/2027", {
      holidays: [{ date: "2027-01-01", name: "元旦" }],
      workdays: [],
    });
    expect(json<CalendarYearView>(corrected).days).toEqual([{ date: "2027-01-01", kind: "holiday", name: "元旦" }]);

    const audit = json<{ items: AuditEntry[] }>(await admin.get("/api/v1/audit?entityType=calendar&entityId=2027"));
    expect(audit.items.map((a) => a.action)).toEqual(["calendar.update", "calendar.update"]);
    const [second, first] = audit.items as [AuditEntry, AuditEntry];
    expect(first).toMatchObject({ entityName: "2027 年节假日安排", actorName: "系统管理员" });
    expect(first.before).toEqual({ holidays: [], workdays: [] });
    expect(first.after?.workdays).toEqual(["2027-02-13 春节", "2027-02-14"]);
    expect(second.before?.workdays).toEqual(["2027-02-13 春节", "2027-02-14"]);
    expect(second.after).toEqual({ holidays: ["2027-01-01 元旦"], workdays: [] });

    // Empty lists take the year's data away again.
    expect((await admin.put("/api/v1/calendar/years/2027", { holidays: [], workdays: [] })).statusCode).toBe(200);
    expect(await year(admin, 2027)).toMatchObject({ hasData: false, days: [] });
  });

  it("changes the office hours: audited, and the end of a working day follows", async () => {
    const { zone, admin } = await adminOf();
    const res = await admin.put("/api/v1/calendar/office-hours", { start: "08:30", end: "17:00" });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({ start: "08:30", end: "17:00" });
    expect((await year(admin, 2024)).officeHours).toEqual({ start: "08:30", end: "17:00" });
    const cal = await zoneCalendar(env.database.db, zone.zoneId);
    expect(cal.acceptDue(cn("2024-02-08 17:10"))).toEqual(cn("2024-02-09 17:00"));

    const audit = json<{ items: AuditEntry[] }>(await admin.get("/api/v1/audit?entityType=calendar"));
    expect(audit.items[0]).toMatchObject({
      action: "calendar.update",
      entityId: "office-hours",
      before: { officeStart: "09:00", officeEnd: "17:30" },
      after: { officeStart: "08:30", officeEnd: "17:00" },
    });
  });

  it("only the administrator may change it: others get 403 and nothing changes", async () => {
    const { zone } = await adminOf();
    for (const role of ["leader", "unithead", "officer", "enterprise"] as const) {
      const c = await Client.login(env.app, zone.user(role));
      const put = await c.put("/api/v1/calendar/years/2024", { holidays: [], workdays: [] });
      expect(put.statusCode, role).toBe(403);
      expect(json(put)).toMatchObject({ code: "FORBIDDEN", detail: "无权执行此操作" });
      expect((await c.put("/api/v1/calendar/office-hours", { start: "08:00", end: "16:00" })).statusCode).toBe(403);
      expect((await year(c, 2024)).hasData).toBe(true);
    }
    const admin = await Client.login(env.app, zone.user("admin"));
    expect((await year(admin, 2024)).officeHours).toEqual({ start: "09:00", end: "17:30" });
  });

  it("refuses invalid years with the reason in Chinese, field by field, and writes nothing", async () => {
    const { admin } = await adminOf();
    const weekdayWorkday = await admin.put("/api/v1/calendar/years/2024", {
      holidays: [{ date: "2024-02-10" }],
      workdays: [{ date: "2024-02-05" }],
    });
    expect(weekdayWorkday.statusCode).toBe(400);
    expect(json(weekdayWorkday)).toMatchObject({
      code: "VALIDATION_FAILED",
      detail: "输入有误：workdays.0.date: 调休上班日须为周六或周日，2024-02-05 是周一",
      errors: [{ path: "workdays.0.date", message: "调休上班日须为周六或周日，2024-02-05 是周一" }],
    });

    const both = await admin.put("/api/v1/calendar/years/2024", {
      holidays: [{ date: "2024-02-10" }, { date: "2024-02-11" }],
      workdays: [{ date: "2024-02-10" }],
    });
    expect(json(both).errors).toEqual([
      { path: "workdays.0.date", message: "2024-02-10 不能既是节假日又是调休上班日" },
    ]);

    const twice = await admin.put("/api/v1/calendar/years/2024", {
      holidays: [{ date: "2024-02-12" }, { date: "2024-02-12" }],
      workdays: [],
    });
    expect(json(twice).errors).toEqual([{ path: "holidays.1.date", message: "2024-02-12 重复" }]);

    const badDate = await admin.put("/api/v1/calendar/years/2024", {
      holidays: [{ date: "2024-02-30" }],
      workdays: [],
    });
    expect(json(badDate).errors).toEqual([{ path: "holidays.0.date", message: "日期格式应为 YYYY-MM-DD" }]);

    const otherYear = await admin.put("/api/v1/calendar/years/2024", {
      holidays: [{ date: "2024-10-01" }],
      workdays: [{ date: "2025-01-26" }],
    });
    expect(otherYear.statusCode).toBe(400);
    expect(json(otherYear)).toMatchObject({
      code: "CALENDAR_DATE_OUTSIDE_YEAR",
      detail: "2025-01-26 不在 2024 年内",
      errors: [{ path: "workdays.0.date", message: "2025-01-26 不在 2024 年内" }],
    });

    const hours = await admin.put("/api/v1/calendar/office-hours", { start: "17:30", end: "09:00" });
    expect(hours.statusCode).toBe(400);
    expect(json(hours)).toMatchObject({ detail: "输入有误：end: 下班时间须晚于上班时间" });
    expect(json(await admin.put("/api/v1/calendar/office-hours", { start: "9:00", end: "17:30" })).detail).toBe(
      "输入有误：start: 时间格式应为 HH:MM（如 17:30）",
    );

    expect((await admin.get("/api/v1/calendar/years/1999")).statusCode).toBe(400);

    admin.lang = "en-US";
    const en = await admin.put("/api/v1/calendar/years/2024", { holidays: [], workdays: [{ date: "2024-02-05" }] });
    expect(json(en).detail).toBe(
      "Invalid input: workdays.0.date: A make-up working day must be a Saturday or Sunday; 2024-02-05 is a Monday",
    );

    const y2024 = await year(admin, 2024);
    expect(kindOf(y2024, "2024-02-04")).toBe("workday");
    expect(y2024.officeHours).toEqual({ start: "09:00", end: "17:30" });
    expect(json<{ total: number }>(await admin.get("/api/v1/audit?entityType=calendar")).total).toBe(0);
  });

  it("keeps each zone's calendar to itself", async () => {
    const { zone, admin } = await adminOf();
    const { zone: other, admin: otherAdmin } = await adminOf();
    expect((await admin.put("/api/v1/calendar/years/2024", { holidays: [], workdays: [] })).statusCode).toBe(200);
    expect((await admin.put("/api/v1/calendar/office-hours", { start: "08:00", end: "16:00" })).statusCode).toBe(200);
    expect((await year(admin, 2024)).hasData).toBe(false);
    const theirs = await year(otherAdmin, 2024);
    expect(theirs.hasData).toBe(true);
    expect(theirs.officeHours).toEqual({ start: "09:00", end: "17:30" });
    expect((await zoneCalendar(env.database.db, zone.zoneId)).isWorkingDay("2024-02-12")).toBe(true);
    expect((await zoneCalendar(env.database.db, other.zoneId)).isWorkingDay("2024-02-12")).toBe(false);
  });

  it("seeding again adds only the years a zone lacks, never undoing an administrator's correction", async () => {
    const { zone, admin } = await adminOf();
    await admin.put("/api/v1/calendar/years/2024", { holidays: [{ date: "2024-01-01", name: "元旦" }], workdays: [] });
    await admin.put("/api/v1/calendar/years/2025", { holidays: [], workdays: [] });
    expect(await seedZoneCalendar(env.database.db, zone.zoneId)).toEqual([2025]);
    expect((await year(admin, 2024)).days).toEqual([{ date: "2024-01-01", kind: "holiday", name: "元旦" }]);
    expect(kindOf(await year(admin, 2025), "2025-01-28")).toBe("holiday");
  });

  it("at start-up gives a zone without any calendar the packaged years, and leaves a zone with a cleared year alone", async () => {
    const { zone: bare, admin: bareAdmin } = await adminOf();
    for (const y of (
      await env.database.rawQuery<{ y: number }>(
        "select distinct extract(year from date)::int as y from calendar_days where zone_id = $1",
        [bare.zoneId],
      )
    ).map((r) => r.y))
      await bareAdmin.put(`/api/v1/calendar/years/${y}`, { holidays: [], workdays: [] });
    expect((await year(bareAdmin, 2024)).hasData).toBe(false);
    const { zone: cleared, admin: clearedAdmin } = await adminOf();
    await clearedAdmin.put("/api/v1/calendar/years/2025", { holidays: [], workdays: [] });
    await ensureZoneCalendars(env.database.db);
    expect(kindOf(await year(bareAdmin, 2024), "2024-02-04")).toBe("workday");
    expect((await year(clearedAdmin, 2025)).hasData).toBe(false);
    expect(cleared.zoneId).not.toBe(bare.zoneId);
  });
});
