import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import type { Me } from "@zoneos/contracts";
import { Button, Card, Empty, Flex, Input, Table, type TableProps, Tabs, Typography } from "antd";
import { type CSSProperties, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { can, useMe } from "../../app/auth.ts";
import { useI18n } from "../../app/i18n.ts";
import { formatDateTime } from "../../components/format.ts";
import { useUrlList } from "../../components/useUrlList.ts";
import { CaseCreateModal } from "./CaseCreateModal.tsx";
import { CaseFlags, CaseStateTag } from "./CaseTags.tsx";
import { type CaseListParams, type CaseSummary, type CaseView, useCaseList } from "./useCases.ts";

const PAGE_SIZES = [10, 20, 50, 100];

/** The tabs a user sees: 我的待办 for handlers, 本单位 for unit heads and admin, 兜底办 for those who supervise. */
function viewsOf(me: Me | undefined): CaseView[] {
  if (!me) return ["all"];
  const views: CaseView[] = [];
  if (can(me, "case.handle")) views.push("mine");
  if (me.role === "unithead" || me.role === "admin") views.push("unit");
  if (can(me, "case.supervise") || me.role === "admin") views.push("escalated");
  views.push("all");
  return views;
}

function readParams(sp: URLSearchParams, views: CaseView[]): CaseListParams {
  const view = sp.get("view");
  const page = Number(sp.get("page"));
  const pageSize = Number(sp.get("pageSize"));
  return {
    view: views.find((v) => v === view) ?? views[0] ?? "all",
    q: sp.get("q") || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** Overdue rows in red, rows due within one working day in amber. */
function rowStyle(c: CaseSummary): CSSProperties | undefined {
  if (c.overdue) return { background: "#fff1f0" };
  if (c.dueSoon) return { background: "#fffbe6" };
  return undefined;
}

export function CaseListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { sp, update, text, setText } = useUrlList<keyof CaseListParams>();
  const views = viewsOf(me);
  const params = readParams(sp, views);
  const list = useCaseList(params);
  const [creating, setCreating] = useState(false);

  const columns: TableProps<CaseSummary>["columns"] = useMemo(
    () => [
      {
        title: t("cases.field.number"),
        dataIndex: "number",
        key: "number",
        width: 150,
        render: (_: unknown, c: CaseSummary) => (
          <Link to={`/cases/${c.id}`} onClick={(ev) => ev.stopPropagation()}>
            <Typography.Text style={{ fontFamily: "monospace", color: "inherit" }}>{c.number}</Typography.Text>
          </Link>
        ),
      },
      {
        title: t("cases.field.title"),
        dataIndex: "title",
        key: "title",
        ellipsis: true,
        render: (_: unknown, c: CaseSummary) => (
          <Flex vertical gap={2}>
            <span>{c.title}</span>
            <CaseFlags c={c} />
          </Flex>
        ),
      },
      {
        title: t("cases.field.enterprise"),
        dataIndex: "enterpriseName",
        key: "enterprise",
        width: 200,
        ellipsis: true,
        render: (v: string | null) => v ?? "—",
      },
      {
        title: t("cases.field.category"),
        dataIndex: "categoryName",
        key: "category",
        width: 120,
        render: (_: unknown, c: CaseSummary) => c.categoryName ?? c.category,
      },
      {
        title: t("cases.field.state"),
        dataIndex: "state",
        key: "state",
        width: 100,
        render: (_: unknown, c: CaseSummary) => <CaseStateTag state={c.state} />,
      },
      {
        title: t("cases.field.ownerUnit"),
        dataIndex: "ownerUnitName",
        key: "ownerUnit",
        width: 160,
        render: (_: unknown, c: CaseSummary) =>
          c.ownerUnitName ? `${c.ownerUnitName}${c.ownerOfficerName ? ` · ${c.ownerOfficerName}` : ""}` : "—",
      },
      {
        title: t("cases.field.dueAt"),
        dataIndex: "nextDueAt",
        key: "due",
        width: 150,
        render: (_: unknown, c: CaseSummary) => (
          <Typography.Text type={c.overdue ? "danger" : c.dueSoon ? "warning" : undefined}>
            {formatDateTime(c.nextDueAt)}
          </Typography.Text>
        ),
      },
    ],
    [t],
  );

  const onTableChange: TableProps<CaseSummary>["onChange"] = (pagination) => {
    update({
      page: pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
    });
  };

  return (
    <Card
      title={t("cases.list.title")}
      extra={
        can(me, "case.create") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-new">
            {t("cases.new")}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={params.view}
        onChange={(k) => update({ view: k === views[0] ? undefined : k, q: params.q })}
        items={views.map((v) => ({ key: v, label: t(`cases.view.${v}`) }))}
        data-testid="case-tabs"
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("cases.search.placeholder")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => update({ q: text.trim() || undefined })}
          style={{ width: 320 }}
        />
      </Flex>
      <Table<CaseSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onChange={onTableChange}
        onRow={(c) => ({
          onClick: () => navigate(`/cases/${c.id}`),
          style: { cursor: "pointer", ...rowStyle(c) },
          className: c.overdue ? "case-overdue" : c.dueSoon ? "case-due-soon" : undefined,
        })}
        scroll={{ x: 1100 }}
        data-testid="case-table"
        locale={{
          emptyText: list.isPending ? (
            " "
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`cases.empty.${params.view}`)} />
          ),
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (n) => t("common.total", { n }),
        }}
      />
      {creating && <CaseCreateModal onClose={() => setCreating(false)} onCreated={(c) => navigate(`/cases/${c.id}`)} />}
    </Card>
  );
}
