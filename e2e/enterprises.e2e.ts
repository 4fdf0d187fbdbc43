/**
 * Browser journeys of the enterprise registry, in Debian's Chromium against the real product (demo zone):
 * issue 2's journey (log in, pinyin search, open, import with a bad row, report) and PRODUCT.md journey 5.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Product, shot, startProduct } from "./harness.ts";
import { breakCheckChar, enterpriseRows, workbook } from "./workbook.ts";

let product: Product;
let page: Page;
const files = mkdtempSync(path.join(os.tmpdir(), "zoneos-e2e-files-"));

beforeAll(async () => {
  product = await startProduct();
  const context = await product.browser.newContext({
    locale: "zh-CN",
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
});
afterAll(async () => {
  await product?.stop();
});

async function listTotal(): Promise<number> {
  const res = await page.request.get(`${product.baseUrl}/api/v1/enterprises?pageSize=1`);
  return ((await res.json()) as { total: number }).total;
}

async function upload(name: string, content: Buffer) {
  const file = path.join(files, name);
  writeFileSync(file, content);
  await page.goto(`${product.baseUrl}/enterprises/import`);
  await page.locator('input[type="file"]').setInputFiles(file);
}

describe("enterprise registry in the browser", () => {
  it("logs in as the demo administrator and lands on the enterprise list", async () => {
    await page.goto(`${product.baseUrl}/`);
    await page.getByPlaceholder("用户名").fill("admin");
    await page.getByPlaceholder("密码").fill("Demo@2026");
    await shot(page, "01-login");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(/\/enterprises/);
    await expect.poll(() => page.getByText("示范高新区").first().isVisible()).toBe(true);
    await page.getByTestId("enterprise-table").locator("tbody tr.ant-table-row").first().waitFor();
    await shot(page, "02-enterprise-list");
  });

  it("finds 迅特科技 by its pinyin initials and opens it", async () => {
    const search = page.getByPlaceholder("名称 / 拼音 / 首字母 / 统一社会信用代码");
    await search.fill("xtkj");
    await search.press("Enter");
    const row = page
      .getByTestId("enterprise-table")
      .locator("tbody tr.ant-table-row", { hasText: "江苏迅特科技有限公司" });
    await row.waitFor();
    await shot(page, "03-search-xtkj");
    await row.click();
    await page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
    await page.getByText("91320115", { exact: false }).first().waitFor();
    await expect.poll(() => page.getByText("高新技术企业").first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText("江苏省南京市江宁区").first().isVisible()).toBe(true);
    await shot(page, "04-enterprise-detail");
  });

  it("imports a file with a bad row: nothing is written and the report names row, column and reason", async () => {
    const before = await listTotal();
    const rows = enterpriseRows(5, 11);
    const bad = rows[2] as { creditCode: string; name: string };
    const expected = bad.creditCode.charAt(17);
    bad.creditCode = breakCheckChar(bad.creditCode);
    await upload("five-rows.xlsx", await workbook(rows));
    const rejected = page.getByTestId("import-rejected");
    await rejected.waitFor({ timeout: 60_000 });
    const problems = page.getByTestId("import-problems");
    await expect.poll(() => problems.innerText()).toContain(`校验位错误：第 18 位应为“${expected}”`);
    const text = await problems.innerText();
    expect(text).toContain("企业信息");
    expect(text).toMatch(/\b4\b/); // data row 3 is sheet row 4
    expect(text).toContain("统一社会信用代码");
    await shot(page, "05-import-rejected");
    expect(await listTotal()).toBe(before);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-report").click()]);
    const saved = path.join(files, "report.xlsx");
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const reportRow = sheet?.getRow(2).values as unknown[];
    expect(reportRow.slice(1, 4)).toEqual(["企业信息", 4, "A（统一社会信用代码）"]);
    expect(String(reportRow[5])).toContain(`应为“${expected}”`);
  });

  it("journey 5: 2,000 enterprises with 3 bad credit codes are refused whole, and import once fixed", async () => {
    const before = await listTotal();
    const rows = enterpriseRows(2000, 5);
    const good = rows.map((r) => ({ ...r }));
    for (const i of [10, 999, 1500])
      (rows[i] as { creditCode: string }).creditCode = breakCheckChar((rows[i] as { creditCode: string }).creditCode);
    await upload("2000-with-3-bad.xlsx", await workbook(rows));
    await page.getByTestId("import-rejected").waitFor({ timeout: 90_000 });
    const problems = await page.getByTestId("import-problems").innerText();
    for (const sheetRow of [12, 1001, 1502]) expect(problems).toContain(String(sheetRow));
    await shot(page, "06-import-2000-rejected");
    expect(await listTotal()).toBe(before);

    await upload("2000-fixed.xlsx", await workbook(good));
    const done = page.getByTestId("import-done");
    await done.waitFor({ timeout: 90_000 });
    expect(await done.innerText()).toContain("2000");
    await shot(page, "07-import-2000-done");
    expect(await listTotal()).toBe(before + 2000);
  });
});
