import { ATTACHMENT_EXTENSIONS, Upload, UploadLimits } from "@zoneos/contracts";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import { contentDisposition, maxUploadBytes, storageFor } from "./attachments.files.ts";
import { deleteUpload, openAttachment, uploadAttachment } from "./attachments.service.ts";

const IdParams = z.object({ id: z.uuid() });
const tags = ["attachments"];

export function attachmentRoutes(app: App, { db, clock, config }: AppDeps) {
  const storage = storageFor(config);
  const maxBytes = maxUploadBytes(config);

  app.get(
    "/api/v1/attachments/limits",
    {
      config: { permission: "attachment.upload" },
      schema: {
        tags,
        summary: "The size limit and the allowed file types of uploads",
        response: { 200: UploadLimits },
      },
    },
    async () => ({ maxBytes, extensions: [...ATTACHMENT_EXTENSIONS] }),
  );

  app.post(
    "/api/v1/attachments",
    {
      config: { permission: "attachment.upload" },
      schema: {
        tags,
        summary:
          "Upload a file (multipart field `file`); it stays private to the uploader until a case, step or visit links it by id",
        consumes: ["multipart/form-data"],
        response: { 201: Upload },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, clock);
      const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
      if (part?.fieldname !== "file") {
        part?.file.resume();
        throw new AppError("ATTACHMENT_MISSING");
      }
      const upload = await uploadAttachment(
        db,
        ctx,
        storage,
        { fileName: part.filename, stream: part.file, truncated: () => part.file.truncated },
        maxBytes,
      );
      return reply.status(201).send(upload);
    },
  );

  app.get(
    "/api/v1/attachments/:id/content",
    {
      // Everyone who reads cases or visits (leaders too, who upload nothing); the service decides per file.
      config: { permission: "case.read" },
      schema: {
        tags,
        summary: "The file's bytes, for whoever may see what it is linked to (404 otherwise)",
        params: IdParams,
      },
    },
    async (req, reply) => {
      const file = await openAttachment(db, ctxOf(req, clock), storage, req.params.id);
      return reply
        .header("Content-Type", file.contentType)
        .header("Content-Length", String(file.size))
        .header("Content-Disposition", contentDisposition(file.disposition, file.fileName))
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "private, no-store")
        .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .send(file.body);
    },
  );

  app.delete(
    "/api/v1/attachments/:id",
    {
      config: { permission: "attachment.upload" },
      schema: { tags, summary: "Delete one's own upload that nothing links yet", params: IdParams },
    },
    async (req, reply) => {
      await deleteUpload(db, ctxOf(req, clock), storage, req.params.id);
      return reply.status(204).send();
    },
  );
}
