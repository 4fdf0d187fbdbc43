/**
 * JavaScript the browser loads for the login page and for the first page after logging in, gzipped, measured in
 * Chromium against the built app. Target (issue 2): ≤ 450 KB for both together; no chart code on these pages.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "../tools/testkit.ts";
import { login as apiLogin, ROOT, startServer } from "./server.ts";

export async function benchBundle() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zoneos-bench-bundle-"));
  const server = await startServer(dataDir, "node");
  await apiLogin(server.base);
  const browser = await launchChromium();
  const page = await browser.newPage();
  const loaded = new Set<string>();
  page.on("response", (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith(".js")) loaded.add(u.pathname);
  });
  const size = (files: Iterable<string>) => {
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = readFileSync(path.join(ROOT, "apps/web/dist", f));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    return { raw, gz };
  };
  await page.goto(`${server.base}/login`, { waitUntil: "networkidle" });
  const loginFiles = new Set(loaded);
  await page.getByPlaceholder("用户名").fill("admin");
  await page.getByPlaceholder("密码").fill("Demo@2026");
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL(/\/enterprises/);
  await page.getByTestId("enterprise-table").locator("tbody tr.ant-table-row").first().waitFor();
  await page.waitForLoadState("networkidle");
  const all = new Set(loaded);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const l = size(loginFiles);
  const a = size(all);
  console.log(`login page: ${loginFiles.size} JS files, ${kb(l.raw)} raw, ${kb(l.gz)} gzipped`);
  console.log(`login + first page (企业库): ${all.size} JS files, ${kb(a.raw)} raw, ${kb(a.gz)} gzipped`);
  const charts = [...all].filter((f) => /echarts/i.test(f));
  console.log(`chart chunks loaded: ${charts.length ? charts.join(", ") : "none"}`);
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return { loginGz: l.gz, totalGz: a.gz };
}
