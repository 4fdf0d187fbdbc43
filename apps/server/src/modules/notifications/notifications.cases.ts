/**
 * What the case engine tells whom. Each step that someone must act on writes a notice to the few people who must
 * act, in the step's own transaction; the scheduler adds the due-soon and overdue notices (notifications.deadlines.ts).
 */
import type { NotificationKind } from "@zoneos/contracts";
import type { Conn } from "../../db/client.ts";
import { SYSTEM_NAME } from "../../platform/context.ts";
import { listSteps } from "../cases/cases.queries.ts";
import { findUnit, findUser, listNoticeRecipients } from "../org/org.queries.ts";
import type { Channel } from "./notifications.channels.ts";
import { notify, type Recipient } from "./notifications.service.ts";

/** The facts of a case a notice needs. */
export interface CaseNoticeFacts {
  id: string;
  number: string;
  title: string;
  enterpriseId: string | null;
  /** Set for a project's problem: internal, so the owner enterprise's users are not told. */
  projectId?: string | null;
  createdBy: string | null;
  ownerUnitId: string | null;
  ownerOfficerId: string | null;
  dispatcherUnitId: string | null;
}

/** Where cases without a unit wait (企业服务中心) and where escalations go (兜底办). */
export interface ServiceCentreUnits {
  unitId: string | null;
  escalationUnitId: string | null;
}

export interface CaseEvent {
  zoneId: string;
  now: Date;
  /** null when the platform acted (a timer). */
  actor: { userId: string; displayName: string } | null;
  step: string;
  before: CaseNoticeFacts | null;
  after: CaseNoticeFacts;
  comment: string | null;
  data: Record<string, string | number | boolean | null>;
  centre: ServiceCentreUnits;
}

const STAFF = ["unithead", "officer"];

/**
 * Who answers for a unit's queue: the unit heads of the unit, else of the nearest unit above it that has any (a head
 * answers for the units below theirs); with `orOfficers`, when no unit on the way up has a head, the officers of the
 * nearest unit that has any.
 */
export async function responsibleFor(
  conn: Conn,
  zoneId: string,
  unitId: string | null,
  orOfficers = true,
): Promise<Recipient[]> {
  const chain: string[] = [];
  for (let id = unitId; id && chain.length < 12 && !chain.includes(id); ) {
    chain.push(id);
    id = (await findUnit(conn, zoneId, id))?.parentId ?? null;
  }
  if (!chain.length) return [];
  const staff = await listNoticeRecipients(conn, zoneId, { roles: STAFF, unitIds: chain });
  for (const role of orOfficers ? STAFF : ["unithead"]) {
    for (const id of chain) {
      const found = staff.filter((u) => u.role === role && u.unitId === id);
      if (found.length) return found;
    }
  }
  return [];
}

async function usersById(conn: Conn, zoneId: string, ids: (string | null | undefined)[]): Promise<Recipient[]> {
  const wanted = ids.filter((id): id is string => !!id);
  return wanted.length ? listNoticeRecipients(conn, zoneId, { ids: [...new Set(wanted)] }) : [];
}

const leadersOf = (conn: Conn, zoneId: string) => listNoticeRecipients(conn, zoneId, { roles: ["leader"] });

const quoted = (c: CaseNoticeFacts) => `诉求“${c.title}”（${c.number}）`;
const titled = (prefix: string, c: CaseNoticeFacts) => `${prefix}：${c.number} ${c.title}`;
const withComment = (label: string, comment: string | null) => (comment ? `${label}：${comment}` : "");

async function unitName(conn: Conn, zoneId: string, id: string | null | undefined): Promise<string> {
  return (id ? (await findUnit(conn, zoneId, id))?.name : null) ?? "服务中心";
}

