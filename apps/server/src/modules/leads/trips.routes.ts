import type { App, AppDeps } from "../../platform/http.ts";

/** Routes of the trips: to be written. */
export function tripRoutes(_app: App, _deps: AppDeps) {}
