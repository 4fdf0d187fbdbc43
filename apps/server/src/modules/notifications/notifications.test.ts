import { createHmac } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import type { Case, CaseTodoCounts, Notification, NotificationList } from "@zoneos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { runSchedulerOnce } from "../../platform/scheduler.ts";
import { findUnitByName, findUserByUsername, insertUser, updateUser } from "../org/org.queries.ts";
import { MAX_DELIVERY_ATTEMPTS } from "./notifications.delivery.ts";
import { listDeliveriesOf, listSchedulerRuns } from "./notifications.queries.ts";

const cn = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);
const MINUTE = 60_000;

// ---- a webhook receiver and an SMTP sink, both real servers on free local ports

interface Webhook {
  url: string;
  received: { signature: string | undefined; body: string }[];
  /** How many more times to answer 500 to a body that contains the key (a notification id). */
  failures: Map<string, number>;
  close(): Promise<void>;
}

async function webhookServer(): Promise<Webhook> {
  const received: Webhook["received"] = [];
  const failures = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ signature: req.headers["x-zoneos-signature"] as string | undefined, body });
      const key = [...failures.keys()].find((k) => body.includes(k) && (failures.get(k) ?? 0) > 0);
      if (key) failures.set(key, (failures.get(key) ?? 0) - 1);
      res.statusCode = key ? 500 : 200;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failures,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Just enough SMTP for nodemailer: greeting, EHLO, MAIL, RCPT, DATA, QUIT. Keeps each message's raw text. */
async function smtpSink(): Promise<{ port: number; messages: string[]; close(): Promise<void> }> {
  const messages: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => undefined);
    sock.setEncoding("utf8");
    let buf = "";
    let inData = false;
    sock.write("220 sink ESMTP\r\n");
    sock.on("data", (chunk: string) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf("\r\n.\r\n");
          if (end < 0) return;
          messages.push(buf.slice(0, end));
          buf = buf.slice(end + 5);
          inData = false;
          sock.write("250 queued\r\n");
          continue;
        }
        const nl = buf.indexOf("\r\n");
        if (nl < 0) return;
        const verb = buf.slice(0, nl).slice(0, 4).toUpperCase();
        buf = buf.slice(nl + 2);
        if (verb === "EHLO") sock.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          inData = true;
          sock.write("354 end with .\r\n");
        } else if (verb === "QUIT") {
          sock.end("221 bye\r\n");
          return;
        } else sock.write("250 OK\r\n");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** The Subject header of a raw message, its RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const head = (raw.split("\r\n\r\n")[0] ?? "").replace(/\r\n[ \t]+/g, " ");
  const line = head.split("\r\n").find((l) => /^subject:/i.test(l)) ?? "";
  const words = [...line.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)];
  if (!words.length) return line.slice(8).trim();
  const bytes = words.map(([, enc, text = ""]) =>
    enc?.toUpperCase() === "B"
      ? Buffer.from(text, "base64")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ),
  );
  return Buffer.concat(bytes).toString("utf8");
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

// ---- a zone with the people a case passes

interface World {
  zone: TestZone;
  env: TestEnv;
  units: { planning: string; centre: string; desk: string };
  login(who: string): Promise<Client>;
  userId(who: string): Promise<string>;
}

