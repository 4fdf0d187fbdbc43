import {
  InviteAccept,
  InviteCreate,
  InviteCreated,
  InviteList,
  InvitePreview,
  InviteTokenParams,
  LoginResponse,
} from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import { CSRF_COOKIE, SESSION_COOKIE } from "../auth/auth.routes.ts";
import { login, me } from "../auth/auth.service.ts";
import { acceptInvite, createInvite, enterpriseInvitesOf, previewInvite } from "./org.invites.ts";

const EnterpriseParams = z.object({ id: z.uuid() });
const tags = ["org"];

/** Invitations of enterprise users by their service officer, and the public page that accepts them. */
export function inviteRoutes(app: App, { db, config, clock }: AppDeps) {
  // The public endpoints are throttled like the login: a token cannot be guessed by trying.
  const publicLimit = { max: config.loginRateLimitPerMinute, timeWindow: "1 minute" };

  app.post(
    "/api/v1/enterprises/:id/invites",
    {
      config: { permission: "enterprise.invite" },
      schema: {
        tags,
        summary: "Invite an enterprise contact to open a portal account; the link is in this answer only",
        params: EnterpriseParams,
        body: InviteCreate,
        response: { 201: InviteCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await createInvite(db, ctxOf(req, clock), req.params.id, req.body)),
  );

  app.get(
    "/api/v1/enterprises/:id/invites",
    {
      config: { permission: "enterprise.invite" },
      schema: {
        tags,
        summary: "An enterprise's invitations: pending, used or expired",
        params: EnterpriseParams,
        response: { 200: InviteList },
      },
    },
    async (req) => enterpriseInvitesOf(db, ctxOf(req, clock), req.params.id),
  );

  app.get(
    "/api/v1/invites/:token",
    {
      config: { permission: "public", rateLimit: publicLimit },
      schema: {
        tags,
        summary: "What an invitation link offers (404 INVITE_INVALID when unknown, used or expired)",
        security: [],
        params: InviteTokenParams,
        response: { 200: InvitePreview },
      },
    },
    async (req) => previewInvite(db, req.params.token, clock.now()),
  );

  app.post(
    "/api/v1/invites/:token/accept",
    {
      // Public like the login (no session yet, so no CSRF token): a JSON body, SameSite cookies and the one-time
      // token in the path are what a forged cross-site request cannot supply.
      config: { permission: "public", rateLimit: publicLimit },
      schema: {
        tags,
        summary: "Accept an invitation: creates the enterprise user and logs them in (sets the session cookies)",
        security: [],
        params: InviteTokenParams,
        body: InviteAccept,
        response: { 201: LoginResponse },
      },
    },
    async (req, reply) => {
      const now = clock.now();
      const ip = req.ip ?? null;
      const { username } = await acceptInvite(db, req.params.token, req.body, { ip, lang: req.lang, now });
      const r = await login(db, config, {
        username,
        password: req.body.password,
        ip,
        userAgent: req.headers["user-agent"] ?? null,
        now,
      });
      const cookieBase = { path: "/", sameSite: "lax" as const, secure: config.secureCookies };
      reply.setCookie(SESSION_COOKIE, r.token, { ...cookieBase, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...cookieBase, httpOnly: false });
      return reply.status(201).send({ user: await me(db, r.actor, r.mustChangePassword) });
    },
  );
}
