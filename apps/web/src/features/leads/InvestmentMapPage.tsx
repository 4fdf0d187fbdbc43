import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, DatePicker, Select, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { EChart } from "../../components/EChart.tsx";
import { formatDecimal } from "../../components/format.ts";
import { useChainList } from "../chains/useChains.ts";
import { type Tf, useLeadFiguresI18n } from "./leadFiguresI18n.ts";
import { type LeadMap, type LeadMapParams, useLeadMap } from "./useLeadFigures.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
type MapRow = LeadMap["rows"][number];

/** The map's query in the address: the signing period (this year by default), the chain, the province drilled into. */
function useMapParams(): [LeadMapParams, (p: Partial<Record<keyof LeadMapParams, string | undefined>>) => void] {
  const [sp, setSp] = useSearchParams();
  const year = dayjs().year();
  const from = sp.get("from") ?? "";
  const to = sp.get("to") ?? "";
  const province = sp.get("province") ?? "";
  const params: LeadMapParams = {
    from: ISO_DATE.test(from) ? from : `${year}-01-01`,
    to: ISO_DATE.test(to) ? to : `${year}-12-31`,
    chainId: sp.get("chainId") ?? undefined,
    province: /^\d{2}$/.test(province) ? province : undefined,
  };
  const set = (p: Partial<Record<keyof LeadMapParams, string | undefined>>) => {
    const next: Record<string, string | undefined> = { ...params, ...p };
    setSp(
      Object.fromEntries(Object.entries(next).filter((e): e is [string, string] => !!e[1])) as Record<string, string>,
      { replace: true },
    );
  };
  return [params, set];
}

/** Regions with most targets on top (ECharts draws a category axis from the bottom), at most 30. */
function barOption(map: LeadMap | undefined, tf: Tf): EChartsCoreOption {
  const rows = [...(map?.rows ?? [])].slice(0, 30).reverse();
  const shortName = (r: MapRow) =>
    map?.level === "city" && map.provinceName ? r.name.replace(map.provinceName, "") : r.name;
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, data: [tf("map.targets"), tf("map.signedLeads")] },
    grid: { left: 120, right: 24, top: 32, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map(shortName) },
    series: [
      { name: tf("map.targets"), type: "bar", data: rows.map((r) => r.targets) },
      { name: tf("map.signedLeads"), type: "bar", data: rows.map((r) => r.signedLeads) },
    ],
  };
}

export function InvestmentMapPage() {
  const { tf } = useLeadFiguresI18n();
  const [params, set] = useMapParams();
  const map = useLeadMap(params);
  const chains = useChainList();
  const data = map.data;
  const option = useMemo(() => barOption(data, tf), [data, tf]);
  const range: [Dayjs, Dayjs] = [dayjs(params.from), dayjs(params.to)];
  const cityLevel = data?.level === "city";

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="investment-map">
      <Card
        title={
          <Space>
            {params.province && (
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                onClick={() => set({ province: undefined })}
                aria-label={tf("map.backToProvinces")}
                data-testid="map-back"
              />
            )}
            <span>
              {tf("map.title")}
              {data?.provinceName ? ` · ${data.provinceName}` : ""}
            </span>
          </Space>
        }
        extra={
          <Space wrap>
            <Typography.Text type="secondary">{tf("map.period")}</Typography.Text>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(v) => {
                const [a, b] = v ?? [];
                if (a && b) set({ from: a.format("YYYY-MM-DD"), to: b.format("YYYY-MM-DD") });
              }}
              data-testid="map-period"
            />
            <Select
              allowClear
              placeholder={tf("map.chainAll")}
              style={{ width: 170 }}
              value={params.chainId}
              onChange={(v?: string) => set({ chainId: v })}
              options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="map-chain"
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{tf("map.subtitle")}</Typography.Paragraph>
        <EChart
          option={option}
          height={Math.max(240, 26 * Math.min(30, data?.rows.length ?? 6) + 60)}
          testId="chart-map"
        />
      </Card>
      <Card size="small">
        <Table<MapRow>
          rowKey="code"
          size="small"
          loading={map.isFetching}
          pagination={false}
          dataSource={data?.rows ?? []}
          data-testid="map-table"
          columns={[
            {
              title: cityLevel ? tf("map.city") : tf("map.province"),
              render: (_, r) =>
                cityLevel ? (
                  r.name
                ) : (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => set({ province: r.code })}>
                    {r.name}
                  </Button>
                ),
            },
            {
              title: tf("map.targets"),
              dataIndex: "targets",
              align: "right",
              sorter: (a, b) => a.targets - b.targets,
            },
            {
              title: tf("map.signedLeads"),
              dataIndex: "signedLeads",
              align: "right",
              sorter: (a, b) => a.signedLeads - b.signedLeads,
            },
            {
              title: tf("map.signedAmount"),
              dataIndex: "signedAmountWan",
              align: "right",
              render: (v: string) => formatDecimal(v),
              sorter: (a, b) => Number(a.signedAmountWan) - Number(b.signedAmountWan),
            },
          ]}
          summary={() =>
            data ? (
              <>
                {(data.unplaced.targets > 0 || data.unplaced.signedLeads > 0) && (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text type="secondary">
                        {cityLevel ? tf("map.unplacedCity") : tf("map.unplaced")}
                      </Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {data.unplaced.targets}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {data.unplaced.signedLeads}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {formatDecimal(data.unplaced.signedAmountWan)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{tf("map.total")}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {data.totals.targets}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {data.totals.signedLeads}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatDecimal(data.totals.signedAmountWan)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
