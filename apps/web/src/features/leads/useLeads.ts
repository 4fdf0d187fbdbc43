import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { api, type QueryParams } from "../../app/api.ts";

/** Types of the lead API; type-only, so no schema enters the bundle. */
export type Lead = C.Lead;
export type LeadSummary = C.LeadSummary;
export type LeadList = C.LeadList;
export type LeadOptions = C.LeadOptions;
export type LeadStage = C.LeadSummary["stage"];
export type LeadChannel = C.LeadSummary["channel"];
export type LeadBucket = C.LeadSummary["bucket"];
export type LeadMoveOption = C.LeadMoveOption;
export type LeadMoveNeed = LeadMoveOption["needs"][number];
export type LeadStageMoveInput = C.LeadStageMoveInput;
export type LeadActivity = C.LeadActivity;
export type LeadActivityInput = C.LeadActivityInput;
export type Scorecard = C.Scorecard;
export type ScorecardView = C.ScorecardView;
export type ScreeningScheme = C.ScreeningSettings["scheme"];
export type ScreeningCriterion = ScreeningScheme["criteria"][number];
export type ScreeningSettings = C.ScreeningSettings;
export type LeadSort = (typeof C.LEAD_SORTS)[number];
export type LeadMine = NonNullable<C.LeadFilter["mine"]>;

/** The table's filters as they stand in the URL. */
export type LeadFilters = {
  q?: string;
  stage?: LeadStage;
  channel?: LeadChannel;
  unitId?: string;
  chainId?: string;
  bucket?: LeadBucket;
  officerId?: string;
  leaderId?: string;
  tripId?: string;
  mine?: LeadMine;
  sort?: LeadSort;
};
export type LeadListParams = LeadFilters & { page: number; pageSize: number };

export const leadKeys = {
  all: ["leads"] as const,
  list: (p: LeadListParams) => ["leads", "list", p] as const,
  options: ["leads", "options"] as const,
  detail: (id: string) => ["leads", "detail", id] as const,
  scorecard: (id: string) => ["leads", "scorecard", id] as const,
  screening: ["leads", "screening"] as const,
};

export function useLeadList(params: LeadListParams) {
  return useQuery({
    queryKey: leadKeys.list(params),
    queryFn: ({ signal }) => api.get<LeadList>("/leads", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Units, officers, leaders and chain links to choose from (filters and the form). */
export type LeadPrefill = C.LeadPrefill;

/** The chain target or trip a new lead starts from (the form's ?targetId= / ?tripId=). */
export function useLeadPrefill(targetId: string | null, tripId: string | null) {
  return useQuery({
    queryKey: [...leadKeys.all, "prefill", targetId, tripId],
    queryFn: ({ signal }) =>
      api.get<LeadPrefill>("/leads/prefill", { targetId: targetId ?? undefined, tripId: tripId ?? undefined }, signal),
    enabled: !!(targetId || tripId),
    staleTime: 60_000,
  });
}

export function useLeadOptions(enabled = true) {
  return useQuery({
    queryKey: leadKeys.options,
    queryFn: ({ signal }) => api.get<LeadOptions>("/leads/options", undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useLead(id: string | undefined) {
  return useQuery({
    queryKey: leadKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<Lead>(`/leads/${id}`, undefined, signal),
    enabled: !!id,
    meta: { quiet: true },
    staleTime: 0,
  });
}

export function useScorecard(id: string, enabled: boolean) {
  return useQuery({
    queryKey: leadKeys.scorecard(id),
    queryFn: ({ signal }) => api.get<ScorecardView>(`/leads/${id}/scorecard`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}

export function useScreeningSettings() {
  return useQuery({
    queryKey: leadKeys.screening,
    queryFn: ({ signal }) => api.get<ScreeningSettings>("/leads/settings/screening", undefined, signal),
    staleTime: 60_000,
  });
}
