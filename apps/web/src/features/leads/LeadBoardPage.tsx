import { useQueries, useQueryClient } from "@tanstack/react-query";
import { LEAD_STAGE_NAMES, LEAD_STAGES } from "@zoneos/domain/investment";
import { Badge, Card, Flex, Spin, Typography } from "antd";
import { type DragEvent, useState } from "react";
import { Link } from "react-router";
import { api, type QueryParams } from "../../app/api.ts";
import { getFeedback, showError, showSuccess } from "../../components/feedback.ts";
import { useUrlList } from "../../components/useUrlList.ts";
import { LeadFilterBar, LeadViewButtons, readLeadFilters } from "./LeadListPage.tsx";
import { LeadMoveModal } from "./LeadMoveModal.tsx";
import { BucketTag } from "./LeadTags.tsx";
import { formatWan, STAGE_COLORS } from "./leadFormat.ts";
import { useLeadI18n } from "./leadI18n.ts";
import {
  type Lead,
  type LeadList,
  type LeadListParams,
  type LeadMoveOption,
  type LeadStage,
  type LeadSummary,
  leadKeys,
} from "./useLeads.ts";

const PER_COLUMN = 50;
const DRAG_TYPE = "application/x-zoneos-lead";

const COLUMN_COLORS: Record<string, string> = {
  default: "#d9d9d9",
  cyan: "#13c2c2",
  blue: "#1677ff",
  gold: "#faad14",
  orange: "#fa8c16",
  volcano: "#fa541c",
  green: "#52c41a",
};

function LeadCard({ lead, onDragStart }: { lead: LeadSummary; onDragStart: (e: DragEvent, l: LeadSummary) => void }) {
  const { lang } = useLeadI18n();
  return (
    <Card
      size="small"
      draggable
      onDragStart={(e) => onDragStart(e, lead)}
      style={{ marginBottom: 8, cursor: "grab" }}
      styles={{ body: { padding: 10 } }}
      data-testid="lead-card"
      data-code={lead.code}
    >
      <Link to={`/leads/${lead.id}`} draggable={false} style={{ fontWeight: 500 }}>
        {lead.name}
      </Link>
      <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
        {lead.investorName}
      </Typography.Text>
      <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
        <Typography.Text style={{ fontSize: 12 }}>
          {formatWan(lead.signedAmountWan ?? lead.investmentWan, lang)}
        </Typography.Text>
        <BucketTag bucket={lead.bucket} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: "block", fontSize: 12, marginTop: 4 }}>
        {lead.stageOn} · {lead.unitName ?? "—"}
        {lead.officerName ? ` · ${lead.officerName}` : ""}
      </Typography.Text>
    </Card>
  );
}

/**
 * 招商项目看板: a column per stage (流失 included); a card dragged to another column makes the same stage move as the
 * lead's page — at once when it needs nothing more, else through the same dialog; the server's refusal is shown.
 */
export function LeadBoardPage() {
  const { lang, tl } = useLeadI18n();
  const queryClient = useQueryClient();
  const { sp } = useUrlList<"stage">();
  const { stage: _ignored, sort: _sort, ...filters } = readLeadFilters(sp);
  const columns = useQueries({
    queries: LEAD_STAGES.map((stage) => {
      const params: LeadListParams = { ...filters, stage, sort: "-stageOn", page: 1, pageSize: PER_COLUMN };
      return {
        queryKey: leadKeys.list(params),
        queryFn: ({ signal }: { signal: AbortSignal }) => api.get<LeadList>("/leads", params as QueryParams, signal),
        staleTime: 0,
      };
    }),
  });
  const [over, setOver] = useState<LeadStage | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<{ lead: Lead; option: LeadMoveOption } | null>(null);

  const onDragStart = (e: DragEvent, lead: LeadSummary) => {
    e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id: lead.id, stage: lead.stage }));
    e.dataTransfer.effectAllowed = "move";
  };

  const drop = async (e: DragEvent, to: LeadStage) => {
    e.preventDefault();
    setOver(null);
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return;
    const { id, stage } = JSON.parse(raw) as { id: string; stage: LeadStage };
    if (stage === to) return;
    setBusy(true);
    try {
      // The lead as it is now: its version and the moves the server allows this user.
      const lead = await api.get<Lead>(`/leads/${id}`);
      const option = lead.moves.find((m) => m.to === to);
      if (!option) {
        getFeedback()?.message.warning(tl("board.readonly"));
        return;
      }
      // A refused move is still sent: the server's refusal says why (and who may make it).
      if (option.refusal || option.needs.length === 0) {
        await api.post<Lead>(`/leads/${id}/stage`, { to, version: lead.version });
        showSuccess(tl("move.done", { stage: LEAD_STAGE_NAMES[to][lang] }));
        void queryClient.invalidateQueries({ queryKey: leadKeys.all });
        return;
      }
      setDialog({ lead, option });
    } catch (err) {
      showError(err);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={tl("board.title")} extra={<LeadViewButtons view="board" />}>
      <LeadFilterBar withStage={false} />
      <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8, fontSize: 12 }}>
        {tl("board.hint")}
      </Typography.Text>
      <Spin spinning={busy}>
        <div style={{ display: "flex", gap: 12, overflowX: "auto", paddingBottom: 8 }} data-testid="lead-board">
          {LEAD_STAGES.map((stage, i) => {
            const q = columns[i];
            const items = q?.data?.items ?? [];
            const total = q?.data?.total ?? 0;
            return (
              <section
                key={stage}
                aria-label={LEAD_STAGE_NAMES[stage][lang]}
                onDragOver={(e) => {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = "move";
                  if (over !== stage) setOver(stage);
                }}
                onDragLeave={() => setOver((s) => (s === stage ? null : s))}
                onDrop={(e) => void drop(e, stage)}
                style={{
                  flex: "1 0 200px",
                  minHeight: 420,
                  background: over === stage ? "#e6f4ff" : "#fafafa",
                  borderRadius: 8,
                  borderTop: `3px solid ${COLUMN_COLORS[STAGE_COLORS[stage]] ?? "#d9d9d9"}`,
                  padding: 8,
                }}
                data-testid="lead-column"
                data-stage={stage}
              >
                <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{LEAD_STAGE_NAMES[stage][lang]}</Typography.Text>
                  <Badge count={total} showZero color="#8c8c8c" overflowCount={9999} />
                </Flex>
                {q?.isPending ? <Spin size="small" /> : null}
                {items.map((l) => (
                  <LeadCard key={l.id} lead={l} onDragStart={onDragStart} />
                ))}
                {total > items.length && (
                  <Link to={`/leads?stage=${stage}`}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {tl("board.more", { n: total - items.length })}
                    </Typography.Text>
                  </Link>
                )}
              </section>
            );
          })}
        </div>
      </Spin>
      {dialog && <LeadMoveModal lead={dialog.lead} option={dialog.option} onClose={() => setDialog(null)} />}
    </Card>
  );
}
