/**
 * Target companies (招商目标) of a chain: add, change, delete on a link; the Excel template, the all-or-nothing
 * import onto the chain's links (matched by name) and the export.
 */
import {
  type ChainTarget,
  type ChainTargetImportResult,
  ChainTargetInput,
  type ChainTargetList,
  type ChainTargetUpdate,
} from "@zoneos/contracts";
import {
  CHAIN_SEGMENT_NAMES,
  CHAIN_SEGMENTS,
  COMPANY_SIZE_NAMES,
  type CompanySize,
  regionOfAnyLevelFromText,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { recordAudit, recordAuditMany } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { addNotesSheet, FROZEN_HEADER, safeCell, styleHeader, workbookBuffer } from "../../platform/excel.ts";
import {
  cellOf,
  columnLabel,
  localized,
  presentProblems,
  REQUIRED,
  readTable,
  type SheetProblem,
} from "../../platform/excel-table.ts";
import type { Localized } from "../../platform/i18n.ts";
import { zodIssueLocalized } from "../../platform/validation.ts";
import { presentTarget } from "./chains.presenter.ts";
import {
  type ChainLinkRow,
  type ChainRow,
  type ChainTargetRow,
  deleteTarget,
  findTarget,
  insertTargets,
  linksOfChain,
  targetsOfChain,
  updateTarget,
} from "./chains.queries.ts";
import { loadChain, loadLink } from "./chains.service.ts";

const TARGET = { "zh-CN": "招商目标", "en-US": "Target" };

type TargetData = z.output<typeof ChainTargetInput>;

const auditableTarget = (t: ChainTargetRow, linkName: string) => ({
  link: linkName,
  name: t.name,
  creditCode: t.creditCode,
  regionCode: t.regionCode,
  size: t.size,
  listed: t.listed,
  reason: t.reason,
});

function linkNameOf(links: readonly ChainLinkRow[], id: string): string {
  return links.find((l) => l.id === id)?.name ?? "";
}

/** The chain's targets, by link (in the links' order), then as entered. */
export async function listTargets(db: Db, ctx: RequestContext, chainId: string): Promise<ChainTargetList> {
  const zoneId = ctx.actor.zoneId;
  await loadChain(db, ctx, chainId);
  const [links, targets] = await Promise.all([linksOfChain(db, zoneId, chainId), targetsOfChain(db, zoneId, chainId)]);
  const segment = (l: ChainLinkRow) => CHAIN_SEGMENTS.indexOf(l.segment as (typeof CHAIN_SEGMENTS)[number]);
  const sorted = [...links].sort((a, b) => segment(a) - segment(b));
  const order = new Map(sorted.map((l, i) => [l.id, i]));
  return {
    items: [...targets]
      .sort((a, b) => (order.get(a.linkId) ?? 0) - (order.get(b.linkId) ?? 0))
      .map((t) => presentTarget(t, { id: t.linkId, name: linkNameOf(links, t.linkId) })),
  };
}

async function loadTarget(conn: Conn, ctx: RequestContext, chainId: string, id: string): Promise<ChainTargetRow> {
  const row = await findTarget(conn, ctx.actor.zoneId, id);
  if (!row || row.chainId !== chainId) throw notFound(TARGET);
  return row;
}

export async function createTarget(
  db: Db,
  ctx: RequestContext,
  chainId: string,
  linkId: string,
  data: TargetData,
): Promise<ChainTarget> {
  const zoneId = ctx.actor.zoneId;
  return db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, chainId);
    const { link } = await loadLink(tx, ctx, chainId, linkId);
    const [row] = await insertTargets(tx, [{ zoneId, chainId, linkId, ...data, createdAt: ctx.now }]);
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, ctx, {
      action: "chain_target.create",
      entityType: "chain_target",
      entityId: row.id,
      entityName: `${chain.name} / ${link.name} / ${row.name}`,
      after: auditableTarget(row, link.name),
    });
    return presentTarget(row, link);
  });
}

