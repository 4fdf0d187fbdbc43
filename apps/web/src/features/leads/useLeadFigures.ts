import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { api, type QueryParams } from "../../app/api.ts";

/** Types of the pipeline figures and the investment map; type-only, so no schema enters the bundle. */
export type LeadFigures = C.LeadFigures;
export type LeadMap = C.LeadMap;
export type FigureChannel = LeadFigures["channels"][number]["channel"];
export type FigureBucket = keyof LeadFigures["bucketTotals"]["buckets"];

/** The figures' query as it stands in the URL (also the export's). */
export type LeadFigureParams = { from: string; to: string; unitId?: string; channel?: FigureChannel; chainId?: string };
export type LeadMapParams = { from: string; to: string; chainId?: string; province?: string };

export const figureKeys = {
  figures: (p: LeadFigureParams) => ["leads", "figures", p] as const,
  map: (p: LeadMapParams) => ["leads", "map", p] as const,
};

export function useLeadFigures(params: LeadFigureParams) {
  return useQuery({
    queryKey: figureKeys.figures(params),
    queryFn: ({ signal }) => api.get<LeadFigures>("/leads/figures", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useLeadMap(params: LeadMapParams) {
  return useQuery({
    queryKey: figureKeys.map(params),
    queryFn: ({ signal }) => api.get<LeadMap>("/leads/map", params as QueryParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
