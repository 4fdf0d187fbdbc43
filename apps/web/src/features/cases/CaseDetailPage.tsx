import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CASE_STATE_NAMES, CASE_STEP_NAMES, type CaseStep } from "@zoneos/domain/cases";
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Space,
  Tag,
  Timeline,
  TreeSelect,
  Typography,
} from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { useI18n } from "../../app/i18n.ts";
import { AttachmentField, AttachmentList } from "../../components/Attachments.tsx";
import { BackButton } from "../../components/Buttons.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { buildUnitTree, unitTreeOptions, useUnits } from "../admin/useOrg.ts";
import { notificationKeys } from "../notifications/useNotifications.ts";
import { CaseFlags, CaseStateTag } from "./CaseTags.tsx";
import { type Attachment, type Case, type CaseHistoryItem, type CaseStepInput, caseKeys, useCase } from "./useCases.ts";

/** The order of the action buttons; the first one the user may take is the primary one. */
const STEP_ORDER: readonly CaseStep[] = [
  "dispatch",
  "accept",
  "reply",
  "rate",
  "close",
  "request_assist",
  "return",
  "escalate",
  "remind",
  "supervise",
];
const RATINGS = ["satisfied", "basically_satisfied", "unsatisfied"] as const;
type Rating = (typeof RATINGS)[number];

type StepValues = { unitId?: string; rating?: Rating; comment?: string; attachmentIds?: string[] };

/** Builds the body of one step from the modal's values. */
function stepBody(step: CaseStep, c: Case, v: StepValues): CaseStepInput {
  const body = stepFields(step, c, v);
  return v.attachmentIds?.length ? { ...body, attachmentIds: v.attachmentIds } : body;
}

function stepFields(step: CaseStep, c: Case, v: StepValues): CaseStepInput {
  const version = c.version;
  const comment = v.comment?.trim() || undefined;
  switch (step) {
    case "dispatch":
      return { step, version, unitId: v.unitId ?? "", comment };
    case "request_assist":
      return { step, version, unitId: v.unitId ?? "", comment };
    case "return":
      return { step, version, comment: comment ?? "" };
    case "reply":
      return { step, version, comment: comment ?? "" };
    case "rate":
      return { step, version, rating: v.rating ?? "satisfied", comment };
    case "supervise":
      return { step, version, on: !c.supervised, comment };
    default:
      return { step, version, comment };
  }
}

function StepModal({ c, step, onClose }: { c: Case; step: CaseStep; onClose: () => void }) {
  const { lang, t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StepValues>();
  const needsUnit = step === "dispatch" || step === "request_assist";
  const units = useUnits();
  const commentRequired = step === "return" || step === "reply";

  const take = useMutation({
    mutationFn: (v: StepValues) => api.post<Case>(`/cases/${c.id}/steps`, stepBody(step, c, v)),
    meta: { quiet: true },
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(c.id), updated);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      // The step may have answered the user's own notices (and the menu counts live under caseKeys).
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      showSuccess(t("cases.stepDone", { step: CASE_STEP_NAMES[step][lang] }));
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === "VERSION_CONFLICT") {
        Modal.warning({ title: t("cases.conflict.title"), content: t("cases.conflict.detail") });
        void queryClient.invalidateQueries({ queryKey: caseKeys.all });
        onClose();
        return;
      }
      showError(err, form);
    },
  });

  const title = step === "supervise" && c.supervised ? t("cases.step.unsupervise") : CASE_STEP_NAMES[step][lang];

  return (
    <Modal
      open
      title={`${title} · ${c.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={title}
      confirmLoading={take.isPending}
      destroyOnHidden
    >
      <Form<StepValues>
        form={form}
        layout="vertical"
        initialValues={{ rating: "satisfied" }}
        onFinish={(v) => take.mutate(v)}
        data-testid={`case-step-form-${step}`}
      >
        {needsUnit && (
          <Form.Item
            name="unitId"
            label={step === "dispatch" ? t("cases.step.dispatchUnit") : t("cases.step.assistUnit")}
            rules={[{ required: true, message: t("common.select") }]}
          >
            <TreeSelect
              showSearch
              treeDefaultExpandAll
              treeNodeFilterProp="title"
              loading={units.isPending}
              placeholder={t("common.select")}
              treeData={unitTreeOptions(buildUnitTree(units.data?.items ?? []))}
              data-testid="case-step-unit"
            />
          </Form.Item>
        )}
        {step === "rate" && (
          <Form.Item name="rating" label={t("cases.field.rating")} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={RATINGS.map((r) => ({ value: r, label: t(`cases.rating.${r}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="comment"
          label={
            step === "return"
              ? t("cases.step.reason")
              : step === "reply"
                ? t("cases.step.replyText")
                : t("cases.step.comment")
          }
          rules={
            commentRequired
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t("common.required", { field: t("cases.step.comment") }),
                  },
                ]
              : []
          }
        >
          <Input.TextArea rows={step === "reply" ? 5 : 3} maxLength={2000} showCount />
        </Form.Item>
        <AttachmentField />
      </Form>
    </Modal>
  );
}

