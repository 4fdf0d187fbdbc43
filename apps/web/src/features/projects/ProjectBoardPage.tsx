import { DownloadOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import type { Me } from "@zoneos/contracts";
import {
  PROJECT_LEVEL_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  PROJECT_TYPE_NAMES,
  PROJECT_TYPES,
} from "@zoneos/domain/projects";
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Tabs,
  Typography,
} from "antd";
import dayjs from "dayjs";
import type { HTMLAttributes, ReactNode } from "react";
import { useNavigate } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { useUrlList } from "../../components/useUrlList.ts";
import { BoardTotals } from "./BoardTotals.tsx";
import { COLUMN_SORTS, useBoardColumns } from "./boardColumns.tsx";
import { useProjectI18n } from "./projectI18n.ts";
import {
  BOARD_SORTS,
  type BoardFilters,
  type BoardParams,
  type BoardSort,
  type Mine,
  type ProjectSummary,
  useProjectBoard,
  useProjectOptions,
} from "./useProjects.ts";

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_SORT: BoardSort = "code";
type UrlKey = keyof BoardParams;

function oneOf<T extends string>(list: readonly T[], v: string | null): T | undefined {
  return list.find((x) => x === v);
}

function readParams(sp: URLSearchParams, mine: Mine | undefined): BoardParams {
  const str = (k: string) => sp.get(k) || undefined;
  const int = (k: string, min: number, max: number) => {
    const n = Number(sp.get(k));
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const page = Number(sp.get("page"));
  const pageSize = Number(sp.get("pageSize"));
  return {
    year: int("year", 2000, 2100),
    month: int("month", 1, 12),
    q: str("q"),
    level: oneOf(PROJECT_LEVELS, sp.get("level")),
    stage: oneOf(PROJECT_STAGES, sp.get("stage")),
    type: oneOf(PROJECT_TYPES, sp.get("type")),
    unitId: str("unitId"),
    leaderId: str("leaderId"),
    parkUnitId: str("parkUnitId"),
    mine,
    behind: sp.get("behind") === "true" ? "true" : undefined,
    planned: sp.get("planned") === "false" ? "false" : undefined,
    sort: oneOf(BOARD_SORTS, sp.get("sort")),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}
/** The board (or one tab of "my projects"): period, filters, totals and the projects. */
function Board({ mine, title, extraTitle }: { mine?: Mine; title: ReactNode; extraTitle?: ReactNode }) {
  const { lang, t, tp } = useProjectI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { sp, update, text, setText, clear } = useUrlList<UrlKey>();
  const params = readParams(sp, mine);
  const sort = params.sort ?? DEFAULT_SORT;
  const board = useProjectBoard(params);
  const options = useProjectOptions();
  const year = params.year ?? board.data?.period.year ?? dayjs().year();
  const month = params.month ?? board.data?.period.month ?? dayjs().month() + 1;
  const periodQuery = `?year=${year}&month=${month}`;

  const { page: _p, pageSize: _s, ...rest } = params;
  const filters: BoardFilters = { ...rest, year, month };
  const hasFilters = [
    params.q,
    params.level,
    params.stage,
    params.type,
    params.unitId,
    params.leaderId,
    params.parkUnitId,
    params.behind,
    params.planned,
  ].some((v) => v !== undefined);
  const columns = useBoardColumns(sort, periodQuery);

  const onTableChange: TableProps<ProjectSummary>["onChange"] = (pagination, _filters, sorter, extra) => {
    if (extra.action === "sort") {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const cs = COLUMN_SORTS[String(s?.columnKey ?? "")];
      const next = s?.order && cs ? cs[s.order] : null;
      update({ sort: next && next !== DEFAULT_SORT ? next : undefined });
      return;
    }
    update({
      page: pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
    });
  };

  return (
    <Card
      title={
        <Space wrap>
          {title}
          {extraTitle}
        </Space>
      }
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${year}-${String(month).padStart(2, "0")}-01`)}
            onChange={(d) => d && update({ year: d.year(), month: d.month() + 1 })}
            disabledDate={(d) => d.isAfter(dayjs().endOf("year"))}
            prefix={`${tp("board.period")}:`}
            data-testid="board-period"
          />
          {!mine && can(me, "project.edit") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/projects/new")}>
              {tp("board.new")}
            </Button>
          )}
          {!mine && can(me, "project.import") && (
            <Button icon={<UploadOutlined />} onClick={() => navigate("/projects/import")}>
              {tp("board.import")}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={apiUrl("/projects/export", filters)} data-testid="board-export">
            {tp("board.export")}
          </Button>
        </Space>
      }
      data-testid="project-board"
    >
      <BoardTotals board={board.data} />
      <Flex wrap gap={12} style={{ marginBottom: 16 }} align="center">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={tp("board.search")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => update({ q: text.trim() || undefined })}
          style={{ width: 240 }}
          data-testid="board-search"
        />
        <Select
          allowClear
          placeholder={tp("field.level")}
          style={{ width: 120 }}
          value={params.level}
          onChange={(v?: string) => update({ level: v })}
          options={PROJECT_LEVELS.map((l) => ({ value: l, label: PROJECT_LEVEL_NAMES[l][lang] }))}
          data-testid="filter-level"
        />
        <Select
          allowClear
          placeholder={tp("field.stage")}
          style={{ width: 120 }}
          value={params.stage}
          onChange={(v?: string) => update({ stage: v })}
          options={PROJECT_STAGES.map((s) => ({ value: s, label: PROJECT_STAGE_NAMES[s][lang] }))}
          data-testid="filter-stage"
        />
        <Select
          allowClear
          placeholder={tp("field.type")}
          style={{ width: 130 }}
          value={params.type}
          onChange={(v?: string) => update({ type: v })}
          options={PROJECT_TYPES.map((s) => ({ value: s, label: PROJECT_TYPE_NAMES[s][lang] }))}
          data-testid="filter-type"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={tp("field.unit")}
          style={{ width: 170 }}
          value={params.unitId}
          onChange={(v?: string) => update({ unitId: v })}
          options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
          loading={options.isPending}
          data-testid="filter-unit"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={tp("field.leader")}
          style={{ width: 130 }}
          value={params.leaderId}
          onChange={(v?: string) => update({ leaderId: v })}
          options={(options.data?.leaders ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
          loading={options.isPending}
          data-testid="filter-leader"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={tp("field.park")}
          style={{ width: 150 }}
          value={params.parkUnitId}
          onChange={(v?: string) => update({ parkUnitId: v })}
          options={(options.data?.parks ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
          loading={options.isPending}
          data-testid="filter-park"
        />
        <Select<BoardSort>
          style={{ width: 220 }}
          value={sort}
          prefix={`${tp("board.sort")}:`}
          onChange={(v) => update({ sort: v === DEFAULT_SORT ? undefined : v })}
          options={BOARD_SORTS.map((s) => ({ value: s, label: tp(`sort.${s}`) }))}
        />
        <Checkbox
          checked={params.behind === "true"}
          onChange={(e) => update({ behind: e.target.checked ? "true" : undefined })}
          data-testid="filter-behind"
        >
          {tp("board.behindOnly")}
        </Checkbox>
        <Checkbox
          checked={params.planned === "false"}
          onChange={(e) => update({ planned: e.target.checked ? "false" : undefined })}
        >
          {tp("board.includeUnplanned")}
        </Checkbox>
        {hasFilters && (
          <Button
            type="link"
            onClick={() =>
              clear({
                year: sp.get("year") ?? undefined,
                month: sp.get("month") ?? undefined,
                mine: sp.get("mine") ?? undefined,
                sort: params.sort,
              })
            }
          >
            {tp("board.clear")}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ display: "block", textAlign: "right", fontSize: 12, marginBottom: 4 }}>
        {tp("board.moneyUnit")}
      </Typography.Text>
      <Table<ProjectSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={board.data?.items ?? []}
        loading={board.isFetching}
        onChange={onTableChange}
        onRow={(p) =>
          ({
            "data-testid": "board-row",
            "data-code": p.code,
            onClick: () => navigate(`/projects/${p.id}${periodQuery}`),
            style: { cursor: "pointer", background: p.schedule.behind ? "#fff7f7" : undefined },
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ x: lang === "zh-CN" ? 1120 : 1160 }}
        data-testid="board-table"
        locale={{
          emptyText: board.isPending ? (
            " "
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={mine && !hasFilters ? tp("board.emptyMine") : tp("board.empty")}
            />
          ),
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: board.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (n) => tp("board.total", { n }),
        }}
      />
      {board.isError && <Typography.Text type="danger">{t("common.loadFailed")}</Typography.Text>}
    </Card>
  );
}

/** 项目看板: every project of the zone the user may see. */
export function ProjectBoardPage() {
  const { tp } = useProjectI18n();
  return <Board title={tp("board.title")} />;
}

/** The "my projects" views a user has: leaders the projects they lead, unit staff their unit's, everybody 专班. */
export function mineViews(me: Me | undefined): Mine[] {
  if (!me) return ["member"];
  const views: Mine[] = [];
  if (me.role === "leader") views.push("leader");
  if (me.unitId && me.role !== "leader") views.push("unit");
  views.push("member");
  return views;
}

/** 我的项目: the board limited to the projects the user leads, their unit's, or their task forces'. */
export function MyProjectsPage() {
  const { tp } = useProjectI18n();
  const { data: me } = useMe();
  const { sp, clear } = useUrlList<UrlKey | "mine">();
  const views = mineViews(me);
  const mine = oneOf(views, sp.get("mine")) ?? views[0] ?? "member";
  const tabs =
    views.length > 1 ? (
      <Tabs
        size="small"
        activeKey={mine}
        onChange={(k) => clear({ mine: k, year: sp.get("year") ?? undefined, month: sp.get("month") ?? undefined })}
        items={views.map((v) => ({ key: v, label: tp(`mine.${v}`) }))}
        style={{ marginBottom: -17 }}
        data-testid="mine-tabs"
      />
    ) : null;
  return <Board key={mine} mine={mine} title={tp("board.mineTitle")} extraTitle={tabs} />;
}
