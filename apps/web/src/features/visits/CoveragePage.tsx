import { DownloadOutlined, StarFilled } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, apiUrl } from "../../app/api.ts";
import { type Coverage, formatRate, type UnvisitedList, useVisitI18n, visitKeys } from "./useVisits.ts";

type OfficerRow = Coverage["officers"][number];
type UnitRow = Coverage["units"][number];
type Target = { officerId?: string; unitId?: string; unassigned?: "true"; label: string } | null;

/** The periods offered: this year's and last year's quarters and half-years, and the two years. */
function periodOptions(zh: boolean): { value: string; label: string }[] {
  const y = dayjs().year();
  const out: { value: string; label: string }[] = [];
  for (const year of [y, y - 1]) {
    for (const q of [1, 2, 3, 4])
      out.push({ value: `${year}Q${q}`, label: zh ? `${year} 年第 ${q} 季度` : `${year} Q${q}` });
    out.push(
      { value: `${year}H1`, label: zh ? `${year} 年上半年` : `${year} H1` },
      { value: `${year}H2`, label: zh ? `${year} 年下半年` : `${year} H2` },
    );
    out.push({ value: String(year), label: zh ? `${year} 年` : String(year) });
  }
  return out;
}

function RateBar({ rate }: { rate: number | null }) {
  if (rate === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const pct = Math.round(rate * 1000) / 10;
  return (
    <Progress
      percent={pct}
      size="small"
      status={pct >= 100 ? "success" : "normal"}
      strokeColor={pct < 60 ? "#ff4d4f" : pct < 90 ? "#faad14" : undefined}
      format={() => formatRate(rate)}
    />
  );
}

function Unvisited({ period, target }: { period: string; target: NonNullable<Target> }) {
  const { tv } = useVisitI18n();
  const { label, ...filter } = target;
  const q = { period, ...filter };
  const list = useQuery({
    queryKey: visitKeys.unvisited(q),
    queryFn: ({ signal }) => api.get<UnvisitedList>("/visits/coverage/unvisited", q, signal),
  });
  return (
    <Card size="small" title={tv("coverage.unvisitedOf", { who: label })} style={{ marginTop: 16 }}>
      <Table
        rowKey="enterpriseId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="coverage-unvisited"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: tv("visits.field.enterprise"),
            key: "name",
            render: (_: unknown, e: UnvisitedList["items"][number]) => (
              <Space>
                <Link to={`/enterprises/${e.enterpriseId}`}>{e.name}</Link>
                {e.isKey && <StarFilled style={{ color: "#faad14" }} />}
              </Space>
            ),
          },
          {
            title: tv("coverage.officer"),
            dataIndex: "officerName",
            width: 120,
            render: (v: string | null) => v ?? "—",
          },
          { title: tv("coverage.periodKey"), dataIndex: "periodKey", width: 100 },
          {
            title: tv("coverage.lastVisit"),
            dataIndex: "lastVisitedOn",
            width: 120,
            render: (v: string | null) => v ?? "—",
          },
          {
            title: "",
            key: "visit",
            width: 110,
            render: (_: unknown, e: UnvisitedList["items"][number]) => (
              <Link to={`/visits/new?enterpriseId=${e.enterpriseId}`}>{tv("visits.new")}</Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function CoveragePage() {
  const { lang, tv } = useVisitI18n();
  const [sp, setSp] = useSearchParams();
  const period = sp.get("period") ?? "";
  const [by, setBy] = useState<"officer" | "unit">("officer");
  const [target, setTarget] = useState<Target>(null);
  const cov = useQuery({
    queryKey: visitKeys.coverage(period),
    queryFn: ({ signal }) => api.get<Coverage>("/visits/coverage", { period }, signal),
  });
  const c = cov.data;
  const unassigned = tv("coverage.unassigned");

  return (
    <Card
      title={tv("coverage.title")}
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder={tv("coverage.period")}
            value={period || undefined}
            onChange={(v?: string) => {
              setTarget(null);
              setSp(v ? { period: v } : {}, { replace: true });
            }}
            options={periodOptions(lang === "zh-CN")}
            style={{ width: 180 }}
            data-testid="coverage-period"
          />
          <Button icon={<DownloadOutlined />} href={apiUrl("/visits/coverage/export", { period })}>
            {tv("visits.export")}
          </Button>
        </Space>
      }
    >
      {c && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={24} md={8}>
            <Statistic title={tv("coverage.total")} value={formatRate(c.total.rate)} data-testid="coverage-total" />
            <Typography.Text type="secondary">
              {tv("coverage.visited")} {c.total.visited} / {tv("coverage.due")} {c.total.due} ·{" "}
              {tv("coverage.reference", { date: c.referenceDate })}
            </Typography.Text>
          </Col>
          <Col xs={24} md={16}>
            <Typography.Text strong>{tv("coverage.rules")}</Typography.Text>
            <Flex vertical gap={4} style={{ marginTop: 4 }}>
              {c.rules.map((r) => (
                <span key={r.code}>
                  {r.name} <Tag>{r.periodKey}</Tag>
                  <Typography.Text type="secondary">
                    {r.start} ~ {r.end}
                  </Typography.Text>
                </span>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tv("coverage.note")}
              </Typography.Text>
            </Flex>
          </Col>
        </Row>
      )}
      <Segmented
        value={by}
        onChange={(v) => setBy(v as "officer" | "unit")}
        options={[
          { value: "officer", label: tv("coverage.byOfficer") },
          { value: "unit", label: tv("coverage.byUnit") },
        ]}
        style={{ marginBottom: 12 }}
      />
      {by === "officer" ? (
        <Table<OfficerRow>
          rowKey={(r) => r.officerId ?? "none"}
          size="small"
          loading={cov.isFetching}
          dataSource={c?.officers ?? []}
          data-testid="coverage-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: tv("coverage.officer"),
              key: "officer",
              render: (_: unknown, r: OfficerRow) => r.officerName ?? unassigned,
            },
            { title: tv("coverage.unit"), dataIndex: "unitName", render: (v: string | null) => v ?? "—" },
            { title: tv("coverage.due"), dataIndex: "due", width: 90, align: "right" },
            { title: tv("coverage.visited"), dataIndex: "visited", width: 90, align: "right" },
            {
              title: tv("coverage.rate"),
              key: "rate",
              width: 220,
              render: (_: unknown, r: OfficerRow) => <RateBar rate={r.rate} />,
            },
            {
              title: "",
              key: "unvisited",
              width: 110,
              render: (_: unknown, r: OfficerRow) =>
                r.due > r.visited && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() =>
                      setTarget(
                        r.officerId
                          ? { officerId: r.officerId, label: r.officerName ?? "" }
                          : { unassigned: "true", label: unassigned },
                      )
                    }
                  >
                    {tv("coverage.showUnvisited")}
                  </Button>
                ),
            },
          ]}
        />
      ) : (
        <Table<UnitRow>
          rowKey={(r) => r.unitId ?? "none"}
          size="small"
          loading={cov.isFetching}
          dataSource={c?.units ?? []}
          data-testid="coverage-unit-table"
          pagination={false}
          columns={[
            { title: tv("coverage.unit"), key: "unit", render: (_: unknown, r: UnitRow) => r.unitName ?? unassigned },
            { title: tv("coverage.due"), dataIndex: "due", width: 90, align: "right" },
            { title: tv("coverage.visited"), dataIndex: "visited", width: 90, align: "right" },
            {
              title: tv("coverage.rate"),
              key: "rate",
              width: 220,
              render: (_: unknown, r: UnitRow) => <RateBar rate={r.rate} />,
            },
            {
              title: "",
              key: "unvisited",
              width: 110,
              render: (_: unknown, r: UnitRow) =>
                r.due > r.visited && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() =>
                      setTarget(
                        r.unitId
                          ? { unitId: r.unitId, label: r.unitName ?? "" }
                          : { unassigned: "true", label: unassigned },
                      )
                    }
                  >
                    {tv("coverage.showUnvisited")}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {target && <Unvisited period={period} target={target} />}
    </Card>
  );
}
