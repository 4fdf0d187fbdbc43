import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { api } from "../../app/api.ts";

/** Types of the chain API; type-only, so no schema enters the bundle. */
export type ChainSummary = C.ChainSummary;
export type ChainList = C.ChainList;
export type ChainInput = C.ChainInput;
export type ChainUpdate = C.ChainUpdate;
export type ChainGaps = C.ChainGaps;
export type GapLink = C.GapLink;
export type ChainLinkInput = C.ChainLinkInput;
export type ChainTarget = C.ChainTarget;
export type ChainTargetInput = C.ChainTargetInput;
export type ChainTargetUpdate = C.ChainTargetUpdate;
export type ChainTargetList = C.ChainTargetList;
export type ChainTargetImportResult = C.ChainTargetImportResult;
export type PlacementSuggestions = C.PlacementSuggestions;
export type ChainSegment = C.ChainSegment;
export type LinkCoverage = C.LinkCoverage;
export type CompanySize = C.CompanySize;

export const SEGMENTS = ["upstream", "midstream", "downstream"] as const satisfies readonly ChainSegment[];
export const COMPANY_SIZES = ["large", "medium", "small", "micro"] as const satisfies readonly CompanySize[];
/** Node colours by coverage: missing red, weak orange, strong green. */
export const COVERAGE_COLORS: Record<LinkCoverage, string> = {
  none: "#f5222d",
  weak: "#fa8c16",
  strong: "#52c41a",
};
export const COVERAGE_TAG: Record<LinkCoverage, string> = { none: "red", weak: "orange", strong: "green" };

export const chainKeys = {
  all: ["chains"] as const,
  list: ["chains", "list"] as const,
  gaps: (id: string) => ["chains", "gaps", id] as const,
  targets: (id: string) => ["chains", "targets", id] as const,
  suggestions: (id: string, linkId: string) => ["chains", "suggestions", id, linkId] as const,
  link: (id: string, linkId: string) => ["chains", "link", id, linkId] as const,
};

export function useChainList() {
  return useQuery({
    queryKey: chainKeys.list,
    queryFn: ({ signal }) => api.get<ChainList>("/chains", undefined, signal),
    staleTime: 0,
  });
}

export function useChainGaps(id: string | undefined) {
  return useQuery({
    queryKey: chainKeys.gaps(id ?? ""),
    queryFn: ({ signal }) => api.get<ChainGaps>(`/chains/${id}/gaps`, undefined, signal),
    enabled: !!id,
    meta: { quiet: true },
    staleTime: 0,
  });
}

/** One link with every enterprise placed on it (the gap analysis names only a few). */
export function useChainLink(id: string, linkId: string) {
  return useQuery({
    queryKey: chainKeys.link(id, linkId),
    queryFn: ({ signal }) => api.get<GapLink>(`/chains/${id}/links/${linkId}`, undefined, signal),
    staleTime: 0,
  });
}

export function useChainTargets(id: string, enabled = true) {
  return useQuery({
    queryKey: chainKeys.targets(id),
    queryFn: ({ signal }) => api.get<ChainTargetList>(`/chains/${id}/targets`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}

export function usePlacementSuggestions(id: string, linkId: string, enabled: boolean) {
  return useQuery({
    queryKey: chainKeys.suggestions(id, linkId),
    queryFn: ({ signal }) =>
      api.get<PlacementSuggestions>(`/chains/${id}/links/${linkId}/suggestions`, undefined, signal),
    enabled,
    staleTime: 0,
  });
}

/** A write on chains: every chain query is read again afterwards (counts and coverage change together). */
export function useChainMutation<V, R = unknown>(fn: (v: V) => Promise<R>, onSuccess?: (r: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: chainKeys.all });
      onSuccess?.(r);
    },
  });
}

export const chainApi = {
  create: (body: ChainInput) => api.post<ChainSummary>("/chains", body),
  update: (id: string, body: ChainUpdate) => api.put<ChainSummary>(`/chains/${id}`, body),
  remove: (id: string) => api.delete(`/chains/${id}`, { cascade: true }),
  addLink: (id: string, body: ChainLinkInput) => api.post<GapLink>(`/chains/${id}/links`, body),
  updateLink: (id: string, linkId: string, body: ChainLinkInput) =>
    api.put<GapLink>(`/chains/${id}/links/${linkId}`, body),
  removeLink: (id: string, linkId: string) => api.delete(`/chains/${id}/links/${linkId}`, { cascade: true }),
  place: (id: string, linkId: string, body: { add?: string[]; remove?: string[] }) =>
    api.put<GapLink>(`/chains/${id}/links/${linkId}/enterprises`, body),
  addTarget: (id: string, linkId: string, body: ChainTargetInput) =>
    api.post<ChainTarget>(`/chains/${id}/links/${linkId}/targets`, body),
  updateTarget: (id: string, targetId: string, body: ChainTargetUpdate) =>
    api.put<ChainTarget>(`/chains/${id}/targets/${targetId}`, body),
  removeTarget: (id: string, targetId: string) => api.delete(`/chains/${id}/targets/${targetId}`),
};

/** The lead form prefilled from a target, or the lead already created from it. */
export function leadPathOf(target: Pick<ChainTarget, "id" | "linkId" | "leadId">): string {
  return target.leadId ? `/leads/${target.leadId}` : `/leads/new?targetId=${target.id}&chainLinkId=${target.linkId}`;
}
