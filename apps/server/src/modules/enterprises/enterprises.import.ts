import { randomUUID } from "node:crypto";
import type { ImportStatus } from "@zoneos/contracts";
import type { Db } from "../../db/client.ts";
import { recordAuditMany } from "../../platform/audit.ts";
import type { Clock } from "../../platform/clock.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { columnLetter, readFirstSheet, safeCell, workbookBuffer } from "../../platform/excel.ts";
import type { Lang } from "../../platform/i18n.ts";
import { listServiceOfficers, listUnits } from "../org/org.queries.ts";
import { type ColumnKey, EXCEL_COLUMNS, mapHeader, parseRow, SHEET_NAME } from "./enterprises.excel.ts";
import { auditableEnterprise } from "./enterprises.presenter.ts";
import {
  existingCreditCodes,
  findImport,
  type ImportRow,
  insertEnterprisesBulk,
  insertImport,
  refreshStatistics,
  updateImport,
} from "./enterprises.queries.ts";
import { enterpriseColumns } from "./enterprises.service.ts";
import type { ImportProblem } from "./enterprises.tables.ts";

const IMPORT = { "zh-CN": "导入任务", "en-US": "Import" };
/** Problems kept for the report; a file with more is still refused as a whole. */
const MAX_PROBLEMS = 5000;
const PROGRESS_EVERY = 500;

const running = new Map<string, Promise<void>>();

/** Resolves when every import this process started has finished (tests and shutdown wait on it). */
export async function importsSettled(): Promise<void> {
  await Promise.all([...running.values()]);
}

export function presentImport(r: ImportRow, lang: Lang): ImportStatus {
  return {
    id: r.id,
    fileName: r.fileName,
    status: r.status as ImportStatus["status"],
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    importedRows: r.importedRows,
    problemCount: r.problems.length,
    problems: r.problems
      .slice(0, 200)
      .map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, value: p.value, reason: p.reason[lang] })),
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Starts an import of an .xlsx file and answers at once; the work goes on in the background.
 * Every row is checked first: with any problem nothing is written; otherwise all rows land in one transaction.
 */
export async function startImport(
  db: Db,
  clock: Clock,
  ctx: RequestContext,
  fileName: string,
  file: Buffer,
): Promise<ImportStatus> {
  const job = await insertImport(db, {
    zoneId: ctx.actor.zoneId,
    userId: ctx.actor.userId,
    fileName: fileName.slice(0, 200),
    status: "checking",
    createdAt: ctx.now,
  });
  const work = runImport(db, clock, ctx, job.id, file)
    .catch(async (err: unknown) => {
      const reason =
        err instanceof AppError
          ? err
          : new AppError("IMPORT_BAD_FILE", { reason: err instanceof Error ? err.message : String(err) });
      const problem: ImportProblem = {
        sheet: "",
        row: 0,
        column: "",
        value: "",
        reason: {
          "zh-CN":
            reason.code === "IMPORT_EMPTY"
              ? "文件中没有数据行"
              : `无法读取文件：${String(reason.params.reason ?? reason.code)}`,
          "en-US":
            reason.code === "IMPORT_EMPTY"
              ? "The file has no data rows"
              : `The file cannot be read: ${String(reason.params.reason ?? reason.code)}`,
        },
      };
      await updateImport(db, ctx.actor.zoneId, job.id, {
        status: "failed",
        problems: [problem],
        finishedAt: clock.now(),
      });
    })
    .finally(() => running.delete(job.id));
  running.set(job.id, work);
  return presentImport(job, ctx.lang);
}

