import { useQueryClient } from "@tanstack/react-query";
import { ProjectInput } from "@zoneos/contracts";
import { industryPath } from "@zoneos/domain/industry";
import {
  PROJECT_LEVEL_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  PROJECT_TYPE_NAMES,
  PROJECT_TYPES,
} from "@zoneos/domain/projects";
import { Button, Card, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Result, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useEffect } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { useMe } from "../../app/auth.ts";
import { BackTitle, SubmitCancel } from "../../components/Buttons.tsx";
import { CreditCodeItem } from "../../components/CreditCodeItem.tsx";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { IndustryCascader } from "../../components/IndustryCascader.tsx";
import { PageSpin } from "../../components/PageSpin.tsx";
import { useEditForm } from "../../components/useEditForm.ts";
import { cleanWan } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import {
  type Project,
  type ProjectLevel,
  type ProjectStage,
  type ProjectType,
  projectKeys,
  useProject,
  useProjectOptions,
} from "./useProjects.ts";

type FormValues = {
  name?: string;
  code?: string;
  ownerMode: "existing" | "new";
  ownerEnterpriseId?: string | null;
  newOwner?: { creditCode?: string; name?: string };
  totalInvestmentWan?: string | null;
  type?: ProjectType;
  level?: ProjectLevel;
  stage?: ProjectStage;
  parkUnitId?: string | null;
  industry?: string[];
  plannedStartOn?: Dayjs | null;
  plannedCompletionOn?: Dayjs | null;
  actualStartOn?: Dayjs | null;
  actualCompletionOn?: Dayjs | null;
  leaderId?: string | null;
  unitId?: string;
  memberIds?: string[];
  location?: string;
};

