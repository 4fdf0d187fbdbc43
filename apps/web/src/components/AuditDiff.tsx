import { ENTERPRISE_LABEL_NAMES, type EnterpriseLabel } from "@zoneos/domain/labels";
import { Table, Typography } from "antd";
import { isMessageKey, type Lang, type MessageKey, useI18n } from "../app/i18n.ts";

type Record_ = Record<string, unknown> | null;

/** Bookkeeping fields that change on every write and say nothing to a reader. */
const HIDDEN = new Set(["id", "zoneId", "createdAt", "updatedAt", "version", "passwordHash"]);

/** Chinese/English names of the fields that audit rows carry. */
const FIELD_KEYS: Record<string, MessageKey> = {
  creditCode: "ent.field.creditCode",
  name: "ent.field.name",
  industryCode: "ent.field.industry",
  regionCode: "ent.field.region",
  parkUnitId: "ent.field.park",
  landMu: "ent.field.landMu",
  registeredCapitalWan: "ent.field.registeredCapitalWan",
  establishedOn: "ent.field.establishedOn",
  legalRepresentative: "ent.field.legalRepresentative",
  address: "ent.field.address",
  isKey: "ent.field.isKey",
  officerId: "ent.field.officer",
  labels: "ent.field.labels",
  contacts: "ent.field.contacts",
  username: "users.username",
  displayName: "users.displayName",
  phone: "users.phone",
  role: "users.role",
  unitId: "users.unit",
  enterpriseId: "users.enterprise",
  disabled: "users.disabled",
  kind: "units.kind",
  parentId: "units.parent",
  sortOrder: "units.sortOrder",
  failedLogins: "audit.failedLogins",
  filter: "audit.filter",
};

function isLabel(v: unknown): v is EnterpriseLabel {
  return typeof v === "string" && v in ENTERPRISE_LABEL_NAMES;
}

/** One value as short text: labels by name, lists joined, objects by their non-empty values. */
export function formatAuditValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? (lang === "zh-CN" ? "是" : "Yes") : lang === "zh-CN" ? "否" : "No";
  if (isLabel(v)) return ENTERPRISE_LABEL_NAMES[v][lang];
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.length === 0 ? "—" : v.map((x) => formatAuditValue(x, lang)).join("；");
  if (typeof v === "object") {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => !HIDDEN.has(k) && x !== null && x !== undefined && x !== "" && x !== false)
      .map(([, x]) => formatAuditValue(x, lang))
      .join(" ");
  }
  return JSON.stringify(v);
}

export type DiffRow = { field: string; before: unknown; after: unknown };

/** The fields whose value differs between the two records (all fields of a creation or deletion). */
export function diffRecords(before: Record_, after: Record_): DiffRow[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const rows: DiffRow[] = [];
  for (const k of keys) {
    if (HIDDEN.has(k)) continue;
    const b = before?.[k];
    const a = after?.[k];
    if (JSON.stringify(b ?? null) !== JSON.stringify(a ?? null)) rows.push({ field: k, before: b, after: a });
  }
  return rows;
}

export function fieldName(field: string, t: (k: MessageKey) => string): string {
  const key = FIELD_KEYS[field];
  return key ? t(key) : field;
}

/** The name of an audit action by its verb ("enterprise.update" → 修改), or the action itself. */
export function actionName(action: string, t: (k: MessageKey) => string): string {
  const key = `action.${action.split(".").at(-1)}`;
  return isMessageKey(key) ? t(key) : action;
}

/** Per-field lookups that turn stored ids or codes into names (park id → park name). */
export type ValueNames = Record<string, (value: unknown) => string | undefined>;

/**
 * Changed fields as a small table: field, before → after. `fields` names fields of another record than those the
 * shared dictionary knows (a project's `name` is not an enterprise's).
 */
export function AuditDiff({
  before,
  after,
  names,
  fields,
}: {
  before: Record_;
  after: Record_;
  names?: ValueNames;
  fields?: Record<string, string>;
}) {
  const { lang, t } = useI18n();
  const show = (field: string, v: unknown) => {
    const named = v === null || v === undefined ? undefined : names?.[field]?.(v);
    return named ?? formatAuditValue(v, lang);
  };
  const rows = diffRecords(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t("history.noDiff")}</Typography.Text>;
  return (
    <Table<DiffRow>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: t("history.field"),
          dataIndex: "field",
          width: 160,
          render: (f: string) => fields?.[f] ?? fieldName(f, t),
        },
        {
          title: t("history.before"),
          dataIndex: "before",
          render: (v: unknown, r: DiffRow) => <Typography.Text type="secondary">{show(r.field, v)}</Typography.Text>,
        },
        {
          title: t("history.after"),
          dataIndex: "after",
          render: (v: unknown, r: DiffRow) => <Typography.Text>{show(r.field, v)}</Typography.Text>,
        },
      ]}
    />
  );
}
