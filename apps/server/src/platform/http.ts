import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../db/client.ts";
import type { Actor, Permission } from "./access.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { RequestContext } from "./context.ts";
import { AppError } from "./errors.ts";
import type { Lang } from "./i18n.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Every route declares the permission it needs; app.ts refuses to start with a route that does not. */
    permission?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    sessionTokenHash: string | null;
    mustChangePassword: boolean;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** The request's context for a service call; only for routes behind a login. */
export function ctxOf(req: FastifyRequest, clock: Clock): RequestContext {
  if (!req.actor) throw new AppError("UNAUTHENTICATED");
  return { actor: req.actor, ip: req.ip ?? null, lang: req.lang, now: clock.now() };
}

/** Sends an .xlsx buffer or stream as a download with a UTF-8 file name. */
export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer | NodeJS.ReadableStream) {
  return reply
    .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header(
      "Content-Disposition",
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header("Cache-Control", "no-store")
    .send(body);
}
