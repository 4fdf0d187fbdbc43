import { DownOutlined, EditOutlined, SwapOutlined } from "@ant-design/icons";
import {
  INVESTOR_MARK_NAMES,
  LEAD_CHANNEL_NAMES,
  LEAD_PIPELINE,
  LEAD_STAGE_NAMES,
  LOST_REASON_NAMES,
} from "@zoneos/domain/investment";
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Result,
  Row,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { BackTitle } from "../../components/Buttons.tsx";
import { formatDateTime } from "../../components/format.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { Activities } from "./LeadActivities.tsx";
import { LeadMoveModal } from "./LeadMoveModal.tsx";
import { BucketTag, LeadStageTag } from "./LeadTags.tsx";
import { formatWan } from "./leadFormat.ts";
import { useLeadI18n } from "./leadI18n.ts";
import { ScorecardCard } from "./ScorecardCard.tsx";
import { type Lead, type LeadMoveOption, useLead } from "./useLeads.ts";

function Facts({ l }: { l: Lead }) {
  const { lang, tl } = useLeadI18n();
  const none = "—";
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      styles={{ label: { width: 130, whiteSpace: "nowrap" } }}
      data-testid="lead-facts"
      items={[
        {
          key: "code",
          label: tl("field.code"),
          children: <Typography.Text style={{ fontFamily: "monospace" }}>{l.code}</Typography.Text>,
        },
        { key: "investor", label: tl("field.investor"), children: l.investorName },
        { key: "credit", label: tl("field.investorCreditCode"), children: l.investorCreditCode ?? none },
        { key: "region", label: tl("field.investorRegion"), children: l.investorRegionName ?? none },
        {
          key: "marks",
          label: tl("field.investorMarks"),
          children: l.investorMarks.length
            ? l.investorMarks.map((m) => (
                <Tag key={m} color="purple">
                  {INVESTOR_MARK_NAMES[m][lang]}
                </Tag>
              ))
            : none,
        },
        {
          key: "investment",
          label: tl("field.investmentShort"),
          children: (
            <Space>
              {formatWan(l.investmentWan, lang)}
              <BucketTag bucket={l.bucket} />
            </Space>
          ),
        },
        {
          key: "signed",
          label: tl("field.signedShort"),
          children: l.signedAmountWan ? `${formatWan(l.signedAmountWan, lang)}（${l.signedOn ?? ""}）` : none,
        },
        { key: "channel", label: tl("field.channel"), children: LEAD_CHANNEL_NAMES[l.channel][lang] },
        {
          key: "industry",
          label: tl("field.industry"),
          children: l.industryCode ? `${l.industryCode} ${l.industryName ?? ""}`.trim() : none,
        },
        {
          key: "chain",
          label: tl("field.chainLink"),
          children: l.chainId ? (
            <Link to={`/chains/${l.chainId}`}>{`${l.chainName ?? ""} · ${l.chainLinkName ?? ""}`}</Link>
          ) : (
            none
          ),
        },
        { key: "unit", label: tl("field.unit"), children: l.unitName ?? none },
        { key: "officer", label: tl("field.officer"), children: l.officerName ?? none },
        { key: "leader", label: tl("field.leader"), children: l.leaderName ?? none },
        { key: "land", label: tl("field.land"), children: l.landMu ?? none },
        { key: "jobs", label: tl("field.jobs"), children: l.jobs ?? none },
        {
          key: "target",
          label: tl("field.target"),
          children: l.target ? (l.target.name ?? none) : none,
        },
        {
          key: "trip",
          label: tl("field.trip"),
          children: l.trip ? <Link to={`/leads/trips/${l.trip.id}`}>{l.trip.name ?? l.trip.id}</Link> : none,
        },
        {
          key: "enterprise",
          label: tl("field.enterprise"),
          children: l.registeredEnterprise ? (
            <Link to={`/enterprises/${l.registeredEnterprise.id}`}>{l.registeredEnterprise.name ?? none}</Link>
          ) : (
            none
          ),
        },
        {
          key: "project",
          label: tl("field.project"),
          children: l.project ? (
            <Link to={`/projects/${l.project.id}`} data-testid="lead-project-link">
              {`${l.project.code ?? ""} ${l.project.name ?? ""}`.trim()}
            </Link>
          ) : (
            none
          ),
        },
        { key: "notes", label: tl("field.notes"), span: "filled", children: l.notes ?? none },
      ]}
    />
  );
}

/** The pipeline as steps with the date each stage was (last) entered and the days spent there. */
function StageSteps({ l }: { l: Lead }) {
  const { lang, tl } = useLeadI18n();
  const entered = new Map<string, string>();
  for (const h of l.history) entered.set(h.toStage, h.on);
  const days = new Map<string, number>();
  for (const d of l.daysInStages) days.set(d.stage, (days.get(d.stage) ?? 0) + d.days);
  const current = l.stage === "lost" ? -1 : LEAD_PIPELINE.indexOf(l.stage);
  const lastBeforeLost = [...l.history].reverse().find((h) => h.toStage !== "lost")?.toStage;
  const reached = l.stage === "lost" && lastBeforeLost ? LEAD_PIPELINE.indexOf(lastBeforeLost as never) : current;
  return (
    <Steps
      size="small"
      current={reached}
      status={l.stage === "lost" ? "error" : "process"}
      data-testid="lead-steps"
      items={LEAD_PIPELINE.map((s, i) => ({
        title: LEAD_STAGE_NAMES[s][lang],
        content:
          i <= reached && entered.has(s) ? (
            <span style={{ fontSize: 12 }}>
              {entered.get(s)}
              <br />
              {tl("detail.days", { n: days.get(s) ?? 0 })}
            </span>
          ) : undefined,
      }))}
    />
  );
}

