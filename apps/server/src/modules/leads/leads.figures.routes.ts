import type { App, AppDeps } from "../../platform/http.ts";

/** Routes of the pipeline figures: to be written. */
export function leadFigureRoutes(_app: App, _deps: AppDeps) {}
