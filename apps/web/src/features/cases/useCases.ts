import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import type { z } from "zod";
import { api, type QueryParams } from "../../app/api.ts";

/** Types of the case API; type-only, so no schema enters the bundle. */
export type Case = C.Case;
export type CaseSummary = C.CaseSummary;
export type CaseInput = C.CaseInput;
export type CaseStepInput = C.CaseStepInput;
export type CaseCategory = C.CaseCategory;
export type CaseList = z.infer<typeof C.CaseList>;
export type CaseCategoryList = z.infer<typeof C.CaseCategoryList>;
export type CaseView = (typeof C.CASE_VIEWS)[number];
export type CaseHistoryItem = Case["history"][number];
export type Attachment = Case["attachments"][number];

export type CaseListParams = { view: CaseView; q?: string; page: number; pageSize: number };

export const caseKeys = {
  all: ["cases"] as const,
  list: (p: CaseListParams) => ["cases", "list", p] as const,
  detail: (id: string) => ["cases", "detail", id] as const,
  categories: ["cases", "categories"] as const,
};

export function useCaseList(params: CaseListParams) {
  return useQuery({
    queryKey: caseKeys.list(params),
    queryFn: ({ signal }) => api.get<CaseList>("/cases", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<Case>(`/cases/${id}`, undefined, signal),
    enabled: !!id,
    meta: { quiet: true },
    staleTime: 0,
  });
}

export function useCaseCategories(enabled = true) {
  return useQuery({
    queryKey: caseKeys.categories,
    queryFn: ({ signal }) => api.get<CaseCategoryList>("/cases/categories", undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}
