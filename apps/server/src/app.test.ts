import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv } from "../test/helpers.ts";
import { PERMISSIONS } from "./platform/access.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const describeRoute = (r: { method: string; url: string; permission?: string }) =>
  `${r.method} ${r.url} (${r.permission ?? "no permission"})`;

/**
 * Public routes: the login, an invitation link (what it offers, and accepting it: the token is the credential), the
 * health probe, the API description, its UI and the web app. Nothing else.
 */
function meantToBePublic(url: string): boolean {
  return (
    url === "/api/v1/auth/login" ||
    url === "/api/v1/invites/:token" ||
    url === "/api/v1/invites/:token/accept" ||
    url === "/api/health" ||
    url === "/api/openapi.json" ||
    url === "/api/docs" ||
    url.startsWith("/api/docs/") ||
    url === "/*"
  );
}

describe("routes", () => {
  it("every registered route declares a known permission", () => {
    const routes = env.app.routeList;
    // The walk must see the application's routes, or it proves nothing.
    expect(routes.filter((r) => r.url.startsWith("/api/v1/")).length).toBeGreaterThanOrEqual(26);
    const missing = routes.filter((r) => !r.permission || !(PERMISSIONS as readonly string[]).includes(r.permission));
    expect(
      missing.map(describeRoute),
      `routes without a permission:\n${missing.map(describeRoute).join("\n")}`,
    ).toEqual([]);
  });

  it("only the login, invitation links, health, API description and web app routes are public", () => {
    const publicRoutes = env.app.routeList.filter((r) => r.permission === "public" && !meantToBePublic(r.url));
    expect(
      publicRoutes.map(describeRoute),
      `unexpectedly public:\n${publicRoutes.map(describeRoute).join("\n")}`,
    ).toEqual([]);
  });

  it("every /api/v1 route but the public ones answers 401 problem+json without a session cookie", async () => {
    const protectedRoutes = env.app.routeList.filter((r) => r.url.startsWith("/api/v1/") && !meantToBePublic(r.url));
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(25);
    const wrong: string[] = [];
    for (const r of protectedRoutes) {
      const url = r.url.replace(/:id\b/g, randomUUID());
      for (const cookie of [undefined, "zoneos_session=forged-token"]) {
        const res = await env.app.inject({
          method: r.method as "GET",
          url,
          headers: { ...(cookie ? { cookie } : {}), "x-csrf-token": "x" },
          ...(r.method === "POST" || r.method === "PUT" ? { payload: {} } : {}),
        });
        const ok =
          res.statusCode === 401 &&
          res.headers["content-type"]?.toString().startsWith("application/problem+json") &&
          (r.method === "HEAD" || json(res).code === "UNAUTHENTICATED");
        if (!ok)
          wrong.push(
            `${r.method} ${url}${cookie ? " (forged cookie)" : ""} → ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
      }
    }
    expect(wrong, `answered without a login:\n${wrong.join("\n")}`).toEqual([]);
  });
});

describe("platform endpoints", () => {
  it("GET /api/health answers without login and checks the database", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: "up" });
  });

  it("GET /api/openapi.json is an OpenAPI 3.1 document of the API", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("ZoneOS API");
    expect(Object.keys(doc.paths["/api/v1/enterprises"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/enterprises/{id}"] ?? {}).sort()).toEqual(["delete", "get", "put"]);
    expect(doc.paths["/api/v1/auth/login"]?.post).toBeDefined();
    // Hidden helpers stay out of it.
    expect(doc.paths["/api/openapi.json"]).toBeUndefined();
    expect(doc.paths["/*"]).toBeUndefined();
  });

  it("answers an unknown /api route with a problem+json 404 in the user's language", async () => {
    for (const method of ["GET", "POST", "DELETE"] as const) {
      const res = await env.app.inject({ method, url: "/api/v1/no-such-thing" });
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(res.json()).toMatchObject({
        status: 404,
        code: "ROUTE_NOT_FOUND",
        detail: "接口不存在",
        type: "/problems/route_not_found",
        instance: "/api/v1/no-such-thing",
      });
    }
    const en = await env.app.inject({
      method: "GET",
      url: "/api/nothing",
      headers: { "accept-language": "en-US,en;q=0.8" },
    });
    expect(en.statusCode).toBe(404);
    expect(en.json()).toMatchObject({ code: "ROUTE_NOT_FOUND", detail: "No such endpoint" });
  });

  it("sends the security headers of helmet on API answers", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    // Errors carry them too.
    const problem = await env.app.inject({ method: "GET", url: "/api/v1/auth/me" });
    expect(problem.headers["x-content-type-options"]).toBe("nosniff");
    expect(problem.headers["content-security-policy"]).toBeDefined();
  });

  it("a logged-in user's unknown route is still a 404, not a 401 or 500", async () => {
    const zone = await makeZone(env);
    const c = await Client.login(env.app, zone.user("officer"));
    const res = await c.get("/api/v1/enterprises/not-a-uuid/nothing");
    expect(res.statusCode).toBe(404);
    expect(json(res).code).toBe("ROUTE_NOT_FOUND");
  });

  it("answers malformed JSON with a 400 problem, not a 500", async () => {
    const zone = await makeZone(env);
    const c = await Client.login(env.app, zone.user("admin"));
    const res = await c.request("POST", "/api/v1/units", Buffer.from("{not json"), {
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe("VALIDATION_FAILED");
  });
});

describe("route declarations", () => {
  it("refuses to start with a route that declares no permission", async () => {
    const { buildApp } = await import("./app.ts");
    const { testConfig } = await import("./platform/config.ts");
    // A module that forgets its permission: buildApp must fail, not serve the route as public.
    await expect(
      buildApp({
        db: env.database.db,
        config: testConfig(),
        extraRoutes: (app) => app.get("/api/v1/forgotten", async () => ({})),
      }),
    ).rejects.toThrow(/GET \/api\/v1\/forgotten declares no permission/);
  });
});

describe("writes that race", () => {
  it("answers a unique-index refusal (two identical submissions at once) with 409 in Chinese, not a 500", async () => {
    const { buildApp } = await import("./app.ts");
    const { testConfig } = await import("./platform/config.ts");
    const zone = await makeZone(env);
    // What node-postgres throws when a unique index refuses a row, as drizzle wraps it.
    const violation = Object.assign(new Error('duplicate key value violates unique constraint "users_zone_username"'), {
      code: "23505",
    });
    const app = await buildApp({
      db: env.database.db,
      config: testConfig(),
      extraRoutes: (a) => {
        a.post("/api/v1/race/bare", { config: { permission: "org.manage" } }, async () => {
          throw violation;
        });
        a.post("/api/v1/race/wrapped", { config: { permission: "org.manage" } }, async () => {
          throw new Error("Failed query: insert into users …", { cause: violation });
        });
      },
    });
    try {
      const admin = await Client.login(app, zone.user("admin"));
      for (const url of ["/api/v1/race/bare", "/api/v1/race/wrapped"]) {
        const res = await admin.post(url, {});
        expect(res.statusCode).toBe(409);
        expect(json(res).code).toBe("DUPLICATE_RECORD");
        expect(json(res).title).toBe("同样的记录刚刚已由他人提交，请刷新后查看");
      }
    } finally {
      await app.close();
    }
  });
});

describe("API documentation", () => {
  it("serves the browsable documentation under a CSP that lets its page render", async () => {
    const res = await env.app.inject({ method: "GET", url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("swagger");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(csp).toMatch(/script-src 'self'/);
  });
});
