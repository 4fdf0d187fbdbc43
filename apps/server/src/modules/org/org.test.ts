import type { AuditEntry, EnterpriseSummary, Unit, User } from "@zoneos/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

async function adminOf(): Promise<{ zone: TestZone; admin: Client }> {
  const zone = await makeZone(env);
  return { zone, admin: await Client.login(env.app, zone.user("admin")) };
}

async function units(c: Client): Promise<Unit[]> {
  const res = await c.get("/api/v1/units");
  expect(res.statusCode).toBe(200);
  return json<{ items: Unit[] }>(res).items;
}
const unitNamed = async (c: Client, name: string) => (await units(c)).find((u) => u.name === name) as Unit;

async function users(c: Client): Promise<User[]> {
  return json<{ items: User[] }>(await c.get("/api/v1/users?pageSize=200")).items;
}

async function auditRows(admin: Client, query: string): Promise<AuditEntry[]> {
  const res = await admin.get(`/api/v1/audit?pageSize=200&${query}`);
  expect(res.statusCode).toBe(200);
  return json<{ items: AuditEntry[] }>(res).items;
}

async function createUnit(
  c: Client,
  body: { name: string; kind?: string; parentId?: string | null; sortOrder?: number },
): Promise<Unit> {
  const res = await c.post("/api/v1/units", { kind: "department", ...body });
  expect(res.statusCode, res.body).toBe(201);
  return json<Unit>(res);
}

const PASSWORD = "Init@2026x";

