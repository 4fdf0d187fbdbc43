import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ATTACHMENT_EXTENSIONS } from "@zoneos/contracts";
import type { Db } from "../../db/client.ts";
import type { Config } from "../../platform/config.ts";

export type AttachmentExtension = (typeof ATTACHMENT_EXTENSIONS)[number];

/** The type a file is served with follows from its (checked) extension, never from what the browser claimed. */
export const CONTENT_TYPES: Record<AttachmentExtension, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  txt: "text/plain; charset=utf-8",
  zip: "application/zip",
  ofd: "application/ofd",
};

/** Images a browser shows by itself; everything else is offered as a download. */
export const INLINE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

const startsWith = (head: Buffer, ...bytes: number[]) =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
const ascii = (head: Buffer, at: number, text: string) =>
  head.subarray(at, at + text.length).toString("latin1") === text;

// Office 97–2003 files are OLE compound documents; OOXML, OFD (GB/T 33190) and zip are zip packages.
const isOle = (h: Buffer) => startsWith(h, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const isZip = (h: Buffer) => startsWith(h, 0x50, 0x4b, 0x03, 0x04) || startsWith(h, 0x50, 0x4b, 0x05, 0x06);

/** How the first bytes of each type look (the magic numbers); text has no NUL byte. */
const MAGIC: Record<AttachmentExtension, (head: Buffer) => boolean> = {
  pdf: (h) => ascii(h, 0, "%PDF-"),
  jpg: (h) => startsWith(h, 0xff, 0xd8, 0xff),
  jpeg: (h) => startsWith(h, 0xff, 0xd8, 0xff),
  png: (h) => startsWith(h, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  gif: (h) => ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a"),
  webp: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP"),
  doc: isOle,
  xls: isOle,
  ppt: isOle,
  docx: isZip,
  xlsx: isZip,
  pptx: isZip,
  zip: isZip,
  ofd: isZip,
  txt: (h) => !h.includes(0),
};

/** Bytes kept from the start of an upload to check its type. */
export const HEAD_BYTES = 512;

/** The allowed extension of a file name (lower case), or null. */
export function extensionOf(fileName: string): AttachmentExtension | null {
  const dot = fileName.lastIndexOf(".");
  if (dot <= 0) return null;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return (ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext) ? (ext as AttachmentExtension) : null;
}

/** Whether the file's first bytes are what its extension promises (an empty file is nothing). */
export function contentMatches(ext: AttachmentExtension, head: Buffer): boolean {
  return head.length > 0 && MAGIC[ext](head);
}

/**
 * The name shown for a file: the last part of what the browser sent (no folders), without control characters,
 * at most 200 characters. It is only ever shown and sent back in Content-Disposition, never used as a path.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** `Content-Disposition` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, "_") || "file";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export class FileTooLargeError extends Error {
  constructor() {
    super("file too large");
  }
}

/**
 * Where attachment bytes live. `put` streams into a temporary file next to the target, computing size and SHA-256
 * on the way, lets the caller `verify` the first bytes, then renames it into place: a failure at any point
 * (too large, wrong type, a broken upload) leaves nothing behind.
 */
export interface FileStorage {
  readonly root: string;
  put(
    key: string,
    source: Readable,
    opts: { maxBytes: number; verify(head: Buffer): void },
  ): Promise<{ size: number; sha256: string }>;
  /** The file's bytes, or null when it is not there. */
  open(key: string): Promise<Readable | null>;
  /** Removes the file; a missing file is no error. */
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

/** The storage key of a new upload: `<zoneId>/<yyyy>/<mm>/<random uuid>`. */
export function newStorageKey(zoneId: string, now: Date): string {
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${zoneId}/${yyyy}/${mm}/${randomUUID()}`;
}

export function diskStorage(root: string): FileStorage {
  const fileOf = (key: string) => {
    // Keys come from the database; one that does not look like ours is never turned into a path.
    if (!KEY.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(root, ...key.split("/"));
  };
  return {
    root,
    async put(key, source, opts) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.part`;
      const hash = createHash("sha256");
      let size = 0;
      const head: Buffer[] = [];
      let headSize = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > opts.maxBytes) return done(new FileTooLargeError());
          hash.update(chunk);
          if (headSize < HEAD_BYTES) {
            head.push(chunk.subarray(0, HEAD_BYTES - headSize));
            headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
          }
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(temp, { flags: "wx" }));
        opts.verify(Buffer.concat(head));
        await rename(temp, file);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      return { size, sha256: hash.digest("hex") };
    },
    async open(key) {
      const file = fileOf(key);
      try {
        if (!(await stat(file)).isFile()) return null;
      } catch {
        return null;
      }
      return createReadStream(file);
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

const storages = new Map<string, FileStorage>();
let tempRoot: string | null = null;

/**
 * The storage of a configuration: `<dataDir>/files`; for the in-memory test database ("memory://") a temporary
 * folder of this process, removed when it exits.
 */
export function storageFor(config: Pick<Config, "dataDir">): FileStorage {
  let root: string;
  if (config.dataDir === "memory://") {
    if (!tempRoot) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "zoneos-files-"));
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      tempRoot = dir;
    }
    root = tempRoot;
  } else root = path.join(config.dataDir, "files");
  let s = storages.get(root);
  if (!s) {
    s = diskStorage(root);
    storages.set(root, s);
  }
  return s;
}

// The scheduler's jobs get only the database: the app registers where its files live for its database once, so
// tests with several apps (and folders) never mix them up.
const storageByDb = new WeakMap<Db, FileStorage>();

/** Registers the file storage of the app running on `db` (buildApp does it from the configuration). */
export function useFileStorage(db: Db, storage: FileStorage): void {
  storageByDb.set(db, storage);
}

/** The file storage registered for `db`; throws when no app on this database registered one. */
export function fileStorageOf(db: Db): FileStorage {
  const s = storageByDb.get(db);
  if (!s) throw new Error("no file storage registered for this database (buildApp registers it)");
  return s;
}

/** The upload limit of a configuration in bytes (ZONEOS_MAX_UPLOAD_MB, default 20 MB). */
export function maxUploadBytes(config: Pick<Config, "maxUploadMb">): number {
  return Math.round((config.maxUploadMb ?? 20) * 1024 * 1024);
}
