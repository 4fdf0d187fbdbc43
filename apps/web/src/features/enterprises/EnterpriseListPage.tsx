import { DownloadOutlined, PlusOutlined, SearchOutlined, StarFilled, UploadOutlined } from "@ant-design/icons";
import { ENTERPRISE_LABEL_NAMES, ENTERPRISE_LABELS } from "@zoneos/domain/labels";
import { Button, Card, Empty, Flex, Input, Select, Space, Table, type TableProps, Typography } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import { useMemo } from "react";
import { Link, useNavigate } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { useI18n } from "../../app/i18n.ts";
import type { EnterpriseSort, EnterpriseSummary } from "../../app/types.ts";
import { formatDateTime } from "../../components/format.ts";
import { LabelTags } from "../../components/LabelTags.tsx";
import { useUrlList } from "../../components/useUrlList.ts";
import { IndustryFilter } from "./IndustryFilter.tsx";
import {
  type EnterpriseFilters,
  type EnterpriseListParams,
  useEnterpriseList,
  useEnterpriseOptions,
} from "./useEnterprises.ts";

/** The values of ENTERPRISE_SORTS (kept here so the list chunk does not load the contracts' schemas). */
const SORTS = [
  "-updatedAt",
  "updatedAt",
  "name",
  "-name",
  "-landMu",
  "landMu",
  "-registeredCapitalWan",
  "registeredCapitalWan",
] as const satisfies readonly EnterpriseSort[];
const DEFAULT_SORT: EnterpriseSort = "-updatedAt";
const PAGE_SIZES = [10, 20, 50, 100];

function isSort(v: string | null): v is EnterpriseSort {
  return (SORTS as readonly string[]).includes(v ?? "");
}

