import { Notification, NotificationList, NotificationListQuery, ReadAllResult, UnreadCount } from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import { listMyNotifications, myUnreadCount, readAllNotifications, readNotification } from "./notifications.service.ts";

const tags = ["notifications"];

/** The user's own inbox; every user has one, so the permission is only to be logged in. */
export function notificationRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/notifications",
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        summary: "My notifications, newest first (unread=true: only the unread ones)",
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    async (req) => listMyNotifications(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/notifications/unread-count",
    {
      config: { permission: "authenticated" },
      schema: { tags, summary: "How many of my notifications are unread", response: { 200: UnreadCount } },
    },
    async (req) => myUnreadCount(db, ctxOf(req, clock)),
  );
  app.post(
    "/api/v1/notifications/read-all",
    {
      config: { permission: "authenticated" },
      schema: { tags, summary: "Mark all my notifications read", response: { 200: ReadAllResult } },
    },
    async (req) => readAllNotifications(db, ctxOf(req, clock)),
  );
  app.post(
    "/api/v1/notifications/:id/read",
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        summary: "Mark one of my notifications read (another user's answers 404)",
        params: z.object({ id: z.uuid() }),
        response: { 200: Notification },
      },
    },
    async (req) => readNotification(db, ctxOf(req, clock), req.params.id),
  );
}
