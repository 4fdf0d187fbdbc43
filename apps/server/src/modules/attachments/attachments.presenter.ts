import type { Attachment, Upload } from "@zoneos/contracts";
import type { AttachmentRow, AttachmentWithNames } from "./attachments.queries.ts";

/** Where an attachment's bytes are served (GET, behind the same access rule as the row). */
export const contentUrl = (id: string) => `/api/v1/attachments/${id}/content`;

export function presentUpload(r: AttachmentRow): Upload {
  return {
    id: r.id,
    fileName: r.fileName,
    contentType: r.contentType,
    size: r.size,
    createdAt: r.createdAt.toISOString(),
    url: contentUrl(r.id),
  };
}

export function presentAttachment(r: AttachmentWithNames): Attachment {
  return { ...presentUpload(r), uploadedByName: r.uploadedByName, stepId: r.stepId };
}

/** An attachment as the audit log records it (never the storage key). */
export function auditableAttachment(r: AttachmentRow) {
  return {
    fileName: r.fileName,
    contentType: r.contentType,
    size: r.size,
    sha256: r.sha256,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    stepId: r.stepId,
  };
}