async function world(env: TestEnv, at: string): Promise<World> {
  env.clock.set(cn(at));
  const zone = await makeZone(env, { enterprises: 3 });
  const db = env.database.db;
  const centre = (await findUnitByName(db, zone.zoneId, null, "企业服务中心"))?.id as string;
  const units = {
    planning: (await findUnitByName(db, zone.zoneId, null, "规划和自然资源局"))?.id as string,
    centre,
    desk: (await findUnitByName(db, zone.zoneId, centre, "兜底办"))?.id as string,
  };
  // The demo accounts' password: reuse the hash of one of them.
  const passwordHash = (await findUserByUsername(db, zone.user("officer")))?.passwordHash as string;
  const add = (name: string, role: string, unitId: string | null) =>
    insertUser(db, {
      zoneId: zone.zoneId,
      username: `${zone.prefix}${name}`,
      displayName: name,
      role,
      unitId,
      passwordHash,
      mustChangePassword: false,
    });
  await add("plan_officer", "officer", units.planning);
  await add("desk", "officer", units.desk);
  const full = (who: string) => `${zone.prefix}${who}`;
  return {
    zone,
    env,
    units,
    login: (who) => Client.login(env.app, full(who)),
    userId: async (who) => (await findUserByUsername(db, full(who)))?.id as string,
  };
}

async function createCase(c: Client, title = "人才公寓申请"): Promise<Case> {
  const res = await c.post("/api/v1/cases", { category: "talent", title, description: "三名博士需要人才公寓" });
  expect(res.statusCode, res.body).toBe(201);
  return json<Case>(res);
}

