/** The drizzle schema index: every module's tables. */

export * from "../modules/attachments/attachments.tables.ts";
export * from "../modules/audit/audit.tables.ts";
export * from "../modules/auth/auth.tables.ts";
export * from "../modules/calendar/calendar.tables.ts";
export * from "../modules/cases/cases.tables.ts";
export * from "../modules/chains/chains.tables.ts";
export * from "../modules/enterprises/enterprises.tables.ts";
export * from "../modules/leads/leads.tables.ts";
export * from "../modules/notifications/notifications.tables.ts";
export * from "../modules/org/org.tables.ts";
export * from "../modules/projects/projects.tables.ts";
export * from "../modules/visits/visits.tables.ts";
