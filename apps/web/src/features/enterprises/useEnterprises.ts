import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type QueryParams } from "../../app/api.ts";
import type { AuditList, Enterprise, EnterpriseList, EnterpriseOptions, EnterpriseSort } from "../../app/types.ts";

/** The filters of the list and the export, as they stand in the URL. */
export type EnterpriseFilters = {
  q?: string;
  parkUnitId?: string;
  industryCode?: string;
  label?: string;
  isKey?: "true" | "false";
  officerId?: string;
  sort?: EnterpriseSort;
};

export type EnterpriseListParams = EnterpriseFilters & { page: number; pageSize: number };

export const enterpriseKeys = {
  all: ["enterprises"] as const,
  list: (p: EnterpriseListParams) => ["enterprises", "list", p] as const,
  detail: (id: string) => ["enterprises", "detail", id] as const,
  history: (id: string) => ["enterprises", "history", id] as const,
  options: ["enterprises", "options"] as const,
};

export function useEnterpriseList(params: EnterpriseListParams) {
  return useQuery({
    queryKey: enterpriseKeys.list(params),
    queryFn: ({ signal }) => api.get<EnterpriseList>("/enterprises", params as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

/** Parks and service officers to choose from (filters and the form). */
export function useEnterpriseOptions(enabled = true) {
  return useQuery({
    queryKey: enterpriseKeys.options,
    queryFn: ({ signal }) => api.get<EnterpriseOptions>("/enterprises/options", undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<Enterprise>(`/enterprises/${id}`, undefined, signal),
    enabled: !!id,
    meta: { quiet: true },
    staleTime: 0,
  });
}

export function useEnterpriseHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: enterpriseKeys.history(id),
    queryFn: ({ signal }) => api.get<AuditList>(`/enterprises/${id}/history`, { pageSize: 200 }, signal),
    enabled,
    staleTime: 0,
  });
}
