import { timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "./db/client.ts";
import { storageFor, useFileStorage } from "./modules/attachments/attachments.files.ts";
import { attachmentRoutes } from "./modules/attachments/attachments.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { authRoutes, SESSION_COOKIE } from "./modules/auth/auth.routes.ts";
import { resolveSession } from "./modules/auth/auth.service.ts";
import { calendarRoutes } from "./modules/calendar/calendar.routes.ts";
import { caseRoutes } from "./modules/cases/cases.routes.ts";
import { chainRoutes } from "./modules/chains/chains.routes.ts";
import { enterpriseRoutes } from "./modules/enterprises/enterprises.routes.ts";
import { figuresRoutes } from "./modules/figures/figures.routes.ts";
import { leadFigureRoutes } from "./modules/leads/leads.figures.routes.ts";
import { leadRoutes } from "./modules/leads/leads.routes.ts";
import { tripRoutes } from "./modules/leads/trips.routes.ts";
import { channelsFromConfig, useChannels } from "./modules/notifications/notifications.channels.ts";
import { notificationRoutes } from "./modules/notifications/notifications.routes.ts";
import { inviteRoutes } from "./modules/org/org.invites.routes.ts";
import { orgRoutes } from "./modules/org/org.routes.ts";
import { projectRoutes } from "./modules/projects/projects.routes.ts";
import { visitRoutes } from "./modules/visits/visits.routes.ts";
import { can, type Permission } from "./platform/access.ts";
import { type Clock, systemClock } from "./platform/clock.ts";
import type { Config } from "./platform/config.ts";
import { AppError, type ErrorCode, type ErrorParams, errorMessage } from "./platform/errors.ts";
import type { App, AppDeps } from "./platform/http.ts";
import { type Lang, langFromHeader } from "./platform/i18n.ts";
import { WEB_DIST } from "./platform/paths.ts";
import { zodIssueMessage } from "./platform/validation.ts";

export interface RouteInfo {
  method: string;
  url: string;
  permission: Permission | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Builds the whole HTTP application on a database; `main.ts` and the tests call the same function. */
export async function buildApp(opts: {
  db: Db;
  config: Config;
  clock?: Clock;
  /** More routes, registered after the modules' (tests use it to check the route rules). */
  extraRoutes?: (app: App, deps: AppDeps) => void;
}): Promise<App & { routeList: RouteInfo[] }> {
  const deps: AppDeps = { db: opts.db, config: opts.config, clock: opts.clock ?? systemClock };
  const { config, clock, db } = deps;
  // The outbound channels (webhook, e-mail) of this database's notifications; closed with the app.
  useChannels(db, channelsFromConfig(config));
  // Where this database's attachments live, for the scheduler's clean-up of stale uploads.
  useFileStorage(db, storageFor(config));
  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    // A HEAD would run a GET's work (an export, its audit row) for nothing.
    exposeHeadRoutes: false,
  }).withTypeProvider() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeList: RouteInfo[] = [];
  app.addHook("onRoute", (route) => {
    const cfg = (route.config ?? {}) as { permission?: Permission };
    // The documentation UI's own routes are public; every other route must say what it needs.
    if (!cfg.permission && route.url.startsWith("/api/docs")) {
      route.config = { ...cfg, permission: "public" };
    } else if (!cfg.permission) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission (config.permission)`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods)
      routeList.push({
        method: m,
        url: route.url,
        permission: (route.config as { permission?: Permission })?.permission,
      });
  });

  app.decorateRequest("actor", null);
  app.decorateRequest("lang", "zh-CN");
  app.decorateRequest("sessionTokenHash", null);
  app.decorateRequest("mustChangePassword", false);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 30 * 1024 * 1024, files: 1 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("RATE_LIMITED"),
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "ZoneOS API",
        version: "0.1.0",
        description:
          "开发区运行平台 API. Log in with POST /api/v1/auth/login; send the zoneos_csrf cookie's value as X-CSRF-Token on every write. Errors are RFC 9457 problem+json with a stable `code`.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The page runs under the app's own CSP (it needs inline styles, which that allows); no external validator.
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { validatorUrl: null, docExpansion: "list" } });

  app.addHook("onRequest", async (req) => {
    req.lang = langFromHeader(req.headers["accept-language"]);
    const permission = req.routeOptions.config?.permission;
    if (!permission || permission === "public") return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new AppError("UNAUTHENTICATED");
    const s = await resolveSession(db, config, token, clock.now());
    if (s === "none") throw new AppError("UNAUTHENTICATED");
    if (s === "expired") throw new AppError("SESSION_EXPIRED");
    req.actor = s.actor;
    req.sessionTokenHash = s.tokenHash;
    req.mustChangePassword = s.mustChangePassword;
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers["x-csrf-token"];
      if (typeof header !== "string" || !sameText(header, s.csrfToken)) throw new AppError("CSRF_FAILED");
    }
    if (s.mustChangePassword && permission !== "authenticated") throw new AppError("PASSWORD_CHANGE_REQUIRED");
    if (!can(s.actor, permission)) throw new AppError("FORBIDDEN");
  });

  app.setErrorHandler((err: FastifyError, req, reply) => sendProblem(req, reply, err));
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new AppError("ROUTE_NOT_FOUND")));

  app.get(
    "/api/health",
    {
      config: { permission: "public" },
      schema: { tags: ["platform"], response: { 200: z.object({ status: z.literal("ok"), database: z.string() }) } },
    },
    async () => {
      await db.execute(sql`select 1`);
      return { status: "ok" as const, database: "up" };
    },
  );
  app.get("/api/openapi.json", { config: { permission: "public" }, schema: { hide: true } }, async () => app.swagger());

  authRoutes(app, deps);
  orgRoutes(app, deps);
  auditRoutes(app, deps);
  enterpriseRoutes(app, deps);
  calendarRoutes(app, deps);
  caseRoutes(app, deps);
  visitRoutes(app, deps);
  attachmentRoutes(app, deps);
  inviteRoutes(app, deps);
  figuresRoutes(app, deps);
  notificationRoutes(app, deps);
  projectRoutes(app, deps);
  leadRoutes(app, deps);
  tripRoutes(app, deps);
  leadFigureRoutes(app, deps);
  chainRoutes(app, deps);
  opts.extraRoutes?.(app, deps);

  registerWeb(app, config.webDist ?? WEB_DIST);
  app.addHook("onClose", async () => useChannels(db, []));
  await app.ready();
  return Object.assign(app, { routeList });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Serves the built web app; any path outside /api that is not a file gets index.html (client-side routes). */
function registerWeb(app: App, dist: string) {
  const hasWeb = existsSync(path.join(dist, "index.html"));
  // The build writes .br and .gz beside each asset (tools/compress-dist.mjs); they are sent as they are.
  if (hasWeb) app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true });
  app.get("/*", { config: { permission: "public" }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split("?")[0] ?? "/";
    if (url.startsWith("/api/")) throw new AppError("ROUTE_NOT_FOUND");
    if (!hasWeb)
      return reply.type("text/plain; charset=utf-8").send("ZoneOS: the web app is not built; run `npm run build`.");
    const file = decodeURIComponent(url).replace(/^\/+/, "");
    if (file && !file.includes("..") && existsSync(path.join(dist, file)) && !file.endsWith("/")) {
      // Vite names assets by content hash: they never change, the browser keeps them.
      if (file.startsWith("assets/")) return reply.sendFile(file, { maxAge: "365d", immutable: true });
      return reply.sendFile(file, { maxAge: 0 });
    }
    return reply.header("Cache-Control", "no-cache").sendFile("index.html", { cacheControl: false });
  });
}

/**
 * A unique index refused a write that the service's own check let through (two people submitting the same thing at
 * the same moment): PostgreSQL's SQLSTATE 23505, on the error itself or on the cause drizzle wraps it in.
 */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const lang: Lang = req.lang ?? langFromHeader(req.headers["accept-language"]);
  let code: ErrorCode;
  let params: ErrorParams = {};
  let errors: { path: string; message: string }[] | undefined;
  if (err instanceof AppError) {
    code = err.code;
    params = err.params;
    errors = err.details as typeof errors;
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    code = "VALIDATION_FAILED";
    errors = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, "").replace(/\//g, "."),
      message: zodMessage(v, lang),
    }));
    params = { details: errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; ") };
  } else {
    const e = err as FastifyError;
    if (isUniqueViolation(err)) code = "DUPLICATE_RECORD";
    else if (e.statusCode === 429) code = "RATE_LIMITED";
    else if (e.statusCode === 413) code = "IMPORT_TOO_LARGE";
    else if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      code = "VALIDATION_FAILED";
      params = { details: e.message };
    } else {
      code = "INTERNAL";
      params = { requestId: req.id };
      req.log.error({ err }, "unhandled error");
    }
    if (code === "IMPORT_TOO_LARGE") params = { limit: "30 MB" };
  }
  const message = errorMessage(code, params, lang);
  const status =
    err instanceof AppError
      ? err.status
      : code === "INTERNAL"
        ? 500
        : code === "RATE_LIMITED"
          ? 429
          : code === "IMPORT_TOO_LARGE"
            ? 413
            : code === "ROUTE_NOT_FOUND"
              ? 404
              : code === "DUPLICATE_RECORD"
                ? 409
                : 400;
  return reply
    .status(status)
    .type("application/problem+json; charset=utf-8")
    .send(
      JSON.stringify({
        type: `/problems/${code.toLowerCase()}`,
        title: message,
        status,
        code,
        detail: message,
        instance: req.url,
        ...(errors ? { errors } : {}),
      }),
    );
}

/** A validation error of fastify-type-provider-zod carries the zod issue in `params`. */
function zodMessage(
  v: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> },
  lang: Lang,
): string {
  return zodIssueMessage(
    { ...v.params, code: v.keyword, path: v.instancePath.split("/").filter(Boolean), message: v.message },
    lang,
  );
}
