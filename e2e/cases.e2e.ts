/**
 * A demand from registration to the enterprise's rating, in Debian's Chromium against the real product: the officer
 * registers it, the administrator dispatches it to 高新技术产业园, the park's officer accepts and replies, the
 * enterprise user sees the reply and rates it, and the case is closed with every step in its history.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStep, login, type Product, pickTreeNode, shot, startProduct } from "./harness.ts";

let product: Product;
let caseUrl = "";

beforeAll(async () => {
  product = await startProduct();
});
afterAll(async () => {
  await product?.stop();
});

const facts = (page: Page) => page.getByTestId("case-facts");

describe("a demand in the browser", () => {
  it("the officer registers a demand of 江苏迅特科技有限公司", async () => {
    const officer = await login(product, "officer");
    await officer.goto(`${product.baseUrl}/cases`);
    await officer.getByTestId("case-table").waitFor();
    await officer.getByTestId("case-new").click();
    await officer.getByTestId("case-form").waitFor();
    await officer.getByTestId("enterprise-picker").locator("input").fill("迅特");
    await officer.locator(".ant-select-item-option", { hasText: "江苏迅特科技有限公司" }).first().click();
    await officer.getByTestId("case-category").click();
    await officer
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: "政策咨询" })
      .click();
    await officer.getByLabel("标题").fill("厂房用电增容申请迟迟未批复");
    await officer.getByLabel("诉求内容").fill("企业新增两条产线，需要将用电容量由 800kVA 增至 1600kVA。");
    await shot(officer, "11-case-register");
    await officer.locator(".ant-modal-footer .ant-btn-primary").click();
    await officer.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseUrl = officer.url();
    await expect.poll(() => facts(officer).innerText()).toContain("待分派");
    expect(await facts(officer).innerText()).toContain("江苏迅特科技有限公司");
    await officer.context().close();
  });

  it("the administrator dispatches it to 高新技术产业园; the park's officer accepts it and replies", async () => {
    const admin = await login(product, "admin");
    await admin.goto(caseUrl);
    await facts(admin).waitFor();
    await caseStep(admin, "dispatch", async (p) => {
      await pickTreeNode(p, "case-step-unit", "高新技术产业园");
      await p.getByLabel("说明").fill("请产业园牵头对接供电公司");
    });
    await expect.poll(() => facts(admin).innerText()).toContain("待受理");
    await admin.context().close();

    const officer = await login(product, "officer");
    await officer.goto(caseUrl);
    await facts(officer).waitFor();
    await caseStep(officer, "accept");
    await expect.poll(() => facts(officer).innerText()).toContain("办理中");
    await caseStep(officer, "reply", async (p) => {
      await p.getByLabel("答复内容").fill("已协调供电公司，增容方案下周现场勘查。");
    });
    await expect.poll(() => facts(officer).innerText()).toContain("已答复");
    await shot(officer, "12-case-replied");
    await officer.context().close();
  });

  it("the enterprise user sees the reply, rates it 满意, and the case is closed with its whole history", async () => {
    const ent = await login(product, "enterprise");
    await ent.goto(`${product.baseUrl}/cases`);
    await ent
      .getByTestId("case-table")
      .locator("tbody tr.ant-table-row", { hasText: "厂房用电增容申请迟迟未批复" })
      .click();
    await ent.waitForURL(caseUrl);
    await expect.poll(() => ent.locator("body").innerText()).toContain("已协调供电公司，增容方案下周现场勘查。");
    await caseStep(ent, "rate", async (p) => {
      await p.locator(".ant-radio-button-wrapper", { hasText: /^满意$/ }).click();
    });
    await expect.poll(() => facts(ent).innerText()).toContain("已办结");
    const page = await ent.locator("body").innerText();
    for (const s of ["登记", "分派", "受理", "答复", "评价"]) expect(page).toContain(s);
    await shot(ent, "13-case-closed");
    await ent.context().close();
  });
});
