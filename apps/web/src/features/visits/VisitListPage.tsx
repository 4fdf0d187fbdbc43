import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Empty, Flex, Select, Space, Table, type TableProps, Tag } from "antd";
import dayjs from "dayjs";
import { useMemo } from "react";
import { Link, useNavigate } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { useUrlList } from "../../components/useUrlList.ts";
import {
  KINDS,
  useVisitI18n,
  useVisitList,
  useVisitOptions,
  type VisitListParams,
  type VisitSummary,
} from "./useVisits.ts";

const PAGE_SIZES = [10, 20, 50, 100];
type FilterKey = "enterpriseId" | "officerId" | "unitId" | "kind" | "from" | "to" | "pageSize";

function readParams(sp: URLSearchParams): VisitListParams {
  const page = Number(sp.get("page"));
  const pageSize = Number(sp.get("pageSize"));
  const opt = (k: string) => sp.get(k) || undefined;
  return {
    enterpriseId: opt("enterpriseId"),
    officerId: opt("officerId"),
    unitId: opt("unitId"),
    kind: opt("kind"),
    from: opt("from"),
    to: opt("to"),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** The visits table (shared by the list page and the enterprise page). */
export function VisitTable({
  params,
  onPage,
  showEnterprise = true,
}: {
  params: VisitListParams;
  onPage?: (page: number, pageSize: number) => void;
  showEnterprise?: boolean;
}) {
  const { tv } = useVisitI18n();
  const navigate = useNavigate();
  const list = useVisitList(params);
  const columns: TableProps<VisitSummary>["columns"] = useMemo(
    () => [
      {
        title: tv("visits.field.visitedOn"),
        dataIndex: "visitedOn",
        key: "visitedOn",
        width: 120,
        render: (_: unknown, v: VisitSummary) => (
          <Link to={`/visits/${v.id}`} onClick={(ev) => ev.stopPropagation()}>
            {v.visitedOn}
          </Link>
        ),
      },
      ...(showEnterprise
        ? [
            {
              title: tv("visits.field.enterprise"),
              dataIndex: "enterpriseName",
              key: "enterprise",
              ellipsis: true,
              render: (v: string | null) => v ?? "—",
            },
          ]
        : []),
      {
        title: tv("visits.field.kind"),
        dataIndex: "kind",
        key: "kind",
        width: 120,
        render: (k: VisitSummary["kind"]) => <Tag>{tv(`visits.kind.${k}`)}</Tag>,
      },
      {
        title: tv("visits.field.visitors"),
        key: "visitors",
        width: 200,
        ellipsis: true,
        render: (_: unknown, v: VisitSummary) => v.visitors.map((x) => x.name ?? "—").join("、"),
      },
      {
        title: tv("visits.field.unit"),
        dataIndex: "unitName",
        key: "unit",
        width: 150,
        ellipsis: true,
        render: (v: string | null) => v ?? "—",
      },
      {
        title: tv("visits.field.demandCount"),
        dataIndex: "demandCount",
        key: "demands",
        width: 80,
        align: "right" as const,
      },
    ],
    [tv, showEnterprise],
  );
  return (
    <Table<VisitSummary>
      rowKey="id"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isFetching}
      onRow={(v) => ({ onClick: () => navigate(`/visits/${v.id}`), style: { cursor: "pointer" } })}
      onChange={(p) => onPage?.(p.current ?? 1, p.pageSize ?? 20)}
      data-testid="visit-table"
      scroll={{ x: 900 }}
      locale={{
        emptyText: list.isPending ? (
          " "
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tv("visits.empty")} />
        ),
      }}
      pagination={{
        current: params.page,
        pageSize: params.pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: !!onPage,
        pageSizeOptions: PAGE_SIZES,
        hideOnSinglePage: !onPage,
      }}
    />
  );
}

export function VisitListPage() {
  const { t, tv } = useVisitI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { sp, update, clear } = useUrlList<FilterKey>();
  const params = readParams(sp);
  const options = useVisitOptions();
  const { page: _p, pageSize: _s, ...filter } = params;

  return (
    <Card
      title={tv("visits.title")}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={apiUrl("/visits/export", filter)} data-testid="visit-export">
            {tv("visits.export")}
          </Button>
          {can(me, "visit.record") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate("/visits/new")}
              data-testid="visit-new"
            >
              {tv("visits.new")}
            </Button>
          )}
        </Space>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <div style={{ width: 260 }}>
          <EnterprisePicker
            value={params.enterpriseId ?? null}
            onChange={(v) => update({ enterpriseId: v ?? undefined })}
          />
        </div>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={tv("visits.filter.officer")}
          value={params.officerId}
          onChange={(v?: string) => update({ officerId: v })}
          options={(options.data?.staff ?? []).map((o) => ({
            value: o.id,
            label: o.unitName ? `${o.displayName}（${o.unitName}）` : o.displayName,
          }))}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={tv("visits.field.unit")}
          value={params.unitId}
          onChange={(v?: string) => update({ unitId: v })}
          options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={tv("visits.field.kind")}
          value={params.kind}
          onChange={(v?: string) => update({ kind: v })}
          options={KINDS.map((k) => ({ value: k, label: tv(`visits.kind.${k}`) }))}
          style={{ width: 150 }}
        />
        <DatePicker.RangePicker
          value={params.from && params.to ? [dayjs(params.from), dayjs(params.to)] : null}
          onChange={(r) =>
            update({ from: r?.[0]?.format("YYYY-MM-DD") ?? undefined, to: r?.[1]?.format("YYYY-MM-DD") ?? undefined })
          }
        />
        <Button onClick={() => clear()}>{t("common.reset")}</Button>
      </Flex>
      <VisitTable
        params={params}
        onPage={(page, pageSize) =>
          update({ page: page === 1 ? undefined : page, pageSize: pageSize === 20 ? undefined : pageSize })
        }
      />
    </Card>
  );
}
