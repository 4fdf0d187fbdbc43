import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { showError } from "../components/feedback.ts";
import { isApiError } from "./api.ts";

/**
 * Reads go through TanStack Query. A failed read shows the server's message unless the query says
 * `meta: { quiet: true }` (the page then shows its own state, e.g. "not found").
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (query.meta?.quiet) return;
      showError(err);
    },
  }),
  mutationCache: new MutationCache({
    onError: (err, _vars, _ctx, mutation) => {
      if (mutation.meta?.quiet) return;
      showError(err);
    },
  }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      retry: (count, err) => !(isApiError(err) && err.status > 0 && err.status < 500) && count < 2,
    },
  },
});

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: { quiet?: boolean };
    mutationMeta: { quiet?: boolean };
  }
}
