import { ChangePasswordRequest, LoginRequest, LoginResponse, Me, Ok } from "@zoneos/contracts";
import type { FastifyReply } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import { changePassword, login, logout, me } from "./auth.service.ts";

export const SESSION_COOKIE = "zoneos_session";
export const CSRF_COOKIE = "zoneos_csrf";

export function authRoutes(app: App, { db, config, clock }: AppDeps) {
  const cookieBase = { path: "/", sameSite: "lax" as const, secure: config.secureCookies };
  const clearCookies = (reply: FastifyReply) => {
    reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
  };

  app.post(
    "/api/v1/auth/login",
    {
      config: { permission: "public", rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Log in; sets the session and CSRF cookies",
        security: [],
        body: LoginRequest,
        response: { 200: LoginResponse },
      },
    },
    async (req, reply) => {
      const r = await login(db, config, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip ?? null,
        userAgent: req.headers["user-agent"] ?? null,
        now: clock.now(),
      });
      reply.setCookie(SESSION_COOKIE, r.token, { ...cookieBase, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...cookieBase, httpOnly: false });
      return { user: await me(db, r.actor, r.mustChangePassword) };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    {
      config: { permission: "authenticated" },
      schema: { tags: ["auth"], summary: "Log out: the session ends", response: { 200: Ok } },
    },
    async (req, reply) => {
      if (!req.sessionTokenHash) throw new AppError("UNAUTHENTICATED");
      await logout(db, ctxOf(req, clock), req.sessionTokenHash);
      clearCookies(reply);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/v1/auth/me",
    {
      config: { permission: "authenticated" },
      schema: { tags: ["auth"], summary: "The logged-in user", response: { 200: Me } },
    },
    async (req) => me(db, ctxOf(req, clock).actor, req.mustChangePassword),
  );

  app.post(
    "/api/v1/auth/change-password",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Change one's own password",
        body: ChangePasswordRequest,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await changePassword(db, ctxOf(req, clock), req.sessionTokenHash as string, req.body);
      return { ok: true as const };
    },
  );
}
