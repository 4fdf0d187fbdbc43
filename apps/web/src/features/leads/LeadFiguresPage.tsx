import { DownloadOutlined } from "@ant-design/icons";
import { LEAD_CHANNEL_NAMES, LEAD_CHANNELS, LEAD_STAGE_NAMES, LOST_REASON_NAMES } from "@zoneos/domain/investment";
import { INVESTMENT_BUCKET_NAMES, INVESTMENT_BUCKETS } from "@zoneos/domain/projects";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { apiUrl } from "../../app/api.ts";
import type { Lang } from "../../app/i18n.ts";
import { EChart } from "../../components/EChart.tsx";
import { formatDecimal } from "../../components/format.ts";
import { useChainList } from "../chains/useChains.ts";
import { type Tf, useLeadFiguresI18n } from "./leadFiguresI18n.ts";
import { type FigureChannel, type LeadFigureParams, type LeadFigures, useLeadFigures } from "./useLeadFigures.ts";
import { useTripOptions } from "./useTrips.ts";

type PeriodMode = "year" | "quarter" | "month";
const MODES: PeriodMode[] = ["year", "quarter", "month"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period that contains `d` for a mode: the year, its quarter or its month. */
function periodOf(mode: PeriodMode, d: Dayjs): { from: string; to: string } {
  if (mode === "year")
    return { from: d.startOf("year").format("YYYY-MM-DD"), to: d.endOf("year").format("YYYY-MM-DD") };
  if (mode === "month")
    return { from: d.startOf("month").format("YYYY-MM-DD"), to: d.endOf("month").format("YYYY-MM-DD") };
  const start = d.startOf("month").month(Math.floor(d.month() / 3) * 3);
  return { from: start.format("YYYY-MM-DD"), to: start.add(2, "month").endOf("month").format("YYYY-MM-DD") };
}

/** The page's query in the address: the period (mode and its first day) and the filters; this year by default. */
function useFigureParams(): [LeadFigureParams, PeriodMode, (p: Record<string, string | undefined>) => void] {
  const [sp, setSp] = useSearchParams();
  const modeParam = sp.get("mode") as PeriodMode | null;
  const mode = modeParam && MODES.includes(modeParam) ? modeParam : "year";
  const at = sp.get("from") ?? "";
  const period = periodOf(mode, ISO_DATE.test(at) ? dayjs(at) : dayjs());
  const channel = sp.get("channel") as FigureChannel | null;
  const params: LeadFigureParams = {
    ...period,
    unitId: sp.get("unitId") ?? undefined,
    channel: channel && (LEAD_CHANNELS as readonly string[]).includes(channel) ? channel : undefined,
    chainId: sp.get("chainId") ?? undefined,
  };
  const set = (p: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = { mode, ...params, ...p };
    setSp(
      Object.fromEntries(Object.entries(next).filter((e): e is [string, string] => !!e[1])) as Record<string, string>,
      { replace: true },
    );
  };
  return [params, mode, set];
}

const yi = (wan: string, lang: Lang) =>
  (Number(wan) / 10_000).toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function funnelOption(f: LeadFigures | undefined, lang: Lang, tf: Tf): EChartsCoreOption {
  const conversion = f?.conversion ?? [];
  const stages = conversion.length ? [conversion[0]?.from, ...conversion.map((c) => c.to)] : [];
  const reached = conversion.length ? [conversion[0]?.reachedFrom ?? 0, ...conversion.map((c) => c.reachedTo)] : [];
  const data = stages.map((s, i) => ({ name: s ? LEAD_STAGE_NAMES[s][lang] : "", value: reached[i] ?? 0 }));
  return {
    tooltip: {
      trigger: "item",
      formatter: (p: { name: string; value: number; dataIndex: number }) => {
        const c = conversion[p.dataIndex - 1];
        const rate = c && c.percent !== null ? `<br/>${tf("conversion.rate")} ${c.percent.toFixed(1)}%` : "";
        return `${p.name}：${tf("conversion.reached")} ${p.value}${rate}`;
      },
    },
    series: [
      {
        type: "funnel",
        sort: "none",
        left: "10%",
        width: "80%",
        minSize: "8%",
        label: { show: true, position: "inside", formatter: "{b} {c}" },
        data,
      },
    ],
  };
}

function daysOption(f: LeadFigures | undefined, lang: Lang, tf: Tf): EChartsCoreOption {
  const days = f?.days ?? [];
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [tf("days.median"), tf("days.average")] },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: days.map((d) => LEAD_STAGE_NAMES[d.stage][lang]) },
    yAxis: { type: "value" },
    series: [
      { name: tf("days.median"), type: "bar", data: days.map((d) => d.medianDays) },
      { name: tf("days.average"), type: "bar", data: days.map((d) => d.averageDays) },
    ],
  };
}