/** Changes a target's facts; `linkId` moves it to another link of the chain. */
export async function changeTarget(
  db: Db,
  ctx: RequestContext,
  chainId: string,
  id: string,
  data: z.output<typeof ChainTargetUpdate>,
): Promise<ChainTarget> {
  const zoneId = ctx.actor.zoneId;
  return db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, chainId);
    const before = await loadTarget(tx, ctx, chainId, id);
    const { link, links } = await loadLink(tx, ctx, chainId, data.linkId);
    const row = await updateTarget(tx, zoneId, id, data);
    if (!row) throw notFound(TARGET);
    await recordAudit(tx, ctx, {
      action: "chain_target.update",
      entityType: "chain_target",
      entityId: id,
      entityName: `${chain.name} / ${link.name} / ${row.name}`,
      before: auditableTarget(before, linkNameOf(links, before.linkId)),
      after: auditableTarget(row, link.name),
    });
    return presentTarget(row, link);
  });
}

/** Deletes a target; one that has become a lead stays (the lead names it). */
export async function removeTarget(db: Db, ctx: RequestContext, chainId: string, id: string): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, chainId);
    const before = await loadTarget(tx, ctx, chainId, id);
    if (before.leadId) throw new AppError("CHAIN_TARGET_HAS_LEAD");
    const links = await linksOfChain(tx, zoneId, chainId);
    await deleteTarget(tx, zoneId, id);
    await recordAudit(tx, ctx, {
      action: "chain_target.delete",
      entityType: "chain_target",
      entityId: id,
      entityName: `${chain.name} / ${before.name}`,
      before: auditableTarget(before, linkNameOf(links, before.linkId)),
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Excel: template, import, export

const COLUMNS = [
  { key: "link", header: "环节*", width: 18 },
  { key: "name", header: "企业名称*", width: 30 },
  { key: "creditCode", header: "统一社会信用代码", width: 22 },
  { key: "region", header: "所在地区", width: 16 },
  { key: "size", header: "企业规模", width: 10 },
  { key: "listed", header: "是否上市", width: 10 },
  { key: "reason", header: "引进理由", width: 40 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];
const KEYS = new Map<string, ColumnKey>(COLUMNS.map((c) => [c.header.replace("*", ""), c.key]));
const nameOf = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.header.replace("*", "") ?? key;
const SIZE_TEXT = Object.values(COMPANY_SIZE_NAMES).map((n) => n["zh-CN"]);

const YES = new Set(["是", "y", "yes", "true", "1", "上市"]);
const NO = new Set(["否", "n", "no", "false", "0", ""]);

function sizeFromText(text: string): CompanySize | null | undefined {
  const t = text.trim().replace(/企业$/, "");
  if (!t) return null;
  for (const [code, n] of Object.entries(COMPANY_SIZE_NAMES) as [CompanySize, Localized][])
    if (code === t.toLowerCase() || n["zh-CN"] === t || n["zh-CN"].slice(0, 1) === t || n["en-US"].toLowerCase() === t)
      return code;
  return undefined;
}

/** The import template of a chain: the columns, the chain's link names to pick from, notes. */
export async function targetTemplate(db: Db, ctx: RequestContext, chainId: string): Promise<Buffer> {
  const chain = await loadChain(db, ctx, chainId);
  const links = await linksOfChain(db, ctx.actor.zoneId, chainId);
  const linkNames = links.map((l) => l.name);
  return workbookBuffer((wb) => {
    const ws = wb.addWorksheet("招商目标", { views: FROZEN_HEADER });
    styleHeader(ws, [...COLUMNS]);
    const list = (values: string[]) =>
      values.length && values.join(",").length < 250
        ? { type: "list" as const, allowBlank: true, formulae: [`"${values.join(",")}"`] }
        : undefined;
    const validations = [
      [1, list(linkNames)],
      [5, list(SIZE_TEXT)],
      [6, list(["是", "否"])],
    ] as const;
    for (let r = 2; r <= 501; r++) for (const [c, v] of validations) if (v) ws.getCell(r, c).dataValidation = v;
    addNotesSheet(
      wb,
      [
        [
          "环节*",
          `本产业链（${chain.name}）的环节名称：${linkNames.join("、") || "（尚无环节，请先在“环节维护”中添加）"}`,
        ],
        ["企业名称*", "2–200 个字符。同一环节下已有同名目标的，按本行更新该目标。"],
        ["统一社会信用代码", "18 位统一社会信用代码，可空。"],
        ["所在地区", "省、市或区县的名称（如 江苏省、苏州市）或 GB/T 2260 行政区划代码（如 32、3205、320505）。"],
        ["企业规模", `${SIZE_TEXT.join(" / ")}，可空。`],
        ["是否上市", "是 / 否，空白为否。"],
        ["引进理由", "最多 1000 个字符。"],
        ["导入规则", "先检查全部行；任何一行有误则不写入任何数据，并列出错误（行、列、原因）；全部正确才一次性写入。"],
      ],
      { widths: [20, 100] },
    );
  });
}

interface GoodRow {
  number: number;
  linkId: string;
  data: TargetData;
  existing?: ChainTargetRow;
}

/**
 * Adds targets to the chain's links from an .xlsx (the template's columns). Every row is checked first: with any
 * problem nothing is written and the problems name row, column, value and reason in the user's language. A row
 * naming a target already on the same link replaces that target's facts.
 */
export async function importTargets(
  db: Db,
  ctx: RequestContext,
  chainId: string,
  file: Buffer,
): Promise<ChainTargetImportResult> {
  const zoneId = ctx.actor.zoneId;
  const chain = await loadChain(db, ctx, chainId);
  const table = await readTable(
    file,
    (h) => KEYS.get(h),
    (h) => h.has("link") && h.has("name"),
    {
      "zh-CN": "找不到模板的表头行（环节*、企业名称*、统一社会信用代码……）",
      "en-US": "the template's header row (环节*, 企业名称*, …) was not found",
    },
  );
  const [links, existing] = await Promise.all([linksOfChain(db, zoneId, chainId), targetsOfChain(db, zoneId, chainId)]);
  const linkByName = new Map(links.map((l) => [l.name, l]));
  const existingByKey = new Map(existing.map((t) => [`${t.linkId}\u0000${t.name}`, t]));

  const problems: SheetProblem[] = [];
  const good: GoodRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of table.rows) {
    const get = (key: ColumnKey) => cellOf(table, r, key);
    const rowProblems: SheetProblem[] = [];
    const problem = (key: ColumnKey, reason: Localized, value = get(key)) => {
      const column = columnLabel(table, key, nameOf(key));
      if (!rowProblems.some((p) => p.column === column))
        rowProblems.push({ sheet: r.sheet, row: r.number, column, value, reason });
    };

    const linkText = get("link");
    const link = linkByName.get(linkText);
    if (!linkText) problem("link", REQUIRED);
    else if (!link)
      problem("link", localized(`产业链“${chain.name}”没有该环节`, `The chain ${chain.name} has no such link`));

    const regionText = get("region");
    const regionCode = regionText ? regionOfAnyLevelFromText(regionText) : null;
    if (regionCode === undefined)
      problem(
        "region",
        localized(
          "不是行政区划名称或 GB/T 2260 代码（如 江苏省、苏州市、3205）",
          "Not a region name or GB/T 2260 code",
        ),
      );

    const size = sizeFromText(get("size"));
    if (size === undefined)
      problem("size", localized(`应为 ${SIZE_TEXT.join("、")} 之一`, `Must be one of ${SIZE_TEXT.join(", ")}`));

    const listedText = get("listed").toLowerCase();
    const listed = YES.has(listedText);
    if (!listed && !NO.has(listedText)) problem("listed", localized("应填“是”或“否”", "Must be 是 (yes) or 否 (no)"));

    const parsed = ChainTargetInput.safeParse({
      name: get("name"),
      creditCode: get("creditCode") || null,
      regionCode: regionCode ?? null,
      size: size ?? null,
      listed,
      reason: get("reason") || null,
    });
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const key: ColumnKey =
          field === "creditCode" ? "creditCode" : field === "reason" ? "reason" : field === "name" ? "name" : "region";
        problem(key, get(key) === "" ? REQUIRED : zodIssueLocalized(issue));
      }

    if (link && parsed.success) {
      const key = `${link.id}\u0000${parsed.data.name}`;
      const first = firstRowOf.get(key);
      if (first !== undefined)
        problem(
          "name",
          localized(`与第 ${first} 行的环节和企业名称重复`, `Same link and company name as row ${first}`),
        );
      else firstRowOf.set(key, r.number);
    }

    if (rowProblems.length || !parsed.success || !link) {
      problems.push(...rowProblems);
      continue;
    }
    good.push({
      number: r.number,
      linkId: link.id,
      data: parsed.data,
      existing: existingByKey.get(`${link.id}\u0000${parsed.data.name}`),
    });
  }

  const result = { totalRows: table.rows.length, problems: presentProblems(problems, ctx.lang) };
  if (problems.length) return { status: "rejected", createdRows: 0, updatedRows: 0, ...result };

  const fresh = good.filter((g) => !g.existing);
  const updates = good.filter((g) => g.existing);
  await db.transaction(async (tx) => {
    const rows = await insertTargets(
      tx,
      fresh.map((g) => ({ zoneId, chainId, linkId: g.linkId, ...g.data, createdAt: ctx.now })),
    );
    await recordAuditMany(
      tx,
      ctx,
      rows.map((row) => ({
        action: "chain_target.create",
        entityType: "chain_target",
        entityId: row.id,
        entityName: `${chain.name} / ${linkNameOf(links, row.linkId)} / ${row.name}`,
        after: { ...auditableTarget(row, linkNameOf(links, row.linkId)), via: "import" },
      })),
    );
    for (const g of updates) {
      const before = g.existing as ChainTargetRow;
      const row = await updateTarget(tx, zoneId, before.id, g.data);
      if (!row) continue;
      await recordAudit(tx, ctx, {
        action: "chain_target.update",
        entityType: "chain_target",
        entityId: row.id,
        entityName: `${chain.name} / ${linkNameOf(links, row.linkId)} / ${row.name}`,
        before: auditableTarget(before, linkNameOf(links, before.linkId)),
        after: auditableTarget(row, linkNameOf(links, row.linkId)),
      });
    }
  });
  return { status: "done", createdRows: fresh.length, updatedRows: updates.length, ...result };
}

/** The chain's targets as an .xlsx in the template's columns (so it can be edited and imported again). */
export async function exportTargets(
  db: Db,
  ctx: RequestContext,
  chainId: string,
): Promise<{ fileName: string; body: Buffer }> {
  const chain: ChainRow = await loadChain(db, ctx, chainId);
  const [{ items }, links] = await Promise.all([
    listTargets(db, ctx, chainId),
    linksOfChain(db, ctx.actor.zoneId, chainId),
  ]);
  const segmentOf = new Map(links.map((l) => [l.id, l.segment as keyof typeof CHAIN_SEGMENT_NAMES]));
  const body = await workbookBuffer((wb) => {
    const ws = wb.addWorksheet("招商目标", { views: FROZEN_HEADER });
    styleHeader(ws, [...COLUMNS, { header: "产业链环节位置", width: 12 }, { header: "已转招商线索", width: 12 }]);
    for (const t of items) {
      const segment = segmentOf.get(t.linkId);
      ws.addRow([
        safeCell(t.linkName),
        safeCell(t.name),
        safeCell(t.creditCode),
        safeCell(t.regionName ?? t.regionCode),
        safeCell(t.size ? COMPANY_SIZE_NAMES[t.size]["zh-CN"] : null),
        safeCell(t.listed),
        safeCell(t.reason),
        safeCell(segment ? CHAIN_SEGMENT_NAMES[segment]["zh-CN"] : null),
        safeCell(t.leadId !== null),
      ]);
    }
  });
  return { fileName: `${chain.name}招商目标.xlsx`, body };
}
