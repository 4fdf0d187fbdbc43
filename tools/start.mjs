// `npm start`: builds what is missing or out of date (the web app; the server's start-up bundle), then runs the server.
// ZONEOS_SKIP_WEB_BUILD=1 skips the web build (tests and benchmarks that built it already).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const webIndex = path.join(root, "apps/web/dist/index.html");
const serverBundle = path.join(root, "apps/server/dist/main.mjs");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}
const olderThan = (file, dirs) =>
  !existsSync(file) || dirs.some((d) => newestMtime(path.join(root, d)) > statSync(file).mtimeMs);

if (
  process.env.ZONEOS_SKIP_WEB_BUILD !== "1" &&
  olderThan(webIndex, ["apps/web/src", "packages/contracts/src", "packages/domain/src"])
) {
  console.log("Building the web app (once; about half a minute)…");
  const r = spawnSync("npm", ["run", "build", "-w", "apps/web"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The server runs from one bundled file of its own and the workspace packages' code (dependencies stay in
// node_modules): loading it takes a fraction of compiling hundreds of TypeScript files at every start.
let entry = [path.join(root, "node_modules/.bin/tsx"), path.join(root, "apps/server/src/main.ts")];
if (olderThan(serverBundle, ["apps/server/src", "packages/contracts/src", "packages/domain/src"])) {
  try {
    const { build } = await import("esbuild");
    await build({
      entryPoints: [path.join(root, "apps/server/src/main.ts")],
      outfile: serverBundle,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      logLevel: "warning",
      banner: {
        js: "import { createRequire as __zoneosRequire } from 'node:module'; const require = __zoneosRequire(import.meta.url);",
      },
      plugins: [
        {
          name: "dependencies-stay-external",
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith("@zoneos/") || args.path.endsWith(".json") ? undefined : { external: true },
            );
          },
        },
      ],
    });
  } catch (err) {
    console.warn(
      `Could not bundle the server (${err instanceof Error ? err.message : err}); running it from the sources.`,
    );
  }
}
if (
  existsSync(serverBundle) &&
  !olderThan(serverBundle, ["apps/server/src", "packages/contracts/src", "packages/domain/src"])
) {
  entry = [process.execPath, "--enable-source-maps", serverBundle];
}

const child = spawn(entry[0], entry.slice(1), { cwd: root, stdio: "inherit", env: process.env });
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => child.kill(s));
child.on("exit", (code) => process.exit(code ?? 0));