async function runImport(db: Db, clock: Clock, ctx: RequestContext, jobId: string, file: Buffer): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  const [units, officers] = await Promise.all([listUnits(db, zoneId), listServiceOfficers(db, zoneId)]);
  const lookups = {
    parksByName: new Map(units.filter((u) => u.kind === "park").map((u) => [u.name, u.id])),
    officersByUsername: new Map(officers.map((o) => [o.username.toLowerCase(), o.id])),
  };

  // Read every row first (the file is already in memory; rows are small), so the total is known for the progress bar.
  const rows: { sheet: string; number: number; cells: string[] }[] = [];
  let header: Map<ColumnKey, number> | undefined;
  let headerSheet = SHEET_NAME;
  for await (const { sheet, row } of readFirstSheet(file)) {
    if (!header) {
      header = mapHeader(row.cells);
      headerSheet = sheet;
      continue;
    }
    if (row.cells.every((c) => c === "")) continue;
    rows.push({ sheet, number: row.number, cells: row.cells });
  }
  if (!header?.has("creditCode") || !header.has("name")) {
    throw new AppError("IMPORT_BAD_FILE", { reason: "第 1 行应为模板的表头（统一社会信用代码、企业名称……）" });
  }
  if (!rows.length) throw new AppError("IMPORT_EMPTY");
  await updateImport(db, zoneId, jobId, { totalRows: rows.length });

  const columnOf = (key: ColumnKey) => {
    const idx = header?.get(key);
    const spec = EXCEL_COLUMNS.find((c) => c.key === key);
    const name = spec?.header.replace("*", "") ?? key;
    return idx === undefined ? name : `${columnLetter(idx + 1)}（${name}）`;
  };
  const problems: ImportProblem[] = [];
  const good: { number: number; data: ReturnType<typeof parseRow> & { ok: true } }[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as (typeof rows)[number];
    const get = (key: ColumnKey) => {
      const idx = header?.get(key);
      return idx === undefined ? "" : (r.cells[idx] ?? "");
    };
    const parsed = parseRow(get, lookups);
    if (!parsed.ok) {
      for (const p of parsed.problems)
        if (problems.length < MAX_PROBLEMS)
          problems.push({
            sheet: r.sheet,
            row: r.number,
            column: columnOf(p.column),
            value: p.value,
            reason: p.reason,
          });
    } else {
      const code = parsed.data.creditCode;
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        problems.push({
          sheet: r.sheet,
          row: r.number,
          column: columnOf("creditCode"),
          value: get("creditCode"),
          reason: { "zh-CN": `与第 ${first} 行的统一社会信用代码重复`, "en-US": `Same credit code as row ${first}` },
        });
      } else {
        firstRowOfCode.set(code, r.number);
        good.push({ number: r.number, data: parsed });
      }
    }
    if ((i + 1) % PROGRESS_EVERY === 0) {
      await updateImport(db, zoneId, jobId, { processedRows: i + 1 });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const existing = await existingCreditCodes(db, zoneId, [...firstRowOfCode.keys()]);
  for (const g of good) {
    const name = existing.get(g.data.data.creditCode);
    if (name !== undefined && problems.length < MAX_PROBLEMS) {
      problems.push({
        sheet: headerSheet,
        row: g.number,
        column: columnOf("creditCode"),
        value: g.data.data.creditCode,
        reason: {
          "zh-CN": `企业库中已有该统一社会信用代码（${name}）`,
          "en-US": `The registry already has this credit code (${name})`,
        },
      });
    }
  }
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    await updateImport(db, zoneId, jobId, {
      status: "rejected",
      processedRows: rows.length,
      problems,
      finishedAt: clock.now(),
    });
    return;
  }

  await updateImport(db, zoneId, jobId, { status: "writing", processedRows: rows.length });
  const now = clock.now();
  const items = good.map(({ data: { data } }) => ({
    row: {
      id: randomUUID(),
      zoneId,
      ...enterpriseColumns(data),
      createdAt: now,
      updatedAt: now,
    },
    labels: data.labels.map((l) => ({ ...l, zoneId })),
    contacts: data.contacts.map((c) => ({ ...c, zoneId })),
    data,
  }));
  await db.transaction(async (tx) => {
    await insertEnterprisesBulk(tx, items);
    await recordAuditMany(
      tx,
      { ...ctx, now },
      items.map((it) => ({
        action: "enterprise.import",
        entityType: "enterprise",
        entityId: it.row.id,
        entityName: it.row.name,
        after: auditableEnterprise({ ...it.row, version: 1 }, it.data.labels, it.data.contacts),
      })),
    );
    await updateImport(tx, zoneId, jobId, { status: "done", importedRows: items.length, finishedAt: clock.now() });
  });
  await refreshStatistics(db);
}

export async function getImport(db: Db, ctx: RequestContext, id: string): Promise<ImportStatus> {
  const job = await findImport(db, ctx.actor.zoneId, id);
  if (!job || job.userId !== ctx.actor.userId) throw notFound(IMPORT);
  return presentImport(job, ctx.lang);
}

/** The problems of a refused import as a workbook: sheet, row, column, value, reason. */
export async function importReport(
  db: Db,
  ctx: RequestContext,
  id: string,
): Promise<{ fileName: string; body: Buffer }> {
  const job = await findImport(db, ctx.actor.zoneId, id);
  if (!job || job.userId !== ctx.actor.userId) throw notFound(IMPORT);
  if (job.status === "checking" || job.status === "writing") throw new AppError("IMPORT_NOT_READY");
  const zh = ctx.lang === "zh-CN";
  const body = await workbookBuffer((wb) => {
    const ws = wb.addWorksheet(zh ? "错误报告" : "Problems");
    ws.columns = [
      { header: zh ? "工作表" : "Sheet", width: 14 },
      { header: zh ? "行号" : "Row", width: 8 },
      { header: zh ? "列" : "Column", width: 26 },
      { header: zh ? "原值" : "Value", width: 28 },
      { header: zh ? "原因" : "Reason", width: 60 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    for (const p of job.problems) ws.addRow([p.sheet, p.row, p.column, safeCell(p.value), p.reason[ctx.lang]]);
    if (!job.problems.length)
      ws.addRow(["", "", "", "", zh ? `全部 ${job.importedRows} 行已导入` : `All ${job.importedRows} rows imported`]);
  });
  return { fileName: `${zh ? "导入错误报告" : "import-report"}-${job.fileName.replace(/\.xlsx$/i, "")}.xlsx`, body };
}
