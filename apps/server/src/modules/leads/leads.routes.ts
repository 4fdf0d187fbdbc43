import type { App, AppDeps } from "../../platform/http.ts";

/** Routes of the leads: to be written. */
export function leadRoutes(_app: App, _deps: AppDeps) {}
