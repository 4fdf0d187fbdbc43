import type { Attachment } from "@zoneos/contracts";
import type { Conn } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import { presentAttachment } from "./attachments.presenter.ts";
import { linkUploads, listAttachmentsOf, listAttachmentsOfMany, type SubjectType } from "./attachments.queries.ts";

/**
 * Links the actor's own unlinked uploads to what they are writing (a case, a case step, a visit), inside the
 * caller's transaction, with an audit row. Any id that is not the actor's own unlinked upload of the zone refuses
 * the whole write (400 ATTACHMENT_NOT_LINKABLE), so the transaction leaves nothing behind. From then on the files
 * are served to whoever may see the subject.
 */
export async function linkAttachments(
  tx: Conn,
  ctx: RequestContext,
  subject: { type: SubjectType; id: string },
  ids: readonly string[] | null | undefined,
  stepId: string | null = null,
): Promise<void> {
  const unique = [...new Set(ids ?? [])];
  if (!unique.length) return;
  const rows = await linkUploads(tx, ctx.actor.zoneId, ctx.actor.userId, unique, { ...subject, stepId });
  if (rows.length !== unique.length) {
    const linked = new Set(rows.map((r) => r.id));
    throw new AppError(
      "ATTACHMENT_NOT_LINKABLE",
      {},
      // The paths point into what the caller sent (duplicates included), so a form marks the right file.
      (ids ?? [])
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !linked.has(id))
        .map(({ i }) => ({ path: `attachmentIds.${i}`, message: "只能关联本人上传且尚未使用的附件" })),
    );
  }
  await recordAudit(tx, ctx, {
    action: "attachment.link",
    entityType: subject.type,
    entityId: subject.id,
    after: { stepId, attachments: rows.map((r) => ({ id: r.id, fileName: r.fileName, size: r.size })) },
  });
}

/** The files of a subject as its page shows them; the caller has already checked that the actor may see it. */
export async function attachmentsOf(
  conn: Conn,
  zoneId: string,
  subjectType: SubjectType,
  subjectId: string,
): Promise<Attachment[]> {
  return (await listAttachmentsOf(conn, zoneId, subjectType, subjectId)).map(presentAttachment);
}

/** The files of many subjects of one type, by subject id; the caller has checked that the actor may see them. */
export async function attachmentsOfSubjects(
  conn: Conn,
  zoneId: string,
  subjectType: SubjectType,
  subjectIds: string[],
): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>();
  for (const row of await listAttachmentsOfMany(conn, zoneId, subjectType, subjectIds)) {
    if (!row.subjectId) continue;
    out.set(row.subjectId, [...(out.get(row.subjectId) ?? []), presentAttachment(row)]);
  }
  return out;
}
