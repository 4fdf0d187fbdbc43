export * from "./audit.ts";
export * from "./auth.ts";
export * from "./calendar.ts";
export * from "./cases.ts";
export * from "./common.ts";
export * from "./enterprises.ts";
export * from "./issues.ts";
export * from "./org.ts";
