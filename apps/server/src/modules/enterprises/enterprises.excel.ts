import { EnterpriseInput } from "@zoneos/contracts";
import {
  ENTERPRISE_LABEL_NAMES,
  type EnterpriseLabel,
  fromSafeSpreadsheetText,
  industryFromText,
  industryName,
  labelFromName,
  regionFromText,
  regionFullName,
} from "@zoneos/domain";
import type ExcelJS from "exceljs";
import { addNotesSheet, type ColumnSpec, FROZEN_HEADER, safeCell, styleHeader } from "../../platform/excel.ts";
import { sheetDate } from "../../platform/excel-table.ts";
import type { Localized } from "../../platform/i18n.ts";
import { zodIssueLocalized } from "../../platform/validation.ts";
import { labelActive } from "./enterprises.presenter.ts";
import type { ContactRow, EnterpriseRow, LabelRow } from "./enterprises.queries.ts";

/** The columns of the import template and of the export, in order; the export re-imports as it is. */
export const EXCEL_COLUMNS = [
  { key: "creditCode", header: "统一社会信用代码*", width: 24, en: "Credit code" },
  { key: "name", header: "企业名称*", width: 36, en: "Name" },
  { key: "industryCode", header: "行业代码", width: 12, en: "Industry code" },
  { key: "regionCode", header: "行政区划代码", width: 14, en: "Region code" },
  { key: "park", header: "所属园区", width: 18, en: "Park" },
  { key: "officer", header: "服务专员用户名", width: 16, en: "Service officer (user name)" },
  { key: "landMu", header: "占地面积（亩）", width: 14, en: "Land (mu)" },
  { key: "registeredCapitalWan", header: "注册资本（万元）", width: 16, en: "Registered capital (10k yuan)" },
  { key: "establishedOn", header: "成立日期", width: 12, en: "Established on" },
  { key: "legalRepresentative", header: "法定代表人", width: 12, en: "Legal representative" },
  { key: "address", header: "地址", width: 30, en: "Address" },
  { key: "isKey", header: "重点企业", width: 10, en: "Key enterprise" },
  { key: "labels", header: "企业标签", width: 30, en: "Labels" },
  { key: "contactName", header: "联系人", width: 12, en: "Contact" },
  { key: "contactPhone", header: "联系电话", width: 16, en: "Contact phone" },
] as const satisfies readonly (ColumnSpec & { key: string; en: string })[];

export type ColumnKey = (typeof EXCEL_COLUMNS)[number]["key"];
export const SHEET_NAME = "企业信息";

