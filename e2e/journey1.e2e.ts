/**
 * PRODUCT.md journey 1, in Debian's Chromium against the real product: an officer visits an enterprise and records
 * two demands; the service centre sends one to 规划和自然资源局, which accepts and replies within its SLA; the
 * enterprise user logs in, sees the reply and rates it 满意; the bureau's 办结率 and 满意率 move on the dashboard.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStep, login, type Product, pickTreeNode, shot, startProduct } from "./harness.ts";

const PLANNING_DEMAND = "新建二期厂房的容积率能否调整到 2.0";
const LABOUR_DEMAND = "急需招聘一线操作工 50 名";
const BUREAU = "规划和自然资源局";

let product: Product;
let caseUrl = "";
let before: Record<string, string> = {};

beforeAll(async () => {
  product = await startProduct();
});
afterAll(async () => {
  await product?.stop();
});

async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: option })
    .first()
    .click();
}

const facts = (page: Page) => page.getByTestId("case-facts");

/** The dashboard's row of the bureau, by unit, this year: column header → cell text. */
async function bureauFigures(page: Page): Promise<Record<string, string>> {
  await page.goto(`${product.baseUrl}/figures/service?groupBy=unit`);
  const table = page.getByTestId("figures-table");
  await table.waitFor();
  const headers = await table.locator("thead th").allInnerTexts();
  const row = table.locator("tbody tr", { hasText: BUREAU }).first();
  await row.waitFor();
  const cells = await row.locator("td").allInnerTexts();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? "").trim()]));
}

describe("journey 1: a visit's demand answered by 规划和自然资源局 and rated by the enterprise", () => {
  it("the officer records a visit to 迅特科技 with two demands", async () => {
    const officer = await login(product, "officer");
    await officer.goto(`${product.baseUrl}/visits/new`);
    await officer.getByTestId("visit-form").waitFor();
    await officer.getByTestId("enterprise-picker").locator("input").fill("迅特");
    await officer.locator(".ant-select-item-option", { hasText: "江苏迅特科技有限公司" }).first().click();
    await officer.getByTestId("visit-notes").fill("走访了解二期扩产进展，企业反映规划和用工两项诉求。");
    await officer.getByTestId("visit-demand-add").click();
    await choose(officer, "visit-demand-category-0", "规划");
    await officer.getByTestId("visit-demand-title-0").fill(PLANNING_DEMAND);
    await officer
      .getByTestId("visit-demand-description-0")
      .fill("二期厂房规划容积率 1.5，企业希望提高到 2.0 以容纳新产线。");
    await officer.getByTestId("visit-demand-add").click();
    await choose(officer, "visit-demand-category-1", "用工");
    await officer.getByTestId("visit-demand-title-1").fill(LABOUR_DEMAND);
    await officer.getByTestId("visit-demand-description-1").fill("新产线 12 月投产，需一线操作工 50 名。");
    await shot(officer, "31-visit-form");
    await officer.getByTestId("visit-submit").click();
    await officer.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
    const demands = officer.getByTestId("visit-demands");
    await expect.poll(() => demands.innerText()).toContain(PLANNING_DEMAND);
    expect(await demands.innerText()).toContain(LABOUR_DEMAND);
    await shot(officer, "32-visit-recorded");
    await officer.context().close();
  });

  it("the dashboard shows the bureau's figures before", async () => {
    const leader = await login(product, "leader");
    before = await bureauFigures(leader);
    await leader.context().close();
  });

  it("the service centre sends the planning demand to 规划和自然资源局, which accepts and replies in time", async () => {
    const service = await login(product, "service");
    await service.goto(`${product.baseUrl}/cases?view=all&q=${encodeURIComponent("容积率")}`);
    await service.getByTestId("case-table").locator("tbody tr.ant-table-row", { hasText: PLANNING_DEMAND }).click();
    await service.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseUrl = service.url();
    expect(await facts(service).innerText()).toContain("走访");
    await caseStep(service, "dispatch", async (p) => {
      await pickTreeNode(p, "case-step-unit", BUREAU);
      await p.getByLabel("说明").fill("请规划局研究答复");
    });
    await expect.poll(() => facts(service).innerText()).toContain("待受理");
    await service.context().close();

    const planner = await login(product, "planner");
    await planner.goto(`${product.baseUrl}/cases?view=unit&q=${encodeURIComponent("容积率")}`);
    await planner.getByTestId("case-table").locator("tbody tr.ant-table-row", { hasText: PLANNING_DEMAND }).click();
    await planner.waitForURL(caseUrl);
    await caseStep(planner, "accept");
    await expect.poll(() => facts(planner).innerText()).toContain("办理中");
    await caseStep(planner, "reply", async (p) => {
      await p.getByLabel("答复内容").fill("经研究，二期地块可按控规调整程序将容积率提高至 2.0，请于本月提交申请。");
    });
    await expect.poll(() => facts(planner).innerText()).toContain("已答复");
    expect(await planner.getByTestId("case-overdue").count()).toBe(0);
    await shot(planner, "33-bureau-replied");
    await planner.context().close();
  });

  it("the enterprise user sees the reply and rates it 满意", async () => {
    const ent = await login(product, "enterprise");
    await ent.goto(`${product.baseUrl}/cases`);
    await ent.getByTestId("case-table").locator("tbody tr.ant-table-row", { hasText: PLANNING_DEMAND }).click();
    await ent.waitForURL(caseUrl);
    await expect.poll(() => ent.locator("body").innerText()).toContain("容积率提高至 2.0");
    await caseStep(ent, "rate", async (p) => {
      await p.locator(".ant-radio-button-wrapper", { hasText: /^满意$/ }).click();
    });
    await expect.poll(() => facts(ent).innerText()).toContain("已办结");
    await shot(ent, "34-enterprise-rated");
    await ent.context().close();
  });

  it("the bureau's 办结率 and 满意率 move on the dashboard", async () => {
    const leader = await login(product, "leader");
    const after = await bureauFigures(leader);
    const n = (s: string | undefined) => Number.parseInt(s ?? "0", 10) || 0;
    expect(n(after.受理数)).toBe(n(before.受理数) + 1);
    expect(n(after.办结数)).toBe(n(before.办结数) + 1);
    expect(n(after.评价数)).toBe(n(before.评价数) + 1);
    // One more 满意 among the rated can only keep or raise the rate (it stays at 100% only if it was there).
    const pct = (s: string | undefined) => Number.parseFloat(s ?? "") || 0;
    expect(pct(after.满意率)).toBeGreaterThanOrEqual(pct(before.满意率));
    expect(after.满意率).toMatch(/%$/);
    await leader.getByTestId("service-dashboard").waitFor();
    await shot(leader, "35-dashboard-after");
    await leader.context().close();
  });
});
