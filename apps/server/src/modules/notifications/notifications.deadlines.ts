import { type CaseState, caseTiming } from "@zoneos/domain";
import type { Db } from "../../db/client.ts";
import { zoneCalendar } from "../calendar/calendar.service.ts";
import { listCasesDueBy } from "../cases/cases.queries.ts";
import { serviceCentreOf } from "../cases/cases.service.ts";
import { findUser, listZones } from "../org/org.queries.ts";
import { responsibleFor } from "./notifications.cases.ts";
import type { Channel } from "./notifications.channels.ts";
import { existingDedupeKeys } from "./notifications.queries.ts";
import { notify, type Recipient } from "./notifications.service.ts";

/** An instant as China time, "2026-03-02 17:30". */
function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * Tells the people handling each open case when its deadline is within one working day (due_soon) and when it has
 * passed (overdue), as `caseTiming` of the case engine derives them. One notice of each kind per case and deadline,
 * however often it runs (the dedupe key names the case and the due time); a case given a new deadline (accepted,
 * so now due for resolution) gets new ones.
 */
export async function runDeadlineNotices(
  db: Db,
  now: Date,
  channels: readonly Channel[],
): Promise<{ dueSoon: number; overdue: number }> {
  let dueSoon = 0;
  let overdue = 0;
  for (const zone of await listZones(db)) {
    const cal = await zoneCalendar(db, zone.id);
    // caseTiming's due-soon bound: the end of the working day after now's.
    const rows = await listCasesDueBy(db, zone.id, cal.resolveDue(now, 1));
    const due = rows.flatMap((c) => {
      const timing = caseTiming({ ...c, state: c.state as CaseState }, now, cal);
      if (!timing.nextDueAt || !(timing.overdue || timing.dueSoon)) return [];
      const kind = timing.overdue ? ("overdue" as const) : ("due_soon" as const);
      return [{ c, kind, dueAt: timing.nextDueAt, key: `${kind}:${c.id}:${timing.nextDueAt.toISOString()}` }];
    });
    if (!due.length) continue;
    const told = await existingDedupeKeys(
      db,
      due.map((d) => d.c.id),
      due.map((d) => d.key),
    );
    const centre = await serviceCentreOf(db, zone.id);
    for (const { c, kind, dueAt, key } of due.filter((d) => !told.has(d.key))) {
      const written = await db.transaction(async (tx) => {
        const officer = c.ownerOfficerId ? await findUser(tx, zone.id, c.ownerOfficerId) : undefined;
        const to: Recipient[] =
          officer && !officer.disabled ? [officer] : await responsibleFor(tx, zone.id, c.ownerUnitId ?? centre.unitId);
        const what = c.acceptedAt === null && c.state !== "accepted" ? "受理" : "办结";
        const quoted = `诉求“${c.title}”（${c.number}）`;
        return notify(tx, channels, zone.id, now, to, {
          kind,
          subjectType: "case",
          subjectId: c.id,
          dedupeKey: key,
          ...(kind === "due_soon"
            ? {
                title: `诉求即将到期：${c.number} ${c.title}`,
                body: `${quoted}须在 ${chinaTime(dueAt)} 前${what}，请抓紧办理。`,
              }
            : {
                title: `诉求已超期：${c.number} ${c.title}`,
                body: `${quoted}的${what}时限 ${chinaTime(dueAt)} 已过，请尽快办理。`,
              }),
        });
      });
      if (written.length && kind === "due_soon") dueSoon++;
      if (written.length && kind === "overdue") overdue++;
    }
  }
  return { dueSoon, overdue };
}