function readParams(sp: URLSearchParams): EnterpriseListParams {
  const str = (k: string) => sp.get(k) || undefined;
  const isKey = sp.get("isKey");
  const sort = sp.get("sort");
  const page = Number(sp.get("page"));
  const pageSize = Number(sp.get("pageSize"));
  return {
    q: str("q"),
    parkUnitId: str("parkUnitId"),
    industryCode: str("industryCode"),
    label: str("label"),
    isKey: isKey === "true" || isKey === "false" ? isKey : undefined,
    officerId: str("officerId"),
    sort: isSort(sort) ? sort : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** The sort order a column shows for the current sort value. */
function columnOrder(sort: EnterpriseSort, field: "name" | "updatedAt"): SortOrder {
  if (sort === field) return "ascend";
  if (sort === `-${field}`) return "descend";
  return null;
}

export function EnterpriseListPage() {
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { sp, update, text, setText, clear } = useUrlList<keyof EnterpriseListParams>();
  const params = readParams(sp);
  const sort = params.sort ?? DEFAULT_SORT;
  const list = useEnterpriseList(params);
  const options = useEnterpriseOptions();

  const filters: EnterpriseFilters = {
    q: params.q,
    parkUnitId: params.parkUnitId,
    industryCode: params.industryCode,
    label: params.label,
    isKey: params.isKey,
    officerId: params.officerId,
    sort: params.sort,
  };
  const hasFilters = Object.entries(filters).some(([k, v]) => k !== "sort" && v !== undefined);

  const columns: TableProps<EnterpriseSummary>["columns"] = useMemo(
    () => [
      {
        title: t("ent.col.name"),
        dataIndex: "name",
        key: "name",
        width: 260,
        fixed: "left",
        sorter: true,
        sortOrder: columnOrder(sort, "name"),
        render: (_: unknown, e: EnterpriseSummary) => (
          <Space size={4}>
            <Link to={`/enterprises/${e.id}`} onClick={(ev) => ev.stopPropagation()}>
              {e.name}
            </Link>
            {e.isKey && <StarFilled style={{ color: "#faad14" }} title={t("ent.isKey.true")} />}
          </Space>
        ),
      },
      {
        title: t("ent.field.creditCode"),
        dataIndex: "creditCode",
        key: "creditCode",
        width: 200,
        render: (v: string) => (
          <Typography.Text style={{ fontFamily: "monospace", whiteSpace: "nowrap" }}>{v}</Typography.Text>
        ),
      },
      {
        title: t("ent.field.industry"),
        dataIndex: "industryName",
        key: "industry",
        width: 180,
        ellipsis: true,
        render: (_: unknown, e: EnterpriseSummary) =>
          e.industryName ? `${e.industryCode ?? ""} ${e.industryName}`.trim() : "—",
      },
      {
        title: t("ent.field.park"),
        dataIndex: "parkName",
        key: "park",
        width: 130,
        render: (v: string | null) => v ?? "—",
      },
      {
        title: t("ent.field.officer"),
        dataIndex: "officerName",
        key: "officer",
        width: 90,
        render: (v: string | null) => v ?? "—",
      },
      {
        title: t("ent.field.labels"),
        dataIndex: "labels",
        key: "labels",
        render: (_: unknown, e: EnterpriseSummary) => (e.labels.length ? <LabelTags labels={e.labels} /> : "—"),
      },
      {
        title: t("ent.col.updatedAt"),
        dataIndex: "updatedAt",
        key: "updatedAt",
        width: 160,
        sorter: true,
        sortOrder: columnOrder(sort, "updatedAt"),
        render: (v: string) => formatDateTime(v),
      },
    ],
    [t, sort],
  );

  const onTableChange: TableProps<EnterpriseSummary>["onChange"] = (pagination, _filters, sorter, extra) => {
    if (extra.action === "sort") {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey === "name" ? "name" : "updatedAt";
      const next: EnterpriseSort | undefined =
        s?.order === "ascend" ? field : s?.order === "descend" ? (`-${field}` as const) : undefined;
      update({ sort: next === DEFAULT_SORT ? undefined : next });
      return;
    }
    update({
      page: pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
    });
  };

  const total = list.data?.total ?? 0;

  return (
    <Card
      title={t("ent.list.title")}
      extra={
        <Space wrap>
          {can(me, "enterprise.create") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/enterprises/new")}>
              {t("ent.new")}
            </Button>
          )}
          {can(me, "enterprise.import") && (
            <Button icon={<UploadOutlined />} onClick={() => navigate("/enterprises/import")}>
              {t("ent.import")}
            </Button>
          )}
          {can(me, "enterprise.export") && (
            <Button icon={<DownloadOutlined />} href={apiUrl("/enterprises/export", filters)} data-testid="export">
              {t("ent.export")}
            </Button>
          )}
        </Space>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t("ent.search.placeholder")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => update({ q: text.trim() || undefined })}
          style={{ width: 320 }}
          data-testid="enterprise-search"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("ent.filter.park")}
          style={{ width: 180 }}
          value={params.parkUnitId}
          onChange={(v?: string) => update({ parkUnitId: v })}
          options={(options.data?.parks ?? []).map((p) => ({ value: p.id, label: p.name }))}
          loading={options.isPending}
        />
        <IndustryFilter value={params.industryCode} onChange={(v) => update({ industryCode: v })} />
        <Select
          allowClear
          placeholder={t("ent.filter.label")}
          style={{ width: 170 }}
          value={params.label}
          onChange={(v?: string) => update({ label: v })}
          options={ENTERPRISE_LABELS.map((l) => ({ value: l, label: ENTERPRISE_LABEL_NAMES[l][lang] }))}
        />
        <Select
          allowClear
          placeholder={t("ent.filter.isKey")}
          style={{ width: 140 }}
          value={params.isKey}
          onChange={(v?: string) => update({ isKey: v })}
          options={[
            { value: "true", label: t("ent.isKey.true") },
            { value: "false", label: t("ent.isKey.false") },
          ]}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("ent.filter.officer")}
          style={{ width: 200 }}
          value={params.officerId}
          onChange={(v?: string) => update({ officerId: v })}
          options={(options.data?.officers ?? []).map((o) => ({
            value: o.id,
            label: o.unitName ? `${o.displayName}（${o.unitName}）` : o.displayName,
          }))}
          loading={options.isPending}
        />
        <Select<EnterpriseSort>
          style={{ width: 230 }}
          value={sort}
          prefix={`${t("ent.filter.sort")}:`}
          onChange={(v) => update({ sort: v === DEFAULT_SORT ? undefined : v })}
          options={SORTS.map((s) => ({ value: s, label: t(`ent.sort.${s}`) }))}
        />
        {hasFilters && (
          <Button type="link" onClick={() => clear({ sort: params.sort })}>
            {t("ent.filter.clear")}
          </Button>
        )}
      </Flex>
      <Table<EnterpriseSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        onChange={onTableChange}
        onRow={(e) => ({ onClick: () => navigate(`/enterprises/${e.id}`), style: { cursor: "pointer" } })}
        scroll={{ x: 1150 }}
        data-testid="enterprise-table"
        locale={{
          emptyText: list.isPending ? (
            " "
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hasFilters ? t("ent.empty") : t("ent.emptyAll")} />
          ),
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (n) => t("ent.total", { n }),
        }}
      />
    </Card>
  );
}
