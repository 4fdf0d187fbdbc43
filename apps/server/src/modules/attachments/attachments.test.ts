import { createHash, randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { AuditEntry, Case, CaseSummary, EnterpriseSummary, Upload, UploadLimits } from "@zoneos/contracts";
import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, json, makeTestEnv, makeZone, type TestEnv, type TestZone } from "../../../test/helpers.ts";
import { testConfig } from "../../platform/config.ts";
import { hashPassword } from "../../platform/passwords.ts";
import { runSchedulerOnce, type SchedulerRun } from "../../platform/scheduler.ts";
import { DEMO_PASSWORD } from "../../seed/demo.ts";
import { findUnitByName, insertUser } from "../org/org.queries.ts";
import { maxUploadBytes, storageFor } from "./attachments.files.ts";
import { STALE_UPLOAD_MS } from "./attachments.service.ts";
import { attachments as attachmentTable } from "./attachments.tables.ts";

/** A small limit (about 51 KB) so the size check is tested with small files. */
const LIMIT_MB = 0.05;
const MAX_BYTES = maxUploadBytes({ maxUploadMb: LIMIT_MB });

let env: TestEnv;
let passwordHash: string;
beforeAll(async () => {
  env = await makeTestEnv({ maxUploadMb: LIMIT_MB });
  passwordHash = await hashPassword(DEMO_PASSWORD);
});
afterAll(() => env.close());

const cn = (local: string) => new Date(`${local.replace(" ", "T")}+08:00`);
// Later than any date another test file runs the scheduler at: on a shared PostgreSQL test database their runs
// must not find this file's uploads stale.
const DAY0 = "2026-04-14 10:00";

