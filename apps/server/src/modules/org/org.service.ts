import type {
  ResetPasswordRequest,
  Unit,
  UnitInput,
  User,
  UserCreate,
  UserListQuery,
  UserUpdate,
} from "@zoneos/contracts";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { hashPassword } from "../../platform/passwords.ts";
import { deleteUserSessions } from "../auth/auth.queries.ts";
import { forgetActor } from "../auth/auth.service.ts";
import { forgetServiceCentre } from "../cases/cases.service.ts";
import { countEnterprisesInPark, enterpriseNamesById } from "../enterprises/enterprises.queries.ts";
import { auditableUser, presentUnit, presentUser } from "./org.presenter.ts";
import {
  countUnitDependants,
  deleteUnit,
  findUnit,
  findUnitByName,
  findUser,
  findUserByUsername,
  insertUnit,
  insertUser,
  listServiceOfficers,
  listUnits,
  listUsers,
  type UserRow,
  unitSubtreeIds,
  updateUnit,
  updateUser,
} from "./org.queries.ts";

const UNIT = { "zh-CN": "单位", "en-US": "Unit" };
const USER = { "zh-CN": "用户", "en-US": "User" };

export async function getUnits(db: Db, ctx: RequestContext): Promise<Unit[]> {
  return (await listUnits(db, ctx.actor.zoneId)).map(presentUnit);
}

export async function createUnit(db: Db, ctx: RequestContext, input: z.output<typeof UnitInput>): Promise<Unit> {
  const zoneId = ctx.actor.zoneId;
  const unit = await db.transaction(async (tx) => {
    if (input.parentId && !(await findUnit(tx, zoneId, input.parentId))) throw notFound(UNIT);
    if (await findUnitByName(tx, zoneId, input.parentId, input.name))
      throw new AppError("DUPLICATE_UNIT", { name: input.name });
    const row = await insertUnit(tx, { zoneId, ...input });
    await recordAudit(tx, ctx, {
      action: "unit.create",
      entityType: "unit",
      entityId: row.id,
      entityName: row.name,
      after: { ...input },
    });
    return presentUnit({ ...row, userCount: 0 });
  });
  forgetServiceCentre(zoneId);
  return unit;
}

export async function changeUnit(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UnitInput>,
): Promise<Unit> {
  const zoneId = ctx.actor.zoneId;
  const unit = await db.transaction(async (tx) => {
    const before = await findUnit(tx, zoneId, id);
    if (!before) throw notFound(UNIT);
    if (input.parentId) {
      if (!(await findUnit(tx, zoneId, input.parentId))) throw notFound(UNIT);
      if ((await unitSubtreeIds(tx, zoneId, id)).includes(input.parentId)) throw new AppError("UNIT_CYCLE");
    }
    const clash = await findUnitByName(tx, zoneId, input.parentId, input.name);
    if (clash && clash.id !== id) throw new AppError("DUPLICATE_UNIT", { name: input.name });
    const row = await updateUnit(tx, zoneId, id, input);
    if (!row) throw notFound(UNIT);
    const pick = (u: typeof row) => ({ name: u.name, kind: u.kind, parentId: u.parentId, sortOrder: u.sortOrder });
    await recordAudit(tx, ctx, {
      action: "unit.update",
      entityType: "unit",
      entityId: id,
      entityName: row.name,
      before: pick(before),
      after: pick(row),
    });
    const units = await listUnits(tx, zoneId);
    return presentUnit(units.find((u) => u.id === id) ?? { ...row, userCount: 0 });
  });
  forgetServiceCentre(zoneId);
  return unit;
}

export async function removeUnit(db: Db, ctx: RequestContext, id: string): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const before = await findUnit(tx, zoneId, id);
    if (!before) throw notFound(UNIT);
    if ((await countUnitDependants(tx, zoneId, id)) > 0) throw new AppError("UNIT_HAS_CHILDREN");
    const enterprisesInPark = await countEnterprisesInPark(tx, zoneId, id);
    if (enterprisesInPark > 0) throw new AppError("PARK_HAS_ENTERPRISES", { count: enterprisesInPark });
    await deleteUnit(tx, zoneId, id);
    await recordAudit(tx, ctx, {
      action: "unit.delete",
      entityType: "unit",
      entityId: id,
      entityName: before.name,
      before: { name: before.name, kind: before.kind, parentId: before.parentId },
    });
  });
  forgetServiceCentre(zoneId);
}

async function presentUsers(conn: Conn, zoneId: string, rows: UserRow[], now: Date): Promise<User[]> {
  const units = new Map((await listUnits(conn, zoneId)).map((u) => [u.id, u.name]));
  const enterprises = await enterpriseNamesById(
    conn,
    zoneId,
    rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
  );
  return rows.map((r) =>
    presentUser(
      r,
      {
        unitName: (r.unitId && units.get(r.unitId)) || null,
        enterpriseName: (r.enterpriseId && enterprises.get(r.enterpriseId)) || null,
      },
      now,
    ),
  );
}

export async function searchUsers(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof UserListQuery>,
): Promise<{ items: User[]; total: number }> {
  const { rows, total } = await listUsers(db, ctx.actor.zoneId, q, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await presentUsers(db, ctx.actor.zoneId, rows, ctx.now), total };
}

