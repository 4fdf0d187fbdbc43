/**
 * Import of 10,000 rows through HTTP into the real server process: end-to-end time from the upload to `done`,
 * and the server's peak resident memory. Then `npm start` on the same (existing) data directory: time to the first
 * answered request. Targets (issue 2): import ≤ 10 s, peak ≤ 500 MB; first request ≤ 5 s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { breakCheckChar, enterpriseRows, workbook } from "../e2e/workbook.ts";
import { ms, stats } from "./lib.ts";
import { login, peakRssMb, rssMb, startServer } from "./server.ts";

async function upload(base: string, auth: { cookie: string; csrf: string }, name: string, body: Buffer) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(body)]), name);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/enterprises/imports`, {
    method: "POST",
    headers: { cookie: auth.cookie, "x-csrf-token": auth.csrf },
    body: form,
  });
  const job = (await res.json()) as { id: string };
  for (;;) {
    const s = (await (
      await fetch(`${base}/api/v1/enterprises/imports/${job.id}`, { headers: { cookie: auth.cookie } })
    ).json()) as { status: string; importedRows: number; problemCount: number };
    if (s.status !== "checking" && s.status !== "writing") return { ...s, ms: performance.now() - t0 };
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchImport(rowsCount = 10_000) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zoneos-bench-import-"));
  const creating = await startServer(dataDir, "node");
  const createPeak = peakRssMb(creating.proc.pid as number);
  console.log(
    `first start (initdb, migrations, demo zone of 2,000 enterprises): ${ms(creating.readyMs)}; peak resident memory ${createPeak.toFixed(0)} MB`,
  );
  await creating.stop();
  // The import is measured on a server started on the existing data, as it runs day to day.
  const first = await startServer(dataDir, "node");
  console.log(
    `restart on the existing data: ${ms(first.readyMs)}; resident memory ${rssMb(first.proc.pid as number).toFixed(0)} MB`,
  );
  const auth = await login(first.base);
  const rows = enterpriseRows(rowsCount, 77);
  const good = await workbook(rows);
  const badRows = rows.map((r) => ({ ...r }));
  (badRows[rowsCount - 1] as { creditCode: string }).creditCode = breakCheckChar(
    (badRows[rowsCount - 1] as { creditCode: string }).creditCode,
  );
  const bad = await workbook(badRows);
  console.log(`files: ${(good.length / 1e6).toFixed(2)} MB for ${rowsCount} rows`);
  const refused = await upload(first.base, auth, "bad.xlsx", bad);
  console.log(
    `refused file (1 bad row in ${rowsCount}): ${refused.status}, ${refused.problemCount} problem, ${ms(refused.ms)}`,
  );
  const imported = await upload(first.base, auth, "good.xlsx", good);
  console.log(
    `import of ${rowsCount} rows: ${imported.status}, ${imported.importedRows} rows, ${ms(imported.ms)} end to end`,
  );
  const peak = peakRssMb(first.proc.pid as number);
  console.log(`server peak resident memory (since its start, through both imports): ${peak.toFixed(0)} MB`);
  await first.stop();

  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await startServer(dataDir, "npm", "/login");
    starts.push(s.readyMs);
    await s.stop();
  }
  const st = stats(starts);
  console.log(
    `npm start on the existing data directory → first page served: median ${ms(st.median)}, max ${ms(Math.max(...starts))} (5 starts)`,
  );
  rmSync(dataDir, { recursive: true, force: true });
  return {
    importMs: imported.ms,
    importedRows: imported.importedRows,
    peakMb: peak,
    startMedianMs: st.median,
    startMaxMs: Math.max(...starts),
  };
}