async function step(c: Client, k: Case, body: Record<string, unknown>): Promise<Case> {
  const res = await c.post(`/api/v1/cases/${k.id}/steps`, { version: k.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return json<Case>(res);
}

async function inbox(c: Client, query = ""): Promise<NotificationList> {
  const res = await c.get(`/api/v1/notifications?pageSize=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<NotificationList>(res);
}

async function unread(c: Client): Promise<number> {
  const res = await c.get("/api/v1/notifications/unread-count");
  expect(res.statusCode, res.body).toBe(200);
  return json<{ unread: number }>(res).unread;
}

const about = (list: NotificationList, k: Case, kind?: string): Notification[] =>
  list.items.filter((n) => n.subjectId === k.id && (!kind || n.kind === kind));

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

describe("notifications of case steps", () => {
  it("tells the unit head of a dispatch; reading drops the unread count; nobody reads another's", async () => {
    const w = await world(env, "2026-03-02 10:00");
    const ent = await w.login("enterprise");
    const k = await createCase(ent);
    // From the portal the case waits with the service centre: its officer is told to dispatch it.
    const service = await w.login("service");
    const [fresh] = about(await inbox(service), k);
    expect(fresh).toMatchObject({ kind: "assigned", subjectType: "case", readAt: null });
    expect(fresh?.title).toBe(`新诉求待分派：${k.number} 人才公寓申请`);

    await step(service, k, { step: "dispatch", unitId: w.units.planning, comment: "请规划局办理" });
    const planner = await w.login("planner");
    expect(await unread(planner)).toBe(1);
    const list = await inbox(planner);
    expect(list).toMatchObject({ total: 1, unread: 1 });
    const n = list.items[0] as Notification;
    expect(n).toMatchObject({ kind: "assigned", subjectId: k.id, readAt: null });
    expect(n.title).toContain(k.number);
    expect(n.body).toContain("人才公寓申请");
    expect(n.body).toContain("规划和自然资源局");
    // The unit has a head: its officers are not disturbed; the actor is never told of their own step.
    expect((await inbox(await w.login("plan_officer"))).total).toBe(0);
    expect(about(await inbox(service), k).map((x) => x.kind)).toEqual(["assigned"]);

    // Counts in the menu match the to-do list.
    const counts = json<CaseTodoCounts>(await planner.get("/api/v1/cases/todo-counts"));
    const queue = json<{ total: number }>(await planner.get("/api/v1/cases?view=unit"));
    expect(counts.unit).toBe(1);
    expect(counts.unit).toBe(queue.total);
    expect(counts.overdueUnit).toBe(0);

    // Somebody else cannot see or mark it.
    const officer = await w.login("officer");
    expect((await officer.post(`/api/v1/notifications/${n.id}/read`)).statusCode).toBe(404);
    expect(about(await inbox(officer), k)).toEqual([]);
    expect(await unread(planner)).toBe(1);

    const read = await planner.post(`/api/v1/notifications/${n.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(json<Notification>(read).readAt).toBe(env.clock.now().toISOString());
    expect(await unread(planner)).toBe(0);
    expect((await inbox(planner, "&unread=true")).total).toBe(0);
    expect((await inbox(planner)).total).toBe(1);
  });

  it("tells the dispatcher of a return, the enterprise of a reply, the handlers of 不满意 and a 催办, 兜底办 and leaders of an escalation", async () => {
    const w = await world(env, "2026-03-02 10:00");
    const ent = await w.login("enterprise");
    const service = await w.login("service");
    const planner = await w.login("planner");
    let k = await createCase(ent, "厂房用电增容");
    k = await step(service, k, { step: "dispatch", unitId: w.units.planning });
    k = await step(planner, k, { step: "return", comment: "不属于本局职责" });
    const returned = about(await inbox(service), k, "returned");
    expect(returned).toHaveLength(1);
    expect(returned[0]?.title).toBe(`诉求被退回：${k.number} 厂房用电增容`);
    expect(returned[0]?.body).toContain("不属于本局职责");

    // Dispatched to an officer: the officer and the unit head are told.
    k = await step(service, k, {
      step: "dispatch",
      unitId: w.units.planning,
      officerId: await w.userId("plan_officer"),
    });
    const handler = await w.login("plan_officer");
    expect(about(await inbox(handler), k, "assigned")).toHaveLength(1);
    k = await step(handler, k, { step: "accept" });
    k = await step(handler, k, { step: "reply", comment: "已协调供电公司增容" });
    const replied = about(await inbox(ent), k, "replied");
    expect(replied).toHaveLength(1);
    expect(replied[0]?.title).toBe(`诉求已答复：${k.number} 厂房用电增容`);

    k = await step(ent, k, { step: "rate", rating: "unsatisfied", comment: "进度太慢" });
    for (const c of [handler, planner, service]) {
      const u = about(await inbox(c), k, "unsatisfied");
      expect(u).toHaveLength(1);
      expect(u[0]?.body).toContain("进度太慢");
    }

    k = await step(ent, k, { step: "remind", comment: "请尽快" });
    expect(about(await inbox(handler), k, "reminded")).toHaveLength(1);

    k = await step(handler, k, { step: "escalate", comment: "需跨部门协调" });
    const desk = await w.login("desk");
    const leader = await w.login("leader");
    expect(about(await inbox(desk), k, "escalated")).toHaveLength(1);
    expect(about(await inbox(leader), k, "escalated")[0]?.title).toBe(`诉求已提交兜底办：${k.number} 厂房用电增容`);

    // Mark all read.
    const all = await desk.post("/api/v1/notifications/read-all");
    expect(all.statusCode, all.body).toBe(200);
    expect(json<{ marked: number }>(all).marked).toBeGreaterThan(0);
    expect(await unread(desk)).toBe(0);
  });
});

describe("the scheduler", () => {
  it("sends one due-soon and one overdue notice per case and deadline however often it runs", async () => {
    const w = await world(env, "2026-03-02 10:00");
    const head = await w.login("unithead");
    let k = await createCase(head, "用工招聘对接");
    const officerId = await w.userId("officer");
    k = await step(head, k, { step: "dispatch", unitId: k.ownerUnitId, officerId });
    const officer = await w.login("officer");
    k = await step(officer, k, { step: "accept" });
    // 5 working days: due Monday 03-09 17:30.
    expect(k.resolveDueAt).toBe(cn("2026-03-09 17:30").toISOString());
    const db = env.database.db;

    expect((await runSchedulerOnce(db, cn("2026-03-04 10:00"))).ran).toBe(true);
    expect(about(await inbox(officer), k, "due_soon")).toHaveLength(0);

    // Friday: the deadline is within one working day (Monday's end).
    for (const at of ["2026-03-06 10:00", "2026-03-06 10:01", "2026-03-07 12:00"])
      expect((await runSchedulerOnce(db, cn(at))).ran).toBe(true);
    const soon = about(await inbox(officer), k, "due_soon");
    expect(soon).toHaveLength(1);
    expect(soon[0]?.title).toBe(`诉求即将到期：${k.number} 用工招聘对接`);
    expect(soon[0]?.body).toContain("2026-03-09 17:30");
    expect(about(await inbox(officer), k, "overdue")).toHaveLength(0);

    for (const at of ["2026-03-09 17:31", "2026-03-09 18:00", "2026-03-10 09:00"]) await runSchedulerOnce(db, cn(at));
    const late = about(await inbox(officer), k, "overdue");
    expect(late).toHaveLength(1);
    expect(late[0]?.title).toBe(`诉求已超期：${k.number} 用工招聘对接`);
    expect(about(await inbox(officer), k, "due_soon")).toHaveLength(1);

    const runs = new Map((await listSchedulerRuns(db)).map((r) => [r.job, r]));
    for (const job of ["case_timers", "deadline_notices", "deliveries"])
      expect(runs.get(job)?.lastRunAt.toISOString()).toBe(cn("2026-03-10 09:00").toISOString());
  });

  it("runs one instance at a time: of two at once, one works and the other reports the lock held", async () => {
    const db = env.database.db;
    const now = cn("2026-03-10 09:30");
    const results = await Promise.all([runSchedulerOnce(db, now), runSchedulerOnce(db, now)]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(results.filter((r) => !r.ran)).toEqual([{ ran: false, skipped: "locked", jobs: {} }]);
    // The lease is given back: the next run works.
    expect((await runSchedulerOnce(db, now)).ran).toBe(true);
  });

  it("escalates an overdue case automatically and tells 兜底办 and the leaders", async () => {
    const w = await world(env, "2026-03-02 10:00");
    const head = await w.login("unithead");
    let k = await createCase(head, "招工难");
    k = await step(head, k, { step: "dispatch", unitId: k.ownerUnitId, officerId: await w.userId("officer") });
    // Due 03-09 17:30; 2 working days of grace: escalated after 03-11 17:30.
    await runSchedulerOnce(env.database.db, cn("2026-03-12 09:00"));
    const leader = await w.login("leader");
    const [n] = about(await inbox(leader), k, "escalated");
    expect(n?.body).toContain("已自动提交兜底办");
    expect(about(await inbox(await w.login("desk")), k, "escalated")).toHaveLength(1);
  });
});

describe("outbound delivery", () => {
  let out: TestEnv;
  let hook: Webhook;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;
  beforeAll(async () => {
    hook = await webhookServer();
    smtp = await smtpSink();
    out = await makeTestEnv({
      webhookUrl: hook.url,
      webhookSecret: "s3cret",
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      smtpFrom: "ZoneOS <noreply@zone.test>",
    });
  });
  afterAll(async () => {
    await out.close();
    await hook.close();
    await smtp.close();
  });

  async function notifiedCase(e: TestEnv, title: string, email: string | null) {
    const w = await world(e, "2026-03-02 10:00");
    const serviceId = await w.userId("service");
    await updateUser(e.database.db, w.zone.zoneId, serviceId, { email });
    const k = await createCase(await w.login("enterprise"), title);
    const service = await w.login("service");
    const [n] = about(await inbox(service), k, "assigned");
    expect(n).toBeDefined();
    return { w, k, n: n as Notification, service, serviceId };
  }

  it("posts a signed JSON copy to the webhook and e-mails users with an address", async () => {
    const { w, k, n, serviceId } = await notifiedCase(out, "融资担保咨询", "zhao@zone.test");
    const deliveries = await listDeliveriesOf(out.database.db, n.id);
    expect(deliveries.map((d) => [d.channel, d.state, d.target])).toEqual([
      ["email", "pending", "zhao@zone.test"],
      ["webhook", "pending", hook.url],
    ]);
    const run = await runSchedulerOnce(out.database.db, out.clock.now());
    expect(run.ran).toBe(true);

    const got = hook.received.find((r) => r.body.includes(n.id));
    expect(got).toBeDefined();
    const payload = JSON.parse(got?.body as string);
    expect(payload).toEqual({
      id: n.id,
      kind: "assigned",
      title: `新诉求待分派：${k.number} 融资担保咨询`,
      body: n.body,
      userId: serviceId,
      username: `${w.zone.prefix}service`,
      subject: { type: "case", id: k.id },
      createdAt: n.createdAt,
    });
    expect(got?.signature).toBe(
      `sha256=${createHmac("sha256", "s3cret")
        .update(got?.body as string)
        .digest("hex")}`,
    );

    const mail = smtp.messages.find((m) => subjectOf(m) === `新诉求待分派：${k.number} 融资担保咨询`);
    expect(mail).toBeDefined();
    expect(mail).toMatch(/^To: zhao@zone\.test/im);
    const after = await listDeliveriesOf(out.database.db, n.id);
    expect(after.map((d) => [d.state, d.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
    ]);
  });

  it("retries a failing webhook with back-off: 500, 500, then 200 is delivered on the third attempt", async () => {
    const { n } = await notifiedCase(out, "用地指标咨询", null);
    const db = out.database.db;
    const webhookOf = async () => (await listDeliveriesOf(db, n.id)).find((d) => d.channel === "webhook");
    // No address: no e-mail copy for this user.
    expect((await listDeliveriesOf(db, n.id)).map((d) => d.channel)).toEqual(["webhook"]);
    const t0 = out.clock.now();
    const tries = () => hook.received.filter((r) => r.body.includes(n.id)).length;
    hook.failures.set(n.id, 2);
    await runSchedulerOnce(db, t0);
    expect(await webhookOf()).toMatchObject({ state: "pending", attempts: 1, lastError: "HTTP 500" });
    expect((await webhookOf())?.nextAttemptAt.toISOString()).toBe(new Date(t0.getTime() + MINUTE).toISOString());
    await runSchedulerOnce(db, new Date(t0.getTime() + 30_000));
    expect(tries()).toBe(1);
    await runSchedulerOnce(db, new Date(t0.getTime() + MINUTE));
    expect(await webhookOf()).toMatchObject({ state: "pending", attempts: 2 });
    expect((await webhookOf())?.nextAttemptAt.toISOString()).toBe(new Date(t0.getTime() + 3 * MINUTE).toISOString());
    await runSchedulerOnce(db, new Date(t0.getTime() + 3 * MINUTE));
    expect(await webhookOf()).toMatchObject({ state: "sent", attempts: 3 });
    expect(tries()).toBe(3);
    await runSchedulerOnce(db, new Date(t0.getTime() + 60 * MINUTE));
    expect(tries()).toBe(3);
  });

  it("keeps the in-app copy when every delivery fails, and gives up after the last attempt", async () => {
    const dead = await makeTestEnv({
      webhookUrl: `http://127.0.0.1:${await freePort()}/hook`,
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
    });
    try {
      const { n, service } = await notifiedCase(dead, "人才落户", "zhao@zone.test");
      const db = dead.database.db;
      let t = dead.clock.now().getTime();
      for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) {
        await runSchedulerOnce(db, new Date(t));
        t += 24 * 60 * MINUTE;
      }
      const deliveries = await listDeliveriesOf(db, n.id);
      expect(deliveries).toHaveLength(2);
      for (const d of deliveries) {
        expect(d).toMatchObject({ state: "failed", attempts: MAX_DELIVERY_ATTEMPTS, sentAt: null });
        expect(d.lastError).toBeTruthy();
      }
      const still = about(await inbox(service), { id: n.subjectId } as Case, "assigned");
      expect(still).toEqual([n]);
    } finally {
      await dead.close();
    }
  });
});
