/**
 * Starts the real product (`node tools/start.mjs`: built web app + server + PGlite with the demo zone) in a fresh
 * data directory on a free port, and Debian's Chromium through playwright-core.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { freePort, launchChromium } from "../tools/testkit.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const SHOTS = path.join(ROOT, "test-results", "e2e");

export interface Product {
  baseUrl: string;
  browser: Browser;
  dataDir: string;
  /** Stops the server and the browser; the data directory is removed unless `keepData`. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * `dataDir`: start on an existing data directory (a restart); `env`: more settings, e.g.
 * ZONEOS_CLOCK_OFFSET_HOURS to let working days pass.
 */
export async function startProduct(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Product> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "zoneos-e2e-"));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ["tools/start.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      ZONEOS_DATA_DIR: dataDir,
      ZONEOS_DEMO: "1",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {}
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const browser = await launchChromium();
  return {
    baseUrl,
    browser,
    dataDir,
    async stop({ keepData = false } = {}) {
      await browser.close();
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Takes a step of the case page: opens its form, lets `fill` fill it, submits, and waits for the form to close. When
 * it does not close (the form refused its input, or the server answered with an error), fails with what the form and
 * any message on the page say, and a screenshot `failed-step-<name>.png`, instead of a bare timeout.
 */
export async function caseStep(page: Page, name: string, fill?: (p: Page) => Promise<void>): Promise<void> {
  await page.getByTestId(`case-step-${name}`).click();
  const form = page.getByTestId(`case-step-form-${name}`);
  await form.waitFor();
  if (fill) await fill(page);
  await page.locator(".ant-modal-footer .ant-btn-primary").click();
  try {
    await form.waitFor({ state: "detached", timeout: 20_000 });
  } catch (e) {
    await shot(page, `failed-step-${name}`);
    const said = await page
      .locator(".ant-form-item-explain-error, .ant-message, .ant-alert")
      .allTextContents()
      .catch(() => []);
    throw new Error(`the ${name} form did not close; the page says: ${said.join(" | ") || "(nothing)"}`, { cause: e });
  }
}

/** Picks a unit in a tree select by name: types it into the select's search, clicks it, and checks it was taken. */
export async function pickTreeNode(page: Page, testId: string, name: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.type(name);
    await page
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper", {
        hasText: name,
      })
      .first()
      .click();
    try {
      await page.waitForFunction(
        ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(text) ?? false,
        [testId, name] as const,
        { timeout: 3_000 },
      );
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${name} could not be picked in ${testId}`, { cause: e });
      await page.keyboard.press("Escape");
    }
  }
}

/** A fresh browser context as a user in China sees the product: desktop size, zh-CN, China time. */
export async function newPage(product: Product): Promise<Page> {
  const ctx = await product.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  return ctx.newPage();
}

/** Logs in through the login page in a fresh context (the demo password unless told) and waits to leave it. */
export async function login(product: Product, user: string, password = "Demo@2026"): Promise<Page> {
  const page = await newPage(product);
  await page.goto(`${product.baseUrl}/login`);
  await page.getByPlaceholder("用户名").fill(user);
  await page.getByPlaceholder("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}
