import { and, asc, eq, getTableColumns, inArray, isNull, lt } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { userNameOf } from "../org/org.queries.ts";
import { attachments } from "./attachments.tables.ts";

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentWithNames = AttachmentRow & { uploadedByName: string | null };
export type SubjectType = "case" | "visit" | "project_report" | "lead_activity";

export async function insertAttachment(conn: Conn, values: typeof attachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await conn.insert(attachments).values(values).returning();
  return row as AttachmentRow;
}

export async function findAttachment(conn: Conn, zoneId: string, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await conn
    .select()
    .from(attachments)
    .where(and(inZone(attachments, zoneId), eq(attachments.id, id)));
  return row;
}

/** The files of a subject (a case with its steps, a visit), oldest first. */
export async function listAttachmentsOf(
  conn: Conn,
  zoneId: string,
  subjectType: SubjectType,
  subjectId: string,
): Promise<AttachmentWithNames[]> {
  return conn
    .select({ ...getTableColumns(attachments), uploadedByName: userNameOf(attachments.uploadedBy) })
    .from(attachments)
    .where(
      and(inZone(attachments, zoneId), eq(attachments.subjectType, subjectType), eq(attachments.subjectId, subjectId)),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/**
 * Links the uploader's own unlinked uploads among `ids` to a subject; returns the rows linked (fewer than asked
 * when some id is someone else's, already linked, or of another zone).
 */
export async function linkUploads(
  conn: Conn,
  zoneId: string,
  uploadedBy: string,
  ids: string[],
  subject: { type: SubjectType; id: string; stepId: string | null },
): Promise<AttachmentRow[]> {
  return conn
    .update(attachments)
    .set({ subjectType: subject.type, subjectId: subject.id, stepId: subject.stepId })
    .where(
      and(
        inZone(attachments, zoneId),
        inArray(attachments.id, ids),
        eq(attachments.uploadedBy, uploadedBy),
        isNull(attachments.subjectId),
      ),
    )
    .returning();
}

/** Deletes an upload that is still unlinked; returns it, or undefined when nothing was deleted. */
export async function deleteUnlinked(conn: Conn, zoneId: string, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await conn
    .delete(attachments)
    .where(and(inZone(attachments, zoneId), eq(attachments.id, id), isNull(attachments.subjectId)))
    .returning();
  return row;
}

/** Deletes a zone's uploads left unlinked since before `before`; returns them. */
export async function deleteUnlinkedBefore(conn: Conn, zoneId: string, before: Date): Promise<AttachmentRow[]> {
  return conn
    .delete(attachments)
    .where(and(inZone(attachments, zoneId), isNull(attachments.subjectId), lt(attachments.createdAt, before)))
    .returning();
}

/** The files of many subjects of one type at once (a project's monthly reports). */
export async function listAttachmentsOfMany(
  conn: Conn,
  zoneId: string,
  subjectType: SubjectType,
  subjectIds: string[],
): Promise<AttachmentWithNames[]> {
  if (!subjectIds.length) return [];
  return conn
    .select({ ...getTableColumns(attachments), uploadedByName: userNameOf(attachments.uploadedBy) })
    .from(attachments)
    .where(
      and(
        inZone(attachments, zoneId),
        eq(attachments.subjectType, subjectType),
        inArray(attachments.subjectId, subjectIds),
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}