function HistoryTimeline({
  items,
  attachments,
}: {
  items: readonly CaseHistoryItem[];
  attachments: readonly Attachment[];
}) {
  const { lang, t } = useI18n();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("history.empty")} />;
  return (
    <Timeline
      data-testid="case-history"
      items={items.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: h.step === "return" || h.step === "escalate" || h.step === "auto_escalate" ? "red" : "blue",
        content: (
          <Space orientation="vertical" size={2}>
            <Space wrap size={8}>
              <Typography.Text strong>{CASE_STEP_NAMES[h.step][lang]}</Typography.Text>
              <Typography.Text type="secondary">{h.actorName ?? t("cases.system")}</Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
              {h.fromState !== h.toState && (
                <Typography.Text type="secondary">
                  {h.fromState ? `${CASE_STATE_NAMES[h.fromState][lang]} → ` : ""}
                  {CASE_STATE_NAMES[h.toState][lang]}
                </Typography.Text>
              )}
            </Space>
            {h.comment && (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{h.comment}</Typography.Paragraph>
            )}
            <AttachmentList items={attachments.filter((a) => a.stepId === h.id)} />
          </Space>
        ),
      }))}
    />
  );
}

function DueText({ iso, overdue, dueSoon }: { iso: string; overdue: boolean; dueSoon: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={6}>
      <span>{formatDateTime(iso)}</span>
      {overdue && <Tag color="red">{t("cases.overdue")}</Tag>}
      {!overdue && dueSoon && <Tag color="orange">{t("cases.dueSoon")}</Tag>}
    </Space>
  );
}

