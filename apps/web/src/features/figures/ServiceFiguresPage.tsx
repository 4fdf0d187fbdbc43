import { DownloadOutlined } from "@ant-design/icons";
import { formatPercent, formatWorkingDays } from "@zoneos/domain/figures";
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { EChart } from "../../components/EChart.tsx";
import {
  type FiguresGroup,
  type FiguresPeriod,
  type FiguresRow,
  type FiguresTotals,
  GROUPS,
  type ServiceFigures,
  useFiguresI18n,
  useServiceFigures,
} from "./useFigures.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** The period in the address (from, to); this year by default. */
function usePeriod(): [FiguresPeriod, FiguresGroup, (p: Partial<FiguresPeriod> & { groupBy?: FiguresGroup }) => void] {
  const [sp, setSp] = useSearchParams();
  const year = dayjs().year();
  const from = sp.get("from") ?? "";
  const to = sp.get("to") ?? "";
  const period = {
    from: ISO_DATE.test(from) ? from : `${year}-01-01`,
    to: ISO_DATE.test(to) ? to : `${year}-12-31`,
  };
  const g = sp.get("groupBy") as FiguresGroup | null;
  const groupBy = g && GROUPS.includes(g) ? g : "unit";
  const set = (p: Partial<FiguresPeriod> & { groupBy?: FiguresGroup }) =>
    setSp({ ...period, groupBy, ...p }, { replace: true });
  return [period, groupBy, set];
}

function Kpis({ totals }: { totals: FiguresTotals | undefined }) {
  const { tf } = useFiguresI18n();
  const cards: { key: string; title: string; value: string | number; red?: boolean }[] = totals
    ? [
        { key: "received", title: tf("received"), value: totals.received },
        { key: "response", title: tf("responseRate"), value: formatPercent(totals.responseRate) },
        { key: "close", title: tf("closeRate"), value: formatPercent(totals.closeRate) },
        { key: "ontime", title: tf("onTimeRate"), value: formatPercent(totals.onTimeRate) },
        { key: "satisfaction", title: tf("satisfactionRate"), value: formatPercent(totals.satisfactionRate) },
        { key: "handling", title: tf("averageHandlingDays"), value: formatWorkingDays(totals.averageHandlingDays) },
        { key: "reopened", title: tf("reopened"), value: totals.reopened, red: totals.reopened > 0 },
        { key: "escalated", title: tf("escalated"), value: totals.escalated, red: totals.escalated > 0 },
      ]
    : [];
  return (
    <Row gutter={[12, 12]} data-testid="figures-kpis">
      {cards.map((c) => (
        <Col key={c.key} xs={12} sm={8} md={6} xl={3}>
          <Card size="small" data-testid={`kpi-${c.key}`}>
            <Statistic title={c.title} value={c.value} valueStyle={c.red ? { color: "#cf1322" } : undefined} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function trendOption(data: ServiceFigures | undefined, tf: ReturnType<typeof useFiguresI18n>["tf"]): EChartsCoreOption {
  const rows = data?.rows ?? [];
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [tf("received"), tf("closed"), tf("closeRate")] },
    grid: { left: 40, right: 48, top: 36, bottom: 28 },
    xAxis: { type: "category", data: rows.map((r) => r.key?.slice(5) ?? "") },
    yAxis: [
      { type: "value", minInterval: 1 },
      { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    ],
    series: [
      { name: tf("received"), type: "bar", data: rows.map((r) => r.received) },
      { name: tf("closed"), type: "bar", data: rows.map((r) => r.closed) },
      { name: tf("closeRate"), type: "line", yAxisIndex: 1, data: rows.map((r) => pct(r.closeRate)) },
    ],
  };
}

function categoryOption(
  data: ServiceFigures | undefined,
  tf: ReturnType<typeof useFiguresI18n>["tf"],
): EChartsCoreOption {
  const rows = data?.rows ?? [];
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [tf("received"), tf("closed")] },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    xAxis: { type: "category", data: rows.map((r) => r.name ?? ""), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: tf("received"), type: "bar", data: rows.map((r) => r.received) },
      { name: tf("closed"), type: "bar", data: rows.map((r) => r.closed) },
    ],
  };
}

/** Units with cases, best 办结率 on top (ECharts draws a category axis from the bottom). */
function rankingOption(
  data: ServiceFigures | undefined,
  tf: ReturnType<typeof useFiguresI18n>["tf"],
): EChartsCoreOption {
  const rows = (data?.rows ?? [])
    .filter((r) => r.key !== null && r.closeRate !== null)
    .sort((a, b) => (a.closeRate ?? 0) - (b.closeRate ?? 0) || a.received - b.received);
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: number | null) => (v === null ? "—" : `${v}%`) },
    legend: { top: 0, data: [tf("closeRate"), tf("satisfactionRate")] },
    grid: { left: 120, right: 24, top: 36, bottom: 24 },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: rows.map((r) => r.name ?? "") },
    series: [
      { name: tf("closeRate"), type: "bar", data: rows.map((r) => pct(r.closeRate)) },
      { name: tf("satisfactionRate"), type: "bar", data: rows.map((r) => pct(r.satisfactionRate)) },
    ],
  };
}

