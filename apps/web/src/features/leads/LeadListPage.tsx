import {
  AppstoreOutlined,
  DownloadOutlined,
  PlusOutlined,
  SearchOutlined,
  SettingOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { LEAD_CHANNEL_NAMES, LEAD_CHANNELS, LEAD_STAGE_NAMES, LEAD_STAGES } from "@zoneos/domain/investment";
import { INVESTMENT_BUCKET_NAMES, INVESTMENT_BUCKETS } from "@zoneos/domain/projects";
import { Button, Card, Empty, Flex, Input, Select, Space, Table, type TableProps, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { Link, useNavigate } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { useUrlList } from "../../components/useUrlList.ts";
import { BucketTag, LeadStageTag, ScreeningTag } from "./LeadTags.tsx";
import { formatWan, formatYi } from "./leadFormat.ts";
import { useLeadI18n } from "./leadI18n.ts";
import {
  type LeadFilters,
  type LeadListParams,
  type LeadMine,
  type LeadSort,
  type LeadSummary,
  useLeadList,
  useLeadOptions,
} from "./useLeads.ts";

const PAGE_SIZES = [10, 20, 50, 100];
const SORTS: readonly LeadSort[] = ["-stageOn", "stageOn", "code", "-code", "-investmentWan", "investmentWan"];
const MINES: readonly LeadMine[] = ["officer", "leader", "unit"];
type UrlKey = keyof LeadListParams;

function oneOf<T extends string>(list: readonly T[], v: string | null): T | undefined {
  return list.find((x) => x === v);
}

/** The filters of the table (and the board) from the URL. */
export function readLeadFilters(sp: URLSearchParams): LeadFilters {
  const str = (k: string) => sp.get(k) || undefined;
  return {
    q: str("q"),
    stage: oneOf(LEAD_STAGES, sp.get("stage")),
    channel: oneOf(LEAD_CHANNELS, sp.get("channel")),
    unitId: str("unitId"),
    chainId: str("chainId"),
    bucket: oneOf(INVESTMENT_BUCKETS, sp.get("bucket")),
    officerId: str("officerId"),
    leaderId: str("leaderId"),
    tripId: str("tripId"),
    mine: oneOf(MINES, sp.get("mine")),
    sort: oneOf(SORTS, sp.get("sort")),
  };
}

/** The filter bar shared by the table and the board. */
export function LeadFilterBar({ withStage = true }: { withStage?: boolean }) {
  const { lang, tl } = useLeadI18n();
  const { sp, update, text, setText, clear } = useUrlList<UrlKey>();
  const f = readLeadFilters(sp);
  const options = useLeadOptions();
  const hasFilters = Object.entries(f).some(([k, v]) => k !== "sort" && v !== undefined);
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={tl("list.search")}
        style={{ width: 260 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="lead-search"
      />
      {withStage && (
        <Select
          allowClear
          placeholder={tl("field.stage")}
          style={{ width: 110 }}
          value={f.stage}
          onChange={(v?: string) => update({ stage: v })}
          options={LEAD_STAGES.map((s) => ({ value: s, label: LEAD_STAGE_NAMES[s][lang] }))}
          data-testid="filter-stage"
        />
      )}
      <Select
        allowClear
        placeholder={tl("field.bucket")}
        style={{ width: 170 }}
        value={f.bucket}
        onChange={(v?: string) => update({ bucket: v })}
        options={INVESTMENT_BUCKETS.map((b) => ({ value: b, label: INVESTMENT_BUCKET_NAMES[b][lang] }))}
        data-testid="filter-bucket"
      />
      <Select
        allowClear
        placeholder={tl("field.channel")}
        style={{ width: 150 }}
        value={f.channel}
        onChange={(v?: string) => update({ channel: v })}
        options={LEAD_CHANNELS.map((c) => ({ value: c, label: LEAD_CHANNEL_NAMES[c][lang] }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={tl("field.unit")}
        style={{ width: 170 }}
        value={f.unitId}
        onChange={(v?: string) => update({ unitId: v })}
        options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
        loading={options.isPending}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={tl("field.chain")}
        style={{ width: 150 }}
        value={f.chainId}
        onChange={(v?: string) => update({ chainId: v })}
        options={(options.data?.chains ?? []).map((c) => ({ value: c.id, label: c.name ?? "—" }))}
        loading={options.isPending}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={tl("field.officer")}
        style={{ width: 130 }}
        value={f.officerId}
        onChange={(v?: string) => update({ officerId: v })}
        options={(options.data?.officers ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
        loading={options.isPending}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={tl("field.leader")}
        style={{ width: 130 }}
        value={f.leaderId}
        onChange={(v?: string) => update({ leaderId: v })}
        options={(options.data?.leaders ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
        loading={options.isPending}
      />
      <Select
        allowClear
        placeholder={tl("list.mine")}
        style={{ width: 120 }}
        value={f.mine}
        onChange={(v?: string) => update({ mine: v })}
        options={MINES.map((m) => ({ value: m, label: tl(`mine.${m}`) }))}
        data-testid="filter-mine"
      />
      {hasFilters && (
        <Button type="link" onClick={() => clear({ sort: f.sort })}>
          {tl("list.clear")}
        </Button>
      )}
    </Flex>
  );
}

/** The title bar's buttons: 新建, the other view, the settings. */
export function LeadViewButtons({ view }: { view: "table" | "board" }) {
  const { tl } = useLeadI18n();
  const { data: me } = useMe();
  return (
    <Space>
      {view === "table" ? (
        <Link to="/leads/board">
          <Button icon={<AppstoreOutlined />} data-testid="lead-to-board">
            {tl("list.board")}
          </Button>
        </Link>
      ) : (
        <Link to="/leads">
          <Button>{tl("list.table")}</Button>
        </Link>
      )}
      {can(me, "lead.configure") && (
        <Link to="/leads/settings">
          <Button icon={<SettingOutlined />}>{tl("list.settings")}</Button>
        </Link>
      )}
      {can(me, "lead.edit") && (
        <Link to="/leads/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="lead-new">
            {tl("list.new")}
          </Button>
        </Link>
      )}
    </Space>
  );
}

/** 招商项目: the pipeline as a filterable table. */
export function LeadListPage() {
  const { lang, tl } = useLeadI18n();
  const navigate = useNavigate();
  const { sp, update } = useUrlList<UrlKey>();
  const filters = readLeadFilters(sp);
  const page = Math.max(1, Number(sp.get("page")) || 1);
  const pageSize = PAGE_SIZES.includes(Number(sp.get("pageSize"))) ? Number(sp.get("pageSize")) : 20;
  const list = useLeadList({ ...filters, page, pageSize });

  const columns: TableProps<LeadSummary>["columns"] = [
    {
      key: "name",
      title: tl("field.name"),
      fixed: "left",
      width: 260,
      render: (_, l) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/leads/${l.id}`} onClick={(e) => e.stopPropagation()}>
            {l.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span style={{ fontFamily: "monospace" }}>{l.code}</span> · {l.investorName}
          </Typography.Text>
        </Space>
      ),
    },
    { key: "stage", title: tl("field.stage"), width: 90, render: (_, l) => <LeadStageTag stage={l.stage} /> },
    { key: "stageOn", title: tl("field.stageOn"), dataIndex: "stageOn", width: 110 },
    {
      key: "investment",
      title: tl("field.investmentShort"),
      align: "right",
      width: 150,
      render: (_, l) => formatWan(l.investmentWan, lang),
    },
    { key: "bucket", title: tl("field.bucket"), width: 150, render: (_, l) => <BucketTag bucket={l.bucket} /> },
    {
      key: "signed",
      title: tl("field.signedShort"),
      align: "right",
      width: 150,
      render: (_, l) => (l.signedAmountWan ? formatWan(l.signedAmountWan, lang) : "—"),
    },
    {
      key: "channel",
      title: tl("field.channel"),
      width: 130,
      render: (_, l) => LEAD_CHANNEL_NAMES[l.channel][lang],
    },
    {
      key: "chain",
      title: tl("field.chainLink"),
      width: 150,
      render: (_, l) => (l.chainLinkName ? `${l.chainName ?? ""} · ${l.chainLinkName}` : "—"),
    },
    { key: "unit", title: tl("field.unit"), dataIndex: "unitName", width: 150 },
    { key: "officer", title: tl("field.officer"), width: 100, render: (_, l) => l.officerName ?? "—" },
    { key: "leader", title: tl("field.leader"), width: 120, render: (_, l) => l.leaderName ?? "—" },
    {
      key: "screening",
      title: tl("field.scorecard"),
      width: 90,
      render: (_, l) => <ScreeningTag passed={l.scorecardPassed} />,
    },
  ];

  const { data: me } = useMe();
  const extra = (
    <Space>
      <Button icon={<DownloadOutlined />} href={apiUrl("/leads/export", filters)} data-testid="lead-export">
        {tl("list.export")}
      </Button>
      {can(me, "lead.edit") && (
        <Link to="/leads/import">
          <Button icon={<UploadOutlined />} data-testid="lead-import-open">
            {tl("list.import")}
          </Button>
        </Link>
      )}
      <LeadViewButtons view="table" />
    </Space>
  );

  return (
    <Card title={tl("list.title")} extra={extra}>
      <LeadFilterBar />
      <Flex justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" data-testid="lead-totals">
          {list.data
            ? tl("list.total", { n: list.data.total, amount: formatYi(list.data.totals.investmentWan, lang) })
            : " "}
        </Typography.Text>
        <Select<LeadSort>
          size="small"
          style={{ width: 220 }}
          value={filters.sort ?? "-stageOn"}
          onChange={(v) => update({ sort: v === "-stageOn" ? undefined : v })}
          options={SORTS.map((s) => ({ value: s, label: tl(`sort.${s}`) }))}
        />
      </Flex>
      <Table<LeadSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1600 }}
        onRow={(l) =>
          ({
            "data-testid": "lead-row",
            "data-code": l.code,
            onClick: () => navigate(`/leads/${l.id}`),
            style: { cursor: "pointer" },
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: list.isPending ? (
            " "
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tl("list.empty")} />
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          onChange: (p, size) => update({ page: p === 1 ? undefined : p, pageSize: size === 20 ? undefined : size }),
        }}
        data-testid="lead-table"
      />
    </Card>
  );
}
