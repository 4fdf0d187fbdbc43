/** Starts the real server as its own process (for benchmarks that measure its memory or start-up). */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../tools/testkit.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface RunningServer {
  proc: ChildProcess;
  base: string;
  /** ms from spawn to the first successful answer of `firstPath`. */
  readyMs: number;
  stop(): Promise<void>;
}

/** `command` "node" runs the server directly (so its pid is the server's); "npm" runs `npm start` as a user would. */
export async function startServer(
  dataDir: string,
  command: "node" | "npm",
  firstPath = "/api/health",
): Promise<RunningServer> {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    ZONEOS_DATA_DIR: dataDir,
    DATABASE_URL: "",
    LOG_LEVEL: "warn",
    ZONEOS_SKIP_WEB_BUILD: "1",
  };
  const t0 = performance.now();
  const proc =
    command === "node"
      ? spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
          cwd: ROOT,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        })
      : spawn("npm", ["start", "--silent"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  proc.stdout?.on("data", (d) => (log += d));
  proc.stderr?.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const res = await fetch(base + firstPath);
      if (res.ok) break;
    } catch {}
    if (proc.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (performance.now() - t0 > 600_000) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - t0;
  return {
    proc,
    base,
    readyMs,
    async stop() {
      if (command === "npm" && proc.pid) process.kill(-proc.pid, "SIGTERM");
      else proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
    },
  };
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export async function login(base: string, username = "admin", password = "Demo@2026") {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed ${res.status}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0] as string);
  const csrf = cookies.find((c) => c.startsWith("zoneos_csrf="))?.split("=")[1] ?? "";
  return { cookie: cookies.join("; "), csrf };
}

/** Resident memory of a process now (VmRSS), in MB. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
