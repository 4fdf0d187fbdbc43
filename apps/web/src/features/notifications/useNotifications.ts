import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { api } from "../../app/api.ts";

/** Types of the notification API; type-only, so no schema enters the bundle. */
export type Notification = C.Notification;
export type NotificationList = C.NotificationList;
export type NotificationKind = C.NotificationKind;
export type CaseTodoCounts = C.CaseTodoCounts;

/** The bell and the menu counts look again every minute. */
export const POLL_MS = 60_000;

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  list: (p: { unread: boolean; page: number; pageSize: number }) => ["notifications", "list", p] as const,
};
/** Under the cases' key, so whatever refreshes the cases after a step refreshes the counts too. */
export const todoCountsKey = ["cases", "todo-counts"] as const;

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<C.UnreadCount>("/notifications/unread-count", undefined, signal),
    refetchInterval: POLL_MS,
    staleTime: 0,
    meta: { quiet: true },
  });
}

export function useNotificationList(p: { unread: boolean; page: number; pageSize: number }) {
  return useQuery({
    queryKey: notificationKeys.list(p),
    queryFn: ({ signal }) =>
      api.get<NotificationList>(
        "/notifications",
        { unread: p.unread ? "true" : undefined, page: p.page, pageSize: p.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

export function useTodoCounts(enabled: boolean) {
  return useQuery({
    queryKey: todoCountsKey,
    queryFn: ({ signal }) => api.get<CaseTodoCounts>("/cases/todo-counts", undefined, signal),
    refetchInterval: POLL_MS,
    staleTime: 0,
    enabled,
    meta: { quiet: true },
  });
}

/** Marks one notification read (or all of them with id null) and refreshes the bell and the list. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string | null): Promise<void> => {
      if (id) await api.post<Notification>(`/notifications/${id}/read`);
      else await api.post<{ marked: number }>("/notifications/read-all");
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
