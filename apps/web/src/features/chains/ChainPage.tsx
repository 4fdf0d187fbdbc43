import { Alert, Button, Card, Empty, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { BackTitle } from "../../components/Buttons.tsx";
import { PageSpin } from "../../components/PageSpin.tsx";
import { NotFound } from "../../components/ResultPages.tsx";
import { ChainGraph } from "./ChainGraph.tsx";
import { ChainModal, CoverageTags } from "./ChainListPage.tsx";
import { useChainI18n } from "./chainI18n.ts";
import { LinksTab } from "./LinksTab.tsx";
import { TargetsTab } from "./TargetsTab.tsx";
import { type ChainGaps, COVERAGE_TAG, type GapLink, leadPathOf, useChainGaps } from "./useChains.ts";

const TABS = ["graph", "gaps", "links", "targets"] as const;
type Tab = (typeof TABS)[number];

/** One chain: its map, the gap analysis, the link editor and the targets, as tabs (the tab is kept in the URL). */
export function ChainPage() {
  const { id } = useParams();
  const { tc } = useChainI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const gaps = useChainGaps(id);
  if (gaps.error && isApiError(gaps.error) && gaps.error.status === 404) return <NotFound />;
  if (!gaps.data || !id) return <PageSpin />;
  const data = gaps.data;
  const tabParam = params.get("tab") as Tab | null;
  const tab: Tab = tabParam && TABS.includes(tabParam) ? tabParam : "graph";
  const { chain } = data;

  return (
    <Card
      title={<BackTitle to="/chains">{chain.name}</BackTitle>}
      extra={
        data.canEdit && (
          <Button onClick={() => setEditing(true)} data-testid="chain-edit">
            {tc("chain.edit")}
          </Button>
        )
      }
      data-testid="chain-page"
    >
      {chain.description && <Typography.Paragraph type="secondary">{chain.description}</Typography.Paragraph>}
      <Space wrap>
        <Typography.Text>
          {tc("gaps.summary", {
            links: chain.links,
            none: chain.coverage.none,
            weak: chain.coverage.weak,
            strong: chain.coverage.strong,
          })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {tc("list.localEnterprises")} {chain.localEnterprises} · {tc("list.targets")} {chain.targets}
        </Typography.Text>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: "graph",
            label: tc("tab.graph"),
            children: <GraphTab data={data} />,
          },
          { key: "gaps", label: tc("tab.gaps"), children: <GapsTab data={data} /> },
          { key: "links", label: tc("tab.links"), children: <LinksTab data={data} /> },
          { key: "targets", label: tc("tab.targets"), children: <TargetsTab data={data} /> },
        ]}
      />
      {editing && <ChainModal chain={chain} onClose={() => setEditing(false)} onDeleted={() => navigate("/chains")} />}
    </Card>
  );
}

function GraphTab({ data }: { data: ChainGaps }) {
  const { tc } = useChainI18n();
  if (!data.links.length) return <Empty description={tc("graph.empty")} />;
  return (
    <>
      <Space>
        <Typography.Text type="secondary">{tc("graph.legend")}</Typography.Text>
        <CoverageTags counts={data.chain.coverage} tc={tc} />
      </Space>
      <ChainGraph data={data} />
    </>
  );
}

/** 缺链分析: the missing and weak links with their targets; each target becomes a lead in one click. */
function GapsTab({ data }: { data: ChainGaps }) {
  const { tc } = useChainI18n();
  const me = useMe();
  const mayLead = can(me.data, "lead.edit");
  const byId = new Map(data.links.map((l) => [l.id, l]));
  const gaps = data.gapLinkIds.flatMap((id) => byId.get(id) ?? []);
  if (!gaps.length) return <Alert type="success" showIcon title={tc("gaps.none")} />;
  const parentName = new Map(data.links.map((l) => [l.id, l.name]));
  return (
    <Table<GapLink>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={gaps}
      data-testid="chain-gaps"
      columns={[
        {
          title: tc("gaps.link"),
          dataIndex: "name",
          render: (name: string, l) => (
            <>
              {l.parentId && <Typography.Text type="secondary">{parentName.get(l.parentId)} / </Typography.Text>}
              {name}
            </>
          ),
        },
        {
          title: tc("gaps.segment"),
          dataIndex: "segment",
          width: 80,
          render: (s: GapLink["segment"]) => tc(`segment.${s}`),
        },
        {
          title: tc("gaps.coverage"),
          dataIndex: "coverage",
          width: 90,
          render: (c: GapLink["coverage"]) => <Tag color={COVERAGE_TAG[c]}>{tc(`coverage.${c}`)}</Tag>,
        },
        { title: tc("gaps.local"), dataIndex: "localEnterprises", width: 90, align: "right" },
        {
          title: tc("gaps.targets"),
          key: "targets",
          render: (_, l) =>
            l.targets.length ? (
              <Space orientation="vertical" size={4}>
                {l.targets.map((t) => (
                  <Space key={t.id} wrap>
                    <span>{t.name}</span>
                    {t.regionName && <Typography.Text type="secondary">{t.regionName}</Typography.Text>}
                    {(t.leadId || mayLead) && (
                      <Link to={leadPathOf(t)} data-testid={t.leadId ? "gap-view-lead" : "gap-to-lead"}>
                        <Button size="small" type={t.leadId ? "default" : "primary"}>
                          {t.leadId ? tc("gaps.viewLead") : tc("gaps.toLead")}
                        </Button>
                      </Link>
                    )}
                  </Space>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{tc("gaps.noTargets")}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
