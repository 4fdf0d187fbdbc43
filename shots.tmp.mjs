import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3210";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
const errors = [];
page.on("console", (m) => { if (m.type() === "error") errors.push(`${page.url()} ${m.text()}`); });
await page.goto(`${base}/login`);
await page.getByPlaceholder(/用户名/).fill(process.argv[2] ?? "leader");
await page.getByPlaceholder(/密码/).fill("Demo@2026");
await page.keyboard.press("Enter");
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
for (const [name, path] of [["list", "/leads"], ["board", "/leads/board"], ["figures", "/leads/figures"], ["map", "/leads/map"], ["trips", "/leads/trips"], ["chains", "/chains"]]) {
  await page.goto(base + path);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: name !== "board" });
}
await page.goto(base + "/chains");
await page.waitForTimeout(1500);
await page.locator(".ant-card").first().click();
await page.waitForTimeout(2500);
await page.screenshot({ path: `/tmp/shots/chain.png` });
console.log(page.url());
await page.goto(base + "/leads");
await page.waitForTimeout(1500);
await page.locator("tbody tr a").first().click();
await page.waitForTimeout(2500);
await page.screenshot({ path: `/tmp/shots/lead.png`, fullPage: true });
console.log(errors.join("\n"));
await browser.close();
