import { createHash, randomBytes } from "node:crypto";
import type { Me } from "@zoneos/contracts";
import { isStrongPassword, type Role } from "@zoneos/domain";
import type { Db } from "../../db/client.ts";
import { type Actor, permissionsOf } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { Config } from "../../platform/config.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { hashPassword, verifyPassword } from "../../platform/passwords.ts";
import {
  findUnit,
  findUser,
  findUserByUsername,
  findZone,
  type UserRow,
  unitSubtreeIds,
  updateUser,
} from "../org/org.queries.ts";
import {
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from "./auth.queries.ts";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const TOUCH_EVERY_MS = 60_000;

// Verifying against a real hash for unknown users keeps the answer time the same as for known ones.
const dummyHash = hashPassword("zoneos-timing-equaliser-Aa1!");

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

export async function login(
  db: Db,
  cfg: Config,
  input: { username: string; password: string; ip: string | null; userAgent: string | null; now: Date },
): Promise<LoginResult> {
  const user = await findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(await dummyHash, input.password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (user.lockedUntil && user.lockedUntil > input.now) {
    throw new AppError("ACCOUNT_LOCKED", {
      minutes: Math.ceil((user.lockedUntil.getTime() - input.now.getTime()) / 60_000),
    });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  const actor = await actorOf(db, user);
  const ctx: RequestContext = { actor, ip: input.ip, lang: "zh-CN", now: input.now };
  if (!ok) {
    const failures = user.failedLogins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await db.transaction(async (tx) => {
      await updateUser(tx, user.zoneId, user.id, {
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(input.now.getTime() + LOCK_MINUTES * 60_000) : user.lockedUntil,
      });
      await recordAudit(tx, ctx, {
        action: lock ? "auth.locked" : "auth.login_failed",
        entityType: "user",
        entityId: user.id,
        entityName: user.username,
        after: { failedLogins: failures },
        actedAs: { id: null, name: input.username },
      });
    });
    if (lock) throw new AppError("ACCOUNT_LOCKED", { minutes: LOCK_MINUTES });
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (user.disabled) throw new AppError("ACCOUNT_DISABLED");
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db.transaction(async (tx) => {
    await deleteExpiredSessions(tx, idleLimit(cfg, input.now), absoluteLimit(cfg, input.now));
    await insertSession(tx, {
      tokenHash: hashToken(token),
      zoneId: user.zoneId,
      userId: user.id,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: input.now,
      lastSeenAt: input.now,
    });
    await updateUser(tx, user.zoneId, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: input.now });
    await recordAudit(tx, ctx, {
      action: "auth.login",
      entityType: "user",
      entityId: user.id,
      entityName: user.username,
    });
  });
  return { token, csrfToken, actor, mustChangePassword: mustChange(user) };
}

const idleLimit = (cfg: Config, now: Date) => new Date(now.getTime() - cfg.sessionIdleMinutes * 60_000);
const absoluteLimit = (cfg: Config, now: Date) => new Date(now.getTime() - cfg.sessionAbsoluteHours * 3_600_000);
const mustChange = (u: UserRow) => u.mustChangePassword && !u.isDemo;

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
  mustChangePassword: boolean;
}

/** The session behind a cookie token, or why there is none: "none" (unknown token) or "expired". */
export async function resolveSession(
  db: Db,
  cfg: Config,
  token: string,
  now: Date,
): Promise<ResolvedSession | "none" | "expired"> {
  const tokenHash = hashToken(token);
  const s = await findSession(db, tokenHash);
  if (!s) return "none";
  if (s.lastSeenAt < idleLimit(cfg, now) || s.createdAt < absoluteLimit(cfg, now)) {
    await deleteSession(db, tokenHash);
    return "expired";
  }
  const known = actorCache.get(s.userId);
  let entry: CachedActor;
  if (known && now.getTime() - known.at < ACTOR_CACHE_MS && known.at <= now.getTime()) entry = known;
  else {
    const user = await findUser(db, s.zoneId, s.userId);
    if (!user || user.disabled) {
      await deleteSession(db, tokenHash);
      return "none";
    }
    entry = { actor: await actorOf(db, user), mustChangePassword: mustChange(user), at: now.getTime() };
    actorCache.set(s.userId, entry);
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, tokenHash, now);
  return { actor: entry.actor, csrfToken: s.csrfToken, tokenHash, mustChangePassword: entry.mustChangePassword };
}

/**
 * The user behind a session is cached for a few seconds, so a request costs one look-up (the session's, which is
 * never cached: logout, expiry and a disabled account take effect at once). A change of a user's role, unit or
 * enterprise made in this process forgets the entry at once; one made by another instance shows within ACTOR_CACHE_MS.
 */
const ACTOR_CACHE_MS = 5_000;
interface CachedActor {
  actor: Actor;
  mustChangePassword: boolean;
  at: number;
}
const actorCache = new Map<string, CachedActor>();

/** Call after changing a user, so the next request sees the change. */
export function forgetActor(userId: string): void {
  actorCache.delete(userId);
}

async function actorOf(db: Db, user: UserRow): Promise<Actor> {
  return {
    userId: user.id,
    zoneId: user.zoneId,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    unitId: user.unitId,
    enterpriseId: user.enterpriseId,
    unitSubtree: user.role === "unithead" && user.unitId ? await unitSubtreeIds(db, user.zoneId, user.unitId) : [],
  };
}

export async function logout(db: Db, ctx: RequestContext, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, tokenHash);
    await recordAudit(tx, ctx, {
      action: "auth.logout",
      entityType: "user",
      entityId: ctx.actor.userId,
      entityName: ctx.actor.username,
    });
  });
}

export async function me(db: Db, actor: Actor, mustChangePassword: boolean): Promise<Me> {
  const zone = await findZone(db, actor.zoneId);
  const unit = actor.unitId ? await findUnit(db, actor.zoneId, actor.unitId) : undefined;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    unitId: actor.unitId,
    unitName: unit?.name ?? null,
    enterpriseId: actor.enterpriseId,
    zoneId: actor.zoneId,
    zoneName: zone?.name ?? "",
    mustChangePassword,
    permissions: permissionsOf(actor.role),
  };
}

/** Changes the actor's own password; the user's other sessions end, this one stays. */
export async function changePassword(
  db: Db,
  ctx: RequestContext,
  tokenHash: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUser(db, ctx.actor.zoneId, ctx.actor.userId);
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError("WRONG_PASSWORD");
  if (!isStrongPassword(input.newPassword)) throw new AppError("WEAK_PASSWORD");
  if (input.currentPassword === input.newPassword) throw new AppError("SAME_PASSWORD");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUser(tx, user.zoneId, user.id, { passwordHash, mustChangePassword: false, updatedAt: ctx.now });
    await deleteOtherSessions(tx, user.zoneId, user.id, tokenHash);
    forgetActor(user.id);
    await recordAudit(tx, ctx, {
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      entityName: user.username,
    });
  });
}
