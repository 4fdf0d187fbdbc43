import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { planInForce } from "@zoneos/domain/projects";
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { api } from "../../app/api.ts";
import { RemoveButton } from "../../components/Buttons.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { cleanWan, formatWanText } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import { type AnnualPlan, type AnnualPlanInput, type Project, projectKeys } from "./useProjects.ts";

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

type Values = {
  year: number;
  planWan?: string | null;
  fromMonth: number;
  reason?: string;
  newStartPlanned: boolean;
  newStartMonth?: number | null;
  milestones?: { month?: number; text?: string }[];
};

function initialValues(plan: AnnualPlan | undefined, year: number): Values {
  const last = plan?.versions.at(-1);
  return {
    year,
    planWan: last?.planWan ?? null,
    fromMonth: last?.fromMonth ?? 1,
    reason: last?.reason ?? undefined,
    newStartPlanned: plan?.newStartPlanned ?? false,
    newStartMonth: plan?.newStartMonth ?? null,
    milestones: plan?.milestones.map((m) => ({ month: m.month, text: m.text })) ?? [],
  };
}

/** Sets a year's plan: the amount (from a month: a mid-year change needs a reason), the new start and milestones. */
function PlanModal({ project, plan, onClose }: { project: Project; plan?: AnnualPlan; onClose: () => void }) {
  const { t, tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const taken = new Set(project.plans.map((p) => p.year));
  const thisYear = dayjs().year();
  const firstFree = [thisYear, thisYear + 1, thisYear - 1].find((y) => !taken.has(y)) ?? thisYear;
  const fromMonth = Form.useWatch("fromMonth", form) ?? 1;
  const newStartPlanned = Form.useWatch("newStartPlanned", form) ?? false;
  const year = Form.useWatch("year", form) ?? plan?.year ?? firstFree;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: AnnualPlanInput = {
        planWan: cleanWan(v.planWan),
        fromMonth: v.fromMonth,
        reason: v.reason?.trim() || null,
        newStartPlanned: v.newStartPlanned,
        newStartMonth: v.newStartPlanned ? (v.newStartMonth ?? null) : null,
        milestones: (v.milestones ?? []).map((m) => ({ month: m.month ?? 0, text: m.text ?? "" })),
      };
      return api.put<Project>(`/projects/${project.id}/plans/${v.year}`, body);
    },
    meta: { quiet: true },
    onSuccess: (p) => {
      showSuccess(tp("plan.saved"));
      queryClient.setQueryData(projectKeys.detail(p.id), p);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  return (
    <FormModal<Values>
      form={form}
      width={720}
      title={tp("plan.modalTitle", { year })}
      saving={save.isPending}
      onClose={onClose}
      initialValues={initialValues(plan, plan?.year ?? firstFree)}
      onFinish={(v) => save.mutate(v)}
      testId="plan-form"
    >
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="year" label={tp("plan.year")}>
            <Select
              disabled={!!plan}
              options={[thisYear - 1, thisYear, thisYear + 1]
                .filter((y) => y === plan?.year || !taken.has(y))
                .map((y) => ({ value: y, label: String(y) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name="planWan"
            label={tp("plan.planWan")}
            rules={[{ required: true, message: t("common.required", { field: tp("plan.planWan") }) }]}
          >
            <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid="plan-amount" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="fromMonth" label={tp("plan.fromMonth")} tooltip={tp("plan.fromMonthHint")}>
            <Select options={MONTHS.map((m) => ({ value: m, label: tp("plan.month", { m }) }))} />
          </Form.Item>
        </Col>
      </Row>
      {/* A mid-year change, or a change of a plan that exists, says why (the server refuses a changed amount without). */}
      {(fromMonth > 1 || plan !== undefined) && (
        <Form.Item
          name="reason"
          label={tp("plan.reason")}
          rules={[{ required: fromMonth > 1, whitespace: true, message: tp("plan.reasonRequired") }]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="plan-reason" />
        </Form.Item>
      )}
      <Space size="large" align="start" wrap>
        <Form.Item name="newStartPlanned" label={tp("plan.newStartPlanned")} valuePropName="checked">
          <Switch />
        </Form.Item>
        {newStartPlanned && (
          <Form.Item
            name="newStartMonth"
            label={tp("plan.newStartMonth")}
            rules={[{ required: true, message: tp("plan.newStartMonthRequired") }]}
          >
            <Select
              style={{ width: 140 }}
              options={MONTHS.map((m) => ({ value: m, label: tp("plan.month", { m }) }))}
            />
          </Form.Item>
        )}
      </Space>
      <Typography.Title level={5}>{tp("plan.milestones")}</Typography.Title>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Row gutter={12} key={key} align="top">
                <Col flex="140px">
                  <Form.Item
                    name={[name, "month"]}
                    rules={[{ required: true, message: t("common.required", { field: tp("plan.milestoneMonth") }) }]}
                  >
                    <Select
                      placeholder={tp("plan.milestoneMonth")}
                      options={MONTHS.map((m) => ({ value: m, label: tp("plan.month", { m }) }))}
                    />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item
                    name={[name, "text"]}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t("common.required", { field: tp("plan.milestoneText") }),
                      },
                    ]}
                  >
                    <Input maxLength={200} placeholder={tp("plan.milestoneText")} />
                  </Form.Item>
                </Col>
                <Col flex="40px">
                  <RemoveButton onClick={() => remove(name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 24} block>
              {tp("plan.milestoneAdd")}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** The project's annual plans: for each year the plan in force, its versions (年中调整), new start and milestones. */
export function PlanSection({ project, editable }: { project: Project; editable: boolean }) {
  const { tp } = useProjectI18n();
  const [editing, setEditing] = useState<{ plan?: AnnualPlan } | null>(null);
  const plans = [...project.plans].sort((a, b) => b.year - a.year);
  const thisMonth = dayjs().month() + 1;
  const thisYear = dayjs().year();

  return (
    <Card
      size="small"
      title={tp("detail.plans")}
      extra={
        editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="plan-add">
            {tp("plan.add")}
          </Button>
        )
      }
      data-testid="project-plans"
    >
      {plans.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("plan.none")} />}
      {plans.map((plan) => {
        const monthOfYear = plan.year < thisYear ? 12 : plan.year > thisYear ? 1 : thisMonth;
        const inForce = planInForce(plan.versions, monthOfYear);
        return (
          <div key={plan.year} style={{ marginBottom: 20 }} data-testid={`plan-${plan.year}`}>
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
              <Space wrap size={[12, 4]}>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {plan.year}
                </Typography.Text>
                <span>
                  {tp("plan.inForce")}：<Typography.Text strong>{formatWanText(inForce)}</Typography.Text>{" "}
                  {tp("unit.wan")}
                </span>
                {plan.newStartPlanned ? (
                  <Tag color="cyan">{tp("plan.newStart", { m: plan.newStartMonth ?? "?" })}</Tag>
                ) : (
                  <Tag>{tp("plan.noNewStart")}</Tag>
                )}
              </Space>
              {editable && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing({ plan })}
                  data-testid={`plan-edit-${plan.year}`}
                >
                  {tp("plan.edit")}
                </Button>
              )}
            </Flex>
            <Table
              size="small"
              rowKey={(v) => `${v.fromMonth}-${v.changedAt}`}
              pagination={false}
              dataSource={plan.versions}
              columns={[
                {
                  title: tp("plan.fromMonth"),
                  dataIndex: "fromMonth",
                  width: 120,
                  render: (m: number) => (m === 1 ? tp("plan.first") : tp("plan.fromMonthN", { m })),
                },
                {
                  title: tp("plan.planWan"),
                  dataIndex: "planWan",
                  width: 180,
                  align: "right",
                  render: (v: string) => formatWanText(v),
                },
                { title: tp("plan.reason"), dataIndex: "reason", render: (v: string | null) => v ?? "—" },
                { title: tp("plan.changedBy"), dataIndex: "changedByName", width: 100, render: (v) => v ?? "—" },
                {
                  title: tp("plan.changedAt"),
                  dataIndex: "changedAt",
                  width: 150,
                  render: (v: string) => formatDateTime(v),
                },
              ]}
            />
            {plan.milestones.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{tp("plan.milestones")}：</Typography.Text>
                <Space wrap size={[8, 4]}>
                  {[...plan.milestones]
                    .sort((a, b) => a.month - b.month)
                    .map((m) => (
                      <Tag key={`${m.month}-${m.text}`}>
                        {tp("plan.month", { m: m.month })} · {m.text}
                      </Tag>
                    ))}
                </Space>
              </div>
            )}
          </div>
        );
      })}
      {editing && <PlanModal project={project} plan={editing.plan} onClose={() => setEditing(null)} />}
    </Card>
  );
}
