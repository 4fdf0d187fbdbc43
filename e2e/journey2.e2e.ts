/**
 * PRODUCT.md journey 2, in Debian's Chromium against the real product: a demand passes its due time; it shows red
 * in the owner's list and in the leader's view, a reminder goes out, an officer escalates it to 兜底办, and the
 * leader reassigns it.
 *
 * The demand is registered and dispatched through the API (the state the journey starts from); then the product is
 * restarted on the same data with its clock moved two hours past the demand's due time, which is how the working
 * days pass without waiting for them.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiUser } from "./api.ts";
import { caseStep, login, type Product, pickTreeNode, shot, startProduct } from "./harness.ts";

const TITLE = "园区道路积水影响物流车辆进出";
const Q = encodeURIComponent("园区道路积水");
let product: Product;
let caseUrl = "";

beforeAll(async () => {
  const first = await startProduct();
  const admin = await ApiUser.login(first.baseUrl, "admin");
  const found = await admin.call<{ items: { id: string; name: string }[] }>(
    "GET",
    `/api/v1/enterprises?q=${encodeURIComponent("迅特")}`,
  );
  const enterprise = found.items.find((e) => e.name === "江苏迅特科技有限公司");
  if (!enterprise) throw new Error("the demo enterprise is missing");
  const units = await admin.call<{ items: { id: string; name: string }[] }>("GET", "/api/v1/units");
  const park = units.items.find((u) => u.name === "高新技术产业园");
  if (!park) throw new Error("the demo park is missing");
  const created = await admin.call<{ id: string; version: number }>("POST", "/api/v1/cases", {
    source: "hotline",
    enterpriseId: enterprise.id,
    category: "policy",
    title: TITLE,
    description: "雨后园区东路积水 30 公分，物流车辆无法进出厂区，请协调排水。",
  });
  const dispatched = await admin.call<{ id: string; resolveDueAt: string }>(
    "POST",
    `/api/v1/cases/${created.id}/steps`,
    { step: "dispatch", version: created.version, unitId: park.id, comment: "请产业园牵头处理" },
  );
  const hours = Math.ceil((new Date(dispatched.resolveDueAt).getTime() - Date.now()) / 3_600_000) + 2;
  await first.stop({ keepData: true });
  // The scheduler runs every 2 s here, so its overdue notice is there by the time the unit head looks.
  product = await startProduct({
    dataDir: first.dataDir,
    env: { ZONEOS_CLOCK_OFFSET_HOURS: String(hours), ZONEOS_SCHEDULER_SECONDS: "2" },
  });
  caseUrl = `${product.baseUrl}/cases/${created.id}`;
});
afterAll(async () => {
  await product?.stop();
});

const facts = (page: Page) => page.getByTestId("case-facts");
const row = (page: Page) => page.getByTestId("case-table").locator("tbody tr.ant-table-row", { hasText: TITLE });

describe("journey 2: an overdue demand is reminded, escalated and reassigned", () => {
  it("shows red in the park's queue, with a count in the menu", async () => {
    const head = await login(product, "unithead");
    await head.goto(`${product.baseUrl}/cases?view=unit&q=${Q}`);
    await expect.poll(() => row(head).getAttribute("class")).toContain("case-overdue");
    await expect(row(head).getByTestId("case-overdue").count()).resolves.toBe(1);
    await expect
      .poll(async () => Number(await head.getByTestId("menu-todo-count").first().getAttribute("data-count")))
      .toBeGreaterThan(0);
    await shot(head, "21-overdue-in-unit-queue");
    await head.context().close();
  });

  it("shows red in the leader's view; the leader's 催办 and the scheduler's overdue notice reach the park's inbox", async () => {
    const leader = await login(product, "leader");
    await leader.goto(`${product.baseUrl}/cases?view=all&q=${Q}`);
    await expect.poll(() => row(leader).getAttribute("class")).toContain("case-overdue");
    await shot(leader, "22-overdue-in-leader-view");
    await row(leader).click();
    await leader.waitForURL(caseUrl);
    await caseStep(leader, "remind", async (p) => {
      await p.getByLabel("说明").fill("请今天内给企业答复");
    });
    await expect.poll(() => leader.getByTestId("case-history").innerText()).toContain("催办");
    await leader.context().close();

    const head = await login(product, "unithead");
    await expect
      .poll(async () => Number(await head.getByTestId("notification-unread").getAttribute("data-count")))
      .toBeGreaterThan(0);
    await head.getByTestId("notification-bell").click();
    const list = head.getByTestId("notification-list");
    await expect.poll(() => list.innerText()).toContain("催办");
    expect(await list.innerText()).toContain(TITLE);
    // The scheduler's notice of the passed deadline, beside the leader's reminder.
    await expect.poll(() => list.innerText()).toContain(`诉求已超期`);
    await shot(head, "23-reminder-in-inbox");
    await head.context().close();
  });

  it("the park's officer escalates it to 兜底办, and the leader reassigns it to 经济发展局", async () => {
    const officer = await login(product, "officer");
    await officer.goto(caseUrl);
    await facts(officer).waitFor();
    await caseStep(officer, "escalate", async (p) => {
      await p.getByLabel("说明").fill("排水管网归属不清，需跨部门协调");
    });
    // Escalated, the case belongs to 兜底办 and leaves the park officer's scope: the page says where it went.
    const left = officer.getByTestId("case-left-scope");
    await left.waitFor();
    expect(await left.textContent()).toContain("兜底办");
    await shot(officer, "25-escalated-out-of-scope");
    await officer.context().close();

    const leader = await login(product, "leader");
    await leader.goto(`${product.baseUrl}/cases?view=escalated&q=${Q}`);
    await row(leader).click();
    await leader.waitForURL(caseUrl);
    await caseStep(leader, "dispatch", async (p) => {
      await pickTreeNode(p, "case-step-unit", "经济发展局");
      await p.getByLabel("说明").fill("由经济发展局牵头，会同建设部门一周内解决");
    });
    await expect.poll(() => facts(leader).innerText()).toContain("经济发展局");
    const history = await leader.getByTestId("case-history").innerText();
    for (const s of ["分派", "催办", "提交兜底办"]) expect(history).toContain(s);
    await shot(leader, "24-reassigned-by-leader");
    await leader.context().close();
  });
});
