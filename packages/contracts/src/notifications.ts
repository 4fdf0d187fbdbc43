import { z } from "zod";
import { IsoDateTime } from "./common.ts";

/**
 * What a notification tells: assigned to you (分派/新诉求), due within one working day, overdue, returned (退回),
 * escalated (兜底办), replied (答复), rated 不满意, reminded (催办).
 */
export const NOTIFICATION_KINDS = [
  "assigned",
  "due_soon",
  "overdue",
  "returned",
  "escalated",
  "replied",
  "unsatisfied",
  "reminded",
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z
  .object({
    id: z.uuid(),
    kind: NotificationKind,
    /** What it is about: a case for now; the web app links to it. */
    subjectType: z.string(),
    subjectId: z.uuid(),
    title: z.string(),
    body: z.string(),
    createdAt: IsoDateTime,
    readAt: IsoDateTime.nullable(),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = z.object({
  /** true: only the unread ones. */
  unread: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const NotificationList = z.object({
  items: z.array(Notification),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const ReadAllResult = z.object({ marked: z.number().int() });

/**
 * The numbers next to the menu: open cases in each to-do list (GET /cases?view=mine|unit|escalated) and how many
 * of them are overdue.
 */
export const CaseTodoCounts = z
  .object({
    mine: z.number().int(),
    unit: z.number().int(),
    escalated: z.number().int(),
    overdueMine: z.number().int(),
    overdueUnit: z.number().int(),
    overdueEscalated: z.number().int(),
  })
  .meta({ id: "CaseTodoCounts" });
export type CaseTodoCounts = z.infer<typeof CaseTodoCounts>;