function StageHistory({ l }: { l: Lead }) {
  const { lang, tl } = useLeadI18n();
  return (
    <Timeline
      data-testid="lead-history"
      items={[...l.history].reverse().map((h) => ({
        key: h.id,
        color: h.toStage === "lost" ? "red" : h.overrideReason ? "orange" : "blue",
        content: (
          <Space orientation="vertical" size={0}>
            <Space size={6} wrap>
              <Typography.Text strong>{h.on}</Typography.Text>
              {h.fromStage ? `${LEAD_STAGE_NAMES[h.fromStage][lang]} → ` : ""}
              <LeadStageTag stage={h.toStage} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.byName ?? "—"} · {formatDateTime(h.at)}
              </Typography.Text>
            </Space>
            {h.overrideReason && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {tl("detail.override", { name: h.overrideByName ?? "—", reason: h.overrideReason })}
              </Typography.Text>
            )}
            {h.lostReason && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {tl("detail.lost", { reason: LOST_REASON_NAMES[h.lostReason][lang], note: h.note ?? "" })}
              </Typography.Text>
            )}
            {h.note && !h.lostReason && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.note}
              </Typography.Text>
            )}
          </Space>
        ),
      }))}
    />
  );
}

/** The stage-move button: a menu of the moves the user may make, refused ones greyed with the reason. */
function MoveButton({ l, onPick }: { l: Lead; onPick: (o: LeadMoveOption) => void }) {
  const { lang, tl } = useLeadI18n();
  if (l.moves.length === 0) return null;
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: l.moves.map((m) => ({
          key: m.to,
          disabled: m.refusal !== null,
          label: (
            <span data-testid={`lead-move-${m.to}`}>
              {LEAD_STAGE_NAMES[m.to][lang]}
              {m.refusal && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                  {tl(`move.refused.${m.refusal}` as Parameters<typeof tl>[0])}
                </Typography.Text>
              )}
              {!m.refusal && m.needs.includes("override") && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {tl("move.override")}
                </Tag>
              )}
            </span>
          ),
        })),
        onClick: ({ key }) => {
          const option = l.moves.find((m) => m.to === key);
          if (option) onPick(option);
        },
      }}
    >
      <Button type="primary" icon={<SwapOutlined />} data-testid="lead-move">
        <Space size={4}>
          {tl("detail.move")}
          <DownOutlined />
        </Space>
      </Button>
    </Dropdown>
  );
}

/** 招商项目 page: facts, progress with dates, the move, the screening, activities and the stage history. */
export function LeadDetailPage() {
  const { id } = useParams();
  const { lang, t, tl } = useLeadI18n();
  const lead = useLead(id);
  const [move, setMove] = useState<LeadMoveOption | null>(null);

  if (lead.isPending) return <PageSpin />;
  if (lead.isError || !lead.data) {
    const notFound = isApiError(lead.error) && lead.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? tl("detail.notFound") : t("common.loadFailed")}
        extra={
          <Link to="/leads">
            <Button type="primary">{t("common.back")}</Button>
          </Link>
        }
      />
    );
  }
  const l = lead.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={
          <BackTitle to="/leads">
            <span data-testid="lead-title">{l.name}</span>
            <LeadStageTag stage={l.stage} />
          </BackTitle>
        }
        extra={
          <Space>
            {l.canEdit && (
              <Link to={`/leads/${l.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="lead-edit">
                  {t("common.edit")}
                </Button>
              </Link>
            )}
            <MoveButton l={l} onPick={setMove} />
          </Space>
        }
      >
        {l.stage === "lost" && l.lostReason && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={tl("detail.lost", { reason: LOST_REASON_NAMES[l.lostReason][lang], note: l.lostNote ?? "" })}
          />
        )}
        {l.project && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              <span>
                {tl("detail.project")}
                <Link to={`/projects/${l.project.id}`}>{`${l.project.code ?? ""} ${l.project.name ?? ""}`}</Link>
              </span>
            }
          />
        )}
        <StageSteps l={l} />
        <div style={{ marginTop: 16 }}>
          <Facts l={l} />
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <ScorecardCard lead={l} />
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={tl("detail.history")}>
            <StageHistory l={l} />
          </Card>
        </Col>
        <Col xs={24}>
          <Activities l={l} />
        </Col>
      </Row>
      {move && <LeadMoveModal lead={l} option={move} onClose={() => setMove(null)} />}
    </Space>
  );
}