const normalizeHeader = (h: string) =>
  h
    .replace(/[*＊\s]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
const HEADER_KEYS = new Map(EXCEL_COLUMNS.map((c) => [normalizeHeader(c.header), c.key as ColumnKey]));

/** Which column holds which field, from the header row; unknown headers are ignored. */
export function mapHeader(cells: string[]): Map<ColumnKey, number> {
  const map = new Map<ColumnKey, number>();
  cells.forEach((c, i) => {
    const key = HEADER_KEYS.get(normalizeHeader(c));
    if (key && !map.has(key)) map.set(key, i);
  });
  return map;
}

export function buildTemplate(wb: ExcelJS.Workbook, parks: string[]) {
  const ws = wb.addWorksheet(SHEET_NAME, { views: FROZEN_HEADER });
  styleHeader(ws, [...EXCEL_COLUMNS]);
  const isKeyCol = EXCEL_COLUMNS.findIndex((c) => c.key === "isKey") + 1;
  const parkCol = EXCEL_COLUMNS.findIndex((c) => c.key === "park") + 1;
  for (let r = 2; r <= 2001; r++) {
    ws.getCell(r, isKeyCol).dataValidation = { type: "list", allowBlank: true, formulae: ['"是,否"'] };
    if (parks.length && parks.join(",").length < 250) {
      ws.getCell(r, parkCol).dataValidation = { type: "list", allowBlank: true, formulae: [`"${parks.join(",")}"`] };
    }
  }
  const notes: [string, string][] = [
    [
      "统一社会信用代码*",
      "18 位，GB 32100-2015；字母大小写、空格不限，校验位必须正确。同一文件内、与企业库中均不得重复。",
    ],
    ["企业名称*", "2–200 个字符。"],
    ["行业代码", "GB/T 4754-2017 行业代码，如 3011 或 C3011，也可填完整行业名称。"],
    ["行政区划代码", "GB/T 2260 区县级 6 位代码，如 320115，也可填完整名称如“江苏省南京市江宁区”。"],
    ["所属园区", `填园区名称，须为本区已有园区${parks.length ? `：${parks.join("、")}` : "。"}`],
    ["服务专员用户名", "填系统中干部或单位负责人的用户名。"],
    ["占地面积（亩）", "数字，最多 2 位小数。"],
    ["注册资本（万元）", "数字，最多 4 位小数。"],
    ["成立日期", "日期格式，如 2018-05-20。"],
    ["重点企业", "是 / 否，空白为否。"],
    [
      "企业标签",
      `多个标签用顿号或逗号分隔，可选：${Object.values(ENTERPRISE_LABEL_NAMES)
        .map((n) => n["zh-CN"])
        .join("、")}`,
    ],
    [
      "导入规则",
      "先检查全部行；任何一行有误则不写入任何数据，并给出错误报告（工作表、行、列、原因）；全部正确才一次性写入。",
    ],
  ];
  addNotesSheet(wb, notes);
}

export interface ExportNames {
  parks: Map<string, string>;
  officerUsernames: Map<string, string>;
}

export function exportRow(
  r: EnterpriseRow,
  labels: LabelRow[],
  contacts: ContactRow[],
  names: ExportNames,
  today: string,
): (string | number)[] {
  const contact = contacts.find((c) => c.isPrimary) ?? contacts[0];
  const held = [...new Set(labels.filter((l) => labelActive(l, today)).map((l) => l.label))];
  const values: Record<ColumnKey, string | number | boolean | null> = {
    creditCode: r.creditCode,
    name: r.name,
    industryCode: r.industryCode,
    regionCode: r.regionCode,
    park: r.parkUnitId ? (names.parks.get(r.parkUnitId) ?? null) : null,
    officer: r.officerId ? (names.officerUsernames.get(r.officerId) ?? null) : null,
    landMu: r.landMu === null ? null : Number(r.landMu),
    registeredCapitalWan: r.registeredCapitalWan === null ? null : Number(r.registeredCapitalWan),
    establishedOn: r.establishedOn,
    legalRepresentative: r.legalRepresentative,
    address: r.address,
    isKey: r.isKey,
    labels: held.map((l) => ENTERPRISE_LABEL_NAMES[l as EnterpriseLabel]?.["zh-CN"] ?? l).join("、"),
    contactName: contact?.name ?? null,
    contactPhone: contact?.phone ?? null,
  };
  return EXCEL_COLUMNS.map((c) => safeCell(values[c.key]));
}

/** Extra read-only columns of the export: names for readers (the import ignores them). */
export const EXPORT_EXTRA_COLUMNS: ColumnSpec[] = [
  { header: "行业名称", width: 24 },
  { header: "行政区划名称", width: 24 },
];
export function exportExtra(r: EnterpriseRow): string[] {
  return [
    r.industryCode ? (industryName(r.industryCode) ?? "") : "",
    r.regionCode ? (regionFullName(r.regionCode) ?? "") : "",
  ].map((v) => String(safeCell(v)));
}

export interface RowProblem {
  column: ColumnKey;
  value: string;
  reason: Localized;
}

export interface Lookups {
  parksByName: Map<string, string>;
  officersByUsername: Map<string, string>;
}

const YES = new Set(["是", "y", "yes", "true", "1", "重点"]);
const NO = new Set(["否", "n", "no", "false", "0", ""]);

const bad = (column: ColumnKey, value: string, zh: string, en: string): RowProblem => ({
  column,
  value,
  reason: { "zh-CN": zh, "en-US": en },
});

/**
 * Turns one sheet row into the same input the form sends, checked by the same schema.
 * Returns the data or the problems of the row, each naming its column.
 */
export function parseRow(
  get: (key: ColumnKey) => string,
  lookups: Lookups,
): { ok: true; data: ReturnType<typeof EnterpriseInput.parse> } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const text = (key: ColumnKey) => fromSafeSpreadsheetText(get(key));

  const industryText = text("industryCode");
  const industryCode = industryText ? industryFromText(industryText) : null;
  if (industryText && !industryCode)
    problems.push(
      bad(
        "industryCode",
        industryText,
        "不是 GB/T 4754-2017 行业代码或名称",
        "Not a GB/T 4754-2017 industry code or name",
      ),
    );

  const regionText = text("regionCode");
  const regionCode = regionText ? regionFromText(regionText) : null;
  if (regionText && !regionCode)
    problems.push(
      bad(
        "regionCode",
        regionText,
        "不是 GB/T 2260 区县级行政区划代码或名称",
        "Not a GB/T 2260 county-level region code or name",
      ),
    );

  const parkText = text("park");
  const parkUnitId = parkText ? lookups.parksByName.get(parkText) : null;
  if (parkText && !parkUnitId) problems.push(bad("park", parkText, "园区不存在", "No such park"));

  const officerText = text("officer");
  const officerId = officerText ? lookups.officersByUsername.get(officerText.toLowerCase()) : null;
  if (officerText && !officerId)
    problems.push(
      bad(
        "officer",
        officerText,
        "不是本区干部或单位负责人的用户名",
        "Not the user name of an officer or unit head of this zone",
      ),
    );

  const dateText = text("establishedOn");
  const establishedOn = sheetDate(dateText);
  if (establishedOn === undefined)
    problems.push(bad("establishedOn", dateText, "日期格式应为 YYYY-MM-DD", "Dates are written YYYY-MM-DD"));

  const keyText = text("isKey").toLowerCase();
  const isKey = YES.has(keyText);
  if (!isKey && !NO.has(keyText))
    problems.push(bad("isKey", text("isKey"), "应填“是”或“否”", "Must be 是 (yes) or 否 (no)"));

  const labels: EnterpriseLabel[] = [];
  for (const part of text("labels")
    .split(/[、,，;；\s]+/)
    .filter(Boolean)) {
    const l = labelFromName(part);
    if (l) labels.push(l);
    else problems.push(bad("labels", part, `未知的企业标签“${part}”`, `Unknown label "${part}"`));
  }

  const contactName = text("contactName");
  const input = {
    creditCode: text("creditCode"),
    name: text("name"),
    industryCode,
    regionCode,
    parkUnitId: parkUnitId ?? null,
    officerId: officerId ?? null,
    landMu: text("landMu") || null,
    registeredCapitalWan: text("registeredCapitalWan") || null,
    establishedOn: establishedOn ?? null,
    legalRepresentative: text("legalRepresentative") || null,
    address: text("address") || null,
    isKey,
    labels: [...new Set(labels)].map((label) => ({ label, awardedOn: null, expiresOn: null })),
    contacts: contactName ? [{ name: contactName, phone: text("contactPhone") || null, isPrimary: true }] : [],
  };
  const parsed = EnterpriseInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const column: ColumnKey =
        field === "contacts"
          ? issue.path[2] === "phone"
            ? "contactPhone"
            : "contactName"
          : ((EXCEL_COLUMNS.find((c) => c.key === field)?.key ?? "name") as ColumnKey);
      if (problems.some((p) => p.column === column)) continue;
      const required = input[field as keyof typeof input] === "" && (field === "creditCode" || field === "name");
      problems.push({
        column,
        value: get(column),
        reason: required ? { "zh-CN": "必填", "en-US": "Required" } : zodIssueLocalized(issue),
      });
    }
  }
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, data: parsed.data };
}
