import type { AssignmentImportResult } from "@zoneos/contracts";
import { fromSafeSpreadsheetText } from "@zoneos/domain";
import type { Conn, Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import { type AuditEvent, recordAudit, recordAuditMany } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import {
  addNotesSheet,
  columnLetter,
  FROZEN_HEADER,
  readFirstSheet,
  styleHeader,
  workbookBuffer,
} from "../../platform/excel.ts";
import type { Localized } from "../../platform/i18n.ts";
import {
  findEnterprise,
  listServedEnterprises,
  type ServedEnterprise,
  setEnterpriseOfficers,
} from "../enterprises/enterprises.queries.ts";
import { ENTERPRISE, resolveScope } from "../enterprises/enterprises.service.ts";
import { listUnits, listUsers, type UserRow } from "../org/org.queries.ts";

const OFFICER = { "zh-CN": "服务专员", "en-US": "Service officer" };
const isServing = (u: UserRow) => !u.disabled && (u.role === "officer" || u.role === "unithead");

async function zoneUsers(conn: Conn, zoneId: string): Promise<UserRow[]> {
  return (await listUsers(conn, zoneId, {}, { limit: 1_000_000, offset: 0 })).rows;
}

/** Every staff user of the zone by id (names and units for coverage rows). */
export async function staffById(
  conn: Conn,
  zoneId: string,
): Promise<Map<string, { displayName: string; unitId: string | null }>> {
  return new Map(
    (await zoneUsers(conn, zoneId))
      .filter((u) => u.role !== "enterprise")
      .map((u) => [u.id, { displayName: u.displayName, unitId: u.unitId }]),
  );
}

/**
 * The service officers an actor manages: the administrator and leader every one of the zone; a unit head those of
 * the unit subtree; an officer themself.
 */
export async function officersInScope(conn: Conn, actor: Actor): Promise<UserRow[]> {
  const all = (await zoneUsers(conn, actor.zoneId)).filter(isServing);
  switch (actor.role) {
    case "admin":
    case "leader":
      return all;
    case "unithead":
      return all.filter((u) => u.unitId !== null && actor.unitSubtree.includes(u.unitId));
    case "officer":
      return all.filter((u) => u.id === actor.userId);
    case "enterprise":
      return [];
  }
}

/** Pickers of the visit pages: staff to name as visitors, the officers and units of the actor's scope. */
export async function visitOptions(db: Db, ctx: RequestContext) {
  const zoneId = ctx.actor.zoneId;
  if (ctx.actor.role === "enterprise") return { staff: [], officers: [], units: [] };
  const [users, units, officers] = await Promise.all([
    zoneUsers(db, zoneId),
    listUnits(db, zoneId),
    officersInScope(db, ctx.actor),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const option = (u: UserRow) => ({
    id: u.id,
    displayName: u.displayName,
    unitName: (u.unitId && unitName.get(u.unitId)) || null,
  });
  return {
    staff: users.filter((u) => u.role !== "enterprise" && !u.disabled).map(option),
    officers: officers.map(option),
    units: units.map((u) => ({ id: u.id, name: u.name })),
  };
}

/** The officers of the actor's scope with how many enterprises (and key enterprises) each serves. */
export async function assignmentOverview(db: Db, ctx: RequestContext) {
  const zoneId = ctx.actor.zoneId;
  const [officers, units, inScope] = await Promise.all([
    officersInScope(db, ctx.actor),
    listUnits(db, zoneId),
    listServedEnterprises(db, zoneId, await resolveScope(db, ctx.actor)),
  ]);
  const served = await listServedEnterprises(
    db,
    zoneId,
    { kind: "zone" },
    {
      officerIds: officers.map((o) => o.id),
    },
  );
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const counts = new Map<string, { n: number; key: number }>();
  for (const e of served) {
    if (!e.officerId) continue;
    const c = counts.get(e.officerId) ?? { n: 0, key: 0 };
    c.n++;
    if (e.isKey) c.key++;
    counts.set(e.officerId, c);
  }
  return {
    officers: officers.map((o) => ({
      officerId: o.id,
      username: o.username,
      displayName: o.displayName,
      unitId: o.unitId,
      unitName: (o.unitId && unitName.get(o.unitId)) || null,
      enterpriseCount: counts.get(o.id)?.n ?? 0,
      keyCount: counts.get(o.id)?.key ?? 0,
    })),
    unassignedCount: inScope.filter((e) => e.officerId === null).length,
  };
}

/** The officer may be given by this actor: a serving user of the zone, of the unit subtree for a unit head. */
function checkOfficer(actor: Actor, officer: UserRow | undefined): UserRow {
  if (!officer || !isServing(officer)) throw notFound(OFFICER);
  if (actor.role === "unithead" && !(officer.unitId && actor.unitSubtree.includes(officer.unitId)))
    throw notFound(OFFICER);
  return officer;
}

const auditEvent = (e: ServedEnterprise, officerId: string | null): AuditEvent => ({
  action: "enterprise.assign_officer",
  entityType: "enterprise",
  entityId: e.id,
  entityName: e.name,
  before: { officerId: e.officerId },
  after: { officerId },
});

/**
 * Sets (or clears) the service officer of one enterprise of the actor's scope. A unit head names only officers of
 * the unit subtree; the administrator anyone serving in the zone.
 */
export async function assignOfficer(
  db: Db,
  ctx: RequestContext,
  enterpriseId: string,
  input: { officerId: string | null; version?: number | undefined },
) {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  return db.transaction(async (tx) => {
    const e = await findEnterprise(tx, zoneId, await resolveScope(tx, actor), enterpriseId);
    if (!e) throw notFound(ENTERPRISE);
    if (input.version !== undefined && input.version !== e.version) throw new AppError("VERSION_CONFLICT");
    let officerName: string | null = null;
    if (input.officerId) {
      const users = await zoneUsers(tx, zoneId);
      officerName = checkOfficer(
        actor,
        users.find((u) => u.id === input.officerId),
      ).displayName;
    }
    if (e.officerId === input.officerId)
      return { enterpriseId, officerId: e.officerId, officerName, version: e.version };
    const [row] = await setEnterpriseOfficers(tx, zoneId, [enterpriseId], input.officerId, ctx.now, e.version);
    if (!row) throw new AppError("VERSION_CONFLICT");
    await recordAudit(tx, ctx, { ...auditEvent({ ...row, officerId: e.officerId }, input.officerId) });
    return { enterpriseId, officerId: row.officerId, officerName, version: row.version };
  });
}

// ---- Excel bulk assignment

const SHEET = "挂点分配";
const COLUMNS = [
  { key: "creditCode", header: "统一社会信用代码", width: 24 },
  { key: "name", header: "企业名称", width: 36 },
  { key: "username", header: "干部账号", width: 16 },
  { key: "officerName", header: "干部姓名", width: 14 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];

export async function assignmentTemplate(db: Db, ctx: RequestContext): Promise<Buffer> {
  const officers = await officersInScope(db, ctx.actor);
  return workbookBuffer((wb) => {
    const ws = wb.addWorksheet(SHEET, { views: FROZEN_HEADER });
    styleHeader(ws, [...COLUMNS]);
    addNotesSheet(
      wb,
      [
        [
          "统一社会信用代码 / 企业名称",
          "二者填其一；都填时以统一社会信用代码为准，且须与名称一致。企业须在您的管理范围内。",
        ],
        ["干部账号 / 干部姓名", "二者填其一；姓名在本区重名时请填账号。须为在职的干部或单位负责人。"],
        [
          "导入规则",
          "先检查全部行；任何一行有误则不写入任何数据，并列出错误（工作表、行、列、原因）；全部正确才一次性写入。",
        ],
      ],
      { widths: [20, 90] },
    );
    const list = wb.addWorksheet("干部名单");
    list.columns = [
      { header: "干部账号", width: 16 },
      { header: "干部姓名", width: 14 },
    ];
    list.getRow(1).font = { bold: true };
    for (const o of officers) list.addRow([o.username, o.displayName]);
  });
}

const normalize = (h: string) => h.replace(/[*＊\s]/g, "");
const HEADERS = new Map<string, ColumnKey>(COLUMNS.map((c) => [normalize(c.header), c.key]));

interface Problem {
  sheet: string;
  row: number;
  column: string;
  value: string;
  reason: Localized;
}

/**
 * Assigns service officers from an .xlsx (统一社会信用代码 or 企业名称; 干部账号 or 干部姓名). Every row is checked
 * first; with any problem nothing is written and the problems name sheet, row, column and reason. Otherwise every
 * change lands in one transaction with one audit row per enterprise whose officer changed.
 */
export async function importAssignments(db: Db, ctx: RequestContext, file: Buffer): Promise<AssignmentImportResult> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const rows: { sheet: string; number: number; cells: string[] }[] = [];
  let header: Map<ColumnKey, number> | undefined;
  try {
    for await (const { sheet, row } of readFirstSheet(file)) {
      if (!header) {
        header = new Map();
        row.cells.forEach((c, i) => {
          const key = HEADERS.get(normalize(c));
          if (key && !header?.has(key)) header?.set(key, i);
        });
        continue;
      }
      if (row.cells.every((c) => c === "")) continue;
      rows.push({ sheet, number: row.number, cells: row.cells });
    }
  } catch (err) {
    throw new AppError("IMPORT_BAD_FILE", { reason: err instanceof Error ? err.message : String(err) });
  }
  if (
    !header ||
    !(header.has("creditCode") || header.has("name")) ||
    !(header.has("username") || header.has("officerName"))
  )
    throw new AppError("IMPORT_BAD_FILE", {
      reason: {
        "zh-CN": "第 1 行应为模板的表头（统一社会信用代码、企业名称、干部账号、干部姓名）",
        "en-US": "row 1 must be the template's header (credit code, name, officer account, officer name)",
      },
    });
  if (!rows.length) throw new AppError("IMPORT_EMPTY");

  const [enterprises, officers] = await Promise.all([
    listServedEnterprises(db, zoneId, await resolveScope(db, actor)),
    officersInScope(db, actor),
  ]);
  const byCode = new Map(enterprises.map((e) => [e.creditCode, e]));
  const byName = new Map<string, ServedEnterprise[]>();
  for (const e of enterprises) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  const byUsername = new Map(officers.map((o) => [o.username.toLowerCase(), o]));
  const byOfficerName = new Map<string, UserRow[]>();
  for (const o of officers) byOfficerName.set(o.displayName, [...(byOfficerName.get(o.displayName) ?? []), o]);

  const columnOf = (key: ColumnKey) => {
    const idx = header?.get(key);
    const name = COLUMNS.find((c) => c.key === key)?.header ?? key;
    return idx === undefined ? name : `${columnLetter(idx + 1)}（${name}）`;
  };
  const problems: Problem[] = [];
  const changes = new Map<string, { e: ServedEnterprise; officerId: string }>();
  const firstRowOf = new Map<string, number>();
  let unchanged = 0;
  for (const r of rows) {
    const get = (key: ColumnKey) => {
      const idx = header?.get(key);
      return idx === undefined ? "" : fromSafeSpreadsheetText(r.cells[idx] ?? "").trim();
    };
    const problem = (key: ColumnKey, zh: string, en: string) =>
      problems.push({
        sheet: r.sheet,
        row: r.number,
        column: columnOf(key),
        value: get(key),
        reason: { "zh-CN": zh, "en-US": en },
      });
    let e: ServedEnterprise | undefined;
    const code = get("creditCode").toUpperCase().replace(/\s/g, "");
    const name = get("name");
    if (code) {
      e = byCode.get(code);
      if (!e)
        problem(
          "creditCode",
          "企业库中（您的管理范围内）没有该统一社会信用代码",
          "No enterprise in your scope has this credit code",
        );
      else if (name && name !== e.name)
        problem(
          "name",
          `企业名称与统一社会信用代码不一致（应为 ${e.name}）`,
          `The name does not match the credit code (${e.name})`,
        );
    } else if (name) {
      const found = byName.get(name) ?? [];
      if (found.length === 1) e = found[0];
      else if (found.length > 1)
        problem(
          "name",
          "有多家企业同名，请填写统一社会信用代码",
          "Several enterprises have this name; give the credit code",
        );
      else problem("name", "企业库中（您的管理范围内）没有该企业", "No enterprise in your scope has this name");
    } else {
      problem("creditCode", "请填写统一社会信用代码或企业名称", "Give the credit code or the name");
    }
    let officer: UserRow | undefined;
    const username = get("username");
    const officerName = get("officerName");
    if (username) {
      officer = byUsername.get(username.toLowerCase());
      if (!officer)
        problem(
          "username",
          "没有该账号的在职干部（或不在您的单位范围内）",
          "No serving officer in your scope has this account",
        );
      else if (officerName && officerName !== officer.displayName)
        problem(
          "officerName",
          `干部姓名与账号不一致（应为 ${officer.displayName}）`,
          `The name does not match the account (${officer.displayName})`,
        );
    } else if (officerName) {
      const found = byOfficerName.get(officerName) ?? [];
      if (found.length === 1) officer = found[0];
      else if (found.length > 1)
        problem("officerName", "有多名干部同名，请填写干部账号", "Several officers have this name; give the account");
      else
        problem(
          "officerName",
          "没有该姓名的在职干部（或不在您的单位范围内）",
          "No serving officer in your scope has this name",
        );
    } else {
      problem("username", "请填写干部账号或干部姓名", "Give the officer's account or name");
    }
    if (!e || !officer) continue;
    const first = firstRowOf.get(e.id);
    if (first !== undefined) {
      problem(code ? "creditCode" : "name", `与第 ${first} 行是同一家企业`, `Same enterprise as row ${first}`);
      continue;
    }
    firstRowOf.set(e.id, r.number);
    if (e.officerId === officer.id) unchanged++;
    else changes.set(e.id, { e, officerId: officer.id });
  }
  problems.sort((a, b) => a.row - b.row);
  const result = {
    totalRows: rows.length,
    problems: problems.map((p) => ({ ...p, reason: p.reason[ctx.lang] })),
  };
  if (problems.length) return { status: "rejected", changedRows: 0, unchangedRows: 0, ...result };

  await db.transaction(async (tx) => {
    const byOfficer = new Map<string, ServedEnterprise[]>();
    for (const c of changes.values()) byOfficer.set(c.officerId, [...(byOfficer.get(c.officerId) ?? []), c.e]);
    for (const [officerId, list] of byOfficer)
      await setEnterpriseOfficers(
        tx,
        zoneId,
        list.map((e) => e.id),
        officerId,
        ctx.now,
      );
    await recordAuditMany(
      tx,
      ctx,
      [...changes.values()].map((c) => auditEvent(c.e, c.officerId)),
    );
  });
  return { status: "done", changedRows: changes.size, unchangedRows: unchanged, ...result };
}
