/**
 * Response and request types of the API, inferred from the zod schemas of @zoneos/contracts.
 * Type-only imports: nothing of the schemas (nor the industry and region tables they use) enters the bundle.
 */
import type * as C from "@zoneos/contracts";
import type { z } from "zod";

export type Me = C.Me;
export type Unit = C.Unit;
export type User = C.User;
export type AuditEntry = C.AuditEntry;
export type Enterprise = C.Enterprise;
export type EnterpriseSummary = C.EnterpriseSummary;
export type ImportStatus = C.ImportStatus;
export type ImportProblem = z.infer<typeof C.ImportProblem>;
export type EnterpriseInput = C.EnterpriseInput;
export type UnitInput = C.UnitInput;
export type UserCreate = C.UserCreate;
export type UserUpdate = C.UserUpdate;
export type Role = Me["role"];
export type UnitKind = Unit["kind"];
export type EnterpriseLabelKey = EnterpriseSummary["labels"][number];
export type EnterpriseSort = (typeof C.ENTERPRISE_SORTS)[number];

export type UnitList = z.infer<typeof C.UnitList>;
export type UserList = z.infer<typeof C.UserList>;
export type AuditList = z.infer<typeof C.AuditList>;
export type EnterpriseList = z.infer<typeof C.EnterpriseList>;
export type EnterpriseOptions = z.infer<typeof C.EnterpriseOptions>;
