import type { App, AppDeps } from "../../platform/http.ts";

/** Routes of the chains: to be written. */
export function chainRoutes(_app: App, _deps: AppDeps) {}