function Facts({ c }: { c: Case }) {
  const { t } = useI18n();
  const none = "—";
  // The flags apply to the deadline that counts now: acceptance before accepting, then resolution.
  const acceptCounts = c.state === "new" || c.state === "dispatched";
  const resolveCounts = c.state === "accepted";
  return (
    <Descriptions
      bordered
      size="middle"
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { width: 150, whiteSpace: "nowrap" } }}
      data-testid="case-facts"
      items={[
        { key: "number", label: t("cases.field.number"), children: c.number },
        { key: "state", label: t("cases.field.state"), children: <CaseStateTag state={c.state} /> },
        { key: "enterprise", label: t("cases.field.enterprise"), children: c.enterpriseName ?? none },
        { key: "category", label: t("cases.field.category"), children: c.categoryName ?? c.category },
        { key: "source", label: t("cases.field.source"), children: t(`cases.source.${c.source}`) },
        { key: "priority", label: t("cases.field.priority"), children: t(`cases.priority.${c.priority}`) },
        { key: "ownerUnit", label: t("cases.field.ownerUnit"), children: c.ownerUnitName ?? none },
        { key: "ownerOfficer", label: t("cases.field.ownerOfficer"), children: c.ownerOfficerName ?? none },
        {
          key: "assist",
          label: t("cases.field.assistUnits"),
          children: c.assistUnits.length ? c.assistUnits.map((u) => u.name ?? u.id).join("、") : none,
        },
        { key: "received", label: t("cases.field.receivedAt"), children: formatDateTime(c.receivedAt) },
        {
          key: "acceptDue",
          label: t("cases.field.acceptDueAt"),
          children: (
            <DueText iso={c.acceptDueAt} overdue={acceptCounts && c.overdue} dueSoon={acceptCounts && c.dueSoon} />
          ),
        },
        {
          key: "resolveDue",
          label: t("cases.field.resolveDueAt"),
          children: (
            <DueText iso={c.resolveDueAt} overdue={resolveCounts && c.overdue} dueSoon={resolveCounts && c.dueSoon} />
          ),
        },
        { key: "accepted", label: t("cases.field.acceptedAt"), children: formatDateTime(c.acceptedAt) },
        { key: "replied", label: t("cases.field.repliedAt"), children: formatDateTime(c.repliedAt) },
        {
          key: "flags",
          label: t("cases.field.flags"),
          children: (
            <Space wrap size={[0, 4]}>
              {c.escalated ? <Tag color="magenta">{t("cases.escalated")}</Tag> : null}
              {c.supervised ? <Tag color="gold">{t("cases.supervised")}</Tag> : null}
              {c.remindCount > 0 ? <Tag>{t("cases.reminded", { n: c.remindCount })}</Tag> : null}
              {c.reopenCount > 0 ? <Tag>{t("cases.reopened", { n: c.reopenCount })}</Tag> : null}
              {!c.escalated && !c.supervised && c.remindCount === 0 && c.reopenCount === 0 ? none : null}
            </Space>
          ),
        },
        {
          key: "rating",
          label: t("cases.field.rating"),
          children: c.rating ? (
            <Tag color={c.rating === "unsatisfied" ? "red" : "green"}>{t(`cases.rating.${c.rating}`)}</Tag>
          ) : (
            none
          ),
        },
        {
          key: "description",
          label: t("cases.field.description"),
          span: "filled",
          children: (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{c.description}</Typography.Paragraph>
          ),
        },
        {
          key: "attachments",
          label: t("cases.attachments"),
          span: "filled",
          children: <AttachmentList items={c.attachments.filter((a) => a.stepId === null)} empty={none} />,
        },
      ]}
    />
  );
}

export function CaseDetailPage() {
  const { id } = useParams();
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const query = useCase(id);
  const [step, setStep] = useState<CaseStep | null>(null);

  if (query.isPending) return <PageSpin />;
  if (query.isError) {
    const notFound = isApiError(query.error) && (query.error.status === 404 || query.error.status === 400);
    const last = query.data;
    if (notFound && last) {
      // A step the user took (an escalation, a dispatch elsewhere) moved the case out of their scope: say so with
      // what they last saw, rather than "does not exist".
      return (
        <div data-testid="case-left-scope">
          <Result
            status="info"
            title={t("cases.leftScope")}
            subTitle={t("cases.leftScopeDetail", {
              number: last.number,
              title: last.title,
              unit: last.ownerUnitName ?? "—",
              state: CASE_STATE_NAMES[last.state][lang],
            })}
            extra={
              <Button type="primary" onClick={() => navigate("/cases")}>
                {t("common.back")}
              </Button>
            }
          />
        </div>
      );
    }
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? t("cases.notFound") : t("common.loadFailed")}
        subTitle={isApiError(query.error) ? query.error.detail : undefined}
        extra={
          <Button type="primary" onClick={() => navigate("/cases")}>
            {t("common.back")}
          </Button>
        }
      />
    );
  }
  const c = query.data;
  const steps = STEP_ORDER.filter((s) => c.allowedSteps.includes(s));

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <BackButton />
            <span>{c.title}</span>
            <CaseStateTag state={c.state} />
            <CaseFlags c={c} />
          </Space>
        }
        extra={
          <Space wrap data-testid="case-actions">
            {steps.map((s, i) => (
              <Button
                key={s}
                type={i === 0 ? "primary" : "default"}
                danger={s === "return" || s === "escalate"}
                onClick={() => setStep(s)}
                data-testid={`case-step-${s}`}
              >
                {s === "supervise" && c.supervised ? t("cases.step.unsupervise") : CASE_STEP_NAMES[s][lang]}
              </Button>
            ))}
          </Space>
        }
      >
        <Facts c={c} />
      </Card>
      <Card title={t("cases.history")}>
        <HistoryTimeline items={c.history} attachments={c.attachments} />
      </Card>
      {step && <StepModal c={c} step={step} onClose={() => setStep(null)} />}
    </Space>
  );
}
