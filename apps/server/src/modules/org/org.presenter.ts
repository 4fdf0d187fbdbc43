import type { Unit, User } from "@zoneos/contracts";
import type { Role, UnitKind } from "@zoneos/domain";
import type { UnitRow, UserRow } from "./org.queries.ts";

export function presentUnit(u: UnitRow & { userCount: number }): Unit {
  return {
    id: u.id,
    parentId: u.parentId,
    name: u.name,
    kind: u.kind as UnitKind,
    sortOrder: u.sortOrder,
    userCount: u.userCount,
  };
}

export function presentUser(
  u: UserRow,
  names: { unitName: string | null; enterpriseName: string | null },
  now: Date,
): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    phone: u.phone,
    email: u.email,
    role: u.role as Role,
    unitId: u.unitId,
    unitName: names.unitName,
    enterpriseId: u.enterpriseId,
    enterpriseName: names.enterpriseName,
    disabled: u.disabled,
    locked: !!u.lockedUntil && u.lockedUntil > now,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

/** The fields of a user that the audit log shows (never the password hash). */
export function auditableUser(u: UserRow) {
  return {
    username: u.username,
    displayName: u.displayName,
    phone: u.phone,
    email: u.email,
    role: u.role,
    unitId: u.unitId,
    enterpriseId: u.enterpriseId,
    disabled: u.disabled,
  };
}
