/**
 * Journey 4 (PRODUCT.md): a lead moves from 洽谈 to 签约 with its amount; the pipeline's bucket counts and the unit's
 * ranking change. With it, the chain maps of the issue: the officer of 高新技术产业园 opens the 新能源汽车 chain map,
 * finds a missing or weak link in the gap analysis, creates a lead from one of its target companies in one click,
 * screens it and signs it; the leader's pipeline figures move by exactly that lead.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, type Product, shot, startProduct } from "./harness.ts";

let product: Product;

beforeAll(async () => {
  product = await startProduct();
});
afterAll(async () => {
  await product?.stop();
});

const PARK = "高新技术产业园";
const PLANNED_WAN = 60_000; // 6 亿: the 亿元以上 (1–10 亿) bucket
const SIGNED_WAN = 58_000;

/** Numbers as the tables print them ("1,234,500" or "13 / 511,600"). */
const numbers = (text: string) => (text.match(/[\d,]+(\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, "")));

interface Figures {
  /** Leads of 洽谈 and 签约 in the 亿元以上 (1–10 亿) bucket. */
  negotiating: number;
  signed: number;
  /** 高新技术产业园's row of the ranking: rank, signed amount (万元) and signed count. */
  rank: number;
  signedWan: number;
  signedCount: number;
}

/** Reads the figures the journey is about from the leader's pipeline page (this year, the default period). */
async function readFigures(page: Page, shotName: string): Promise<Figures> {
  await page.goto(`${product.baseUrl}/leads/figures`);
  const buckets = page.getByTestId("figures-buckets");
  await buckets.locator("tbody tr.ant-table-row").first().waitFor();
  const header = (await buckets.locator("thead th").allInnerTexts()).map((t) => t.trim());
  const column = header.indexOf("亿元以上");
  expect(column, `the columns are ${header.join(" | ")}`).toBeGreaterThan(0);
  const cell = async (stage: string) => {
    const row = buckets
      .locator("tbody tr.ant-table-row")
      .filter({ has: page.locator("td", { hasText: new RegExp(`^${stage}$`) }) });
    return numbers(await row.locator("td").nth(column).innerText())[0] ?? 0;
  };
  const ranking = page.getByTestId("figures-ranking");
  const row = ranking.locator("tbody tr.ant-table-row", { hasText: PARK });
  await row.waitFor();
  const [rank = 0, signedWan = 0, signedCount = 0] = numbers(await row.innerText());
  await shot(page, shotName);
  return { negotiating: await cell("洽谈"), signed: await cell("签约"), rank, signedWan, signedCount };
}

/** Picks an option of an antd select found by its test id. */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: option })
    .first()
    .click();
}

