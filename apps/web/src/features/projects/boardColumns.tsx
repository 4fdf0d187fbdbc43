import { Flex, Space, type TableProps, Tooltip, Typography } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import { useMemo } from "react";
import { Link } from "react-router";
import { BehindTag, LevelTag, PointsAhead, ScheduleBar, StageTag } from "./ProjectTags.tsx";
import { formatPercent, formatWanText } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import type { BoardSort, ProjectSummary } from "./useProjects.ts";

/** The sort order a column shows for the current sort value. */
function columnOrder(sort: BoardSort, asc: BoardSort | null, desc: BoardSort | null): SortOrder {
  if (sort === asc) return "ascend";
  if (sort === desc) return "descend";
  return null;
}

/** The column sorts: which sort value each direction of a column means. */
export const COLUMN_SORTS: Record<string, { ascend: BoardSort | null; descend: BoardSort | null }> = {
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

/** The board's table columns; `sort` marks the sorted column, `periodQuery` keeps the period on the project links. */
export function useBoardColumns(sort: BoardSort, periodQuery: string): TableProps<ProjectSummary>["columns"] {
  const { lang, tp } = useProjectI18n();
  return useMemo(
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
}