/** The recipients and words of the notices one case step gives rise to (none for most steps). */
async function noticesOf(
  conn: Conn,
  e: CaseEvent,
): Promise<{ kind: NotificationKind; to: Recipient[]; title: string; body: string }[]> {
  const { zoneId, after: c, before } = e;
  const who = e.actor?.displayName ?? SYSTEM_NAME;
  switch (e.step) {
    case "create": {
      // A case from the portal waits with the service centre; one entered by an officer waits in their unit.
      const to = await responsibleFor(conn, zoneId, c.ownerUnitId ?? e.centre.unitId);
      return [
        {
          kind: "assigned",
          to,
          title: titled("新诉求待分派", c),
          body: `${who}登记了${quoted(c)}，请及时分派。`,
        },
      ];
    }
    case "dispatch": {
      const heads = await responsibleFor(conn, zoneId, c.ownerUnitId, !c.ownerOfficerId);
      const officer = c.ownerOfficerId ? await findUser(conn, zoneId, c.ownerOfficerId) : undefined;
      const to = [...heads, ...(await usersById(conn, zoneId, [c.ownerOfficerId]))];
      const unit = await unitName(conn, zoneId, c.ownerUnitId);
      return [
        {
          kind: "assigned",
          to,
          title: titled("新的待办诉求", c),
          body: `${who}将${quoted(c)}分派至${unit}${officer ? `（承办人：${officer.displayName}）` : ""}，请及时受理。${withComment("说明", e.comment)}`,
        },
      ];
    }
    case "request_assist": {
      const unitId = typeof e.data.unitId === "string" ? e.data.unitId : null;
      return [
        {
          kind: "assigned",
          to: await responsibleFor(conn, zoneId, unitId),
          title: titled("请协办诉求", c),
          body: `${who}请${await unitName(conn, zoneId, unitId)}协办${quoted(c)}。${withComment("说明", e.comment)}`,
        },
      ];
    }
    case "return": {
      // Back to whoever dispatched it last and the people of their unit who dispatch.
      const dispatches = (await listSteps(conn, zoneId, c.id)).filter((s) => s.step === "dispatch");
      const lastDispatcher = dispatches.at(-1)?.actorId ?? null;
      const to = [
        ...(await usersById(conn, zoneId, [lastDispatcher])),
        ...(c.ownerUnitId ? await responsibleFor(conn, zoneId, c.ownerUnitId) : []),
      ];
      return [
        {
          kind: "returned",
          to,
          title: titled("诉求被退回", c),
          body: `${who}退回了${quoted(c)}，请重新分派。${withComment("退回理由", e.comment)}`,
        },
      ];
    }
    case "reply": {
      const ent =
        c.enterpriseId && !c.projectId
          ? await listNoticeRecipients(conn, zoneId, { enterpriseId: c.enterpriseId })
          : [];
      const to = [...ent.filter((u) => u.role === "enterprise"), ...(await usersById(conn, zoneId, [c.createdBy]))];
      return [
        {
          kind: "replied",
          to,
          title: titled("诉求已答复", c),
          body: `${who}答复了${quoted(c)}，请查看并评价。${withComment("答复", e.comment)}`,
        },
      ];
    }
    case "rate": {
      if (e.data.rating !== "unsatisfied") return [];
      const was = before ?? c;
      const to = [
        ...(await usersById(conn, zoneId, [was.ownerOfficerId])),
        ...(await responsibleFor(conn, zoneId, was.ownerUnitId, !was.ownerOfficerId)),
        ...(await responsibleFor(conn, zoneId, e.centre.unitId)),
      ];
      const notices: { kind: NotificationKind; to: Recipient[]; title: string; body: string }[] = [
        {
          kind: "unsatisfied",
          to,
          title: titled("企业对答复不满意", c),
          body: `企业对${quoted(c)}的答复不满意，${e.data.escalated ? "已提交兜底办" : "诉求已重新办理"}。${withComment("企业意见", e.comment)}`,
        },
      ];
      if (e.data.escalated) notices.push(await escalationNotice(conn, e, "企业第二次评价不满意，"));
      return notices;
    }
    case "escalate":
      return [await escalationNotice(conn, e, "")];
    case "auto_escalate":
      return [await escalationNotice(conn, e, "超过办结时限未办结，")];
    case "remind": {
      const to = [
        ...(await usersById(conn, zoneId, [c.ownerOfficerId])),
        ...(await responsibleFor(conn, zoneId, c.ownerUnitId ?? e.centre.unitId, !c.ownerOfficerId)),
      ];
      return [
        {
          kind: "reminded",
          to,
          title: titled("催办", c),
          body: `${who}催办${quoted(c)}，请尽快办理。${withComment("说明", e.comment)}`,
        },
      ];
    }
    default:
      return [];
  }
}

async function escalationNotice(conn: Conn, e: CaseEvent, why: string) {
  const to = [
    ...(await responsibleFor(conn, e.zoneId, e.centre.escalationUnitId)),
    ...(await leadersOf(conn, e.zoneId)),
  ];
  return {
    kind: "escalated" as const,
    to,
    title: titled("诉求已提交兜底办", e.after),
    body: `${why}${e.actor ? `${e.actor.displayName}将` : ""}${quoted(e.after)}${e.actor ? "" : "已自动"}提交兜底办，请督促办理。${withComment("说明", e.comment)}`,
  };
}

/**
 * Writes the notices of one case step (or timer) to the people who must act, never to the actor. Call it in the
 * step's transaction.
 */
export async function notifyCaseEvent(tx: Conn, channels: readonly Channel[], e: CaseEvent): Promise<void> {
  const told = new Set<string>(e.actor ? [e.actor.userId] : []);
  for (const n of await noticesOf(tx, e)) {
    const to = n.to.filter((r) => !told.has(r.id));
    for (const r of to) told.add(r.id);
    if (!to.length) continue;
    await notify(tx, channels, e.zoneId, e.now, to, {
      kind: n.kind,
      subjectType: "case",
      subjectId: e.after.id,
      title: n.title,
      body: n.body,
    });
  }
}