describe("journey 4: a lead from a chain gap is signed and moves the pipeline figures", () => {
  let leader: Page;
  let officer: Page;
  let before: Figures;
  let leadUrl = "";
  let investorName = "";

  it("the leader reads this year's pipeline: buckets by stage and the units' ranking", async () => {
    leader = await login(product, "leader");
    before = await readFigures(leader, "61-figures-before");
    await expect.poll(() => leader.getByTestId("figures-sentence").innerText()).toMatch(/在手在谈亿元以上项目 \d+ 个/);
  });

  it("the officer opens the 新能源汽车 chain map and its gap analysis", async () => {
    officer = await login(product, "officer");
    await officer.goto(`${product.baseUrl}/chains`);
    await officer.getByTestId("chain-card").filter({ hasText: "新能源汽车" }).click();
    await officer.waitForURL(/\/chains\/[0-9a-f-]{36}/);
    // The map: a tree drawn on a canvas, coloured by coverage.
    await officer.getByTestId("chain-graph").locator("canvas").first().waitFor();
    await expect.poll(() => officer.getByTestId("chain-page").innerText()).toMatch(/缺失 \d+/);
    await shot(officer, "62-chain-map");
    await officer.getByRole("tab", { name: "缺链分析" }).click();
    const gaps = officer.getByTestId("chain-gaps");
    await gaps.locator("tbody tr.ant-table-row").first().waitFor();
    await shot(officer, "63-chain-gaps");
    await gaps.getByTestId("gap-to-lead").first().click();
    await officer.waitForURL(/\/leads\/new\?targetId=/);
  });

  it("one click gives a lead form filled from the target; the officer adds the amount and saves it at 洽谈", async () => {
    const investor = officer.getByTestId("lead-investor-input");
    await expect.poll(() => investor.inputValue()).not.toBe("");
    investorName = await investor.inputValue();
    await expect.poll(() => officer.locator(".ant-alert").first().innerText()).toContain("由招商目标");
    expect(await officer.getByTestId("lead-name-input").inputValue()).toMatch(/项目$/);
    await officer.getByTestId("lead-investment").fill(String(PLANNED_WAN));
    await officer.getByTestId("lead-initial-stage").getByText("洽谈").click();
    await shot(officer, "64-lead-from-target");
    await officer.getByRole("button", { name: /保\s*存/ }).click();
    await officer.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    leadUrl = officer.url();
    await expect.poll(() => officer.getByTestId("lead-stage-tag").first().innerText()).toBe("洽谈");
    const facts = await officer.getByTestId("lead-facts").innerText();
    expect(facts).toContain(investorName);
    expect(facts).toContain("新能源汽车");
    expect(facts).toContain(PARK);
    // Entered at 洽谈, it counts among the leader's 亿元以上 leads in talks at once.
    const entered = await readFigures(leader, "64b-figures-entered");
    expect(entered.negotiating).toBe(before.negotiating + 1);
    expect(entered.signed).toBe(before.signed);
  });

  it("signing needs the screening: the officer fills a passing scorecard", async () => {
    await officer.getByTestId("scorecard-edit").click();
    await officer.getByTestId("score-intensity").fill("450");
    await officer.getByTestId("score-tax_per_mu").fill("25");
    await officer.getByTestId("score-energy").fill("0.2");
    await choose(officer, "score-environment", "A级");
    await choose(officer, "score-chain_pull", "配套");
    await choose(officer, "score-technology", "国内领先");
    await officer.locator(".ant-modal-footer .ant-btn-primary").click();
    await expect.poll(() => officer.getByTestId("scorecard-result").innerText()).toContain("通过");
  });

  it("the officer moves the lead from 洽谈 to 签约 with the contract amount", async () => {
    await officer.getByTestId("lead-move").click();
    await officer.getByTestId("lead-move-signed").click();
    await officer.getByTestId("lead-move-amount").fill(String(SIGNED_WAN));
    await officer.locator(".ant-modal-footer .ant-btn-primary").click();
    await expect.poll(() => officer.getByTestId("lead-stage-tag").first().innerText()).toBe("签约");
    await expect.poll(() => officer.getByTestId("lead-facts").innerText()).toContain("58,000");
    await expect.poll(() => officer.getByTestId("lead-history").innerText()).toMatch(/洽谈\s*→\s*签约/);
    await shot(officer, "65-lead-signed");
  });

  it("the leader's figures move by that lead: one fewer in 洽谈, one more signed, the park's ranking row grows", async () => {
    const after = await readFigures(leader, "66-figures-after");
    expect(after.negotiating).toBe(before.negotiating); // +1 when entered, −1 when signed
    expect(after.signed).toBe(before.signed + 1);
    expect(after.signedCount).toBe(before.signedCount + 1);
    expect(after.signedWan).toBe(before.signedWan + SIGNED_WAN);
    expect(after.rank).toBeLessThanOrEqual(before.rank);
    // The lead is on the list and the board under 签约 for the leader too.
    await leader.goto(leadUrl);
    await expect.poll(() => leader.getByTestId("lead-stage-tag").first().innerText()).toBe("签约");
  });
});
