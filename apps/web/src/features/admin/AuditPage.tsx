import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, DatePicker, Empty, Flex, Select, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../app/api.ts";
import { isMessageKey, useI18n } from "../../app/i18n.ts";
import type { AuditEntry, AuditList } from "../../app/types.ts";
import { AuditDiff, actionName, diffRecords } from "../../components/AuditDiff.tsx";
import { formatDateTime } from "../../components/format.ts";

const ENTITY_TYPES = ["enterprise", "user", "unit", "calendar"] as const;
/** The actions the server records, by the entity type they belong to. */
const ACTIONS: Record<(typeof ENTITY_TYPES)[number] | "auth", string[]> = {
  enterprise: ["enterprise.create", "enterprise.update", "enterprise.delete", "enterprise.import", "enterprise.export"],
  user: ["user.create", "user.update", "user.password_reset", "user.unlock", "user.password_changed"],
  unit: ["unit.create", "unit.update", "unit.delete"],
  calendar: ["calendar.update"],
  auth: ["auth.login", "auth.logout", "auth.login_failed", "auth.locked"],
};
const ACTION_COLORS: Record<string, string> = {
  create: "green",
  update: "blue",
  delete: "red",
  import: "purple",
  export: "cyan",
  login_failed: "orange",
  locked: "red",
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditPage() {
  const { t } = useI18n();
  const [entityType, setEntityType] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);

  const params = {
    entityType,
    action,
    from: range?.[0]?.format("YYYY-MM-DD"),
    to: range?.[1]?.format("YYYY-MM-DD"),
    page,
    pageSize,
  };
  const audit = useQuery({
    queryKey: ["audit", params],
    queryFn: ({ signal }) => api.get<AuditList>("/audit", params, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const typeName = (type: string) => {
    const key = `entityType.${type}`;
    return isMessageKey(key) ? t(key) : type;
  };

  return (
    <Card title={t("audit.title")}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t("audit.entityType")}
          style={{ width: 160 }}
          value={entityType}
          onChange={(v?: string) => {
            setEntityType(v);
            setPage(1);
          }}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: typeName(e) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("audit.actionPlaceholder")}
          style={{ width: 220 }}
          value={action}
          onChange={(v?: string) => {
            setAction(v);
            setPage(1);
          }}
          options={Object.entries(ACTIONS).map(([group, actions]) => ({
            label: group === "auth" ? t("audit.groupAuth") : typeName(group),
            title: group,
            options: actions.map((a) => ({
              value: a,
              label: `${group === "auth" ? "" : `${typeName(group)} · `}${actionName(a, t)}`,
            })),
          }))}
        />
        <DatePicker.RangePicker
          value={range}
          allowEmpty={[true, true]}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
        />
      </Flex>
      <Table<AuditEntry>
        rowKey="id"
        loading={audit.isFetching}
        dataSource={audit.data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="audit-table"
        locale={{
          emptyText: audit.isPending ? (
            " "
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("audit.empty")} />
          ),
        }}
        expandable={{
          rowExpandable: (r) => diffRecords(r.before, r.after).length > 0,
          expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
        }}
        pagination={{
          current: page,
          pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => t("common.total", { n }),
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t("history.time"), dataIndex: "at", width: 160, render: (v: string) => formatDateTime(v) },
          { title: t("history.actor"), dataIndex: "actorName", width: 140 },
          {
            title: t("audit.action"),
            dataIndex: "action",
            width: 120,
            render: (a: string) => <Tag color={ACTION_COLORS[a.split(".").at(-1) ?? ""]}>{actionName(a, t)}</Tag>,
          },
          { title: t("audit.entityType"), dataIndex: "entityType", width: 110, render: (v: string) => typeName(v) },
          {
            title: t("audit.entity"),
            key: "entity",
            render: (_: unknown, r: AuditEntry) => {
              const name = r.entityName ?? (r.entityId === "*" ? "—" : r.entityId);
              const linkable = r.entityType === "enterprise" && UUID.test(r.entityId) && !r.action.endsWith("delete");
              return linkable ? (
                <Link to={`/enterprises/${r.entityId}`}>{name}</Link>
              ) : (
                <Typography.Text>{name}</Typography.Text>
              );
            },
          },
          { title: t("audit.ip"), dataIndex: "ip", width: 140, render: (v: string | null) => v ?? "—" },
        ]}
      />
    </Card>
  );
}
