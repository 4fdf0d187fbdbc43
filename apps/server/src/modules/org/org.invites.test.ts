import type { AuditEntry, Case, EnterpriseSummary, Invite, InviteCreated, InvitePreview, Me } from "@zoneos/contracts";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, T0, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { enterprises as enterpriseTable } from "../enterprises/enterprises.tables.ts";
import { INVITE_VALID_MS } from "./org.invites.ts";
import { findUserByUsername } from "./org.queries.ts";
import { users as userTable } from "./org.tables.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const PASSWORD = "Zhang#2026ok";
const WEAK_MESSAGE = "密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类";

interface World {
  zone: TestZone;
  admin: Client;
  officer: Client;
  /** Served by the demo officer. */
  served: EnterpriseSummary;
  /** Served by another officer. */
  other: EnterpriseSummary;
  login(who: string): Promise<Client>;
}

/** A zone of 3 enterprises: the demo officer serves one, officer001 another. */
async function world(): Promise<World> {
  env.clock.set(T0);
  const zone = await makeZone(env, { enterprises: 3 });
  const db = env.database.db;
  const admin = await Client.login(env.app, zone.user("admin"));
  const ents = json<{ items: EnterpriseSummary[] }>(await admin.get("/api/v1/enterprises?pageSize=50&sort=name")).items;
  const idOf = async (name: string) => (await findUserByUsername(db, `${zone.prefix}${name}`))?.id as string;
  const [served, other] = ents as [EnterpriseSummary, EnterpriseSummary];
  await db
    .update(enterpriseTable)
    .set({ officerId: null })
    .where(
      inArray(
        enterpriseTable.id,
        ents.map((e) => e.id),
      ),
    );
  await db
    .update(enterpriseTable)
    .set({ officerId: await idOf("officer") })
    .where(eq(enterpriseTable.id, served.id));
  await db
    .update(enterpriseTable)
    .set({ officerId: await idOf("officer001") })
    .where(eq(enterpriseTable.id, other.id));
  const login = (who: string) => Client.login(env.app, `${zone.prefix}${who}`);
  return { zone, admin, officer: await login("officer"), served, other, login };
}