export function ServiceFiguresPage() {
  const { tf } = useFiguresI18n();
  const [period, groupBy, setPeriod] = usePeriod();
  const selected = useServiceFigures(period, groupBy);
  const months = useServiceFigures(period, "month");
  const categories = useServiceFigures(period, "category");
  const units = useServiceFigures(period, "unit");
  const totals = selected.data?.totals;
  const missingYears = selected.data?.yearsWithoutCalendar ?? [];

  const trend = useMemo(() => trendOption(months.data, tf), [months.data, tf]);
  const byCategory = useMemo(() => categoryOption(categories.data, tf), [categories.data, tf]);
  const ranking = useMemo(() => rankingOption(units.data, tf), [units.data, tf]);

  const range: [Dayjs, Dayjs] = [dayjs(period.from), dayjs(period.to)];
  const rateColumn = (key: keyof FiguresTotals, title: string) => ({
    title,
    dataIndex: key,
    align: "right" as const,
    width: 96,
    render: (v: number | null) => formatPercent(v),
    sorter: (a: FiguresRow, b: FiguresRow) => ((a[key] as number | null) ?? -1) - ((b[key] as number | null) ?? -1),
  });
  const countColumn = (key: keyof FiguresTotals, title: string) => ({
    title,
    dataIndex: key,
    align: "right" as const,
    width: 80,
    sorter: (a: FiguresRow, b: FiguresRow) => (a[key] as number) - (b[key] as number),
  });

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="service-dashboard">
      <Card
        title={tf("title")}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={range}
              onChange={(v) => {
                const [a, b] = v ?? [];
                if (a && b)
                  setPeriod({
                    from: a.startOf("month").format("YYYY-MM-DD"),
                    to: b.endOf("month").format("YYYY-MM-DD"),
                  });
              }}
              data-testid="figures-period"
            />
            <Segmented<FiguresGroup>
              value={groupBy}
              onChange={(g) => setPeriod({ groupBy: g })}
              options={GROUPS.map((g) => ({ value: g, label: tf(`group.${g}`) }))}
              data-testid="figures-group"
            />
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl("/figures/service/export", { ...period, groupBy })}
              data-testid="figures-export"
            >
              {tf("export")}
            </Button>
          </Space>
        }
      >
        {missingYears.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={tf("noCalendar", { years: missingYears.join("、") })}
          />
        )}
        <Kpis totals={totals} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {tf("note")}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={tf("trend")}>
            <EChart option={trend} height={280} testId="chart-trend" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={tf("byCategory")}>
            <EChart option={byCategory} height={280} testId="chart-category" />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={tf("ranking")}>
            <EChart
              option={ranking}
              height={Math.max(200, 28 * (units.data?.rows.length ?? 6) + 60)}
              testId="chart-ranking"
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={tf(`group.${groupBy}`)}>
        <Table<FiguresRow>
          rowKey={(r) => r.key ?? "none"}
          size="small"
          loading={selected.isFetching}
          dataSource={selected.data?.rows ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="figures-table"
          columns={[
            { title: tf(`group.${groupBy}`), dataIndex: "name", fixed: "left", width: 180 },
            countColumn("received", tf("received")),
            countColumn("acceptedInTime", tf("acceptedInTime")),
            rateColumn("responseRate", tf("responseRate")),
            countColumn("closed", tf("closed")),
            rateColumn("closeRate", tf("closeRate")),
            countColumn("closedOnTime", tf("closedOnTime")),
            rateColumn("onTimeRate", tf("onTimeRate")),
            countColumn("rated", tf("rated")),
            rateColumn("satisfactionRate", tf("satisfactionRate")),
            {
              title: tf("averageHandlingDays"),
              dataIndex: "averageHandlingDays",
              align: "right",
              width: 120,
              render: (v: number | null) => formatWorkingDays(v),
            },
            countColumn("reopened", tf("reopened")),
            countColumn("escalated", tf("escalated")),
          ]}
          summary={() =>
            totals ? (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{tf("total")}</Table.Summary.Cell>
                  {[
                    totals.received,
                    totals.acceptedInTime,
                    formatPercent(totals.responseRate),
                    totals.closed,
                    formatPercent(totals.closeRate),
                    totals.closedOnTime,
                    formatPercent(totals.onTimeRate),
                    totals.rated,
                    formatPercent(totals.satisfactionRate),
                    formatWorkingDays(totals.averageHandlingDays),
                    totals.reopened,
                    totals.escalated,
                  ].map((v, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed row of cells
                    <Table.Summary.Cell key={i} index={i + 1} align="right">
                      {v}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
