import { randomBytes } from "node:crypto";
import type { Invite, InviteAccept, InviteCreate, InviteCreated, InvitePreview } from "@zoneos/contracts";
import { isStrongPassword, type Role } from "@zoneos/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Lang } from "../../platform/i18n.ts";
import { hashPassword } from "../../platform/passwords.ts";
import { hashToken } from "../auth/auth.service.ts";
import { enterpriseNamesById, findEnterprise } from "../enterprises/enterprises.queries.ts";
import { ENTERPRISE, resolveScope } from "../enterprises/enterprises.service.ts";
import {
  findUsableInvite,
  type InviteWithNames,
  insertInvite,
  listInvites,
  markInviteUsed,
} from "./org.invites.queries.ts";
import { auditableUser } from "./org.presenter.ts";
import { findUserByUsername, insertUser } from "./org.queries.ts";

/** How long an invitation link works. */
export const INVITE_VALID_MS = 7 * 24 * 3_600_000;

/** The enterprise if it is in the actor's enterprise scope (an officer: assigned to them; admin: any), else 404. */
async function enterpriseInScope(db: Db, ctx: RequestContext, enterpriseId: string) {
  const found = await findEnterprise(db, ctx.actor.zoneId, await resolveScope(db, ctx.actor), enterpriseId);
  if (!found) throw notFound(ENTERPRISE);
  return found;
}

/**
 * Invites an enterprise's contact to open a portal account. The token (32 random bytes) is returned once, in the
 * link; only its SHA-256 is stored, and the audit row never holds it.
 */
export async function createInvite(
  db: Db,
  ctx: RequestContext,
  enterpriseId: string,
  input: z.output<typeof InviteCreate>,
): Promise<InviteCreated> {
  const enterprise = await enterpriseInScope(db, ctx, enterpriseId);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(ctx.now.getTime() + INVITE_VALID_MS);
  const row = await db.transaction(async (tx) => {
    const row = await insertInvite(tx, {
      zoneId: ctx.actor.zoneId,
      enterpriseId,
      tokenHash: hashToken(token),
      displayName: input.displayName,
      phone: input.phone,
      invitedBy: ctx.actor.userId,
      expiresAt,
      createdAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: "invite.create",
      entityType: "enterprise",
      entityId: enterpriseId,
      entityName: enterprise.name,
      after: { inviteId: row.id, displayName: row.displayName, phone: row.phone, expiresAt: expiresAt.toISOString() },
    });
    return row;
  });
  return { id: row.id, link: `/invite/${token}`, expiresAt: row.expiresAt.toISOString() };
}

function presentInvite(r: InviteWithNames, now: Date): Invite {
  return {
    id: r.id,
    displayName: r.displayName,
    phone: r.phone,
    state: r.usedAt ? "used" : r.expiresAt <= now ? "expired" : "pending",
    invitedByName: r.invitedByName,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    usedAt: r.usedAt?.toISOString() ?? null,
    username: r.username,
  };
}

/** The invitations of an enterprise in the actor's scope, newest first. */
export async function enterpriseInvitesOf(
  db: Db,
  ctx: RequestContext,
  enterpriseId: string,
): Promise<{ items: Invite[] }> {
  await enterpriseInScope(db, ctx, enterpriseId);
  const rows = await listInvites(db, ctx.actor.zoneId, enterpriseId);
  return { items: rows.map((r) => presentInvite(r, ctx.now)) };
}

/** What the invitation page shows; an unknown, used or expired token is one and the same 404 INVITE_INVALID. */
export async function previewInvite(db: Db, token: string, now: Date): Promise<InvitePreview> {
  const invite = await findUsableInvite(db, hashToken(token), now);
  if (!invite) throw new AppError("INVITE_INVALID");
  const names = await enterpriseNamesById(db, invite.zoneId, [invite.enterpriseId]);
  const enterpriseName = names.get(invite.enterpriseId);
  if (!enterpriseName) throw new AppError("INVITE_INVALID");
  return { enterpriseName, displayName: invite.displayName, expiresAt: invite.expiresAt.toISOString() };
}

/**
 * Turns an invitation into an enterprise user of its enterprise with the user name and password the invitee chose
 * (so no forced change at first login), and marks it used: one transaction with its audit row. A token used at
 * the same moment by someone else refuses the second with INVITE_INVALID and writes nothing.
 */
export async function acceptInvite(
  db: Db,
  token: string,
  input: z.output<typeof InviteAccept>,
  meta: { ip: string | null; lang: Lang; now: Date },
): Promise<{ username: string }> {
  const tokenHash = hashToken(token);
  if (!(await findUsableInvite(db, tokenHash, meta.now))) throw new AppError("INVITE_INVALID");
  if (!isStrongPassword(input.password)) throw new AppError("WEAK_PASSWORD");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const invite = await findUsableInvite(tx, tokenHash, meta.now);
    if (!invite) throw new AppError("INVITE_INVALID");
    if (!(await enterpriseNamesById(tx, invite.zoneId, [invite.enterpriseId])).has(invite.enterpriseId))
      throw new AppError("INVITE_INVALID");
    if (await findUserByUsername(tx, input.username))
      throw new AppError("DUPLICATE_USERNAME", { username: input.username });
    const user = await insertUser(tx, {
      zoneId: invite.zoneId,
      username: input.username,
      displayName: invite.displayName,
      phone: invite.phone,
      role: "enterprise",
      enterpriseId: invite.enterpriseId,
      passwordHash,
      mustChangePassword: false,
      createdAt: meta.now,
      updatedAt: meta.now,
    });
    if (!(await markInviteUsed(tx, invite.zoneId, invite.id, user.id, meta.now))) throw new AppError("INVITE_INVALID");
    const ctx: RequestContext = {
      actor: {
        userId: user.id,
        zoneId: user.zoneId,
        username: user.username,
        displayName: user.displayName,
        role: user.role as Role,
        unitId: null,
        enterpriseId: user.enterpriseId,
        unitSubtree: [],
      },
      ip: meta.ip,
      lang: meta.lang,
      now: meta.now,
    };
    await recordAudit(tx, ctx, {
      action: "invite.accept",
      entityType: "user",
      entityId: user.id,
      entityName: user.username,
      after: { ...auditableUser(user), inviteId: invite.id, invitedBy: invite.invitedBy },
    });
    return { username: user.username };
  });
}
