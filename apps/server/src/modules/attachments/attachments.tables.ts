import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/**
 * A file uploaded to the platform. The bytes live in the data directory under `storage_key`; the row says who may
 * see them: an attachment belongs to a subject (a case, a case step, a visit) once linked, and until then only to
 * the user who uploaded it. Unlinked uploads older than a day are removed by the scheduler.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    /** 'case' | 'visit' | 'project_report' | 'lead_activity'; null until the upload is linked to what it documents. */
    subjectType: text("subject_type"),
    subjectId: uuid("subject_id"),
    /** The case step the file came with (a reply's document), when it came with one. */
    stepId: uuid("step_id"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    /** Path below `<data dir>/files`, never derived from the file name. */
    storageKey: text("storage_key").notNull(),
    uploadedBy: uuid("uploaded_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("attachments_subject").on(t.zoneId, t.subjectType, t.subjectId),
    index("attachments_unlinked").on(t.createdAt).where(sql`${t.subjectId} is null`),
    check(
      "attachments_subject_type",
      sql`${t.subjectType} is null or ${t.subjectType} in ('case', 'visit', 'project_report', 'lead_activity')`,
    ),
  ],
);
