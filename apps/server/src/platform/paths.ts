import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The server package's folder (the one holding `drizzle/`), found by walking up from this file, so the same
 * code works from the TypeScript sources and from the start-up bundle in `apps/server/dist/`.
 */
function findServerRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "drizzle", "meta", "_journal.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the server's drizzle/ folder above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const SERVER_ROOT = findServerRoot();
export const MIGRATIONS_DIR = path.join(SERVER_ROOT, "drizzle");
export const WEB_DIST = path.join(SERVER_ROOT, "..", "web", "dist");
