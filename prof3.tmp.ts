import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "./apps/server/src/app.ts";
import { openDatabase } from "./apps/server/src/db/client.ts";
import { testConfig } from "./apps/server/src/platform/config.ts";
import { seedZone } from "./apps/server/src/seed/demo.ts";
import { httpGet } from "./bench/lib.ts";
const d = await openDatabase({ dataDir: mkdtempSync(path.join(os.tmpdir(), "prof-")) });
await seedZone(d.db, { name: "p", enterprises: 20000, officers: 50, seed: 1, accounts: true, usernamePrefix: "p_" });
const app = await buildApp({ db: d.db, config: testConfig() });
await app.listen({ port: 0, host: "127.0.0.1" });
const port = (app.server.address() as { port: number }).port;
const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "p_admin", password: "Demo@2026" }) });
const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
const { Session } = await import("node:inspector/promises");
const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.start");
const t = performance.now();
for (let i = 0; i < 1500; i++) await httpGet(`http://127.0.0.1:${port}/api/v1/enterprises?q=xtkj&pageSize=20`, { cookie });
console.log("per request", ((performance.now() - t) / 1500).toFixed(2));
const { profile } = await s.post("Profiler.stop") as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[] } };
const self = new Map<string, number>(); let total = 0;
for (const n of profile.nodes) { const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*node_modules\//, "").slice(0, 70)}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + n.hitCount); total += n.hitCount; }
const byPkg = new Map<string, number>();
for (const n of profile.nodes) { const u = n.callFrame.url; const pkg = u.includes("node_modules/") ? u.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "$1") : u.startsWith("node:") ? "node-internal" : u ? "app" : n.callFrame.functionName; byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount); }
console.log([...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join("\n"));
console.log("---");
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join("\n"));
await app.close(); await d.close(); process.exit(0);
