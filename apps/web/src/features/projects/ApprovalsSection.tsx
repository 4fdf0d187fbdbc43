import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { APPROVAL_STAGE_NAMES, APPROVAL_STAGES } from "@zoneos/domain/projects";
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../../app/api.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDate } from "../../components/format.ts";
import { useProjectI18n } from "./projectI18n.ts";
import {
  type ApprovalItem,
  type ApprovalItemInput,
  type ApprovalStage,
  type ProjectApprovals,
  projectKeys,
  useApprovalCatalogue,
  useProjectApprovals,
  useProjectOptions,
} from "./useProjects.ts";

type Values = {
  stage: ApprovalStage;
  name?: string;
  department?: string;
  appliedOn?: Dayjs | null;
  approvedOn?: Dayjs | null;
  limitWorkingDays?: number | null;
  note?: string;
};

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

function ItemModal({
  projectId,
  item,
  stage,
  onClose,
}: {
  projectId: string;
  item?: ApprovalItem;
  stage?: ApprovalStage;
  onClose: () => void;
}) {
  const { lang, t, tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const catalogue = useApprovalCatalogue();
  const options = useProjectOptions();
  const chosenStage = Form.useWatch("stage", form) ?? item?.stage ?? stage ?? "land_planning";
  const units = options.data?.units ?? [];

  const save = useMutation({
    mutationFn: (v: Values) => {
      const department = v.department?.trim() ?? "";
      const unit = units.find((u) => u.name === department);
      const body: ApprovalItemInput = {
        stage: v.stage,
        name: v.name?.trim() ?? "",
        departmentUnitId: unit?.id ?? null,
        department: department || null,
        appliedOn: day(v.appliedOn),
        approvedOn: day(v.approvedOn),
        limitWorkingDays: v.limitWorkingDays ?? null,
        note: v.note?.trim() || null,
      };
      return item
        ? api.put<ProjectApprovals>(`/projects/${projectId}/approvals/${item.id}`, body)
        : api.post<ProjectApprovals>(`/projects/${projectId}/approvals`, body);
    },
    meta: { quiet: true },
    onSuccess: (a) => {
      showSuccess(t("common.saved"));
      queryClient.setQueryData(projectKeys.approvals(projectId), a);
      void queryClient.invalidateQueries({ queryKey: ["projects", "bottlenecks"] });
      void queryClient.invalidateQueries({ queryKey: projectKeys.history(projectId) });
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  const typical = (catalogue.data?.items ?? []).filter((c) => c.stage === chosenStage);

  return (
    <FormModal<Values>
      form={form}
      width={680}
      title={item ? tp("appr.editTitle") : tp("appr.addTitle")}
      saving={save.isPending}
      onClose={onClose}
      initialValues={
        item
          ? {
              stage: item.stage,
              name: item.name,
              department: item.department,
              appliedOn: item.appliedOn ? dayjs(item.appliedOn) : null,
              approvedOn: item.approvedOn ? dayjs(item.approvedOn) : null,
              limitWorkingDays: item.limitWorkingDays,
              note: item.note ?? undefined,
            }
          : { stage: stage ?? "land_planning", appliedOn: null, approvedOn: null, limitWorkingDays: null }
      }
      onFinish={(v) => save.mutate(v)}
      testId="approval-form"
    >
      <Row gutter={16}>
        <Col xs={24} sm={10}>
          <Form.Item name="stage" label={tp("appr.stage")}>
            <Select options={APPROVAL_STAGES.map((s) => ({ value: s, label: APPROVAL_STAGE_NAMES[s][lang] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="name"
            label={tp("appr.name")}
            tooltip={tp("appr.nameHint")}
            rules={[{ required: true, whitespace: true, message: t("common.required", { field: tp("appr.name") }) }]}
          >
            <AutoComplete
              options={typical.map((c) => ({ value: c.name, label: `${c.name}（${c.limitWorkingDays}）` }))}
              onSelect={(v: string) => {
                const c = typical.find((x) => x.name === v);
                if (c) form.setFieldValue("limitWorkingDays", c.limitWorkingDays);
              }}
              showSearch={{
                filterOption: (input, o) => String(o?.value ?? "").includes(input),
              }}
              data-testid="approval-name"
            >
              <Input maxLength={100} />
            </AutoComplete>
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item name="department" label={tp("appr.department")} tooltip={tp("appr.departmentHint")}>
            <AutoComplete
              options={units.map((u) => ({ value: u.name ?? "" })).filter((o) => o.value)}
              showSearch={{
                filterOption: (input, o) => String(o?.value ?? "").includes(input),
              }}
            >
              <Input maxLength={100} />
            </AutoComplete>
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="limitWorkingDays" label={tp("appr.limit")}>
            <InputNumber min={0} max={365} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="appliedOn" label={tp("appr.appliedOn")}>
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item
            name="approvedOn"
            label={tp("appr.approvedOn")}
            dependencies={["appliedOn"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null | undefined) => {
                  const applied = getFieldValue("appliedOn") as Dayjs | null | undefined;
                  if (!v) return Promise.resolve();
                  if (!applied || v.isBefore(applied, "day"))
                    return Promise.reject(
                      new Error(
                        lang === "zh-CN"
                          ? "办结日期应不早于申请日期（须先填申请日期）"
                          : "Approved on must not precede applied on (fill that first)",
                      ),
                    );
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={tp("appr.note")}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** The elapsed working days of an item: red when over its limit, "办理中" while pending, "未申报" before applying. */
function Elapsed({ item }: { item: ApprovalItem }) {
  const { tp } = useProjectI18n();
  if (item.elapsedWorkingDays === null) return <Tag>{tp("appr.notApplied")}</Tag>;
  return (
    <Space size={4}>
      <Typography.Text
        strong={item.overLimit}
        style={{ color: item.overLimit ? "#cf1322" : undefined }}
        data-testid={item.overLimit ? "approval-over-limit" : undefined}
      >
        {item.elapsedWorkingDays}
      </Typography.Text>
      {item.pending && <Tag color="processing">{tp("appr.pending")}</Tag>}
      {item.overLimit && <Tag color="red">{tp("appr.overLimit")}</Tag>}
    </Space>
  );
}

/** The project's approvals: the four stages with their working days, the total against the target, and the items. */
export function ApprovalsSection({ projectId, editable }: { projectId: string; editable: boolean }) {
  const { lang, t, tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const approvals = useProjectApprovals(projectId);
  const [editing, setEditing] = useState<{ item?: ApprovalItem; stage?: ApprovalStage } | null>(null);

  const remove = useMutation({
    mutationFn: (item: ApprovalItem) => api.delete<ProjectApprovals>(`/projects/${projectId}/approvals/${item.id}`),
    meta: { quiet: true },
    onSuccess: (a) => {
      showSuccess(t("common.deleted"));
      if (a) queryClient.setQueryData(projectKeys.approvals(projectId), a);
      else void queryClient.invalidateQueries({ queryKey: projectKeys.approvals(projectId) });
      void queryClient.invalidateQueries({ queryKey: ["projects", "bottlenecks"] });
    },
    onError: (err) => showError(err),
  });

  const data = approvals.data;
  const order = new Map(APPROVAL_STAGES.map((s, i) => [s, i]));
  const items = [...(data?.items ?? [])].sort(
    (a, b) =>
      (order.get(a.stage) ?? 0) - (order.get(b.stage) ?? 0) ||
      (a.appliedOn ?? "9999").localeCompare(b.appliedOn ?? "9999"),
  );

  const steps = APPROVAL_STAGES.map((stage) => {
    const f = data?.stages.find((s) => s.stage === stage);
    const status: "wait" | "process" | "finish" | "error" =
      !f || f.items === 0
        ? "wait"
        : f.overLimit > 0
          ? "error"
          : f.pending > 0
            ? "process"
            : items.some((i) => i.stage === stage && i.elapsedWorkingDays === null)
              ? "process"
              : "finish";
    return {
      key: stage,
      status,
      title: APPROVAL_STAGE_NAMES[stage][lang],
      content: f ? (
        <Flex vertical gap={0} style={{ fontSize: 12 }}>
          <span>{tp("appr.stageSummary", { items: f.items, days: f.elapsedWorkingDays })}</span>
          {f.pending > 0 && <span style={{ color: "#1677ff" }}>{tp("appr.stagePending", { n: f.pending })}</span>}
          {f.overLimit > 0 && <span style={{ color: "#cf1322" }}>{tp("appr.stageOver", { n: f.overLimit })}</span>}
        </Flex>
      ) : null,
    };
  });

  return (
    <div data-testid="project-approvals">
      {data && data.calendarMissingYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={tp("appr.calendarMissing", { years: data.calendarMissingYears.join("、") })}
        />
      )}
      <Steps items={steps} size="small" style={{ marginBottom: 16 }} data-testid="approval-stages" />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        {data ? (
          <Space data-testid="approval-total">
            <Typography.Text strong style={{ color: data.overTarget ? "#cf1322" : undefined }}>
              {tp("appr.total", { n: data.totalWorkingDays, target: data.targetWorkingDays })}
            </Typography.Text>
            {data.overTarget ? (
              <Tag color="red">{tp("appr.overTarget")}</Tag>
            ) : (
              <Tag color="green">{tp("appr.withinTarget")}</Tag>
            )}
          </Space>
        ) : (
          <span />
        )}
        {editable && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="approval-add">
            {tp("appr.add")}
          </Button>
        )}
      </Flex>
      <Table<ApprovalItem>
        rowKey="id"
        size="small"
        loading={approvals.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 980 }}
        data-testid="approval-items"
        onRow={(i) => ({ style: i.overLimit ? { background: "#fff1f0" } : undefined })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("appr.empty")} /> }}
        columns={[
          {
            title: tp("appr.stage"),
            dataIndex: "stage",
            width: 150,
            render: (s: ApprovalStage) => APPROVAL_STAGE_NAMES[s][lang],
          },
          { title: tp("appr.name"), dataIndex: "name", width: 180 },
          { title: tp("appr.department"), dataIndex: "department", width: 150, render: (v: string) => v || "—" },
          { title: tp("appr.appliedOn"), dataIndex: "appliedOn", width: 110, render: (v) => formatDate(v) },
          { title: tp("appr.approvedOn"), dataIndex: "approvedOn", width: 110, render: (v) => formatDate(v) },
          {
            title: tp("appr.limit"),
            dataIndex: "limitWorkingDays",
            width: 100,
            align: "right",
            render: (v: number | null) => v ?? "—",
          },
          {
            title: tp("appr.elapsed"),
            key: "elapsed",
            width: 170,
            render: (_: unknown, i: ApprovalItem) => <Elapsed item={i} />,
          },
          { title: tp("appr.note"), dataIndex: "note", ellipsis: true, render: (v: string | null) => v ?? "—" },
          ...(editable
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  width: 90,
                  fixed: "right" as const,
                  render: (_: unknown, i: ApprovalItem) => (
                    <Space size={0}>
                      <Button
                        type="text"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing({ item: i })}
                        aria-label={t("common.edit")}
                      />
                      <Popconfirm
                        title={tp("appr.deleteConfirm", { name: i.name })}
                        okButtonProps={{ danger: true, loading: remove.isPending }}
                        onConfirm={() => remove.mutate(i)}
                      >
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t("common.delete")}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <ItemModal projectId={projectId} item={editing.item} stage={editing.stage} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