/** Checks that a user's unit and enterprise exist in the zone and fit the role. */
async function checkUserLinks(
  conn: Conn,
  zoneId: string,
  input: { role: string; unitId: string | null; enterpriseId: string | null },
) {
  if (input.unitId && !(await findUnit(conn, zoneId, input.unitId))) throw notFound(UNIT);
  if (input.role === "enterprise") {
    if (!input.enterpriseId)
      throw validation("enterpriseId", "企业用户必须关联一家企业", "An enterprise user must belong to an enterprise");
    const names = await enterpriseNamesById(conn, zoneId, [input.enterpriseId]);
    if (!names.has(input.enterpriseId)) throw notFound({ "zh-CN": "企业", "en-US": "Enterprise" });
  }
  if ((input.role === "unithead" || input.role === "officer") && !input.unitId) {
    throw validation("unitId", "单位负责人和干部必须属于一个单位", "Unit heads and officers must belong to a unit");
  }
}

function validation(path: string, zh: string, en: string) {
  return new AppError("VALIDATION_FAILED", { details: { "zh-CN": zh, "en-US": en } }, [{ path, message: zh }]);
}

export async function createUser(db: Db, ctx: RequestContext, input: z.output<typeof UserCreate>): Promise<User> {
  const zoneId = ctx.actor.zoneId;
  const passwordHash = await hashPassword(input.initialPassword);
  return db.transaction(async (tx) => {
    if (await findUserByUsername(tx, input.username))
      throw new AppError("DUPLICATE_USERNAME", { username: input.username });
    const enterpriseId = input.role === "enterprise" ? input.enterpriseId : null;
    await checkUserLinks(tx, zoneId, { ...input, enterpriseId });
    const row = await insertUser(tx, {
      zoneId,
      username: input.username,
      displayName: input.displayName,
      phone: input.phone,
      email: input.email,
      role: input.role,
      unitId: input.unitId,
      enterpriseId,
      passwordHash,
      mustChangePassword: true,
    });
    await recordAudit(tx, ctx, {
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      entityName: row.username,
      after: auditableUser(row),
    });
    return (await presentUsers(tx, zoneId, [row], ctx.now))[0] as User;
  });
}

export async function changeUser(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof UserUpdate>,
): Promise<User> {
  const zoneId = ctx.actor.zoneId;
  return db.transaction(async (tx) => {
    const before = await findUser(tx, zoneId, id);
    if (!before) throw notFound(USER);
    if (id === ctx.actor.userId && (input.disabled || input.role !== before.role))
      throw new AppError("CANNOT_DISABLE_SELF");
    const enterpriseId = input.role === "enterprise" ? input.enterpriseId : null;
    await checkUserLinks(tx, zoneId, { ...input, enterpriseId });
    const row = await updateUser(tx, zoneId, id, { ...input, enterpriseId, updatedAt: ctx.now });
    if (!row) throw notFound(USER);
    if (row.disabled || row.role !== before.role) await deleteUserSessions(tx, zoneId, id);
    forgetActor(id);
    await recordAudit(tx, ctx, {
      action: "user.update",
      entityType: "user",
      entityId: id,
      entityName: row.username,
      before: auditableUser(before),
      after: auditableUser(row),
    });
    return (await presentUsers(tx, zoneId, [row], ctx.now))[0] as User;
  });
}

/** Sets a new initial password: the user must change it at the next login, and their sessions end. */
export async function resetPassword(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof ResetPasswordRequest>,
): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  const passwordHash = await hashPassword(input.initialPassword);
  await db.transaction(async (tx) => {
    const user = await findUser(tx, zoneId, id);
    if (!user) throw notFound(USER);
    // A demo account whose password an administrator sets is a real account from then on: it must change it too.
    await updateUser(tx, zoneId, id, {
      passwordHash,
      mustChangePassword: true,
      isDemo: false,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: ctx.now,
    });
    await deleteUserSessions(tx, zoneId, id);
    forgetActor(id);
    await recordAudit(tx, ctx, {
      action: "user.password_reset",
      entityType: "user",
      entityId: id,
      entityName: user.username,
    });
  });
}

export async function unlockUser(db: Db, ctx: RequestContext, id: string): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const user = await findUser(tx, zoneId, id);
    if (!user) throw notFound(USER);
    await updateUser(tx, zoneId, id, { failedLogins: 0, lockedUntil: null, updatedAt: ctx.now });
    await recordAudit(tx, ctx, { action: "user.unlock", entityType: "user", entityId: id, entityName: user.username });
  });
}

/** Officers and unit heads who can be assigned to an enterprise, for pickers and imports. */
export async function serviceOfficers(conn: Conn, zoneId: string) {
  const units = new Map((await listUnits(conn, zoneId)).map((u) => [u.id, u.name]));
  return (await listServiceOfficers(conn, zoneId)).map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unitName: (u.unitId && units.get(u.unitId)) || null,
  }));
}

/** Parks of the zone (units of kind park), for pickers and imports. */
export async function parks(conn: Conn, zoneId: string) {
  return (await listUnits(conn, zoneId)).filter((u) => u.kind === "park").map((u) => ({ id: u.id, name: u.name }));
}
