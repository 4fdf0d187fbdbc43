// Runs a command against a throw-away PostgreSQL 15 cluster: initdb in a temporary folder, start on a free
// port, create a database, run the command with TEST_DATABASE_URL (and DATABASE_URL) set, then stop and remove it.
// An existing TEST_DATABASE_URL is used as it is.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
if (!args.length) {
  console.error("usage: node tools/with-test-pg.mjs <command> [args…]");
  process.exit(2);
}

function run(cmd, cmdArgs, env = process.env) {
  const child = spawn(cmd, cmdArgs, { stdio: "inherit", env, shell: false });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

function findBin() {
  const candidates = [
    process.env.PG_BIN,
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ].filter(Boolean);
  for (const dir of candidates) if (existsSync(path.join(dir, "initdb"))) return dir;
  throw new Error("PostgreSQL server binaries (initdb) not found; install postgresql-15 or set PG_BIN");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

if (process.env.TEST_DATABASE_URL) {
  process.exit(await run(args[0], args.slice(1)));
}

const bin = findBin();
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), "zoneos-pg-"));
const data = path.join(dir, "data");
const asPg = (cmd, cmdArgs) => (isRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...cmdArgs]] : [cmd, cmdArgs]);
if (isRoot)
  chownSync(
    dir,
    Number(execFileSync("id", ["-u", "postgres"]).toString()),
    Number(execFileSync("id", ["-g", "postgres"]).toString()),
  );
const port = await freePort();

const sh = (cmd, cmdArgs) => {
  const [c, a] = asPg(cmd, cmdArgs);
  const r = spawnSync(c, a, { stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} failed with ${r.status}`);
};
let code = 1;
try {
  sh(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  sh(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    "start",
  ]);
  sh(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "zoneos_test"]);
  const url = `postgres://postgres@127.0.0.1:${port}/zoneos_test`;
  console.log(`Throw-away PostgreSQL ${path.basename(path.dirname(bin))} on port ${port}`);
  code = await run(args[0], args.slice(1), { ...process.env, TEST_DATABASE_URL: url, DATABASE_URL: url });
} catch (err) {
  console.error(String(err));
} finally {
  try {
    sh(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
  } catch {}
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
