import { DownloadOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import type { Me } from "@zoneos/contracts";
import {
  PROJECT_LEVEL_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  PROJECT_TYPE_NAMES,
  PROJECT_TYPES,
  SCHEDULE_GRANULARITY_NAMES,
} from "@zoneos/domain/projects";
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tabs,
  Tooltip,
  Typography,
} from "antd";
import type { SortOrder } from "antd/es/table/interface";
import dayjs from "dayjs";
import { type HTMLAttributes, type ReactNode, useMemo } from "react";
import { Link, useNavigate } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { useUrlList } from "../../components/useUrlList.ts";
import { BehindTag, LevelTag, PointsAhead, ScheduleBar, StageTag } from "./ProjectTags.tsx";
import { formatPercent, formatWanText, wanToYi } from "./projectFormat.ts";
import { type Tp, useProjectI18n } from "./projectI18n.ts";
import {
  BOARD_SORTS,
  type BoardFilters,
  type BoardParams,
  type BoardSort,
  type Mine,
  type ProjectBoard,
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

/** The sort order a column shows for the current sort value. */
function columnOrder(sort: BoardSort, asc: BoardSort | null, desc: BoardSort | null): SortOrder {
  if (sort === asc) return "ascend";
  if (sort === desc) return "descend";
  return null;
}

/** The column sorts: which sort value each direction of a column means. */
const COLUMN_SORTS: Record<string, { ascend: BoardSort | null; descend: BoardSort | null }> = {
  code: { ascend: "code", descend: null },
  points: { ascend: "pointsAhead", descend: "-pointsAhead" },
  progress: { ascend: null, descend: "-completion" },
  plan: { ascend: null, descend: "-planWan" },
  total: { ascend: null, descend: "-totalInvestmentWan" },
};

function sorterOf(key: string, sort: BoardSort) {
  const s = COLUMN_SORTS[key];
  if (!s) return {};
  const directions: ("ascend" | "descend")[] = [];
  if (s.ascend) directions.push("ascend");
  if (s.descend) directions.push("descend");
  return { sorter: true, sortDirections: directions, sortOrder: columnOrder(sort, s.ascend, s.descend) };
}

/** "N 个项目完成投资 X 亿元，占年度计划 P%，超/慢序时进度 Y 个百分点" and "新开工 a/b，开工率 c%". */
export function boardSentences(board: ProjectBoard, tp: Tp): [string, string] {
  const { totals, period } = board;
  const s = totals.schedule;
  const x = wanToYi(s.completedYtdWan);
  const first =
    s.completionPercent === null || s.pointsAhead === null
      ? tp("board.sentenceNoPlan", { n: totals.projects, x })
      : tp(s.pointsAhead >= 0 ? "board.sentenceAhead" : "board.sentenceBehind", {
          n: totals.projects,
          x,
          p: formatPercent(s.completionPercent),
          y: Math.abs(s.pointsAhead).toFixed(1),
        });
  const sr = totals.startRate;
  let second = tp("board.startSentence", {
    a: sr.started,
    b: sr.plannedAnnual,
    c: formatPercent(sr.annualPercent),
  });
  if (period.month < 12 && sr.plannedToDate !== sr.plannedAnnual) {
    second += tp("board.startToDate", { m: period.month, b: sr.plannedToDate, c: formatPercent(sr.toDatePercent) });
  }
  return [first, second];
}

function Kpi({ title, value, color, testId }: { title: string; value: ReactNode; color?: string; testId: string }) {
  return (
    <Col xs={12} sm={8} xl={{ flex: "20%" }}>
      <Card size="small" data-testid={testId} style={{ height: "100%" }}>
        <Statistic
          title={title}
          value={typeof value === "string" || typeof value === "number" ? value : undefined}
          valueRender={typeof value === "string" || typeof value === "number" ? undefined : () => value}
          styles={{ content: { fontSize: 22, color } }}
        />
      </Card>
    </Col>
  );
}

/** The totals over every project the filters select, as cards and as the two sentences of a monthly report. */
export function BoardTotals({ board }: { board: ProjectBoard | undefined }) {
  const { lang, tp } = useProjectI18n();
  if (!board) return <div style={{ minHeight: 96 }} data-testid="board-totals" />;
  const { totals, period } = board;
  const s = totals.schedule;
  const [first, second] = boardSentences(board, tp);
  return (
    <div style={{ marginBottom: 16 }}>
      <Row gutter={[12, 12]} data-testid="board-totals">
        <Kpi testId="kpi-projects" title={tp("kpi.projects")} value={totals.projects} />
        <Kpi testId="kpi-plan" title={tp("kpi.plan")} value={wanToYi(s.planWan)} />
        <Kpi testId="kpi-completed" title={tp("kpi.completed")} value={wanToYi(s.completedYtdWan)} />
        <Kpi testId="kpi-completion" title={tp("kpi.completion")} value={formatPercent(s.completionPercent)} />
        <Kpi testId="kpi-elapsed" title={tp("kpi.elapsed")} value={formatPercent(s.elapsedPercent)} />
        <Kpi testId="kpi-points" title={tp("kpi.points")} value={<PointsAhead value={s.pointsAhead} size={22} />} />
        <Kpi
          testId="kpi-behind"
          title={tp("kpi.behind")}
          value={totals.behindCount}
          color={totals.behindCount > 0 ? "#cf1322" : undefined}
        />
        <Kpi
          testId="kpi-starts"
          title={tp("kpi.newStarts")}
          value={`${totals.startRate.started}/${totals.startRate.plannedAnnual}`}
        />
        <Kpi
          testId="kpi-start-rate"
          title={tp("kpi.startRate")}
          value={formatPercent(totals.startRate.annualPercent)}
        />
        <Kpi testId="kpi-reported" title={tp("kpi.reported")} value={`${totals.reportedCount}/${totals.projects}`} />
      </Row>
      <div
        data-testid="board-sentence"
        style={{ marginTop: 12, padding: "10px 14px", background: "#f6f8fc", borderRadius: 6, lineHeight: 1.9 }}
      >
        <Typography.Text strong style={{ fontSize: 15 }}>
          {first}
        </Typography.Text>
        <br />
        <Typography.Text>{second}</Typography.Text>
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tp("board.asOf", {
            e: formatPercent(period.elapsedPercent),
            g: SCHEDULE_GRANULARITY_NAMES[period.granularity][lang],
            date: period.asOf,
            t: period.behindThresholdPoints,
          })}
        </Typography.Text>
      </div>
    </div>
  );
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

  const columns: TableProps<ProjectSummary>["columns"] = useMemo(
    () => [
      {
        title: tp("field.name"),
        dataIndex: "code",
        key: "code",
        width: 236,
        fixed: "left",
        ...sorterOf("code", sort),
        render: (_: unknown, p: ProjectSummary) => (
          <Flex vertical gap={2}>
            <Space size={4} wrap>
              <Link to={`/projects/${p.id}${periodQuery}`} onClick={(ev) => ev.stopPropagation()}>
                {p.name}
              </Link>
              {p.schedule.behind && <BehindTag />}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <span style={{ fontFamily: "monospace" }}>{p.code}</span> · {p.ownerName ?? "—"}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        title: `${tp("field.level")} / ${tp("field.stage")}`,
        key: "level",
        width: lang === "zh-CN" ? 90 : 130,
        render: (_: unknown, p: ProjectSummary) => (
          <Flex vertical gap={4} align="start">
            <LevelTag level={p.level} />
            <StageTag stage={p.stage} />
          </Flex>
        ),
      },
      {
        title: tp("col.unitLeader"),
        key: "unit",
        width: 118,
        render: (_: unknown, p: ProjectSummary) => (
          <Flex vertical gap={0}>
            <span>{p.unitName ?? "—"}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.leaderName ?? "—"}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        title: tp("col.totalShort"),
        dataIndex: "totalInvestmentWan",
        key: "total",
        width: 110,
        align: "right",
        ...sorterOf("total", sort),
        render: (v: string, p: ProjectSummary) => (
          <Tooltip title={`${tp("col.cumulative")} ${formatWanText(p.cumulativeWan)}`}>
            <Flex vertical gap={0} align="end">
              <span>{formatWanText(v)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tp("col.totalPercent", { p: formatPercent(p.totalPercent) })}
              </Typography.Text>
            </Flex>
          </Tooltip>
        ),
      },
      {
        title: tp("col.planShort"),
        key: "plan",
        width: 104,
        align: "right",
        ...sorterOf("plan", sort),
        render: (_: unknown, p: ProjectSummary) => formatWanText(p.schedule.planWan),
      },
      {
        title: tp("col.monthShort"),
        dataIndex: "monthCompletedWan",
        key: "month",
        width: 96,
        align: "right",
        render: (v: string | null) =>
          v === null ? <Typography.Text type="warning">{tp("board.notReported")}</Typography.Text> : formatWanText(v),
      },
      {
        title: tp("col.ytdShort"),
        key: "ytd",
        width: 104,
        align: "right",
        render: (_: unknown, p: ProjectSummary) => formatWanText(p.schedule.completedYtdWan),
      },
      {
        title: tp("col.progress"),
        key: "progress",
        width: 170,
        ...sorterOf("progress", sort),
        render: (_: unknown, p: ProjectSummary) => <ScheduleBar s={p.schedule} width="100%" />,
      },
      {
        title: tp("col.pointsShort"),
        key: "points",
        width: 92,
        align: "right",
        ...sorterOf("points", sort),
        render: (_: unknown, p: ProjectSummary) => <PointsAhead value={p.schedule.pointsAhead} strong />,
      },
    ],
    [tp, lang, sort, periodQuery],
  );

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
