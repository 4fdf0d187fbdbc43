import { CheckCircleFilled, CloseCircleFilled, FormOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Descriptions, Form, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../app/api.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { useLeadI18n } from "./leadI18n.ts";
import { type Lead, leadKeys, type ScorecardView, useScorecard } from "./useLeads.ts";

type Values = Record<string, number | string | null | undefined>;

function ScorecardModal({ lead, view, onClose }: { lead: Lead; view: ScorecardView; onClose: () => void }) {
  const { tl } = useLeadI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const scheme = view.scheme;
  const initial: Values = {};
  for (const c of scheme.criteria) initial[c.key] = view.scorecard?.values[c.key] ?? undefined;
  if (initial.intensity === undefined && view.prefill.intensity !== null) initial.intensity = view.prefill.intensity;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const values: Record<string, number | string | null> = {};
      for (const c of scheme.criteria) values[c.key] = v[c.key] ?? null;
      return api.put<ScorecardView>(`/leads/${lead.id}/scorecard`, { values });
    },
    meta: { quiet: true },
    onSuccess: (saved) => {
      showSuccess(tl("score.saved"));
      queryClient.setQueryData(leadKeys.scorecard(lead.id), saved);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  return (
    <FormModal<Values>
      form={form}
      title={`${tl("score.title")} · ${lead.name}`}
      width={560}
      saving={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={initial}
      testId="scorecard-form"
    >
      {view.prefill.intensity !== null && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {tl("score.prefill", { v: view.prefill.intensity })}
        </Typography.Paragraph>
      )}
      {scheme.criteria.map((c) => (
        <Form.Item
          key={c.key}
          name={c.key}
          label={
            <Space size={4}>
              {c.name}
              {c.required && <Tag color="red">{tl("score.required")}</Tag>}
            </Space>
          }
        >
          {c.kind === "number" ? (
            <InputNumber<number> style={{ width: "100%" }} suffix={c.unit} data-testid={`score-${c.key}`} />
          ) : (
            <Select
              allowClear
              options={c.options.map((o) => ({ value: o.value, label: `${o.name}（${o.points}）` }))}
              data-testid={`score-${c.key}`}
            />
          )}
        </Form.Item>
      ))}
    </FormModal>
  );
}

/** 项目准入评估 on the lead's page: pass or fail, the score, each criterion; staff edit it in a dialog. */
export function ScorecardCard({ lead }: { lead: Lead }) {
  const { tl } = useLeadI18n();
  const view = useScorecard(lead.id, true);
  const [editing, setEditing] = useState(false);
  const card = view.data?.scorecard ?? null;
  return (
    <Card
      size="small"
      title={tl("score.title")}
      loading={view.isPending}
      extra={
        view.data?.canEdit && (
          <Button size="small" icon={<FormOutlined />} onClick={() => setEditing(true)} data-testid="scorecard-edit">
            {tl("score.edit")}
          </Button>
        )
      }
      data-testid="scorecard-card"
    >
      {!card ? (
        <Typography.Text type="secondary">{tl("score.none")}</Typography.Text>
      ) : (
        <>
          <Space align="center" style={{ marginBottom: 8 }}>
            {card.passed ? (
              <Tag icon={<CheckCircleFilled />} color="success" data-testid="scorecard-result">
                {tl("score.passed")}
              </Tag>
            ) : (
              <Tag icon={<CloseCircleFilled />} color="error" data-testid="scorecard-result">
                {tl("score.failed")}
              </Tag>
            )}
            <Typography.Text strong>
              {tl("score.score", { score: card.score, max: card.maxScore, pass: card.scheme.passScore })}
            </Typography.Text>
          </Space>
          <Descriptions
            size="small"
            column={1}
            items={card.criteria.map((c) => {
              const criterion = card.scheme.criteria.find((x) => x.key === c.key);
              const raw = card.values[c.key];
              const shown =
                raw === null || raw === undefined
                  ? "—"
                  : criterion?.kind === "choice"
                    ? (criterion.options.find((o) => o.value === raw)?.name ?? String(raw))
                    : `${raw} ${criterion?.kind === "number" ? criterion.unit : ""}`;
              return {
                key: c.key,
                label: c.name,
                children: (
                  <Space size={6}>
                    <span>{shown}</span>
                    <Typography.Text type={c.passed ? "secondary" : "danger"} style={{ fontSize: 12 }}>
                      {tl("score.points", { n: c.points })}
                    </Typography.Text>
                  </Space>
                ),
              };
            })}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tl("score.by", { name: card.scoredByName ?? "—", at: formatDateTime(card.scoredAt) })}
          </Typography.Text>
        </>
      )}
      {editing && view.data && <ScorecardModal lead={lead} view={view.data} onClose={() => setEditing(false)} />}
    </Card>
  );
}
