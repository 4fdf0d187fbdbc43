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

/** The .xlsx file of a multipart upload (field `file`), or a 400 in the user's language. */
export async function xlsxUpload(req: FastifyRequest): Promise<Buffer> {
  const part = await req.file().catch(() => undefined);
  if (!part)
    throw new AppError("IMPORT_BAD_FILE", {
      reason: { "zh-CN": "请选择一个 .xlsx 文件", "en-US": "choose an .xlsx file" },
    });
  const body = await part.toBuffer();
  if (body.length < 4 || body[0] !== 0x50 || body[1] !== 0x4b)
    throw new AppError("IMPORT_BAD_FILE", {
      reason: { "zh-CN": "不是 .xlsx 格式（请用 Excel 另存为 .xlsx）", "en-US": "not an .xlsx file" },
    });
  return body;
}