const date = (v: string | null) => (v ? dayjs(v) : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

function toFormValues(p: Project): FormValues {
  return {
    name: p.name,
    code: p.code,
    ownerMode: "existing",
    ownerEnterpriseId: p.ownerEnterpriseId,
    totalInvestmentWan: p.totalInvestmentWan,
    type: p.type,
    level: p.level,
    stage: p.stage,
    parkUnitId: p.parkUnitId,
    industry: p.industryCode ? industryPath(p.industryCode) : undefined,
    plannedStartOn: date(p.plannedStartOn),
    plannedCompletionOn: date(p.plannedCompletionOn),
    actualStartOn: date(p.actualStartOn),
    actualCompletionOn: date(p.actualCompletionOn),
    leaderId: p.leaderId,
    unitId: p.unitId,
    memberIds: p.members.map((m) => m.id),
    location: p.location ?? undefined,
  };
}

/** The form's values in the shape of ProjectInput (not yet checked). */
function toRawInput(v: FormValues): Record<string, unknown> {
  const isNew = v.ownerMode === "new";
  return {
    name: v.name ?? "",
    code: v.code?.trim() || null,
    ownerEnterpriseId: isNew ? null : (v.ownerEnterpriseId ?? null),
    newOwner: isNew ? { creditCode: v.newOwner?.creditCode ?? "", name: v.newOwner?.name ?? "" } : null,
    totalInvestmentWan: cleanWan(v.totalInvestmentWan) || null,
    type: v.type,
    level: v.level,
    parkUnitId: v.parkUnitId ?? null,
    industryCode: v.industry?.at(-1) ?? null,
    stage: v.stage,
    plannedStartOn: day(v.plannedStartOn),
    plannedCompletionOn: day(v.plannedCompletionOn),
    actualStartOn: day(v.actualStartOn),
    actualCompletionOn: day(v.actualCompletionOn),
    leaderId: v.leaderId ?? null,
    unitId: v.unitId ?? "",
    memberIds: v.memberIds ?? [],
    location: v.location ?? null,
  };
}

/** Schema field names that the form shows under another name. */
function toFormName(path: (string | number)[], values: FormValues): (string | number)[] {
  if (path[0] === "industryCode") return ["industry"];
  if (path[0] === "ownerEnterpriseId" && values.ownerMode === "new") return ["newOwner", "creditCode"];
  return path;
}

/** 新增 / 编辑 a project; the owner enterprise is picked from the registry or entered with its credit code. */
export function ProjectFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { lang, t, tp } = useProjectI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<FormValues>();
  const existing = useProject(id);
  const options = useProjectOptions();
  const ownerMode = Form.useWatch("ownerMode", form) ?? "existing";
  const units = options.data?.units ?? [];
  const defaultUnit = me?.unitId && units.some((u) => u.id === me.unitId) ? me.unitId : undefined;

  // A new project is reported by the user's own unit unless they choose another.
  useEffect(() => {
    if (!editing && defaultUnit && !form.getFieldValue("unitId")) form.setFieldValue("unitId", defaultUnit);
  }, [editing, defaultUnit, form]);

  const { formProps, saving, contextHolder } = useEditForm({
    form,
    record: existing.data,
    toFormValues,
    toRawInput,
    schema: ProjectInput,
    toFormName,
    lang,
    path: "/projects",
    texts: {
      created: tp("form.created"),
      fixErrors: tp("form.fixErrors"),
      conflict: tp("form.conflict"),
      conflictHint: tp("form.conflictHint"),
    },
    onSaved: (saved) => {
      queryClient.setQueryData(projectKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["enterprises"] });
      navigate(`/projects/${saved.id}`, { replace: true });
    },
    reload: () => existing.refetch(),
  });

  if (editing && existing.isPending) return <PageSpin />;
  if (editing && (existing.isError || (existing.data && !existing.data.canEdit))) {
    const notFound = existing.isError && isApiError(existing.error) && existing.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "403"}
        title={notFound ? tp("detail.notFound") : t("common.forbidden")}
        extra={
          <Link to={id ? `/projects/${id}` : "/projects"}>
            <Button type="primary">{t("common.back")}</Button>
          </Link>
        }
      />
    );
  }

  const required = (field: string) => ({ required: true, message: t("common.required", { field }) });
  const datePicker = <DatePicker style={{ width: "100%" }} />;

  return (
    <Card
      title={
        <BackTitle>
          {editing ? `${tp("form.editTitle")} · ${existing.data?.name ?? ""}` : tp("form.createTitle")}
        </BackTitle>
      }
    >
      {contextHolder}
      <Form<FormValues>
        {...formProps}
        layout="vertical"
        initialValues={{
          ownerMode: "existing",
          type: "industry",
          level: "district",
          stage: "preliminary",
          memberIds: [],
          unitId: defaultUnit,
        }}
        scrollToFirstError
        data-testid="project-form"
      >
        <Divider titlePlacement="start">{tp("form.basic")}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={12} xl={10}>
            <Form.Item name="name" label={tp("field.name")} rules={[required(tp("field.name"))]}>
              <Input maxLength={200} data-testid="project-name-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="code" label={tp("field.code")} extra={editing ? undefined : tp("form.codeHint")}>
              <Input maxLength={40} style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name="totalInvestmentWan"
              label={tp("field.totalInvestment")}
              rules={[required(tp("field.totalInvestment"))]}
            >
              <InputNumber<string>
                stringMode
                min="0"
                style={{ width: "100%" }}
                suffix={tp("unit.wan")}
                data-testid="project-total"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="ownerMode" label={tp("field.owner")} required style={{ marginBottom: 8 }}>
              <Radio.Group
                options={[
                  { value: "existing", label: tp("form.ownerExisting") },
                  { value: "new", label: tp("form.ownerNew") },
                ]}
                data-testid="project-owner-mode"
              />
            </Form.Item>
          </Col>
          {ownerMode === "existing" ? (
            <Col xs={24} md={12}>
              <Form.Item name="ownerEnterpriseId" rules={[{ required: true, message: tp("form.ownerRequired") }]}>
                <EnterprisePicker initialLabel={existing.data?.ownerName ?? null} />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={24} md={12} xl={8}>
                <CreditCodeItem name={["newOwner", "creditCode"]} label={tp("form.ownerCreditCode")} />
              </Col>
              <Col xs={24} md={12} xl={8}>
                <Form.Item
                  name={["newOwner", "name"]}
                  label={tp("form.ownerName")}
                  rules={[required(tp("form.ownerName"))]}
                >
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Row gutter={24}>
          <Col xs={12} md={8} xl={4}>
            <Form.Item name="type" label={tp("field.type")} rules={[required(tp("field.type"))]}>
              <Select options={PROJECT_TYPES.map((v) => ({ value: v, label: PROJECT_TYPE_NAMES[v][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Form.Item name="level" label={tp("field.level")} rules={[required(tp("field.level"))]}>
              <Select options={PROJECT_LEVELS.map((v) => ({ value: v, label: PROJECT_LEVEL_NAMES[v][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Form.Item name="stage" label={tp("field.stage")} rules={[required(tp("field.stage"))]}>
              <Select options={PROJECT_STAGES.map((v) => ({ value: v, label: PROJECT_STAGE_NAMES[v][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Form.Item name="parkUnitId" label={tp("field.park")}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                loading={options.isPending}
                options={(options.data?.parks ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
                placeholder={t("common.select")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16} xl={8}>
            <Form.Item name="industry" label={tp("field.industry")}>
              <IndustryCascader placeholder={tp("form.industryPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} xl={16}>
            <Form.Item name="location" label={tp("field.location")}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{tp("form.progress")}</Divider>
        <Row gutter={24}>
          <Col xs={12} md={6}>
            <Form.Item name="plannedStartOn" label={tp("field.plannedStartOn")}>
              {datePicker}
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="plannedCompletionOn" label={tp("field.plannedCompletionOn")}>
              {datePicker}
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="actualStartOn" label={tp("field.actualStartOn")}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="actualCompletionOn" label={tp("field.actualCompletionOn")}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{tp("form.responsibility")}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="unitId" label={tp("field.unit")} rules={[required(tp("field.unit"))]}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                loading={options.isPending}
                options={units.map((u) => ({ value: u.id, label: u.name ?? "—" }))}
                placeholder={t("common.select")}
                data-testid="project-unit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="leaderId" label={tp("field.leader")}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                loading={options.isPending}
                options={(options.data?.leaders ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
                placeholder={t("common.select")}
                data-testid="project-leader"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="memberIds" label={tp("field.members")}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: "label" }}
                loading={options.isPending}
                options={(options.data?.staff ?? []).map((u) => ({
                  value: u.id,
                  label: u.unitName ? `${u.name ?? "—"}（${u.unitName}）` : (u.name ?? "—"),
                }))}
                placeholder={t("common.select")}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider />
        <SubmitCancel saving={saving} testId="project-save" />
      </Form>
    </Card>
  );
}
