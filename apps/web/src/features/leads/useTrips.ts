import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { api, type QueryParams } from "../../app/api.ts";

/** Types of the trip API; type-only, so no schema enters the bundle. */
export type Trip = C.Trip;
export type TripSummary = C.TripSummary;
export type TripList = C.TripList;
export type TripCounts = C.TripCounts;
export type TripOptions = C.TripOptions;
export type TripInput = C.TripInput;
export type TripUpdate = C.TripUpdate;

export type TripListParams = { year?: number; leaderId?: string; unitId?: string; page: number; pageSize: number };

export const tripKeys = {
  all: ["trips"] as const,
  list: (p: TripListParams) => ["trips", "list", p] as const,
  counts: (from: string, to: string) => ["trips", "counts", from, to] as const,
  options: ["trips", "options"] as const,
  detail: (id: string) => ["trips", "detail", id] as const,
};

export function useTripList(params: TripListParams) {
  return useQuery({
    queryKey: tripKeys.list(params),
    queryFn: ({ signal }) => api.get<TripList>("/trips", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Trips per leader and unit whose start date is in [from, to]. */
export function useTripCounts(from: string, to: string) {
  return useQuery({
    queryKey: tripKeys.counts(from, to),
    queryFn: ({ signal }) => api.get<TripCounts>("/trips/counts", { from, to }, signal),
    staleTime: 0,
  });
}

export function useTripOptions(enabled = true) {
  return useQuery({
    queryKey: tripKeys.options,
    queryFn: ({ signal }) => api.get<TripOptions>("/trips/options", undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useTrip(id: string | undefined) {
  return useQuery({
    queryKey: tripKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<Trip>(`/trips/${id}`, undefined, signal),
    enabled: !!id,
    meta: { quiet: true },
    staleTime: 0,
  });
}

/** Creates (no id) or changes a trip; the lists, counts and the trip are read again. */
export function useSaveTrip() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TripInput | TripUpdate }) =>
      id ? api.put<Trip>(`/trips/${id}`, body) : api.post<Trip>("/trips", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: tripKeys.all }),
  });
}

export function useDeleteTrip() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/trips/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: tripKeys.all }),
  });
}
