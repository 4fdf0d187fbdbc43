import { EditOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, isApiError } from "../../app/api.ts";
import { useMe } from "../../app/auth.ts";
import { BackTitle } from "../../components/Buttons.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { NotFound } from "../../components/ResultPages.tsx";
import { CaseStateTag } from "../cases/CaseTags.tsx";
import type { CaseSummary } from "../cases/useCases.ts";
import {
  KINDS,
  useVisit,
  useVisitI18n,
  useVisitOptions,
  type Visit,
  type VisitUpdate,
  visitKeys,
} from "./useVisits.ts";

type EditValues = {
  visitedOn: Dayjs;
  kind: Visit["kind"];
  visitorIds: string[];
  participants?: string;
  notes?: string;
};

function EditModal({ v, onClose }: { v: Visit; onClose: () => void }) {
  const { t, tv } = useVisitI18n();
  const queryClient = useQueryClient();
  const options = useVisitOptions();
  const [form] = Form.useForm<EditValues>();
  const save = useMutation({
    mutationFn: (x: EditValues) => {
      const body: VisitUpdate = {
        visitedOn: x.visitedOn.format("YYYY-MM-DD"),
        kind: x.kind,
        visitorIds: x.visitorIds,
        participants: x.participants ?? null,
        notes: x.notes ?? "",
        version: v.version,
      };
      return api.put<Visit>(`/visits/${v.id}`, body);
    },
    meta: { quiet: true },
    onSuccess: (saved) => {
      queryClient.setQueryData(visitKeys.detail(v.id), saved);
      void queryClient.invalidateQueries({ queryKey: visitKeys.all });
      showSuccess(t("common.saved"));
      onClose();
    },
    onError: (err) => {
      showError(err, form);
      if (isApiError(err) && err.status === 409)
        void queryClient.invalidateQueries({ queryKey: visitKeys.detail(v.id) });
    },
  });
  return (
    <Modal open title={tv("visits.edit")} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{
          visitedOn: dayjs(v.visitedOn),
          kind: v.kind,
          visitorIds: v.visitors.map((x) => x.id),
          participants: v.participants ?? undefined,
          notes: v.notes ?? "",
        }}
        onFinish={(x) => save.mutate(x)}
      >
        <Form.Item name="visitedOn" label={tv("visits.field.visitedOn")} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} allowClear={false} />
        </Form.Item>
        <Form.Item name="kind" label={tv("visits.field.kind")}>
          <Select options={KINDS.map((k) => ({ value: k, label: tv(`visits.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="visitorIds" label={tv("visits.field.visitors")} extra={tv("visits.field.visitorsHint")}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            options={(options.data?.staff ?? []).map((o) => ({ value: o.id, label: o.displayName }))}
          />
        </Form.Item>
        <Form.Item name="participants" label={tv("visits.field.participants")}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="notes" label={tv("visits.field.notes")}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function VisitDetailPage() {
  const { id } = useParams();
  const { t, tv } = useVisitI18n();
  const { data: me } = useMe();
  const query = useVisit(id);
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <Card loading />;
  if (query.isError || !query.data) return <NotFound />;
  const v = query.data;
  const internal = me?.role !== "enterprise";
  return (
    <Card
      title={<BackTitle>{tv("visits.detail.title")}</BackTitle>}
      extra={
        v.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="visit-edit">
            {t("common.edit")}
          </Button>
        )
      }
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="visit-detail"
        items={[
          {
            key: "enterprise",
            label: tv("visits.field.enterprise"),
            children: <Link to={`/enterprises/${v.enterpriseId}`}>{v.enterpriseName ?? "—"}</Link>,
          },
          { key: "date", label: tv("visits.field.visitedOn"), children: v.visitedOn },
          { key: "kind", label: tv("visits.field.kind"), children: <Tag>{tv(`visits.kind.${v.kind}`)}</Tag> },
          {
            key: "visitors",
            label: tv("visits.field.visitors"),
            children: v.visitors.map((x) => x.name ?? "—").join("、"),
          },
          { key: "unit", label: tv("visits.field.unit"), children: v.unitName ?? "—" },
          { key: "participants", label: tv("visits.field.participants"), children: v.participants ?? "—" },
          ...(internal
            ? [
                {
                  key: "notes",
                  label: tv("visits.field.notes"),
                  span: 2,
                  children: (
                    <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                      {v.notes || "—"}
                    </Typography.Paragraph>
                  ),
                },
                {
                  key: "recorded",
                  label: tv("visits.field.recordedBy"),
                  span: 2,
                  children: `${v.createdByName ?? "—"} · ${formatDateTime(v.createdAt)}`,
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {tv("visits.field.demands")}
      </Typography.Title>
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={v.demands}
        data-testid="visit-demands"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tv("visits.detail.noDemands")} />,
        }}
        columns={[
          {
            title: t("cases.field.number"),
            dataIndex: "number",
            key: "number",
            width: 150,
            render: (_: unknown, c: CaseSummary) => <Link to={`/cases/${c.id}`}>{c.number}</Link>,
          },
          { title: t("cases.field.title"), dataIndex: "title", key: "title", ellipsis: true },
          {
            title: t("cases.field.category"),
            key: "category",
            width: 120,
            render: (_: unknown, c: CaseSummary) => c.categoryName ?? c.category,
          },
          {
            title: t("cases.field.state"),
            key: "state",
            width: 100,
            render: (_: unknown, c: CaseSummary) => <CaseStateTag state={c.state} />,
          },
          {
            // The deadline that counts now (acceptance until accepted, then resolution), as in the case list: the
            // colour and the date must speak of the same deadline.
            title: t("cases.field.dueAt"),
            key: "due",
            width: 150,
            render: (_: unknown, c: CaseSummary) => (
              <Typography.Text type={c.overdue ? "danger" : c.dueSoon ? "warning" : undefined}>
                {formatDateTime(c.nextDueAt)}
              </Typography.Text>
            ),
          },
        ]}
      />
      {editing && <EditModal v={v} onClose={() => setEditing(false)} />}
    </Card>
  );
}
