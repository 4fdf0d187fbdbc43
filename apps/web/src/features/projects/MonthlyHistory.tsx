import { EditOutlined } from "@ant-design/icons";
import { planInForce } from "@zoneos/domain/projects";
import { Button, Empty, Flex, Table, Typography } from "antd";
import dayjs from "dayjs";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { AttachmentList } from "../../components/Attachments.tsx";
import { EChart } from "../../components/EChart.tsx";
import { formatDateTime } from "../../components/format.ts";
import { formatWanText } from "./projectFormat.ts";
import { type Tp, useProjectI18n } from "./projectI18n.ts";
import type { MonthlyReport, Project } from "./useProjects.ts";

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

function chartOption(p: Project, year: number, tp: Tp): EChartsCoreOption {
  const plan = p.plans.find((x) => x.year === year);
  const reports = new Map(p.reports.filter((r) => r.year === year).map((r) => [r.month, r]));
  const lastReported = Math.max(0, ...reports.keys());
  let ytd: number | null = null;
  const cumulative = MONTHS.map((m) => {
    const r = reports.get(m);
    if (r) ytd = Number(r.completedYtdWan);
    return m <= lastReported ? ytd : null;
  });
  const planOf = MONTHS.map((m) => (plan ? num(planInForce(plan.versions, m)) : null));
  const proRata = planOf.map((v, i) => (v === null ? null : Math.round(((v * (i + 1)) / 12) * 10000) / 10000));
  const fmt = (v: number | null) => (v === null || v === undefined ? "—" : v.toLocaleString("zh-CN"));
  return {
    tooltip: { trigger: "axis", valueFormatter: fmt },
    legend: {
      top: 0,
      data: [tp("chart.monthCompleted"), tp("chart.cumulative"), tp("chart.plan"), tp("chart.elapsedPlan")],
    },
    grid: { left: 64, right: 24, top: 40, bottom: 28 },
    xAxis: { type: "category", data: MONTHS.map((m) => tp("chart.month", { m })) },
    yAxis: { type: "value" },
    series: [
      {
        name: tp("chart.monthCompleted"),
        type: "bar",
        data: MONTHS.map((m) => num(reports.get(m)?.completedWan)),
        itemStyle: { color: "#91caff" },
        barMaxWidth: 28,
      },
      {
        name: tp("chart.cumulative"),
        type: "line",
        data: cumulative,
        itemStyle: { color: "#1f5fbf" },
        lineStyle: { width: 3 },
        connectNulls: true,
      },
      {
        name: tp("chart.plan"),
        type: "line",
        step: "start",
        data: planOf,
        symbol: "none",
        itemStyle: { color: "#fa8c16" },
        lineStyle: { type: "dashed", width: 2 },
      },
      {
        name: tp("chart.elapsedPlan"),
        type: "line",
        data: proRata,
        symbol: "none",
        itemStyle: { color: "#8c8c8c" },
        lineStyle: { type: "dotted", width: 1.5 },
      },
    ],
  };
}

/** The year's months as a chart (month completed, year to date, plan in force, plan pro rata) and a table. */
export function MonthlyHistory({ p, year, onEdit }: { p: Project; year: number; onEdit?: (r: MonthlyReport) => void }) {
  const { t, tp } = useProjectI18n();
  const option = useMemo(() => chartOption(p, year, tp), [p, year, tp]);
  const rows = p.reports.filter((r) => r.year === year).sort((a, b) => b.month - a.month);
  return (
    <>
      <EChart option={option} height={300} testId="project-chart" />
      <Table<MonthlyReport>
        rowKey={(r) => `${r.year}-${r.month}`}
        size="small"
        style={{ marginTop: 12 }}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="project-reports"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("report.empty")} /> }}
        columns={[
          {
            title: tp("report.month"),
            key: "month",
            width: 80,
            render: (_: unknown, r: MonthlyReport) => tp("plan.month", { m: r.month }),
          },
          {
            title: tp("report.completed"),
            dataIndex: "completedWan",
            width: 130,
            align: "right",
            render: (v: string) => formatWanText(v),
          },
          {
            title: tp("report.ytd"),
            dataIndex: "completedYtdWan",
            width: 130,
            align: "right",
            render: (v: string) => formatWanText(v),
          },
          {
            title: tp("report.plan"),
            dataIndex: "planWan",
            width: 130,
            align: "right",
            render: (v: string | null) => formatWanText(v),
          },
          { title: tp("report.progress"), dataIndex: "progress", render: (v: string | null) => v ?? "—" },
          { title: tp("report.problems"), dataIndex: "problems", render: (v: string | null) => v ?? "—" },
          {
            title: tp("report.photos"),
            key: "photos",
            width: 200,
            render: (_: unknown, r: MonthlyReport) => <AttachmentList items={r.attachments} empty="—" />,
          },
          {
            title: tp("report.by"),
            key: "by",
            width: 140,
            render: (_: unknown, r: MonthlyReport) => (
              <Flex vertical gap={0}>
                <span>{r.reportedByName ?? "—"}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.reportedAt)}
                </Typography.Text>
              </Flex>
            ),
          },
          ...(onEdit
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  width: 70,
                  fixed: "right" as const,
                  render: (_: unknown, r: MonthlyReport) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => onEdit(r)}
                      aria-label={t("common.edit")}
                      icon={<EditOutlined />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** The years the chart can show: those with a plan or a report, and this year. */
export function yearsOf(p: Project): number[] {
  const years = new Set<number>([dayjs().year(), ...p.plans.map((x) => x.year), ...p.reports.map((r) => r.year)]);
  return [...years].sort((a, b) => b - a);
}
