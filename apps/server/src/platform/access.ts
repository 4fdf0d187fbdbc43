import type { Role } from "@zoneos/domain";
import { AppError } from "./errors.ts";

/**
 * The one place that decides who may do what. Every route declares one of these permissions;
 * services then narrow each object to the actor's data scope.
 */
export const PERMISSIONS = [
  "public",
  "authenticated",
  "org.manage",
  "audit.read",
  "calendar.manage",
  "enterprise.read",
  "enterprise.create",
  "enterprise.update",
  "enterprise.delete",
  "enterprise.import",
  "enterprise.export",
  "case.read",
  "case.create",
  "case.handle",
  "case.dispatch",
  "case.rate",
  "case.remind",
  "case.supervise",
  "case.configure",
  "attachment.upload",
  "visit.read",
  "visit.record",
  "visit.assign",
  "visit.configure",
  "enterprise.invite",
  "figures.read",
  "project.read",
  "project.edit",
  "project.report",
  "project.reopen",
  "project.import",
  "project.configure",
  "lead.read",
  "lead.edit",
  "lead.override",
  "lead.configure",
  "chain.read",
  "chain.edit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_PERMISSIONS: readonly Permission[] = [
  "enterprise.read",
  "enterprise.create",
  "enterprise.update",
  "enterprise.export",
  "case.read",
  "case.create",
  "case.handle",
  "case.dispatch",
  "case.remind",
  "attachment.upload",
  "visit.read",
  "visit.record",
  "enterprise.invite",
  "project.read",
  "project.edit",
  "project.report",
  "lead.read",
  "lead.edit",
  "chain.read",
];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // The administrator may do everything a zone offers.
  admin: PERMISSIONS.filter((p) => p !== "public" && p !== "authenticated"),
  // Cases: the case engine (packages/domain/src/cases.ts) narrows each step further by the case and its state:
  // a leader dispatches only escalated cases, an officer only as a member of the service centre.
  leader: [
    "enterprise.read",
    "enterprise.export",
    "case.read",
    "case.dispatch",
    "case.remind",
    "case.supervise",
    "visit.read",
    "figures.read",
    "project.read",
    // A leader reads the pipeline and the chains, and overrides a failed screening to let a lead be signed.
    "lead.read",
    "lead.override",
    "chain.read",
  ],
  // Unit heads and officers share the staff permissions; their data scopes differ (unit subtree / own assignments).
  // A unit head also assigns the enterprises of the unit's officers (挂点) and reads the unit's figures.
  // A unit head also reopens a locked month of project reports for the unit and imports projects, and edits the
  // industrial chains (links, placements, targets).
  unithead: [...STAFF_PERMISSIONS, "visit.assign", "figures.read", "project.reopen", "project.import", "chain.edit"],
  officer: STAFF_PERMISSIONS,
  enterprise: [
    "enterprise.read",
    "enterprise.update",
    "case.read",
    "case.create",
    "case.rate",
    "case.remind",
    "attachment.upload",
    "visit.read",
  ],
};

/** The logged-in user as the server sees them for one request. */
export interface Actor {
  userId: string;
  zoneId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  enterpriseId: string | null;
  /** The actor's unit and every unit below it (filled for unit heads). */
  unitSubtree: string[];
}

/**
 * Whose enterprises an actor may see and change:
 * admin and leader the whole zone; a unit head those in a park of their unit subtree or served by an officer of it;
 * an officer those assigned to them; an enterprise user only their own.
 */
export type EnterpriseScope =
  | { kind: "zone" }
  | { kind: "units"; unitIds: string[] }
  | { kind: "officer"; userId: string }
  | { kind: "enterprise"; enterpriseId: string | null };

export function permissionsOf(role: Role): Permission[] {
  return ["authenticated", ...ROLE_PERMISSIONS[role]];
}

export function can(actor: Actor, permission: Permission): boolean {
  if (permission === "public" || permission === "authenticated") return true;
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("FORBIDDEN");
}

export function enterpriseScope(actor: Actor): EnterpriseScope {
  switch (actor.role) {
    case "admin":
    case "leader":
      return { kind: "zone" };
    case "unithead":
      return { kind: "units", unitIds: actor.unitSubtree };
    case "officer":
      return { kind: "officer", userId: actor.userId };
    case "enterprise":
      return { kind: "enterprise", enterpriseId: actor.enterpriseId };
  }
}

/**
 * Whose cases an actor sees: admin, leader and the service centre's staff (企业服务中心 and its sub-units) the
 * whole zone; a unit head those owned by, taken in by or assisted by a unit of their subtree; an officer those of
 * their unit (owned or assisted), assigned to them or entered by them; an enterprise user only its enterprise's.
 */
export type CaseScope =
  | { kind: "zone" }
  | { kind: "units"; unitIds: string[] }
  | { kind: "officer"; userId: string; unitId: string | null }
  | { kind: "enterprise"; enterpriseId: string | null };

export function caseScope(actor: Actor, serviceCentre: boolean): CaseScope {
  if (serviceCentre && (actor.role === "officer" || actor.role === "unithead")) return { kind: "zone" };
  switch (actor.role) {
    case "admin":
    case "leader":
      return { kind: "zone" };
    case "unithead":
      return { kind: "units", unitIds: actor.unitSubtree };
    case "officer":
      return { kind: "officer", userId: actor.userId, unitId: actor.unitId };
    case "enterprise":
      return { kind: "enterprise", enterpriseId: actor.enterpriseId };
  }
}
