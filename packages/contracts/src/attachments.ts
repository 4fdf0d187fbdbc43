import { z } from "zod";

/** The file types an attachment may have (by extension; the server also checks the content's first bytes). */
export const ATTACHMENT_EXTENSIONS = [
  "pdf",
  "jpg",
  "jpeg",
  "png",
  "gif",
  "webp",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "ppt",
  "pptx",
  "txt",
  "zip",
  "ofd",
] as const;

/** At most this many files go with one case or step. */
export const MAX_ATTACHMENTS_PER_ITEM = 10;

/** Ids of the actor's own uploads (POST /api/v1/attachments) to link to what is being written. */
export const AttachmentIds = z.array(z.uuid()).max(MAX_ATTACHMENTS_PER_ITEM).optional();

/** A stored upload as its uploader sees it right after POST /api/v1/attachments. */
export const Upload = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  /** Where the bytes are served: GET, same session. */
  url: z.string(),
});
export type Upload = z.infer<typeof Upload>;

/** A file linked to a case, a case step or a visit. */
export const Attachment = Upload.extend({
  uploadedByName: z.string().nullable(),
  /** The case step the file came with (a reply's document), or null. */
  stepId: z.uuid().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

/** What the upload form shows: the size limit and the allowed extensions. */
export const UploadLimits = z.object({
  maxBytes: z.number().int(),
  extensions: z.array(z.string()),
});
export type UploadLimits = z.infer<typeof UploadLimits>;
