/**
 * The enterprise portal in Debian's Chromium against the real product: the service officer invites a contact of
 * 迅特科技 from the enterprise page; the contact opens the link, sets a password and lands in the portal; files a
 * demand with an attachment; sees it in the case with its file, which downloads with the same bytes; the service
 * centre sees it too; another enterprise's user cannot open the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, newPage, type Product, shot, startProduct } from "./harness.ts";

const TITLE = "申请高新技术企业认定辅导";
const FILE = {
  name: "研发费用明细.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("2026 年研发费用合计 1,280 万元\n"),
};

let product: Product;
let inviteLink = "";
let caseUrl = "";
let fileUrl = "";

beforeAll(async () => {
  product = await startProduct();
});
afterAll(async () => {
  await product?.stop();
});

describe("the enterprise portal: invitation, a demand with an attachment, isolation of the file", () => {
  it("the officer invites a contact of 迅特科技 and gets a one-time link", async () => {
    const officer = await login(product, "officer");
    await officer.goto(`${product.baseUrl}/enterprises?q=${encodeURIComponent("迅特")}`);
    await officer.locator("tbody tr.ant-table-row", { hasText: "江苏迅特科技有限公司" }).first().click();
    await officer.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
    await officer.getByTestId("invite-button").click();
    await officer.getByTestId("invite-form").getByLabel("姓名").fill("周晓燕");
    await officer.getByTestId("invite-create").click();
    const link = officer.getByTestId("invite-link");
    await link.waitFor();
    inviteLink = ((await link.textContent()) ?? "").trim();
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
    await expect.poll(() => officer.getByTestId("invite-list").textContent()).toContain("周晓燕");
    await shot(officer, "41-invite-created");
    await officer.context().close();
  });

  it("the contact opens the link, sets a password that passes the rule, and is logged in to the portal", async () => {
    const page = await newPage(product);
    await page.goto(inviteLink);
    await expect.poll(() => page.getByTestId("invite-enterprise").textContent()).toContain("江苏迅特科技有限公司");
    const form = page.getByTestId("invite-accept-form");
    await form.getByLabel("登录用户名").fill("xunte_zhou");
    await form.getByLabel("设置密码").fill("short");
    await form.getByLabel("确认密码").fill("short");
    await page.getByRole("button", { name: "开通并登录" }).click();
    // The password rule of packages/domain, in Chinese, before anything is sent.
    await expect.poll(() => form.textContent()).toMatch(/8/);
    await form.getByLabel("设置密码").fill("Xunte@2026");
    await form.getByLabel("确认密码").fill("Xunte@2026");
    await shot(page, "42-invite-accept");
    await page.getByRole("button", { name: "开通并登录" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/invite"));
    await expect.poll(() => page.getByTestId("user-menu").textContent()).toContain("周晓燕");
    // The link is spent.
    await page.goto(inviteLink);
    await page.getByTestId("invite-invalid").waitFor();
    await page.context().close();
  });

  it("the new enterprise user files a demand with an attachment and sees the file on the case", async () => {
    const ent = await login(product, "xunte_zhou", "Xunte@2026");
    await ent.goto(`${product.baseUrl}/cases`);
    await ent.getByTestId("case-new").click();
    await ent.getByTestId("case-form").waitFor();
    await ent.getByTestId("case-category").click();
    await ent
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: "政策咨询" })
      .click();
    await ent.getByLabel("标题").fill(TITLE);
    await ent.getByLabel("诉求内容").fill("企业拟申报 2027 年高新技术企业，请协助梳理研发费用归集口径。");
    await ent.getByTestId("attachment-upload").locator("input[type=file]").setInputFiles(FILE);
    await expect.poll(() => ent.getByTestId("attachment-upload").textContent()).toContain(FILE.name);
    await shot(ent, "43-portal-case-with-file");
    await ent.locator(".ant-modal-footer .ant-btn-primary").click();
    await ent.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseUrl = ent.url();
    const item = ent.getByTestId("attachment-item").filter({ hasText: FILE.name }).first();
    await item.waitFor();
    const href = await item.locator("a").first().getAttribute("href");
    expect(href).toMatch(/\/api\/v1\/attachments\/[0-9a-f-]{36}\/content$/);
    fileUrl = new URL(href as string, product.baseUrl).toString();
    const res = await ent.request.get(fileUrl);
    expect(res.status()).toBe(200);
    expect(Buffer.compare(await res.body(), FILE.buffer)).toBe(0);
    expect(await ent.getByTestId("case-facts").textContent()).toContain("企业线上");
    await shot(ent, "44-portal-case-detail");
    await ent.context().close();
  });

  it("the service centre, which receives portal demands, sees the file; another enterprise's user gets 404", async () => {
    const officer = await login(product, "service");
    await officer.goto(caseUrl);
    await officer.getByTestId("attachment-item").filter({ hasText: FILE.name }).first().waitFor();
    expect((await officer.request.get(fileUrl)).status()).toBe(200);
    await officer.context().close();

    // An enterprise user of another enterprise, created by the administrator.
    const admin = await login(product, "admin");
    const csrf = (await admin.context().cookies()).find((c) => c.name === "zoneos_csrf")?.value ?? "";
    const other = await admin.request.get(`${product.baseUrl}/api/v1/enterprises?q=${encodeURIComponent("有限公司")}`);
    const items = ((await other.json()) as { items: { id: string; name: string }[] }).items;
    const stranger = items.find((e) => e.name !== "江苏迅特科技有限公司");
    expect(stranger).toBeDefined();
    const created = await admin.request.post(`${product.baseUrl}/api/v1/users`, {
      headers: { "X-CSRF-Token": csrf },
      data: {
        username: "other_ent",
        displayName: "他企用户",
        role: "enterprise",
        enterpriseId: stranger?.id,
        initialPassword: "Other@2026",
      },
    });
    expect(created.status()).toBe(201);
    await admin.context().close();

    const outsider = await login(product, "other_ent", "Other@2026");
    if (outsider.url().includes("/account/password")) {
      // A first login with an initial password must change it.
      await outsider.getByLabel("当前密码").fill("Other@2026");
      await outsider.getByLabel("新密码", { exact: true }).fill("Other@2027");
      await outsider.getByLabel("确认新密码").fill("Other@2027");
      await outsider.getByRole("button", { name: "修改密码" }).click();
      await outsider.waitForURL((u) => !u.pathname.startsWith("/account/password"));
    }
    expect((await outsider.request.get(fileUrl)).status()).toBe(404);
    await outsider.goto(caseUrl);
    await expect.poll(() => outsider.locator("body").textContent()).not.toContain(TITLE);
    await outsider.context().close();
  });
});
