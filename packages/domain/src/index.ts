export * from "./credit-code.ts";
export * from "./dates.ts";
export * from "./excel-text.ts";
export * from "./industry.ts";
export * from "./labels.ts";
export * from "./password.ts";
export * from "./regions.ts";
export * from "./roles.ts";
