import type { Readable } from "node:stream";
import { ATTACHMENT_EXTENSIONS, type Upload } from "@zoneos/contracts";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import { type RequestContext, SYSTEM_NAME, systemContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { canSeeCase } from "../cases/cases.service.ts";
import { canSeeLeadActivity } from "../leads/leads.activities.ts";
import { listZones } from "../org/org.queries.ts";
import { canSeeProjectReport } from "../projects/projects.reports.ts";
import { findVisit } from "../visits/visits.queries.ts";
import { visitScopeOf } from "../visits/visits.service.ts";
import {
  CONTENT_TYPES,
  cleanFileName,
  contentMatches,
  extensionOf,
  type FileStorage,
  FileTooLargeError,
  INLINE_TYPES,
  newStorageKey,
} from "./attachments.files.ts";
import { auditableAttachment, presentUpload } from "./attachments.presenter.ts";
import {
  type AttachmentRow,
  deleteUnlinked,
  deleteUnlinkedBefore,
  findAttachment,
  insertAttachment,
} from "./attachments.queries.ts";

export const ATTACHMENT = { "zh-CN": "附件", "en-US": "Attachment" };

/** An unlinked upload is removed after this long (the scheduler runs `removeStaleUploads`). */
export const STALE_UPLOAD_MS = 24 * 3_600_000;

const megabytes = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(2))} MB`;

/** One file of a multipart request, as the route hands it over. */
export interface IncomingFile {
  fileName: string;
  stream: Readable;
  /** True when the parser cut the file at the size limit. */
  truncated(): boolean;
}

/**
 * Stores an upload: an allowed extension whose first bytes match it, at most `maxBytes`. The bytes go to the data
 * directory under a random key (never the file name), then the row is written with its audit entry; on any failure
 * nothing is left. The upload is unlinked: only its uploader sees it until a case, step or visit links it.
 */
export async function uploadAttachment(
  db: Db,
  ctx: RequestContext,
  storage: FileStorage,
  file: IncomingFile,
  maxBytes: number,
): Promise<Upload> {
  const fileName = cleanFileName(file.fileName);
  const ext = extensionOf(fileName);
  const refuseType = () =>
    new AppError("ATTACHMENT_TYPE_NOT_ALLOWED", {
      name: fileName || "?",
      allowed: ATTACHMENT_EXTENSIONS.join(", "),
    });
  const tooLarge = () => new AppError("ATTACHMENT_TOO_LARGE", { limit: megabytes(maxBytes) });
  if (!ext) {
    file.stream.resume();
    throw refuseType();
  }
  const key = newStorageKey(ctx.actor.zoneId, ctx.now);
  let stored: { size: number; sha256: string };
  try {
    stored = await storage.put(key, file.stream, {
      maxBytes,
      verify(head) {
        if (file.truncated()) throw tooLarge();
        if (!contentMatches(ext, head)) throw refuseType();
      },
    });
  } catch (err) {
    if (err instanceof FileTooLargeError || file.truncated()) throw tooLarge();
    throw err;
  }
  try {
    const row = await db.transaction(async (tx) => {
      const row = await insertAttachment(tx, {
        zoneId: ctx.actor.zoneId,
        fileName,
        contentType: CONTENT_TYPES[ext],
        size: stored.size,
        sha256: stored.sha256,
        storageKey: key,
        uploadedBy: ctx.actor.userId,
        createdAt: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: "attachment.upload",
        entityType: "attachment",
        entityId: row.id,
        entityName: row.fileName,
        after: auditableAttachment(row),
      });
      return row;
    });
    return presentUpload(row);
  } catch (err) {
    await storage.remove(key);
    throw err;
  }
}

/**
 * The attachment if the actor may read it, else 404 (never 403: a stranger learns nothing of its existence):
 * linked to a case, whoever may see the case (GET /cases/:id); linked to a visit, whoever may see the visit;
 * linked to a project's monthly report, whoever may see the project; linked to a lead's activity, whoever may see
 * the lead; unlinked, only its uploader.
 */
async function readable(conn: Conn, ctx: RequestContext, id: string): Promise<AttachmentRow> {
  const row = await findAttachment(conn, ctx.actor.zoneId, id);
  if (!row || !(await maySee(conn, ctx, row))) throw notFound(ATTACHMENT);
  return row;
}

async function maySee(conn: Conn, ctx: RequestContext, row: AttachmentRow): Promise<boolean> {
  if (row.subjectId === null) return row.uploadedBy === ctx.actor.userId;
  switch (row.subjectType) {
    case "case":
      return canSeeCase(conn, ctx, row.subjectId);
    case "visit":
      return (
        (await findVisit(conn, ctx.actor.zoneId, await visitScopeOf(conn, ctx.actor), row.subjectId)) !== undefined
      );
    case "project_report":
      return canSeeProjectReport(conn, ctx.actor, row.subjectId);
    case "lead_activity":
      return canSeeLeadActivity(conn, ctx.actor, row.subjectId);
    default:
      return false;
  }
}

export interface AttachmentContent {
  fileName: string;
  contentType: string;
  size: number;
  disposition: "inline" | "attachment";
  body: Readable;
}

/** The bytes of an attachment the actor may read (see `readable`). */
export async function openAttachment(
  db: Db,
  ctx: RequestContext,
  storage: FileStorage,
  id: string,
): Promise<AttachmentContent> {
  const row = await readable(db, ctx, id);
  const body = await storage.open(row.storageKey);
  if (!body) throw notFound(ATTACHMENT);
  return {
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    disposition: INLINE_TYPES.has(row.contentType) ? "inline" : "attachment",
    body,
  };
}

/** Deletes one's own upload that nothing links yet (a file removed from a form before sending it). */
export async function deleteUpload(db: Db, ctx: RequestContext, storage: FileStorage, id: string): Promise<void> {
  const row = await db.transaction(async (tx) => {
    const found = await findAttachment(tx, ctx.actor.zoneId, id);
    if (!found || found.subjectId !== null || found.uploadedBy !== ctx.actor.userId) throw notFound(ATTACHMENT);
    const row = await deleteUnlinked(tx, ctx.actor.zoneId, id);
    if (!row) throw notFound(ATTACHMENT);
    await recordAudit(tx, ctx, {
      action: "attachment.delete",
      entityType: "attachment",
      entityId: row.id,
      entityName: row.fileName,
      before: auditableAttachment(row),
    });
    return row;
  });
  await storage.remove(row.storageKey);
}

/**
 * Removes the uploads of every zone that nothing linked within 24 hours of `now` (rows with their audit entries,
 * then the files). The scheduler calls it; safe to run again and from several instances.
 */
export async function removeStaleUploads(db: Db, now: Date, storage: FileStorage): Promise<{ removed: number }> {
  const before = new Date(now.getTime() - STALE_UPLOAD_MS);
  let removed = 0;
  for (const zone of await listZones(db)) {
    const rows = await db.transaction(async (tx) => {
      const rows = await deleteUnlinkedBefore(tx, zone.id, before);
      const ctx = systemContext(zone.id, now);
      for (const row of rows)
        await recordAudit(tx, ctx, {
          action: "attachment.expire",
          entityType: "attachment",
          entityId: row.id,
          entityName: row.fileName,
          before: auditableAttachment(row),
          actedAs: { id: null, name: SYSTEM_NAME },
        });
      return rows;
    });
    for (const row of rows) await storage.remove(row.storageKey);
    removed += rows.length;
  }
  return { removed };
}
