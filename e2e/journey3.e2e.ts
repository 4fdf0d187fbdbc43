/**
 * Journey 3 (PRODUCT.md): a project officer enters March's completed investment for 20 projects from the Excel
 * template; the project board shows each project's completion rate and points ahead/behind schedule, and the zone
 * total. The product runs with its clock on 2026-03-20 (the demo zone is seeded as of then: January and February
 * reported, March open until the 25th).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiUser } from "./api.ts";
import { login, type Product, shot, startProduct } from "./harness.ts";

const NOW = new Date("2026-03-20T02:00:00Z"); // 10:00 in China
let product: Product;
const files = mkdtempSync(path.join(os.tmpdir(), "zoneos-j3-"));

beforeAll(async () => {
  product = await startProduct({
    env: { ZONEOS_CLOCK_OFFSET_HOURS: String((NOW.getTime() - Date.now()) / 3_600_000) },
  });
});
afterAll(async () => {
  await product?.stop();
});

/** Amounts in 万元 as integers of 0.0001 万元, so the expected figures are exact. */
const units = (text: string) => {
  const [i = "0", f = ""] = text.split(".");
  return BigInt(i) * 10_000n + BigInt(f.padEnd(4, "0"));
};
const wan = (u: bigint) => {
  const i = u / 10_000n;
  const f = (u % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return f ? `${i}.${f}` : `${i}`;
};

interface Entry {
  code: string;
  amount: string;
  /** The completion rate the board must show, in tenths of a percent. */
  tenths: number;
}

describe("journey 3: a month's investment for 20 projects from the Excel template moves the board", () => {
  let page: Page;
  const entries: Entry[] = [];

  it("the officer downloads March's template and fills in 20 projects", async () => {
    page = await login(product, "officer");
    await page.goto(`${product.baseUrl}/projects/reports?year=2026&month=3`);
    const state = page.getByTestId("report-state");
    await expect.poll(() => state.innerText()).toContain("2026-03-25");
    await shot(page, "51-report-sheet");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-template").click()]);
    const template = path.join(files, "template.xlsx");
    await download.saveAs(template);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error("the template has no sheet");
    // The header row is the one that names 项目编号; the columns are found by their titles.
    let headerRow = 0;
    const col = new Map<string, number>();
    ws.eachRow((row, n) => {
      if (headerRow) return;
      const texts = (row.values as unknown[]).map((v) => String(v ?? ""));
      if (!texts.some((t) => t.includes("项目编号"))) return;
      headerRow = n;
      texts.forEach((t, i) => {
        for (const key of ["项目编号", "年度计划", "累计", "本月完成"])
          if (t.includes(key) && !col.has(key)) col.set(key, i);
      });
    });
    expect([...col.keys()].sort()).toEqual(["累计", "年度计划", "本月完成", "项目编号"].sort());
    const at = (key: string) => col.get(key) as number;
    let filled = 0;
    for (let n = headerRow + 1; n <= ws.rowCount && filled < 20; n++) {
      const row = ws.getRow(n);
      const code = String(row.getCell(at("项目编号")).value ?? "").trim();
      const plan = String(row.getCell(at("年度计划")).value ?? "").trim();
      if (!code || !plan || units(plan) === 0n) continue;
      const before = units(String(row.getCell(at("累计")).value ?? "0").trim() || "0");
      const planU = units(plan);
      // A completion of exactly tenths/10 % (above what is already done), spread around 序时进度 (25.0%).
      const least = Number((before * 1000n) / planU) + 1;
      const tenths = Math.max(least, 120 + ((filled * 17) % 220));
      const amount = wan((planU * BigInt(tenths)) / 1000n - before);
      row.getCell(at("本月完成")).value = Number(amount);
      entries.push({ code, amount, tenths });
      filled++;
    }
    expect(entries).toHaveLength(20);
    const filledFile = path.join(files, "march.xlsx");
    writeFileSync(filledFile, Buffer.from(await wb.xlsx.writeBuffer()));

    await page.getByTestId("report-upload").locator("input[type=file]").setInputFiles(filledFile);
    const done = page.getByTestId("import-result-done");
    await done.waitFor({ timeout: 60_000 });
    expect(await done.innerText()).toMatch(/20/);
    await shot(page, "52-report-imported");
  });

  it("the board shows each project's completion rate and points against 序时进度, and the zone total", async () => {
    const leader = await login(product, "leader");
    await leader.goto(`${product.baseUrl}/projects?year=2026&month=3&pageSize=100`);
    await leader.getByTestId("board-row").first().waitFor();
    for (const e of entries) {
      const row = leader.locator(`[data-testid=board-row][data-code="${e.code}"]`);
      const text = await row.innerText();
      const points = e.tenths - 250;
      const shown = points > 0 ? `+${(points / 10).toFixed(1)}` : points < 0 ? `−${(-points / 10).toFixed(1)}` : "0.0";
      expect(text, e.code).toContain(`${(e.tenths / 10).toFixed(1)}%`);
      expect(text, e.code).toContain(shown);
    }
    // The zone total from every planned project of the zone (the officer's 20 and the others).
    const api = await ApiUser.login(product.baseUrl, "leader");
    const all = await api.call<{
      items: { schedule: { planWan: string | null; completedYtdWan: string } }[];
      total: number;
    }>("GET", "/api/v1/projects?year=2026&month=3&pageSize=200");
    expect(all.total).toBe(all.items.length);
    const plan = all.items.reduce((s, i) => s + units(i.schedule.planWan ?? "0"), 0n);
    const done = all.items.reduce((s, i) => s + units(i.schedule.completedYtdWan), 0n);
    // Tenths of a percent, rounded half away from zero once: the rate done ÷ plan, the points done ÷ plan − 3/12.
    const round = (num: bigint, den: bigint) => {
      const q = (2n * (num < 0n ? -num : num) + den) / (2n * den);
      return Number(num < 0n ? -q : q) / 10;
    };
    const rate = round(done * 1000n, plan);
    const points = round((4n * done - plan) * 1000n, 4n * plan);
    const sentence = await leader.getByTestId("board-sentence").innerText();
    expect(sentence).toContain(`${all.total} 个项目`);
    expect(sentence).toContain(`${rate.toFixed(1)}%`);
    expect(sentence).toContain(`${points >= 0 ? "超" : "慢"}序时进度 ${Math.abs(points).toFixed(1)} 个百分点`);
    await shot(leader, "53-project-board");
  });
});