const PDF = Buffer.concat([
  Buffer.from("%PDF-1.7\n%"),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff]),
  Buffer.from("\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"),
]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(300)]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]);
const pdfOfSize = (size: number) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(size - 9, 0x20)]);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A multipart/form-data body with one file part, built by hand like a browser sends it. */
function upload(
  c: Client,
  fileName: string,
  content: Buffer,
  opts: { field?: string; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  const boundary = `----zoneos${randomBytes(6).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? "file"}"; filename="${fileName}"\r\n` +
      `Content-Type: ${opts.contentType ?? "application/octet-stream"}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return c.request("POST", "/api/v1/attachments", Buffer.concat([head, content, tail]), {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

async function uploaded(c: Client, fileName: string, content: Buffer): Promise<Upload> {
  const res = await upload(c, fileName, content);
  expect(res.statusCode, res.body).toBe(201);
  return json<Upload>(res);
}

/** The files the storage holds for a zone (any `.part` left behind would show here too). */
async function storedFiles(zoneId: string): Promise<string[]> {
  const root = path.join(storageFor(testConfig()).root, zoneId);
  try {
    return (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

async function rowsOf(zoneId: string) {
  return env.database.db.select().from(attachmentTable).where(eq(attachmentTable.zoneId, zoneId));
}

interface World {
  zone: TestZone;
  /** The demo enterprise user's enterprise (A) and another one (B). */
  entA: string;
  entB: string;
  parkUnitId: string;
  login(who: string): Promise<Client>;
}

/** A zone with 3 enterprises and, besides the demo accounts, an enterprise user `ent_b` of another enterprise. */
async function world(): Promise<World> {
  env.clock.set(cn(DAY0));
  const zone = await makeZone(env, { enterprises: 3 });
  const db = env.database.db;
  const admin = await Client.login(env.app, zone.user("admin"));
  const ents = json<{ items: EnterpriseSummary[] }>(await admin.get("/api/v1/enterprises?pageSize=50")).items;
  const entA = json<{ enterpriseId: string }>(
    await (await Client.login(env.app, zone.user("enterprise"))).get("/api/v1/auth/me"),
  ).enterpriseId;
  const entB = (ents.find((e) => e.id !== entA) as EnterpriseSummary).id;
  await insertUser(db, {
    zoneId: zone.zoneId,
    username: `${zone.prefix}ent_b`,
    displayName: "其他企业 联系人",
    role: "enterprise",
    enterpriseId: entB,
    passwordHash,
    mustChangePassword: false,
  });
  const parkUnitId = (await findUnitByName(db, zone.zoneId, null, "高新技术产业园"))?.id as string;
  return { zone, entA, entB, parkUnitId, login: (who) => Client.login(env.app, `${zone.prefix}${who}`) };
}

async function createCase(c: Client, body: Record<string, unknown>): Promise<Case> {
  const res = await c.post("/api/v1/cases", {
    category: "talent",
    title: "人才公寓申请",
    description: "三名博士需要人才公寓，材料见附件",
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<Case>(res);
}

async function step(c: Client, k: Case, body: Record<string, unknown>): Promise<Case> {
  const res = await c.post(`/api/v1/cases/${k.id}/steps`, { version: k.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return json<Case>(res);
}

async function auditOf(admin: Client, query: string): Promise<AuditEntry[]> {
  const res = await admin.get(`/api/v1/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<{ items: AuditEntry[] }>(res).items;
}

/** One scheduler run; on a shared PostgreSQL another test file's run may hold the lock for a moment. */
async function runScheduler(now: Date): Promise<SchedulerRun> {
  for (let i = 0; i < 50; i++) {
    const run = await runSchedulerOnce(env.database.db, now);
    if (run.ran) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the scheduler lock stayed taken");
}

describe("attachments", () => {
  it("tells the upload form its limit and file types", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const limits = json<UploadLimits>(await officer.get("/api/v1/attachments/limits"));
    expect(limits.maxBytes).toBe(MAX_BYTES);
    expect(limits.extensions).toEqual(expect.arrayContaining(["pdf", "jpg", "png", "docx", "xlsx", "ofd"]));
    expect(limits.extensions).not.toContain("exe");
  });

  it("attaches an officer's PDF and image to a new case and serves the same bytes to those who see the case", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const pdf = await uploaded(officer, "营业执照.pdf", PDF);
    expect(pdf).toMatchObject({ fileName: "营业执照.pdf", contentType: "application/pdf", size: PDF.length });
    expect(pdf.url).toBe(`/api/v1/attachments/${pdf.id}/content`);
    env.clock.advance(60_000); // files are listed in the order they were uploaded
    // What the browser claimed does not matter: the type follows from the checked extension.
    const png = await uploaded(officer, "C:\\Users\\王芳\\现场照片.PNG", PNG);
    expect(png).toMatchObject({ fileName: "现场照片.PNG", contentType: "image/png", size: PNG.length });

    const k = await createCase(officer, { enterpriseId: w.entA, attachmentIds: [pdf.id, png.id] });
    expect(k.attachments.map((a) => [a.id, a.fileName, a.uploadedByName, a.stepId])).toEqual([
      [pdf.id, "营业执照.pdf", "王芳", null],
      [png.id, "现场照片.PNG", "王芳", null],
    ]);
    const detail = json<Case>(await officer.get(`/api/v1/cases/${k.id}`));
    expect(detail.attachments.map((a) => a.id)).toEqual([pdf.id, png.id]);

    const res = await officer.get(pdf.url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent("营业执照.pdf")}`,
    );
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("private, no-store");
    // Images are shown in the browser; everything else is a download.
    const image = await officer.get(png.url);
    expect(image.rawPayload.equals(PNG)).toBe(true);
    expect(image.headers["content-disposition"]).toMatch(/^inline; /);

    // The enterprise of the case and a leader (whole zone) read it too.
    const entA = await w.login("enterprise");
    expect(json<Case>(await entA.get(`/api/v1/cases/${k.id}`)).attachments.map((a) => a.fileName)).toEqual([
      "营业执照.pdf",
      "现场照片.PNG",
    ]);
    expect((await entA.get(pdf.url)).rawPayload.equals(PDF)).toBe(true);
    expect((await (await w.login("leader")).get(pdf.url)).statusCode).toBe(200);
  });

  it("keeps enterprise B away from enterprise A's case files: 404 by URL, never in its lists", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const pdf = await uploaded(officer, "财务报表.pdf", PDF);
    const k = await createCase(officer, { enterpriseId: w.entA, attachmentIds: [pdf.id] });
    const entB = await w.login("ent_b");
    const byUrl = await entB.get(pdf.url);
    expect(byUrl.statusCode).toBe(404);
    expect(json(byUrl)).toMatchObject({ code: "NOT_FOUND", title: "附件不存在或无权查看" });
    expect(byUrl.body).not.toContain("财务报表");
    expect((await entB.get(`/api/v1/cases/${k.id}`)).statusCode).toBe(404);
    const list = json<{ items: CaseSummary[] }>(await entB.get("/api/v1/cases?pageSize=200"));
    expect(list.items.map((i) => i.id)).not.toContain(k.id);
    // Enterprise B's own case with its own file: B reads it, A does not.
    const own = await uploaded(entB, "申请书.pdf", PDF);
    const kb = await createCase(entB, { attachmentIds: [own.id] });
    expect(kb.enterpriseId).toBe(w.entB);
    expect((await entB.get(own.url)).statusCode).toBe(200);
    expect((await (await w.login("enterprise")).get(own.url)).statusCode).toBe(404);
    // An id of another zone is unknown here as well.
    const other = await world();
    const stranger = await other.login("admin");
    expect((await stranger.get(pdf.url)).statusCode).toBe(404);
  });

  it("refuses other file types and files over the limit with a clear message, and stores nothing", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const exe = await upload(officer, "setup.exe", Buffer.from("MZ\x90\x00 a program"));
    expect(exe.statusCode).toBe(415);
    expect(json(exe)).toMatchObject({ code: "ATTACHMENT_TYPE_NOT_ALLOWED" });
    expect(json<{ title: string }>(exe).title).toMatch(
      /^不支持的文件类型“setup\.exe”（文件内容须与扩展名一致）；允许：pdf, /,
    );
    // A renamed file: the name says PDF, the content does not.
    const renamed = await upload(officer, "合同.pdf", Buffer.from("MZ\x90\x00 a program"), {
      contentType: "application/pdf",
    });
    expect(renamed.statusCode).toBe(415);
    expect(json(renamed)).toMatchObject({ code: "ATTACHMENT_TYPE_NOT_ALLOWED" });
    expect(json<{ title: string }>(renamed).title).toContain("“合同.pdf”");
    expect((await upload(officer, "空文件.txt", Buffer.alloc(0))).statusCode).toBe(415);
    expect((await upload(officer, "没有扩展名", PDF)).statusCode).toBe(415);

    const tooLarge = await upload(officer, "扫描件.pdf", pdfOfSize(MAX_BYTES + 1));
    expect(tooLarge.statusCode).toBe(413);
    expect(json(tooLarge)).toMatchObject({
      code: "ATTACHMENT_TOO_LARGE",
      title: "附件过大，单个文件不能超过 0.05 MB",
    });
    const wayTooLarge = await upload(officer, "扫描件.pdf", pdfOfSize(MAX_BYTES * 4));
    expect(json(wayTooLarge)).toMatchObject({ code: "ATTACHMENT_TOO_LARGE" });

    const missing = await upload(officer, "a.pdf", PDF, { field: "document" });
    expect(missing.statusCode).toBe(400);
    expect(json(missing)).toMatchObject({ code: "ATTACHMENT_MISSING", title: "请选择要上传的文件（表单字段 file）" });

    expect(await rowsOf(w.zone.zoneId)).toEqual([]);
    expect(await storedFiles(w.zone.zoneId)).toEqual([]);
    // Exactly at the limit is allowed.
    const atLimit = await uploaded(officer, "扫描件.pdf", pdfOfSize(MAX_BYTES));
    expect(atLimit.size).toBe(MAX_BYTES);
    expect((await rowsOf(w.zone.zoneId)).map((r) => r.id)).toEqual([atLimit.id]);
    expect(await storedFiles(w.zone.zoneId)).toHaveLength(1);
  });

  it("keeps an upload private to its uploader until linked; nobody links or deletes someone else's", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const pdf = await uploaded(officer, "现场记录.pdf", PDF);
    expect((await officer.get(pdf.url)).statusCode).toBe(200);
    // The service centre sees every case of the zone, the admin everything: still not someone's unsent upload.
    const service = await w.login("service");
    for (const c of [service, await w.login("admin"), await w.login("enterprise")])
      expect((await c.get(pdf.url)).statusCode).toBe(404);
    expect((await service.del(`/api/v1/attachments/${pdf.id}`)).statusCode).toBe(404);

    // Linking another's upload refuses the whole write: no case is created.
    const before = json<{ total: number }>(await (await w.login("admin")).get("/api/v1/cases")).total;
    const refused = await service.post("/api/v1/cases", {
      category: "talent",
      title: "借用他人附件",
      description: "不应创建",
      enterpriseId: w.entA,
      attachmentIds: [pdf.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(json(refused)).toMatchObject({
      code: "ATTACHMENT_NOT_LINKABLE",
      title: "附件无效：只能关联本人上传且尚未使用的附件",
      errors: [{ path: "attachmentIds.0", message: "只能关联本人上传且尚未使用的附件" }],
    });
    expect(json<{ total: number }>(await (await w.login("admin")).get("/api/v1/cases")).total).toBe(before);
    expect((await service.get(pdf.url)).statusCode).toBe(404);
    // Among one's own files (sent twice by a double click), the problem points at the one that is not.
    const mine = await uploaded(service, "本人.pdf", PDF);
    const mixed = await service.post("/api/v1/cases", {
      category: "talent",
      title: "混合附件",
      description: "不应创建",
      attachmentIds: [mine.id, mine.id, pdf.id],
    });
    expect(json(mixed)).toMatchObject({ code: "ATTACHMENT_NOT_LINKABLE", errors: [{ path: "attachmentIds.2" }] });
    expect(json<{ errors: unknown[] }>(mixed).errors).toHaveLength(1);
    // The refused write linked nothing: the own file is still free to use.
    expect((await createCase(service, { enterpriseId: w.entA, attachmentIds: [mine.id] })).attachments).toHaveLength(1);
    expect(json<{ total: number }>(await (await w.login("admin")).get("/api/v1/cases")).total).toBe(before + 1);

    // Once linked it belongs to the case: it can no longer be deleted nor linked a second time.
    const k = await createCase(officer, { enterpriseId: w.entA, attachmentIds: [pdf.id] });
    expect((await service.get(pdf.url)).statusCode).toBe(200);
    const del = await officer.del(`/api/v1/attachments/${pdf.id}`);
    expect(del.statusCode).toBe(404);
    expect((await officer.get(pdf.url)).rawPayload.equals(PDF)).toBe(true);
    const again = await officer.post("/api/v1/cases", {
      category: "talent",
      title: "重复关联",
      description: "同一附件",
      attachmentIds: [pdf.id],
    });
    expect(json(again)).toMatchObject({ code: "ATTACHMENT_NOT_LINKABLE" });
    expect(json<Case>(await officer.get(`/api/v1/cases/${k.id}`)).attachments.map((a) => a.id)).toEqual([pdf.id]);
  });

  it("deletes one's own unlinked upload with its file", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const pdf = await uploaded(officer, "错传.pdf", PDF);
    expect(await storedFiles(w.zone.zoneId)).toHaveLength(1);
    expect((await officer.del(`/api/v1/attachments/${pdf.id}`)).statusCode).toBe(204);
    expect((await officer.get(pdf.url)).statusCode).toBe(404);
    expect((await officer.del(`/api/v1/attachments/${pdf.id}`)).statusCode).toBe(404);
    expect(await storedFiles(w.zone.zoneId)).toEqual([]);
    expect(
      json(
        await officer.post("/api/v1/cases", {
          title: "x",
          description: "y",
          category: "talent",
          attachmentIds: [pdf.id],
        }),
      ),
    ).toMatchObject({ code: "ATTACHMENT_NOT_LINKABLE" });
  });

  it("shows a reply's document on that step of the history, for the enterprise too", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const head = await w.login("unithead");
    const photo = await uploaded(officer, "现场.png", PNG);
    let k = await createCase(officer, { enterpriseId: w.entA, attachmentIds: [photo.id] });
    k = await step(head, k, { step: "dispatch", unitId: w.parkUnitId });
    k = await step(head, k, { step: "accept" });
    env.clock.advance(60_000);
    const letter = await uploaded(head, "答复函.docx", DOCX);
    k = await step(head, k, { step: "reply", comment: "已协调人才公寓三套", attachmentIds: [letter.id] });
    const reply = k.history.find((h) => h.step === "reply");
    expect(reply).toBeDefined();
    expect(k.attachments.map((a) => [a.fileName, a.stepId])).toEqual([
      ["现场.png", null],
      ["答复函.docx", reply?.id],
    ]);
    const ent = await w.login("enterprise");
    const seen = json<Case>(await ent.get(`/api/v1/cases/${k.id}`));
    expect(seen.attachments.find((a) => a.stepId === seen.history.find((h) => h.step === "reply")?.id)).toMatchObject({
      fileName: "答复函.docx",
      uploadedByName: "李明（园区主任）",
    });
    const doc = await ent.get(letter.url);
    expect(doc.rawPayload.equals(DOCX)).toBe(true);
    expect(doc.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("audits uploads, links and deletions without the storage key", async () => {
    const w = await world();
    const officer = await w.login("officer");
    const pdf = await uploaded(officer, "审计.pdf", PDF);
    const gone = await uploaded(officer, "删除.pdf", PDF);
    await officer.del(`/api/v1/attachments/${gone.id}`);
    const k = await createCase(officer, { enterpriseId: w.entA, attachmentIds: [pdf.id] });
    const admin = await w.login("admin");

    const up = await auditOf(admin, `entityType=attachment&entityId=${pdf.id}`);
    expect(up).toHaveLength(1);
    expect(up[0]).toMatchObject({
      action: "attachment.upload",
      actorName: "王芳",
      entityName: "审计.pdf",
      after: { fileName: "审计.pdf", contentType: "application/pdf", size: PDF.length, sha256: sha256(PDF) },
    });
    const del = await auditOf(admin, `entityType=attachment&entityId=${gone.id}`);
    expect(del.map((a) => a.action).sort()).toEqual(["attachment.delete", "attachment.upload"]);
    const linked = await auditOf(admin, `entityType=case&entityId=${k.id}&action=attachment.link`);
    expect(linked).toHaveLength(1);
    expect(linked[0]?.after).toEqual({
      stepId: null,
      attachments: [{ id: pdf.id, fileName: "审计.pdf", size: PDF.length }],
    });
    const storageKeys = (await rowsOf(w.zone.zoneId)).map((r) => r.storageKey);
    const all = JSON.stringify(await auditOf(admin, "entityType=attachment&pageSize=200"));
    for (const key of storageKeys) expect(all).not.toContain(key);
  });

  it("removes uploads nothing linked within a day in the scheduler's run; linked and recent ones stay", async () => {
    const w = await world();
    let officer = await w.login("officer");
    const stale = await uploaded(officer, "遗留.pdf", PDF);
    const kept = await uploaded(officer, "已关联.pdf", PDF);
    await createCase(officer, { enterpriseId: w.entA, attachmentIds: [kept.id] });
    env.clock.advance(STALE_UPLOAD_MS - 3_600_000);
    officer = await w.login("officer"); // the session of yesterday has expired
    const recent = await uploaded(officer, "刚上传.pdf", PDF);
    expect(await storedFiles(w.zone.zoneId)).toHaveLength(3);

    // Just before the day is over nothing goes.
    const early = await runScheduler(new Date(cn(DAY0).getTime() + STALE_UPLOAD_MS - 1));
    expect(early.jobs.stale_uploads?.ok).toBe(true);
    expect((await officer.get(stale.url)).statusCode).toBe(200);

    const run = await runScheduler(new Date(cn(DAY0).getTime() + STALE_UPLOAD_MS + 60_000));
    expect(run.jobs.stale_uploads).toMatchObject({ ok: true });
    // (It removes the stale uploads of every zone of the database; this test looks at its own.)
    expect(run.jobs.stale_uploads?.result).toMatchObject({ removed: expect.any(Number) });
    expect((await officer.get(stale.url)).statusCode).toBe(404);
    expect((await officer.get(kept.url)).rawPayload.equals(PDF)).toBe(true);
    expect((await officer.get(recent.url)).statusCode).toBe(200);
    expect((await rowsOf(w.zone.zoneId)).map((r) => r.id).sort()).toEqual([kept.id, recent.id].sort());
    expect(await storedFiles(w.zone.zoneId)).toHaveLength(2);
    const expired = await auditOf(await w.login("admin"), `entityType=attachment&entityId=${stale.id}`);
    expect(expired.map((a) => [a.action, a.actorName, a.actorId])).toContainEqual(["attachment.expire", "系统", null]);
  });
});
