/**
 * Reading an import sheet as a table: the header found below any title rows, cells by column key, column labels
 * ("B（项目名称）") for problem reports, amounts as typed, problems sorted and in the user's language. Used by the
 * project and monthly-report imports; the enterprise and assignment imports predate it.
 */
import { fromSafeSpreadsheetText } from "@zoneos/domain";
import type { RequestContext } from "./context.ts";
import { AppError, errorMessage } from "./errors.ts";
import { columnLetter, readFirstSheet, type SheetRow } from "./excel.ts";
import type { Localized } from "./i18n.ts";

/** A problem of an import as it is kept until the answer: the reason in both languages. */
export interface SheetProblem {
  sheet: string;
  row: number;
  column: string;
  value: string;
  reason: Localized;
}

export const localized = (zh: string, en: string): Localized => ({ "zh-CN": zh, "en-US": en });
export const REQUIRED = localized("必填", "Required");

/** A header as the import compares it: no stars or spaces, half-width brackets, one kind of dash. */
export const normalizeHeader = (h: string) =>
  h
    .replace(/[*＊\s]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/[–—－~～]/g, "-");

export interface DataRow {
  sheet: string;
  number: number;
  cells: string[];
}

export interface Table<K extends string> {
  sheet: string;
  /** Which column (0-based) holds which field. */
  header: Map<K, number>;
  headerCells: string[];
  /** The rows above the header (a title). */
  above: SheetRow[];
  /** The non-empty rows below the header. */
  rows: DataRow[];
}

const HEADER_SEARCH_ROWS = 10;

/**
 * Reads the first sheet of an .xlsx: the header is the first of the top rows that `isHeader` accepts (a template may
 * have a title above it), the data rows are the non-empty rows below it. An unreadable file or a missing header is
 * IMPORT_BAD_FILE (with `badHeader` as the reason), a file without data rows IMPORT_EMPTY.
 */
export async function readTable<K extends string>(
  file: Buffer,
  keyOf: (normalizedHeader: string) => K | undefined,
  isHeader: (header: Map<K, number>) => boolean,
  badHeader: Localized,
): Promise<Table<K>> {
  const above: SheetRow[] = [];
  const rows: DataRow[] = [];
  let found: { sheet: string; header: Map<K, number>; cells: string[] } | undefined;
  try {
    for await (const { sheet, row } of readFirstSheet(file)) {
      if (found) {
        if (row.cells.some((c) => c !== "")) rows.push({ sheet, number: row.number, cells: row.cells });
        continue;
      }
      if (above.length >= HEADER_SEARCH_ROWS) continue;
      const header = new Map<K, number>();
      row.cells.forEach((c, i) => {
        const key = keyOf(normalizeHeader(c));
        if (key && !header.has(key)) header.set(key, i);
      });
      if (isHeader(header)) found = { sheet, header, cells: row.cells };
      else above.push(row);
    }
  } catch (err) {
    throw new AppError("IMPORT_BAD_FILE", { reason: err instanceof Error ? err.message : String(err) });
  }
  if (!found) throw new AppError("IMPORT_BAD_FILE", { reason: badHeader });
  if (!rows.length) throw new AppError("IMPORT_EMPTY");
  return { sheet: found.sheet, header: found.header, headerCells: found.cells, above, rows };
}

/** The text of a cell of a row, as typed (formula-safety apostrophe removed), trimmed. */
export function cellOf<K extends string>(table: Table<K>, row: DataRow, key: K): string {
  const idx = table.header.get(key);
  return idx === undefined ? "" : fromSafeSpreadsheetText(row.cells[idx] ?? "").trim();
}

/** "B（项目名称）" for a column found in the header, the bare name for one the file lacks. */
export function columnLabel<K extends string>(table: Table<K>, key: K, name: string): string {
  const idx = table.header.get(key);
  return idx === undefined ? name : `${columnLetter(idx + 1)}（${name}）`;
}

/**
 * An amount as text for the 万元 schemas. A number cell computed by a formula may carry binary noise
 * (0.30000000000000004): with 15 significant digits or more it is read at 15 digits. A typed 1.23456 stays as it is.
 */
export function amountText(text: string): string {
  const t = text.replace(/[,，\s]/g, "");
  if (!/^\d+\.\d{5,}$/.test(t) || t.replace(/^0+|\./g, "").length < 15) return t;
  return String(Number(Number(t).toPrecision(15)));
}

/** The position of a column label ("AB（…）" → 28); a column the file lacks comes last. */
function columnPosition(label: string): number {
  const letters = /^([A-Z]+)（/.exec(label)?.[1];
  if (!letters) return Number.MAX_SAFE_INTEGER;
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** Problems in the user's language, sorted by row, then column. */
export function presentProblems(problems: SheetProblem[], lang: RequestContext["lang"]) {
  return [...problems]
    .sort((a, b) => a.row - b.row || columnPosition(a.column) - columnPosition(b.column))
    .map((p) => ({ ...p, reason: p.reason[lang] }));
}

export const messageOf = (code: Parameters<typeof errorMessage>[0], params: Parameters<typeof errorMessage>[1]) =>
  localized(errorMessage(code, params, "zh-CN"), errorMessage(code, params, "en-US"));

/**
 * A date cell as typed or as Excel gives it (2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日) as an ISO date; null for
 * an empty cell, undefined for text that is not a real date.
 */
export function sheetDate(text: string): string | null | undefined {
  if (!text) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** A code of a list from a cell: its Chinese or English name, or the code itself. */
export function codeFromName<T extends string>(names: Record<T, Localized>, text: string): T | undefined {
  const t = text.trim().toLowerCase();
  for (const [code, n] of Object.entries(names) as [T, Localized][])
    if (code === t || n["zh-CN"] === text.trim() || n["en-US"].toLowerCase() === t) return code;
  return undefined;
}

/**
 * Finds a person from a cell: by user name, display name, or display name without its bracketed note
 * (张建国（分管领导）); a name two people share is ambiguous.
 */
export function personFinder<U extends { username: string; displayName: string }>(users: readonly U[]) {
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const byName = new Map<string, U[]>();
  const add = (name: string, u: U) => {
    const list = byName.get(name) ?? [];
    if (!list.includes(u)) byName.set(name, [...list, u]);
  };
  for (const u of users) {
    add(u.displayName, u);
    const bare = u.displayName.replace(/[（(].*$/, "").trim();
    if (bare && bare !== u.displayName) add(bare, u);
  }
  return (text: string): { user?: U; ambiguous?: boolean } => {
    const byAccount = byUsername.get(text.toLowerCase());
    if (byAccount) return { user: byAccount };
    const found = byName.get(text) ?? [];
    return found.length === 1 ? { user: found[0] } : { ambiguous: found.length > 1 };
  };
}