type BucketRow = LeadFigures["stageBuckets"][number];

export function LeadFiguresPage() {
  const { tf, lang } = useLeadFiguresI18n();
  const [params, mode, set] = useFigureParams();
  const figures = useLeadFigures(params);
  const options = useTripOptions();
  const chains = useChainList();
  const f = figures.data;
  const funnel = useMemo(() => funnelOption(f, lang, tf), [f, lang, tf]);
  const days = useMemo(() => daysOption(f, lang, tf), [f, lang, tf]);
  const lostCount = (f?.lost ?? []).reduce((n, l) => n + l.count, 0);
  const amountCell = (count: number, sumWan: string) =>
    count === 0 ? (
      <Typography.Text type="secondary">0</Typography.Text>
    ) : (
      <span>
        {count}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {" "}
          / {formatDecimal(sumWan)}
        </Typography.Text>
      </span>
    );

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="lead-figures">
      <Card
        title={tf("title")}
        extra={
          <Space wrap>
            <Segmented<PeriodMode>
              value={mode}
              onChange={(m) => set({ mode: m, ...periodOf(m, dayjs(params.from)) })}
              options={MODES.map((m) => ({ value: m, label: tf(`period.${m}`) }))}
              data-testid="figures-mode"
            />
            <DatePicker
              picker={mode}
              allowClear={false}
              value={dayjs(params.from)}
              onChange={(d) => d && set(periodOf(mode, d))}
              data-testid="figures-period"
            />
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={tf("filter.unit")}
              style={{ width: 170 }}
              value={params.unitId}
              onChange={(v?: string) => set({ unitId: v })}
              options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name ?? "" }))}
              data-testid="figures-unit"
            />
            <Select
              allowClear
              placeholder={tf("filter.channel")}
              style={{ width: 150 }}
              value={params.channel}
              onChange={(v?: string) => set({ channel: v })}
              options={LEAD_CHANNELS.map((c) => ({ value: c, label: LEAD_CHANNEL_NAMES[c][lang] }))}
              data-testid="figures-channel"
            />
            <Select
              allowClear
              placeholder={tf("filter.chain")}
              style={{ width: 150 }}
              value={params.chainId}
              onChange={(v?: string) => set({ chainId: v })}
              options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="figures-chain"
            />
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl("/leads/figures/export", params)}
              data-testid="figures-export"
            >
              {tf("export")}
            </Button>
          </Space>
        }
      >
        {f && (
          <Alert
            type="info"
            showIcon
            message={<span style={{ fontSize: 16, fontWeight: 600 }}>{f.inTalks.sentence}</span>}
            data-testid="figures-sentence"
          />
        )}
        <Row gutter={[12, 12]} style={{ marginTop: 12 }} data-testid="figures-kpis">
          {[
            { key: "inTalks", value: f?.inTalks.total.count ?? 0 },
            { key: "inTalksAmount", value: yi(f?.inTalks.total.sumWan ?? "0", lang) },
            { key: "signed", value: f?.signed.count ?? 0 },
            { key: "signedAmount", value: yi(f?.signed.amountWan ?? "0", lang) },
            { key: "cohort", value: f?.cohort ?? 0 },
            { key: "lost", value: lostCount },
          ].map((k) => (
            <Col key={k.key} xs={12} sm={8} xl={4}>
              <Card size="small" data-testid={`kpi-${k.key}`}>
                <Statistic title={tf(`kpi.${k.key}` as Parameters<Tf>[0])} value={k.value} />
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {f ? tf("asOf", { date: f.asOf, from: f.from, to: f.to }) : null}
        </Typography.Paragraph>
      </Card>

      <Card size="small" title={tf("stageBuckets")}>
        <Table<BucketRow>
          rowKey="stage"
          size="small"
          loading={figures.isFetching}
          pagination={false}
          dataSource={f?.stageBuckets ?? []}
          scroll={{ x: 900 }}
          data-testid="figures-buckets"
          columns={[
            {
              title: tf("col.stage"),
              width: 80,
              fixed: "left",
              render: (_, r) => LEAD_STAGE_NAMES[r.stage][lang],
            },
            ...INVESTMENT_BUCKETS.map((b) => ({
              title: INVESTMENT_BUCKET_NAMES[b][lang],
              align: "right" as const,
              render: (_: unknown, r: BucketRow) => amountCell(r.buckets[b]?.count ?? 0, r.buckets[b]?.sumWan ?? "0"),
            })),
            {
              title: tf("col.total"),
              align: "right",
              render: (_, r) => <strong>{amountCell(r.total.count, r.total.sumWan)}</strong>,
            },
          ]}
          summary={() =>
            f ? (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{tf("row.total")}</Table.Summary.Cell>
                {INVESTMENT_BUCKETS.map((b, i) => (
                  <Table.Summary.Cell key={b} index={i + 1} align="right">
                    {amountCell(f.bucketTotals.buckets[b]?.count ?? 0, f.bucketTotals.buckets[b]?.sumWan ?? "0")}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={INVESTMENT_BUCKETS.length + 1} align="right">
                  {amountCell(f.bucketTotals.total.count, f.bucketTotals.total.sumWan)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={tf("conversion")}>
            <EChart option={funnel} height={300} testId="chart-funnel" />
            <Table
              rowKey="from"
              size="small"
              pagination={false}
              dataSource={f?.conversion ?? []}
              data-testid="figures-conversion"
              columns={[
                {
                  title: tf("col.stage"),
                  render: (_, c) => `${LEAD_STAGE_NAMES[c.from][lang]} → ${LEAD_STAGE_NAMES[c.to][lang]}`,
                },
                {
                  title: tf("conversion.reached"),
                  align: "right",
                  render: (_, c) => `${c.reachedTo}/${c.reachedFrom}`,
                },
                {
                  title: tf("conversion.rate"),
                  align: "right",
                  render: (_, c) => (c.percent === null ? "—" : `${c.percent.toFixed(1)}%`),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={tf("days")}>
            <EChart option={days} height={300} testId="chart-days" />
            <Table
              rowKey="stage"
              size="small"
              pagination={false}
              dataSource={f?.days ?? []}
              data-testid="figures-days"
              columns={[
                { title: tf("col.stage"), render: (_, d) => LEAD_STAGE_NAMES[d.stage][lang] },
                { title: tf("days.stays"), dataIndex: "stays", align: "right" },
                {
                  title: tf("days.median"),
                  align: "right",
                  render: (_, d) => (d.medianDays === null ? "—" : d.medianDays.toFixed(1)),
                },
                {
                  title: tf("days.average"),
                  align: "right",
                  render: (_, d) => (d.averageDays === null ? "—" : d.averageDays.toFixed(1)),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={tf("ranking")}>
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={f?.units ?? []}
              data-testid="figures-ranking"
              columns={[
                { title: tf("ranking.rank"), dataIndex: "rank", width: 64, align: "center" },
                { title: tf("ranking.unit"), dataIndex: "unitName" },
                {
                  title: tf("ranking.signedAmount"),
                  dataIndex: "signedAmountWan",
                  align: "right",
                  render: (v: string) => formatDecimal(v),
                },
                { title: tf("ranking.signed"), dataIndex: "signedCount", align: "right" },
                { title: tf("ranking.inTalks"), dataIndex: "inTalksCount", align: "right" },
                { title: tf("ranking.leads"), dataIndex: "leads", align: "right" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={tf("lost")}>
            <Table
              rowKey="reason"
              size="small"
              pagination={false}
              dataSource={f?.lost ?? []}
              locale={{ emptyText: tf("lost.none") }}
              data-testid="figures-lost"
              columns={[
                { title: tf("lost.reason"), render: (_, l) => LOST_REASON_NAMES[l.reason][lang] },
                { title: tf("lost.count"), dataIndex: "count", align: "right" },
                {
                  title: tf("lost.amount"),
                  dataIndex: "investmentWan",
                  align: "right",
                  render: (v: string) => formatDecimal(v),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={tf("byChannel")}>
            <Table
              rowKey="channel"
              size="small"
              pagination={false}
              dataSource={f?.channels ?? []}
              data-testid="figures-channels"
              columns={[
                { title: tf("filter.channel"), render: (_, c) => LEAD_CHANNEL_NAMES[c.channel][lang] },
                { title: tf("col.leads"), dataIndex: "leads", align: "right" },
                { title: tf("col.inTalks"), dataIndex: "inTalksCount", align: "right" },
                { title: tf("col.signed"), dataIndex: "signedCount", align: "right" },
                {
                  title: tf("col.signedAmount"),
                  dataIndex: "signedAmountWan",
                  align: "right",
                  render: (v: string) => formatDecimal(v),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={tf("byChain")}>
            <Table
              rowKey={(c) => c.chainId ?? "none"}
              size="small"
              pagination={false}
              dataSource={f?.chains ?? []}
              data-testid="figures-chains"
              columns={[
                { title: tf("filter.chain"), render: (_, c) => c.chainName ?? tf("noChain") },
                { title: tf("col.leads"), dataIndex: "leads", align: "right" },
                { title: tf("col.inTalks"), dataIndex: "inTalksCount", align: "right" },
                { title: tf("col.signed"), dataIndex: "signedCount", align: "right" },
                {
                  title: tf("col.signedAmount"),
                  dataIndex: "signedAmountWan",
                  align: "right",
                  render: (v: string) => formatDecimal(v),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