describe("units", () => {
  it("builds a tree: creates children, moves a branch, and refuses to move a unit under itself or its own descendants", async () => {
    const { admin } = await adminOf();
    const a = await createUnit(admin, { name: "招商一局" });
    const b = await createUnit(admin, { name: "产业链招商处", parentId: a.id });
    const c = await createUnit(admin, { name: "集成电路组", parentId: b.id });
    expect(b).toMatchObject({ parentId: a.id, kind: "department", userCount: 0 });
    const tree = await units(admin);
    expect(tree.find((u) => u.id === c.id)?.parentId).toBe(b.id);

    // Move the 组 under 投资促进局.
    const invest = await unitNamed(admin, "投资促进局");
    const moved = await admin.put(`/api/v1/units/${c.id}`, {
      name: "集成电路组",
      kind: "department",
      parentId: invest.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(json<Unit>(moved).parentId).toBe(invest.id);

    // 招商一局 cannot go under its own 处 nor under itself.
    for (const parentId of [b.id, a.id]) {
      const cycle = await admin.put(`/api/v1/units/${a.id}`, { name: "招商一局", kind: "department", parentId });
      expect(cycle.statusCode).toBe(400);
      expect(json(cycle)).toMatchObject({ code: "UNIT_CYCLE", detail: "不能把单位移到它自己的下级" });
    }
    const after = await units(admin);
    expect(after.find((u) => u.id === a.id)?.parentId).toBeNull();
    expect(after.find((u) => u.id === b.id)?.parentId).toBe(a.id);
    expect(after.find((u) => u.id === c.id)?.parentId).toBe(invest.id);

    // A whole branch moves with its children.
    const branch = await admin.put(`/api/v1/units/${a.id}`, {
      name: "招商一局",
      kind: "department",
      parentId: invest.id,
    });
    expect(branch.statusCode).toBe(200);
    expect((await units(admin)).find((u) => u.id === b.id)?.parentId).toBe(a.id);
  });

  it("refuses two units of the same name under one parent with 409, allows it under another parent", async () => {
    const { admin } = await adminOf();
    const top = await admin.post("/api/v1/units", { name: "财政局", kind: "department" });
    expect(top.statusCode).toBe(409);
    expect(json(top)).toMatchObject({ code: "DUPLICATE_UNIT", detail: "同一上级下已有名为“财政局”的单位" });

    const service = await unitNamed(admin, "企业服务中心");
    const dup = await admin.post("/api/v1/units", { name: "兜底办", kind: "department", parentId: service.id });
    expect(dup.statusCode).toBe(409);
    expect(json(dup).detail).toBe("同一上级下已有名为“兜底办”的单位");
    await createUnit(admin, { name: "兜底办", parentId: (await unitNamed(admin, "经济发展局")).id });

    // Renaming or moving into a clash is refused too, and nothing changes.
    const other = await createUnit(admin, { name: "临时专班", parentId: service.id });
    const rename = await admin.put(`/api/v1/units/${other.id}`, {
      name: "兜底办",
      kind: "department",
      parentId: service.id,
    });
    expect(rename.statusCode).toBe(409);
    expect((await units(admin)).filter((u) => u.name === "兜底办")).toHaveLength(2);
    expect(
      (await units(admin))
        .filter((u) => u.parentId === service.id)
        .map((u) => u.name)
        .sort(),
    ).toEqual(["临时专班", "兜底办"].sort());
  });

  it("refuses to delete a unit that still has sub-units or users, deletes an empty one", async () => {
    const { admin } = await adminOf();
    const service = await unitNamed(admin, "企业服务中心");
    const withChild = await admin.del(`/api/v1/units/${service.id}`);
    expect(withChild.statusCode).toBe(409);
    expect(json(withChild)).toMatchObject({
      code: "UNIT_HAS_CHILDREN",
      detail: "该单位下还有下级单位或用户，不能删除",
    });

    const office = await unitNamed(admin, "党政办公室");
    expect(office.userCount).toBe(1); // the admin
    expect(json(await admin.del(`/api/v1/units/${office.id}`)).code).toBe("UNIT_HAS_CHILDREN");

    const empty = await createUnit(admin, { name: "待撤销科", parentId: service.id });
    expect((await admin.del(`/api/v1/units/${empty.id}`)).statusCode).toBe(204);
    expect((await units(admin)).some((u) => u.id === empty.id)).toBe(false);
    const again = await admin.del(`/api/v1/units/${empty.id}`);
    expect(again.statusCode).toBe(404);
    expect(json(again).detail).toBe("单位不存在或无权查看");
    // The unit that had the sub-unit is still there.
    expect((await units(admin)).some((u) => u.id === service.id)).toBe(true);
  });

  it("shows how many users each unit has", async () => {
    const { zone, admin } = await adminOf();
    const counts = new Map((await units(admin)).map((u) => [u.name, u.userCount]));
    expect(counts.get("高新技术产业园")).toBe(3); // unit head, officer, officer001
    expect(counts.get("智能制造产业园")).toBe(1); // officer002
    expect(counts.get("党政办公室")).toBe(1);
    expect(counts.get("财政局")).toBe(0);
    const finance = await unitNamed(admin, "财政局");
    await admin.post("/api/v1/users", {
      username: `${zone.prefix}cz`,
      initialPassword: PASSWORD,
      displayName: "财政干部",
      role: "officer",
      unitId: finance.id,
    });
    expect((await unitNamed(admin, "财政局")).userCount).toBe(1);
    const renamed = await admin.put(`/api/v1/units/${finance.id}`, { name: "财政金融局", kind: "department" });
    expect(json<Unit>(renamed).userCount).toBe(1);
  });

  it("refuses to delete a park that still has enterprises, and deletes it once they have moved", async () => {
    const { admin } = await adminOf();
    const park = json<Unit>(await admin.post("/api/v1/units", { name: "临时园区", kind: "park" }));
    const created = await admin.post("/api/v1/enterprises", {
      creditCode: "91360100MA35F2K1XH",
      name: "临时园区企业有限公司",
      parkUnitId: park.id,
    });
    expect(created.statusCode).toBe(201);
    const refused = await admin.del(`/api/v1/units/${park.id}`);
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({
      code: "PARK_HAS_ENTERPRISES",
      detail: "该园区下还有 1 家企业，请先把它们调整到其他园区",
    });
    expect((await units(admin)).some((u) => u.id === park.id)).toBe(true);
    const e = json<{ id: string; version: number }>(created);
    expect(
      (
        await admin.put(`/api/v1/enterprises/${e.id}`, {
          creditCode: "91360100MA35F2K1XH",
          name: "临时园区企业有限公司",
          parkUnitId: null,
          version: e.version,
        })
      ).statusCode,
    ).toBe(200);
    expect((await admin.del(`/api/v1/units/${park.id}`)).statusCode).toBe(204);
  });

  it("keeps each zone's units to itself", async () => {
    const { admin } = await adminOf();
    const { admin: otherAdmin } = await adminOf();
    const mine = await createUnit(admin, { name: "本区专班" });
    expect((await units(otherAdmin)).some((u) => u.id === mine.id)).toBe(false);
    const move = await otherAdmin.put(`/api/v1/units/${mine.id}`, { name: "被改名", kind: "department" });
    expect(move.statusCode).toBe(404);
    expect((await otherAdmin.del(`/api/v1/units/${mine.id}`)).statusCode).toBe(404);
    // Nor can a unit be hung under another zone's unit.
    const foreignParent = await otherAdmin.post("/api/v1/units", {
      name: "挂错区",
      kind: "department",
      parentId: mine.id,
    });
    expect(foreignParent.statusCode).toBe(404);
    expect((await unitNamed(admin, "本区专班")).name).toBe("本区专班");
  });
});

describe("users", () => {
  it("refuses a weak initial password with the password rule in Chinese", async () => {
    const { zone, admin } = await adminOf();
    const res = await admin.post("/api/v1/users", {
      username: `${zone.prefix}weak`,
      initialPassword: "abcdefgh",
      displayName: "弱密码",
      role: "leader",
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({
      code: "VALIDATION_FAILED",
      detail: "输入有误：initialPassword: 密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类",
      errors: [
        { path: "initialPassword", message: "密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类" },
      ],
    });
    expect((await users(admin)).some((u) => u.username === `${zone.prefix}weak`)).toBe(false);
  });

  it("refuses a user name that exists already, whatever its case, with 409", async () => {
    const { zone, admin } = await adminOf();
    const taken = zone.user("officer").toUpperCase();
    const res = await admin.post("/api/v1/users", {
      username: taken,
      initialPassword: PASSWORD,
      displayName: "重名",
      role: "leader",
    });
    expect(res.statusCode).toBe(409);
    expect(json(res)).toMatchObject({ code: "DUPLICATE_USERNAME", detail: `用户名 ${taken} 已存在` });
  });

  it("requires an enterprise of the zone for an enterprise user and a unit for an officer", async () => {
    const zone = await makeZone(env, { enterprises: 2 });
    const admin = await Client.login(env.app, zone.user("admin"));
    const other = await makeZone(env, { enterprises: 1, seed: 11 });
    const foreign = json<{ items: EnterpriseSummary[] }>(
      await (await Client.login(env.app, other.user("admin"))).get("/api/v1/enterprises"),
    ).items[0];

    const none = await admin.post("/api/v1/users", {
      username: `${zone.prefix}qy1`,
      initialPassword: PASSWORD,
      displayName: "企业联系人",
      role: "enterprise",
    });
    expect(none.statusCode).toBe(400);
    expect(json(none)).toMatchObject({
      code: "VALIDATION_FAILED",
      detail: "输入有误：企业用户必须关联一家企业",
      errors: [{ path: "enterpriseId" }],
    });

    const wrongZone = await admin.post("/api/v1/users", {
      username: `${zone.prefix}qy2`,
      initialPassword: PASSWORD,
      displayName: "企业联系人",
      role: "enterprise",
      enterpriseId: foreign?.id,
    });
    expect(wrongZone.statusCode).toBe(404);
    expect(json(wrongZone).detail).toBe("企业不存在或无权查看");

    const officer = await admin.post("/api/v1/users", {
      username: `${zone.prefix}nounit`,
      initialPassword: PASSWORD,
      displayName: "无单位",
      role: "officer",
    });
    expect(officer.statusCode).toBe(400);
    expect(json(officer).detail).toBe("输入有误：单位负责人和干部必须属于一个单位");

    const own = json<{ items: EnterpriseSummary[] }>(await admin.get("/api/v1/enterprises?sort=name")).items.find(
      (e) => e.name === "江苏迅特科技有限公司",
    );
    const ok = await admin.post("/api/v1/users", {
      username: `${zone.prefix}qy3`,
      initialPassword: PASSWORD,
      displayName: "企业联系人",
      role: "enterprise",
      enterpriseId: own?.id,
    });
    expect(ok.statusCode).toBe(201);
    expect(json<User>(ok)).toMatchObject({
      role: "enterprise",
      enterpriseId: own?.id,
      enterpriseName: "江苏迅特科技有限公司",
      mustChangePassword: true,
      disabled: false,
      locked: false,
    });
    expect(
      (await users(admin)).filter((u) => u.username.startsWith(`${zone.prefix}qy`)).map((u) => u.username),
    ).toEqual([`${zone.prefix}qy3`]);
  });

  it("a disabled user's session stops working at once and they cannot log in; enabling them again lets them in", async () => {
    const { zone, admin } = await adminOf();
    const officer = await Client.login(env.app, zone.user("officer"));
    expect((await officer.get("/api/v1/auth/me")).statusCode).toBe(200);
    const u = (await users(admin)).find((x) => x.username === zone.user("officer")) as User;
    const body = { displayName: u.displayName, phone: u.phone, role: u.role, unitId: u.unitId, enterpriseId: null };

    const res = await admin.put(`/api/v1/users/${u.id}`, { ...body, disabled: true });
    expect(res.statusCode).toBe(200);
    expect(json<User>(res).disabled).toBe(true);
    const after = await officer.get("/api/v1/enterprises");
    expect(after.statusCode).toBe(401);
    expect(json(after).code).toBe("UNAUTHENTICATED");
    const login = await new Client(env.app).post("/api/v1/auth/login", {
      username: zone.user("officer"),
      password: "Demo@2026",
    });
    expect(login.statusCode).toBe(403);
    expect(json(login)).toMatchObject({ code: "ACCOUNT_DISABLED", detail: "账号已停用" });

    expect((await admin.put(`/api/v1/users/${u.id}`, { ...body, disabled: false })).statusCode).toBe(200);
    expect((await (await Client.login(env.app, zone.user("officer"))).get("/api/v1/auth/me")).statusCode).toBe(200);
  });

  it("an administrator cannot disable themself or change their own role", async () => {
    const { zone, admin } = await adminOf();
    const me = (await users(admin)).find((x) => x.username === zone.user("admin")) as User;
    const body = { displayName: me.displayName, phone: me.phone, role: me.role, unitId: me.unitId, enterpriseId: null };
    const disable = await admin.put(`/api/v1/users/${me.id}`, { ...body, disabled: true });
    expect(disable.statusCode).toBe(400);
    expect(json(disable)).toMatchObject({ code: "CANNOT_DISABLE_SELF", detail: "不能停用或删除自己的账号" });
    expect(json(await admin.put(`/api/v1/users/${me.id}`, { ...body, role: "leader" })).code).toBe(
      "CANNOT_DISABLE_SELF",
    );
    expect((await admin.get("/api/v1/users")).statusCode).toBe(200);
  });

  it("changing a user's role ends their sessions, so the new rights apply at once", async () => {
    const { zone, admin } = await adminOf();
    const leader = await Client.login(env.app, zone.user("leader"));
    const u = (await users(admin)).find((x) => x.username === zone.user("leader")) as User;
    const office = await unitNamed(admin, "经济发展局");
    expect(
      (await admin.put(`/api/v1/users/${u.id}`, { displayName: u.displayName, role: "officer", unitId: office.id }))
        .statusCode,
    ).toBe(200);
    expect((await leader.get("/api/v1/auth/me")).statusCode).toBe(401);
    const again = await Client.login(env.app, zone.user("leader"));
    expect(json<{ role: string; unitName: string }>(await again.get("/api/v1/auth/me"))).toMatchObject({
      role: "officer",
      unitName: "经济发展局",
    });
  });

  it("a password reset ends the user's sessions and makes them change the new password at the next login", async () => {
    const { zone, admin } = await adminOf();
    const username = `${zone.prefix}reset`;
    const created = json<User>(
      await admin.post("/api/v1/users", {
        username,
        initialPassword: PASSWORD,
        displayName: "重置测试",
        role: "leader",
      }),
    );
    const user = await Client.login(env.app, username, PASSWORD);
    expect(
      (await user.post("/api/v1/auth/change-password", { currentPassword: PASSWORD, newPassword: "Mine#2026ok" }))
        .statusCode,
    ).toBe(200);
    expect((await user.get("/api/v1/enterprises")).statusCode).toBe(200);

    const weak = await admin.post(`/api/v1/users/${created.id}/reset-password`, { initialPassword: "12345678" });
    expect(weak.statusCode).toBe(400);
    expect(json(weak).detail).toContain("密码至少 8 位");
    expect(
      (await admin.post(`/api/v1/users/${created.id}/reset-password`, { initialPassword: "Reset@2026y" })).statusCode,
    ).toBe(200);

    expect((await user.get("/api/v1/enterprises")).statusCode).toBe(401);
    expect(json(await new Client(env.app).post("/api/v1/auth/login", { username, password: "Mine#2026ok" })).code).toBe(
      "INVALID_CREDENTIALS",
    );
    const next = await Client.login(env.app, username, "Reset@2026y");
    expect(json<{ mustChangePassword: boolean }>(await next.get("/api/v1/auth/me")).mustChangePassword).toBe(true);
    const blocked = await next.get("/api/v1/enterprises");
    expect(blocked.statusCode).toBe(403);
    expect(json(blocked)).toMatchObject({ code: "PASSWORD_CHANGE_REQUIRED", detail: "首次登录请先修改初始密码" });
    expect((await users(admin)).find((u) => u.id === created.id)?.mustChangePassword).toBe(true);
  });

  it("a demo account whose password is reset must change it at the next login too", async () => {
    const { zone, admin } = await adminOf();
    const u = (await users(admin)).find((x) => x.username === zone.user("leader")) as User;
    expect(
      (await admin.post(`/api/v1/users/${u.id}/reset-password`, { initialPassword: "Reset@2026y" })).statusCode,
    ).toBe(200);
    const next = await Client.login(env.app, zone.user("leader"), "Reset@2026y");
    expect(json<{ mustChangePassword: boolean }>(await next.get("/api/v1/auth/me")).mustChangePassword).toBe(true);
    expect(json(await next.get("/api/v1/enterprises")).code).toBe("PASSWORD_CHANGE_REQUIRED");
  });

  it("unlocks a user locked out by failed logins", async () => {
    const { zone, admin } = await adminOf();
    const username = zone.user("unithead");
    const c = new Client(env.app);
    for (let i = 0; i < 5; i++) await c.post("/api/v1/auth/login", { username, password: "wrong" });
    expect((await c.post("/api/v1/auth/login", { username, password: "Demo@2026" })).statusCode).toBe(423);
    const u = (await users(admin)).find((x) => x.username === username) as User;
    expect(u.locked).toBe(true);

    expect((await admin.post(`/api/v1/users/${u.id}/unlock`)).statusCode).toBe(200);
    expect((await users(admin)).find((x) => x.id === u.id)?.locked).toBe(false);
    expect((await c.post("/api/v1/auth/login", { username, password: "Demo@2026" })).statusCode).toBe(200);
  });

  it("finds users by name and filters by role and unit", async () => {
    const { zone, admin } = await adminOf();
    const list = (q: string) => admin.get(`/api/v1/users?${q}`).then((r) => json<{ items: User[]; total: number }>(r));
    expect((await list("role=officer")).items.map((u) => u.username).sort()).toEqual(
      [zone.user("officer"), `${zone.prefix}service`, `${zone.prefix}officer001`, `${zone.prefix}officer002`].sort(),
    );
    expect((await list(`q=${encodeURIComponent("王芳")}`)).items.map((u) => u.username)).toEqual([
      zone.user("officer"),
    ]);
    const park = await unitNamed(admin, "高新技术产业园");
    expect((await list(`unitId=${park.id}`)).items.map((u) => u.username).sort()).toEqual(
      [zone.user("officer"), `${zone.prefix}officer001`, zone.user("unithead")].sort(),
    );
    const paged = await list("pageSize=2&page=2");
    expect(paged.total).toBe(9);
    expect(paged.items).toHaveLength(2);
  });
});

describe("audit of org writes", () => {
  it("every unit and user write leaves one audit row with what changed", async () => {
    const { zone, admin } = await adminOf();
    const service = await unitNamed(admin, "企业服务中心");
    const unit = await createUnit(admin, { name: "审计科", parentId: service.id });
    await admin.put(`/api/v1/units/${unit.id}`, { name: "审计监督科", kind: "department", parentId: service.id });
    const user = json<User>(
      await admin.post("/api/v1/users", {
        username: `${zone.prefix}aud`,
        initialPassword: PASSWORD,
        displayName: "审计对象",
        role: "officer",
        unitId: unit.id,
      }),
    );
    await admin.put(`/api/v1/users/${user.id}`, {
      displayName: "审计对象",
      role: "officer",
      unitId: unit.id,
      phone: "13900000000",
    });
    await admin.post(`/api/v1/users/${user.id}/reset-password`, { initialPassword: "Reset@2026y" });
    await admin.post(`/api/v1/users/${user.id}/unlock`);
    await admin.put(`/api/v1/users/${user.id}`, {
      displayName: "审计对象",
      role: "officer",
      unitId: service.id,
      phone: "13900000000",
    });
    expect((await admin.del(`/api/v1/units/${unit.id}`)).statusCode).toBe(204);

    const unitRows = await auditRows(admin, `entityType=unit&entityId=${unit.id}`);
    expect(unitRows.map((r) => r.action)).toEqual(["unit.delete", "unit.update", "unit.create"]);
    expect(unitRows[2]?.after).toEqual({ name: "审计科", kind: "department", parentId: service.id, sortOrder: 0 });
    expect(unitRows[1]).toMatchObject({ entityName: "审计监督科", actorName: "系统管理员" });
    expect([unitRows[1]?.before, unitRows[1]?.after]).toEqual([{ name: "审计科" }, { name: "审计监督科" }]);
    expect(unitRows[0]).toMatchObject({
      before: { name: "审计监督科", kind: "department", parentId: service.id },
      after: null,
    });

    const userRows = await auditRows(admin, `entityType=user&entityId=${user.id}`);
    expect(userRows.map((r) => r.action)).toEqual([
      "user.update",
      "user.unlock",
      "user.password_reset",
      "user.update",
      "user.create",
    ]);
    expect(userRows[4]?.after).toMatchObject({
      username: `${zone.prefix}aud`,
      role: "officer",
      unitId: unit.id,
      disabled: false,
    });
    expect(JSON.stringify(userRows)).not.toContain("argon2");
    expect([userRows[3]?.before, userRows[3]?.after]).toEqual([{ phone: null }, { phone: "13900000000" }]);
    expect([userRows[0]?.before, userRows[0]?.after]).toEqual([{ unitId: unit.id }, { unitId: service.id }]);
  });

  it("a refused org write leaves no audit row", async () => {
    const { admin } = await adminOf();
    await admin.post("/api/v1/units", { name: "财政局", kind: "department" });
    const service = await unitNamed(admin, "企业服务中心");
    await admin.del(`/api/v1/units/${service.id}`);
    expect(await auditRows(admin, "entityType=unit")).toEqual([]);
  });
});

describe("who may manage the organisation", () => {
  it("every org.manage route answers 403 to leaders, unit heads, officers and enterprise users", async () => {
    const zone = await makeZone(env, { enterprises: 1 });
    const admin = await Client.login(env.app, zone.user("admin"));
    const target = (await users(admin)).find((u) => u.username === zone.user("leader")) as User;
    const unit = await unitNamed(admin, "财政局");
    const manageRoutes = env.app.routeList.filter((r) => r.permission === "org.manage" && r.method !== "HEAD");
    expect(manageRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      [
        "DELETE /api/v1/units/:id",
        "GET /api/v1/users",
        "POST /api/v1/units",
        "POST /api/v1/users",
        "POST /api/v1/users/:id/reset-password",
        "POST /api/v1/users/:id/unlock",
        "PUT /api/v1/units/:id",
        "PUT /api/v1/users/:id",
      ].sort(),
    );
    const bodies: Record<string, unknown> = {
      "POST /api/v1/units": { name: "越权科", kind: "department" },
      "PUT /api/v1/units/:id": { name: "越权改名", kind: "department" },
      "POST /api/v1/users": {
        username: `${zone.prefix}sneaky`,
        initialPassword: PASSWORD,
        displayName: "越权",
        role: "admin",
      },
      "PUT /api/v1/users/:id": { displayName: "越权", role: "admin" },
      "POST /api/v1/users/:id/reset-password": { initialPassword: "Hacked#2026" },
    };
    const wrong: string[] = [];
    for (const role of ["leader", "unithead", "officer", "enterprise"] as const) {
      const c = await Client.login(env.app, zone.user(role));
      for (const r of manageRoutes) {
        const key = `${r.method} ${r.url}`;
        const url = r.url.replace(":id", r.url.startsWith("/api/v1/units") ? unit.id : target.id);
        const res = await c.request(
          r.method as "GET",
          url,
          r.method === "GET" || r.method === "DELETE" ? undefined : (bodies[key] ?? {}),
        );
        if (res.statusCode !== 403 || json(res).code !== "FORBIDDEN") wrong.push(`${role}: ${key} → ${res.statusCode}`);
      }
      // Everyone may read the unit tree.
      expect((await c.get("/api/v1/units")).statusCode).toBe(200);
    }
    expect(wrong).toEqual([]);
    expect((await unitNamed(admin, "财政局")).id).toBe(unit.id);
    expect((await users(admin)).find((u) => u.id === target.id)).toMatchObject({
      role: "leader",
      displayName: target.displayName,
    });
    expect(await auditRows(admin, "entityType=unit")).toEqual([]);
  });
});

describe("audit log page", () => {
  it("is for administrators only", async () => {
    const zone = await makeZone(env, { enterprises: 1 });
    for (const role of ["leader", "unithead", "officer", "enterprise"] as const) {
      const c = await Client.login(env.app, zone.user(role));
      const res = await c.get("/api/v1/audit");
      expect(res.statusCode, role).toBe(403);
      expect(json(res).code).toBe("FORBIDDEN");
    }
  });

  it("filters by entity type, action and China-time date, newest first, and shows only the zone's own rows", async () => {
    const zone = await makeZone(env);
    // 2026-04-10 10:00 in China.
    env.clock.set(new Date("2026-04-10T02:00:00Z"));
    let admin = await Client.login(env.app, zone.user("admin"));
    const early = await createUnit(admin, { name: "四月十日科" });
    // 2026-04-11 16:30 UTC is already 2026-04-12 00:30 in China.
    env.clock.set(new Date("2026-04-11T16:30:00Z"));
    admin = await Client.login(env.app, zone.user("admin"));
    const late = await createUnit(admin, { name: "四月十二日科" });
    await admin.put(`/api/v1/units/${late.id}`, { name: "四月十二日科（改）", kind: "department" });

    const ids = (rows: AuditEntry[]) => rows.map((r) => `${r.action} ${r.entityName}`);
    expect(ids(await auditRows(admin, "entityType=unit"))).toEqual([
      "unit.update 四月十二日科（改）",
      "unit.create 四月十二日科",
      "unit.create 四月十日科",
    ]);
    expect(ids(await auditRows(admin, "action=unit.create"))).toEqual([
      "unit.create 四月十二日科",
      "unit.create 四月十日科",
    ]);
    expect(ids(await auditRows(admin, "entityType=unit&from=2026-04-10&to=2026-04-10"))).toEqual([
      "unit.create 四月十日科",
    ]);
    expect(await auditRows(admin, "entityType=unit&from=2026-04-11&to=2026-04-11")).toEqual([]);
    expect(ids(await auditRows(admin, "entityType=unit&from=2026-04-12"))).toEqual([
      "unit.update 四月十二日科（改）",
      "unit.create 四月十二日科",
    ]);
    expect(ids(await auditRows(admin, "entityType=unit&to=2026-04-11"))).toEqual(["unit.create 四月十日科"]);
    const logins = await auditRows(admin, "action=auth.login");
    expect(logins).toHaveLength(2);
    expect(logins.every((r) => r.entityType === "user" && r.entityName === zone.user("admin"))).toBe(true);
    expect((await auditRows(admin, `entityId=${early.id}`)).map((r) => r.action)).toEqual(["unit.create"]);

    const bad = await admin.get("/api/v1/audit?from=2026-13-01");
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe("VALIDATION_FAILED");

    const paged = json<{ items: AuditEntry[]; total: number }>(
      await admin.get("/api/v1/audit?entityType=unit&pageSize=2&page=2"),
    );
    expect(paged.total).toBe(3);
    expect(ids(paged.items)).toEqual(["unit.create 四月十日科"]);

    const { admin: otherAdmin } = await adminOf();
    expect(json<{ total: number }>(await otherAdmin.get(`/api/v1/audit?entityId=${early.id}`)).total).toBe(0);
    expect(json<{ total: number }>(await otherAdmin.get(`/api/v1/audit?entityType=unit`)).total).toBe(0);
  });
});
