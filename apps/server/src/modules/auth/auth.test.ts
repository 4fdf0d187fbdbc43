import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";

let env: TestEnv;
let zone: TestZone;
beforeAll(async () => {
  env = await makeTestEnv();
  zone = await makeZone(env);
});
afterAll(() => env.close());

describe("login and sessions", () => {
  it("logs in, sets an httpOnly SameSite session cookie and a readable CSRF cookie, and answers /me", async () => {
    const c = new Client(env.app);
    const res = await c.post("/api/v1/auth/login", { username: zone.user("admin"), password: "Demo@2026" });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((x) => x.name === "zoneos_session");
    const csrf = res.cookies.find((x) => x.name === "zoneos_csrf");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    expect(csrf?.httpOnly).toBeFalsy();
    const me = json<{ username: string; zoneName: string; permissions: string[] }>(await c.get("/api/v1/auth/me"));
    expect(me.username).toBe(zone.user("admin"));
    expect(me.zoneName).toContain("测试区");
    expect(me.permissions).toContain("org.manage");
  });

  it("refuses a wrong password with a Chinese message by default and an English one on request", async () => {
    const c = new Client(env.app);
    const zh = await c.post("/api/v1/auth/login", { username: zone.user("leader"), password: "nope" });
    expect(zh.statusCode).toBe(401);
    expect(zh.headers["content-type"]).toContain("application/problem+json");
    expect(json(zh)).toMatchObject({ code: "INVALID_CREDENTIALS", detail: "用户名或密码错误" });
    c.lang = "en-US,en;q=0.9";
    const en = await c.post("/api/v1/auth/login", { username: "nobody-at-all", password: "x" });
    expect(json(en)).toMatchObject({ code: "INVALID_CREDENTIALS", detail: "Wrong user name or password" });
  });

  it("ends a session after 30 idle minutes but not while it is used", async () => {
    const c = await Client.login(env.app, zone.user("officer"));
    env.clock.advance(29 * 60_000);
    expect((await c.get("/api/v1/auth/me")).statusCode).toBe(200);
    env.clock.advance(29 * 60_000);
    expect((await c.get("/api/v1/auth/me")).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    const res = await c.get("/api/v1/auth/me");
    expect(res.statusCode).toBe(401);
    expect(json(res).code).toBe("SESSION_EXPIRED");
  });

  it("ends a session 12 hours after login however active it is", async () => {
    const c = await Client.login(env.app, zone.user("officer"));
    for (let i = 0; i < 28; i++) {
      env.clock.advance(25 * 60_000);
      expect((await c.get("/api/v1/auth/me")).statusCode).toBe(200);
    }
    env.clock.advance(25 * 60_000); // 12 h 5 min after login
    expect(json(await c.get("/api/v1/auth/me")).code).toBe("SESSION_EXPIRED");
  });

  it("locks the account for 15 minutes after 5 failed logins, even for the right password", async () => {
    const c = new Client(env.app);
    const username = zone.user("unithead");
    for (let i = 0; i < 4; i++)
      expect(json(await c.post("/api/v1/auth/login", { username, password: "wrong" })).code).toBe(
        "INVALID_CREDENTIALS",
      );
    const fifth = await c.post("/api/v1/auth/login", { username, password: "wrong" });
    expect(fifth.statusCode).toBe(423);
    expect(json(fifth).code).toBe("ACCOUNT_LOCKED");
    expect(json(await c.post("/api/v1/auth/login", { username, password: "Demo@2026" })).code).toBe("ACCOUNT_LOCKED");
    env.clock.advance(14 * 60_000);
    expect((await c.post("/api/v1/auth/login", { username, password: "Demo@2026" })).statusCode).toBe(423);
    env.clock.advance(2 * 60_000);
    expect((await c.post("/api/v1/auth/login", { username, password: "Demo@2026" })).statusCode).toBe(200);
  });

  it("logout invalidates the cookie: the same cookie no longer works", async () => {
    const c = await Client.login(env.app, zone.user("leader"));
    const stolen = { ...c.cookies };
    expect((await c.post("/api/v1/auth/logout")).statusCode).toBe(200);
    const replay = new Client(env.app);
    replay.cookies = stolen;
    expect((await replay.get("/api/v1/auth/me")).statusCode).toBe(401);
  });

  it("refuses writes without the CSRF header or with a wrong one", async () => {
    const c = await Client.login(env.app, zone.user("admin"));
    const unit = { name: "CSRF 测试科", kind: "department" };
    const without = await c.request("POST", "/api/v1/units", unit, { csrf: false });
    expect(without.statusCode).toBe(403);
    expect(json(without).code).toBe("CSRF_FAILED");
    const wrong = await c.request("POST", "/api/v1/units", unit, {
      csrf: false,
      headers: { "x-csrf-token": "forged" },
    });
    expect(json(wrong).code).toBe("CSRF_FAILED");
    expect((await c.post("/api/v1/units", unit)).statusCode).toBe(201);
  });

  it("rate-limits logins per address", async () => {
    const limited = await makeTestEnv({ loginRateLimitPerMinute: 3 });
    try {
      const c = new Client(limited.app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push((await c.post("/api/v1/auth/login", { username: "x", password: "y" })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      expect(json(await c.post("/api/v1/auth/login", { username: "x", password: "y" })).code).toBe("RATE_LIMITED");
    } finally {
      await limited.close();
    }
  });
});

describe("passwords", () => {
  it("makes a new user change the initial password before anything else, with the password rule enforced", async () => {
    const admin = await Client.login(env.app, zone.user("admin"));
    const username = `${zone.prefix}newbie`;
    const created = await admin.post("/api/v1/users", {
      username,
      initialPassword: "Init@2026x",
      displayName: "新同事",
      role: "leader",
    });
    expect(created.statusCode).toBe(201);
    const c = await Client.login(env.app, username, "Init@2026x");
    const me = json<{ mustChangePassword: boolean }>(await c.get("/api/v1/auth/me"));
    expect(me.mustChangePassword).toBe(true);
    expect(json(await c.get("/api/v1/enterprises")).code).toBe("PASSWORD_CHANGE_REQUIRED");
    const weak = await c.post("/api/v1/auth/change-password", {
      currentPassword: "Init@2026x",
      newPassword: "abcdefgh",
    });
    expect(weak.statusCode).toBe(400);
    expect(json(weak).detail).toContain("至少 8 位");
    const wrongCurrent = await c.post("/api/v1/auth/change-password", {
      currentPassword: "nope",
      newPassword: "Better#2026",
    });
    expect(json(wrongCurrent).code).toBe("WRONG_PASSWORD");
    expect(
      (await c.post("/api/v1/auth/change-password", { currentPassword: "Init@2026x", newPassword: "Better#2026" }))
        .statusCode,
    ).toBe(200);
    expect((await c.get("/api/v1/enterprises")).statusCode).toBe(200);
    expect((await Client.login(env.app, username, "Better#2026")).cookies.zoneos_session).toBeTruthy();
  });

  it("does not make the demo accounts change their password", async () => {
    const c = await Client.login(env.app, zone.user("officer"));
    expect(json<{ mustChangePassword: boolean }>(await c.get("/api/v1/auth/me")).mustChangePassword).toBe(false);
  });
});
