import { z } from "zod";
import { NewPassword } from "./auth.ts";
import { optionalText } from "./common.ts";
import { UserCreate } from "./org.ts";

/** An officer invites an enterprise's contact to open a portal account. */
export const InviteCreate = z.object({
  displayName: z.string().trim().min(1).max(50),
  phone: optionalText(30),
});
export type InviteCreate = z.input<typeof InviteCreate>;

/** The answer to creating an invitation: the link is shown this once and never again. */
export const InviteCreated = z.object({
  id: z.uuid(),
  /** A path of the web app (/invite/<token>); prefix the site's address to share it. */
  link: z.string(),
  expiresAt: z.string(),
});
export type InviteCreated = z.infer<typeof InviteCreated>;

export const INVITE_STATES = ["pending", "used", "expired"] as const;

export const Invite = z.object({
  id: z.uuid(),
  displayName: z.string(),
  phone: z.string().nullable(),
  state: z.enum(INVITE_STATES),
  invitedByName: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  /** The user name the invitee chose, once used. */
  username: z.string().nullable(),
});
export type Invite = z.infer<typeof Invite>;
export const InviteList = z.object({ items: z.array(Invite) });

/** What the invitation page shows before the invitee chooses a user name. */
export const InvitePreview = z.object({
  enterpriseName: z.string(),
  displayName: z.string(),
  expiresAt: z.string(),
});
export type InvitePreview = z.infer<typeof InvitePreview>;

export const InviteAccept = z.object({
  username: UserCreate.shape.username,
  password: NewPassword,
});
export type InviteAccept = z.input<typeof InviteAccept>;

/** The invitation token in the URL (32 random bytes, base64url); anything unknown is 404 INVITE_INVALID. */
export const InviteTokenParams = z.object({ token: z.string().min(1).max(200) });
