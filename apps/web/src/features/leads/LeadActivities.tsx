import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LEAD_ACTIVITY_KIND_NAMES, LEAD_ACTIVITY_KINDS } from "@zoneos/domain/investment";
import { Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Tag, Timeline, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { api } from "../../app/api.ts";
import { AttachmentField, AttachmentList } from "../../components/Attachments.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { useLeadI18n } from "./leadI18n.ts";
import { type Lead, type LeadActivity, leadKeys } from "./useLeads.ts";

type ActivityValues = {
  kind?: LeadActivity["kind"];
  on?: Dayjs;
  summary?: string;
  participants?: string;
  attachmentIds?: string[];
};

function ActivityModal({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { lang, t, tl } = useLeadI18n();
  const [form] = Form.useForm<ActivityValues>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: ActivityValues) =>
      api.post<LeadActivity>(`/leads/${lead.id}/activities`, {
        kind: v.kind,
        on: v.on?.format("YYYY-MM-DD"),
        summary: v.summary ?? "",
        participants: v.participants ?? null,
        attachmentIds: v.attachmentIds ?? [],
      }),
    meta: { quiet: true },
    onSuccess: () => {
      showSuccess(tl("activity.saved"));
      void queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  const required = (field: string) => ({ required: true, message: t("common.required", { field }) });
  return (
    <FormModal<ActivityValues>
      form={form}
      title={tl("detail.addActivity")}
      width={600}
      saving={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={{ kind: "meeting", on: dayjs() }}
      testId="lead-activity-form"
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label={tl("activity.kind")} rules={[required(tl("activity.kind"))]}>
            <Select
              options={LEAD_ACTIVITY_KINDS.map((k) => ({ value: k, label: LEAD_ACTIVITY_KIND_NAMES[k][lang] }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="on" label={tl("activity.on")} rules={[required(tl("activity.on"))]}>
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="summary" label={tl("activity.summary")} rules={[required(tl("activity.summary"))]}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="lead-activity-summary" />
      </Form.Item>
      <Form.Item name="participants" label={tl("activity.participants")}>
        <Input maxLength={500} />
      </Form.Item>
      <AttachmentField />
    </FormModal>
  );
}

/** 招商活动 on the lead's page: a timeline with files; staff record one with attachments. */
export function Activities({ l }: { l: Lead }) {
  const { lang, tl } = useLeadI18n();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={tl("detail.activities")}
      extra={
        l.canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="lead-add-activity">
            {tl("detail.addActivity")}
          </Button>
        )
      }
    >
      {l.activities.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tl("detail.noActivities")} />
      ) : (
        <Timeline
          data-testid="lead-activities"
          items={l.activities.map((a) => ({
            key: a.id,
            content: (
              <Space orientation="vertical" size={2}>
                <Space size={6}>
                  <Typography.Text strong>{a.on}</Typography.Text>
                  <Tag>{LEAD_ACTIVITY_KIND_NAMES[a.kind][lang]}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.createdByName ?? "—"}
                  </Typography.Text>
                </Space>
                <Typography.Text>{a.summary}</Typography.Text>
                {a.participants && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {tl("activity.participants")}：{a.participants}
                  </Typography.Text>
                )}
                <AttachmentList items={a.attachments} />
              </Space>
            ),
          }))}
        />
      )}
      {adding && <ActivityModal lead={l} onClose={() => setAdding(false)} />}
    </Card>
  );
}