async function invite(c: Client, enterpriseId: string, body: Record<string, unknown> = {}): Promise<InviteCreated> {
  const res = await c.post(`/api/v1/enterprises/${enterpriseId}/invites`, {
    displayName: "张伟",
    phone: "13800138000",
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<InviteCreated>(res);
}

const tokenOf = (created: InviteCreated) => created.link.replace(/^\/invite\//, "");

/** Someone who opens the link: no session. */
const visitor = () => new Client(env.app);

async function invitesOf(c: Client, enterpriseId: string): Promise<Invite[]> {
  const res = await c.get(`/api/v1/enterprises/${enterpriseId}/invites`);
  expect(res.statusCode, res.body).toBe(200);
  return json<{ items: Invite[] }>(res).items;
}

async function auditOf(admin: Client, query: string): Promise<AuditEntry[]> {
  const res = await admin.get(`/api/v1/audit?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<{ items: AuditEntry[] }>(res).items;
}

describe("enterprise invitations", () => {
  it("lets the serving officer invite; a link opens the portal account of that enterprise and logs in", async () => {
    const w = await world();
    const created = await invite(w.officer, w.served.id);
    expect(created.link).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt).toBe(new Date(T0.getTime() + INVITE_VALID_MS).toISOString());
    expect(await invitesOf(w.officer, w.served.id)).toMatchObject([
      { id: created.id, displayName: "张伟", phone: "13800138000", state: "pending", invitedByName: "王芳" },
    ]);

    const page = visitor();
    const preview = await page.get(`/api/v1/invites/${tokenOf(created)}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(json<InvitePreview>(preview)).toEqual({
      enterpriseName: w.served.name,
      displayName: "张伟",
      expiresAt: created.expiresAt,
    });

    const username = `${w.zone.prefix}zhangwei`;
    const accepted = await page.post(`/api/v1/invites/${tokenOf(created)}/accept`, { username, password: PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(json<{ user: Me }>(accepted).user).toMatchObject({
      username,
      displayName: "张伟",
      role: "enterprise",
      enterpriseId: w.served.id,
      mustChangePassword: false,
    });
    expect(Object.keys(page.cookies).sort()).toEqual(["zoneos_csrf", "zoneos_session"]);
    const me = await page.get("/api/v1/auth/me");
    expect(me.statusCode).toBe(200);
    expect(json<Me>(me)).toMatchObject({ username, role: "enterprise", enterpriseId: w.served.id });
    // A portal user of its own enterprise only, who can write at once (the CSRF cookie works).
    expect((await page.get(`/api/v1/enterprises/${w.served.id}`)).statusCode).toBe(200);
    expect((await page.get(`/api/v1/enterprises/${w.other.id}`)).statusCode).toBe(404);
    const k = await page.post("/api/v1/cases", { category: "talent", title: "人才公寓", description: "需要两套" });
    expect(k.statusCode, k.body).toBe(201);
    expect(json<Case>(k).enterpriseId).toBe(w.served.id);
    // And logs in again later with what they chose.
    await Client.login(env.app, username, PASSWORD);

    // The link works once.
    const again = await visitor().post(`/api/v1/invites/${tokenOf(created)}/accept`, {
      username: `${w.zone.prefix}second`,
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(404);
    expect(json(again)).toMatchObject({ code: "INVITE_INVALID", title: "邀请链接无效、已使用或已过期" });
    expect(await findUserByUsername(env.database.db, `${w.zone.prefix}second`)).toBeUndefined();
    expect((await visitor().get(`/api/v1/invites/${tokenOf(created)}`)).statusCode).toBe(404);
    expect(await invitesOf(w.officer, w.served.id)).toMatchObject([{ state: "used", username }]);
  });

  it("refuses officers who do not serve the enterprise and roles without the permission", async () => {
    const w = await world();
    const res = await w.officer.post(`/api/v1/enterprises/${w.other.id}/invites`, { displayName: "李四" });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ code: "NOT_FOUND", title: "企业不存在或无权查看" });
    expect((await w.officer.get(`/api/v1/enterprises/${w.other.id}/invites`)).statusCode).toBe(404);
    for (const who of ["enterprise", "leader"]) {
      const c = await w.login(who);
      const r = await c.post(`/api/v1/enterprises/${w.served.id}/invites`, { displayName: "李四" });
      expect(r.statusCode).toBe(403);
      expect(json(r)).toMatchObject({ code: "FORBIDDEN", title: "无权执行此操作" });
    }
    // Nothing was written; the serving officer and the admin may invite.
    expect(await invitesOf(w.admin, w.other.id)).toEqual([]);
    expect(await invitesOf(w.admin, w.served.id)).toEqual([]);
    await invite(await w.login("officer001"), w.other.id);
    await invite(w.admin, w.other.id, { displayName: "王五" });
    expect((await invitesOf(w.admin, w.other.id)).map((i) => i.displayName).sort()).toEqual(["张伟", "王五"].sort());
  });

  it("refuses unknown and expired links", async () => {
    const w = await world();
    const created = await invite(w.officer, w.served.id);
    const unknown = await visitor().get(`/api/v1/invites/${"x".repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown)).toMatchObject({ code: "INVITE_INVALID" });

    env.clock.set(new Date(T0.getTime() + INVITE_VALID_MS - 60_000));
    expect((await visitor().get(`/api/v1/invites/${tokenOf(created)}`)).statusCode).toBe(200);
    env.clock.set(new Date(T0.getTime() + INVITE_VALID_MS));
    expect((await visitor().get(`/api/v1/invites/${tokenOf(created)}`)).statusCode).toBe(404);
    const late = await visitor().post(`/api/v1/invites/${tokenOf(created)}/accept`, {
      username: `${w.zone.prefix}late`,
      password: PASSWORD,
    });
    expect(late.statusCode).toBe(404);
    expect(json(late)).toMatchObject({ code: "INVITE_INVALID" });
    expect(await findUserByUsername(env.database.db, `${w.zone.prefix}late`)).toBeUndefined();
    const officer = await w.login("officer");
    expect(await invitesOf(officer, w.served.id)).toMatchObject([{ state: "expired", usedAt: null, username: null }]);
  });

  it("refuses a weak password or a taken user name and writes nothing; the link still works after", async () => {
    const w = await world();
    const created = await invite(w.officer, w.served.id);
    const token = tokenOf(created);
    const page = visitor();
    const username = `${w.zone.prefix}zhangwei`;

    const weak = await page.post(`/api/v1/invites/${token}/accept`, { username, password: "password" });
    expect(weak.statusCode).toBe(400);
    expect(json(weak)).toMatchObject({
      code: "VALIDATION_FAILED",
      errors: [{ path: "password", message: WEAK_MESSAGE }],
    });
    expect(json<{ title: string }>(weak).title).toContain(WEAK_MESSAGE);

    // User names are unique across the platform, whatever the case.
    const taken = await page.post(`/api/v1/invites/${token}/accept`, {
      username: w.zone.user("officer").toUpperCase(),
      password: PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
    expect(json(taken)).toMatchObject({
      code: "DUPLICATE_USERNAME",
      title: `用户名 ${w.zone.user("officer").toUpperCase()} 已存在`,
    });
    const bad = await page.post(`/api/v1/invites/${token}/accept`, { username: "张 伟", password: PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "username" }] });

    expect(page.cookies).toEqual({});
    expect(await findUserByUsername(env.database.db, username)).toBeUndefined();
    expect(await invitesOf(w.officer, w.served.id)).toMatchObject([{ state: "pending", usedAt: null }]);
    expect((await auditOf(w.admin, "action=invite.accept")).filter((a) => a.entityName === username)).toEqual([]);
    expect((await page.get(`/api/v1/invites/${token}`)).statusCode).toBe(200);
    const ok = await page.post(`/api/v1/invites/${token}/accept`, { username, password: PASSWORD });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("turns one link into one account when two people use it at once", async () => {
    const w = await world();
    const token = tokenOf(await invite(w.officer, w.served.id));
    const names = [`${w.zone.prefix}first`, `${w.zone.prefix}second`];
    const results = await Promise.all(
      names.map((username) => visitor().post(`/api/v1/invites/${token}/accept`, { username, password: PASSWORD })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 404]);
    const made = await env.database.db
      .select({ username: userTable.username })
      .from(userTable)
      .where(inArray(userTable.username, names));
    expect(made).toHaveLength(1);
    expect(await invitesOf(w.officer, w.served.id)).toMatchObject([{ state: "used", username: made[0]?.username }]);
  });

  it("audits the invitation and its acceptance, never with the token", async () => {
    const w = await world();
    const created = await invite(w.officer, w.served.id);
    const username = `${w.zone.prefix}zhangwei`;
    const accepted = await visitor().post(`/api/v1/invites/${tokenOf(created)}/accept`, {
      username,
      password: PASSWORD,
    });
    const user = json<{ user: Me }>(accepted).user;

    const made = await auditOf(w.admin, `entityType=enterprise&entityId=${w.served.id}&action=invite.create`);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      actorName: "王芳",
      entityName: w.served.name,
      after: { inviteId: created.id, displayName: "张伟", phone: "13800138000", expiresAt: created.expiresAt },
    });
    const took = await auditOf(w.admin, `entityType=user&entityId=${user.id}`);
    expect(took.map((a) => a.action)).toContain("invite.accept");
    expect(took.find((a) => a.action === "invite.accept")).toMatchObject({
      actorId: user.id,
      actorName: "张伟",
      entityName: username,
      after: { username, role: "enterprise", enterpriseId: w.served.id, inviteId: created.id },
    });
    const all = JSON.stringify(await auditOf(w.admin, ""));
    expect(all).not.toContain(tokenOf(created));
    expect(all).not.toContain(PASSWORD);
  });
});
