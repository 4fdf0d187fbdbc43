import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { EChart } from "../../components/EChart.tsx";
import { type Tp, useProjectI18n } from "./projectI18n.ts";
import { type ApprovalBottlenecks, type BottleneckRow, useApprovalBottlenecks } from "./useProjects.ts";

const days = (v: number | null) => (v === null ? "—" : v.toFixed(1));

/** Departments by average working days, the slowest on top (ECharts draws a category axis from the bottom). */
function chartOption(data: ApprovalBottlenecks | undefined, tp: Tp): EChartsCoreOption {
  const rows = (data?.byDepartment ?? [])
    .filter((r) => r.averageWorkingDays !== null)
    .sort((a, b) => (b.averageWorkingDays ?? 0) - (a.averageWorkingDays ?? 0))
    .slice(0, 12)
    .reverse();
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: number | null) => days(v) },
    grid: { left: 150, right: 32, top: 16, bottom: 24 },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: rows.map((r) => r.key || "—") },
    series: [
      {
        name: tp("bn.average"),
        type: "bar",
        barMaxWidth: 22,
        data: rows.map((r) => ({
          value: r.averageWorkingDays === null ? null : Math.round(r.averageWorkingDays * 10) / 10,
          itemStyle: { color: r.overLimit > 0 ? "#ff7875" : "#69b1ff" },
        })),
      },
    ],
  };
}

function RowsTable({ rows, keyTitle, testId }: { rows: BottleneckRow[]; keyTitle: string; testId: string }) {
  const { tp } = useProjectI18n();
  return (
    <Table<BottleneckRow>
      rowKey="key"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 15, hideOnSinglePage: true }}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("bn.empty")} /> }}
      onRow={(r) => ({ style: r.overLimit > 0 ? { background: "#fff7f7" } : undefined })}
      columns={[
        { title: keyTitle, dataIndex: "key", render: (v: string) => v || "—" },
        { title: tp("bn.items"), dataIndex: "items", width: 64, align: "right" },
        { title: tp("bn.pending"), dataIndex: "pending", width: 70, align: "right" },
        {
          title: tp("bn.overLimit"),
          dataIndex: "overLimit",
          width: 60,
          align: "right",
          render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v),
        },
        {
          title: tp("bn.averageShort"),
          dataIndex: "averageWorkingDays",
          width: 84,
          align: "right",
          render: (v: number | null) => days(v),
        },
        {
          title: tp("bn.maxShort"),
          dataIndex: "maxWorkingDays",
          width: 84,
          align: "right",
          render: (v: number | null) => (v === null ? "—" : v),
        },
      ]}
    />
  );
}

/** 审批监测: where approvals of the year's projects wait longest, by department and by item. */
export function ApprovalBottleneckPage() {
  const { tp } = useProjectI18n();
  const query = useApprovalBottlenecks();
  const data = query.data;
  const option = useMemo(() => chartOption(data, tp), [data, tp]);
  const chartRows = (data?.byDepartment ?? []).filter((r) => r.averageWorkingDays !== null).length;

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="approval-bottlenecks">
      <Card
        title={tp("bn.title")}
        extra={data && <Typography.Text type="secondary">{tp("bn.asOf", { date: data.asOf })}</Typography.Text>}
      >
        <Row gutter={[12, 12]}>
          <Col xs={24} md={8}>
            <Card size="small">
              <Statistic title={tp("bn.projects")} value={data?.projects ?? "—"} />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card size="small">
              <Statistic
                title={tp("bn.overTarget")}
                value={data?.projectsOverTarget ?? "—"}
                styles={{ content: { color: (data?.projectsOverTarget ?? 0) > 0 ? "#cf1322" : undefined } }}
              />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card size="small">
              <Statistic title={tp("bn.target")} value={data?.targetWorkingDays ?? "—"} />
            </Card>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {tp("bn.note")}
        </Typography.Paragraph>
      </Card>
      {chartRows > 0 && (
        <Card size="small" title={tp("bn.chart")}>
          <EChart option={option} height={Math.max(180, 30 * Math.min(chartRows, 12) + 48)} testId="bottleneck-chart" />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={tp("bn.byDepartment")} extra={tp("bn.daysUnit")}>
            <RowsTable rows={data?.byDepartment ?? []} keyTitle={tp("bn.department")} testId="bottleneck-departments" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={tp("bn.byItem")} extra={tp("bn.daysUnit")}>
            <RowsTable rows={data?.byItem ?? []} keyTitle={tp("bn.item")} testId="bottleneck-items" />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
