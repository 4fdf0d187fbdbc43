import { useQuery } from "@tanstack/react-query";
import type { Me } from "@zoneos/contracts";
import { api } from "./api.ts";

export const ME_KEY = ["me"] as const;

/** The logged-in user; fails with 401 when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => api.get<Me>("/auth/me", undefined, signal),
    staleTime: 5 * 60_000,
    retry: false,
    meta: { quiet: true },
  });
}

export type Permission =
  | "org.manage"
  | "audit.read"
  | "enterprise.read"
  | "enterprise.create"
  | "enterprise.update"
  | "enterprise.delete"
  | "enterprise.import"
  | "enterprise.export"
  | "calendar.manage"
  | "case.read"
  | "case.create"
  | "case.handle"
  | "case.dispatch"
  | "case.rate"
  | "case.remind"
  | "case.supervise"
  | "case.configure"
  | "attachment.upload"
  | "visit.read"
  | "visit.record"
  | "visit.assign"
  | "visit.configure"
  | "enterprise.invite"
  | "figures.read"
  | "project.read"
  | "project.edit"
  | "project.report"
  | "project.reopen"
  | "project.import"
  | "project.configure"
  | "lead.read"
  | "lead.edit"
  | "lead.override"
  | "lead.configure"
  | "chain.read"
  | "chain.edit";

export function can(me: Me | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

/** Where a user lands after login: enterprise users on their own enterprise, everybody else on the list. */
export function homePath(me: Me): string {
  if (me.mustChangePassword) return "/account/password";
  if (me.role === "enterprise" && me.enterpriseId) return `/enterprises/${me.enterpriseId}`;
  return "/enterprises";
}
