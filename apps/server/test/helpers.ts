/**
 * The test app: the same buildApp on a freshly migrated PGlite in memory, or on the PostgreSQL server in
 * TEST_DATABASE_URL (then every test makes its own zone with its own user names, so tests never share data).
 */
import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../src/app.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { importsSettled } from "../src/modules/enterprises/enterprises.import.ts";
import { type Clock, manualClock } from "../src/platform/clock.ts";
import { type Config, testConfig } from "../src/platform/config.ts";
import { DEMO_PASSWORD, seedZone } from "../src/seed/demo.ts";

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface TestEnv {
  app: TestApp;
  database: Database;
  clock: ReturnType<typeof manualClock>;
  close(): Promise<void>;
}

export const T0 = new Date("2026-03-02T01:00:00Z");

export async function makeTestEnv(
  overrides: Partial<Config> = {},
  clock?: ReturnType<typeof manualClock>,
): Promise<TestEnv> {
  const url = process.env.TEST_DATABASE_URL;
  const database = await openDatabase(url ? { url } : { dataDir: "memory://" });
  const c = clock ?? manualClock(T0);
  const app = await buildApp({ db: database.db, config: testConfig(overrides), clock: c as Clock });
  return {
    app,
    database,
    clock: c,
    async close() {
      await importsSettled();
      await app.close();
      await database.close();
    },
  };
}

export interface TestZone {
  zoneId: string;
  prefix: string;
  /** User name of the zone's demo account of a role. */
  user(role: "admin" | "leader" | "unithead" | "officer" | "enterprise"): string;
}

/** A zone of its own: the demo units and accounts (prefixed user names), `enterprises` generated enterprises. */
export async function makeZone(
  env: TestEnv,
  opts: { enterprises?: number; officers?: number; seed?: number } = {},
): Promise<TestZone> {
  const prefix = `t${randomBytes(4).toString("hex")}_`;
  const { zoneId } = await seedZone(env.database.db, {
    name: `测试区 ${prefix}`,
    enterprises: opts.enterprises ?? 0,
    officers: opts.officers ?? 2,
    seed: opts.seed ?? 7,
    accounts: true,
    usernamePrefix: prefix,
  });
  return { zoneId, prefix, user: (role) => `${prefix}${role}` };
}

/** A logged-in client: keeps the cookies and sends the CSRF header on writes, like the web app. */
export class Client {
  cookies: Record<string, string> = {};
  lang = "zh-CN";
  constructor(readonly app: TestApp) {}

  static async login(app: TestApp, username: string, password = DEMO_PASSWORD): Promise<Client> {
    const c = new Client(app);
    const res = await c.request("POST", "/api/v1/auth/login", { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return c;
  }

  async request(
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { "accept-language": this.lang, ...(opts.headers ?? {}) };
    const cookie = Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    if (cookie) headers.cookie = cookie;
    if (method !== "GET" && opts.csrf !== false && this.cookies.zoneos_csrf)
      headers["x-csrf-token"] = this.cookies.zoneos_csrf;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined ? (Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }) : {}),
    });
    for (const c of res.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  get = (url: string) => this.request("GET", url);
  post = (url: string, body?: unknown) => this.request("POST", url, body ?? {});
  put = (url: string, body?: unknown) => this.request("PUT", url, body ?? {});
  del = (url: string) => this.request("DELETE", url);

  /** Uploads a file as multipart/form-data field `file`. */
  async upload(url: string, fileName: string, content: Buffer): Promise<LightMyRequestResponse> {
    const boundary = `----zoneos${randomBytes(6).toString("hex")}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return this.request("POST", url, Buffer.concat([head, content, tail]), {
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
  }
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => res.json() as T;
