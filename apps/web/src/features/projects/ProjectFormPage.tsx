import { ArrowLeftOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ProjectInput } from "@zoneos/contracts";
import { checkCreditCode, describeCreditCodeProblem } from "@zoneos/domain/credit-code";
import { INDUSTRY_TREE, type IndustryNode, industryPath } from "@zoneos/domain/industry";
import {
  PROJECT_LEVEL_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  PROJECT_TYPE_NAMES,
  PROJECT_TYPES,
} from "@zoneos/domain/projects";
import {
  Button,
  Card,
  Cascader,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
} from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useEffect, useRef } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, fieldPath, isApiError } from "../../app/api.ts";
import { useMe } from "../../app/auth.ts";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { getFeedback, setFieldErrors, showError, showSuccess } from "../../components/feedback.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { issuesToFields } from "../../components/zodIssues.ts";
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

type CascaderOption = { value: string; label: string; children?: CascaderOption[] };

function toOptions(nodes: readonly IndustryNode[]): CascaderOption[] {
  return nodes.map((n) => ({
    value: n.code,
    label: `${n.code} ${n.name}`,
    children: n.children ? toOptions(n.children) : undefined,
  }));
}
const INDUSTRY_OPTIONS = toOptions(INDUSTRY_TREE);

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
function formNameOf(mode: FormValues["ownerMode"]) {
  return (path: (string | number)[]): (string | number)[] => {
    if (path[0] === "industryCode") return ["industry"];
    if (path[0] === "ownerEnterpriseId" && mode === "new") return ["newOwner", "creditCode"];
    return path;
  };
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
  const loadedVersion = useRef<number | null>(null);
  const [modal, modalHolder] = Modal.useModal();
  const ownerMode = Form.useWatch("ownerMode", form) ?? "existing";
  const units = options.data?.units ?? [];
  const defaultUnit = me?.unitId && units.some((u) => u.id === me.unitId) ? me.unitId : undefined;

  // A new project is reported by the user's own unit unless they choose another.
  useEffect(() => {
    if (!editing && defaultUnit && !form.getFieldValue("unitId")) form.setFieldValue("unitId", defaultUnit);
  }, [editing, defaultUnit, form]);

  useEffect(() => {
    const p = existing.data;
    if (!p || loadedVersion.current === p.version) return;
    loadedVersion.current = p.version;
    form.resetFields();
    form.setFieldsValue(toFormValues(p));
  }, [existing.data, form]);

  const save = useMutation({
    mutationFn: (input: ProjectInput) =>
      editing && existing.data
        ? api.put<Project>(`/projects/${id}`, { ...input, version: existing.data.version })
        : api.post<Project>("/projects", input),
    meta: { quiet: true },
    onSuccess: (saved) => {
      showSuccess(editing ? t("common.saved") : tp("form.created"));
      queryClient.setQueryData(projectKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["enterprises"] });
      navigate(`/projects/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 409 && err.code === "VERSION_CONFLICT") {
        void modal.warning({ title: tp("form.conflict"), content: tp("form.conflictHint") });
        void existing.refetch();
        return;
      }
      if (isApiError(err) && err.errors.length > 0) {
        const rename = formNameOf(form.getFieldValue("ownerMode"));
        setFieldErrors(
          form,
          err.errors.map((e) => ({ name: rename(fieldPath(e.path)), errors: [e.message] })),
        );
        getFeedback()?.message.error(err.detail);
        return;
      }
      showError(err);
    },
  });

  /** The server's own rules (the zod schema of the contracts), checked here first; errors go under their fields. */
  const check = (values: FormValues) => {
    const parsed = ProjectInput.safeParse(toRawInput(values));
    if (!parsed.success) {
      setFieldErrors(form, issuesToFields(parsed.error.issues, lang, formNameOf(values.ownerMode)));
      getFeedback()?.message.error(tp("form.fixErrors"));
      return null;
    }
    return parsed.data;
  };
  const onFinish = (values: FormValues) => {
    const input = check(values);
    if (input) save.mutate(input as ProjectInput);
  };

  const creditCodeRule = {
    validator: (_: unknown, value: string | undefined) => {
      if (!value) return Promise.resolve();
      const r = checkCreditCode(value);
      return r.ok ? Promise.resolve() : Promise.reject(new Error(describeCreditCodeProblem(r.problem, lang)));
    },
  };
  const normaliseCreditCode = () => {
    const v = form.getFieldValue(["newOwner", "creditCode"]);
    if (typeof v !== "string") return;
    const r = checkCreditCode(v);
    if (r.ok && r.code !== v) form.setFieldValue(["newOwner", "creditCode"], r.code);
  };

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
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("common.back")} />
          {editing ? `${tp("form.editTitle")} · ${existing.data?.name ?? ""}` : tp("form.createTitle")}
        </Space>
      }
    >
      {modalHolder}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          ownerMode: "existing",
          type: "industry",
          level: "district",
          stage: "preliminary",
          memberIds: [],
          unitId: defaultUnit,
        }}
        onFinish={onFinish}
        onFinishFailed={({ values }) => check(values)}
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
                <Form.Item
                  name={["newOwner", "creditCode"]}
                  label={tp("form.ownerCreditCode")}
                  validateTrigger={["onBlur"]}
                  rules={[required(tp("form.ownerCreditCode")), creditCodeRule]}
                >
                  <Input
                    maxLength={30}
                    onBlur={normaliseCreditCode}
                    style={{ fontFamily: "monospace" }}
                    placeholder="91320115MA1XXXXXXX"
                  />
                </Form.Item>
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
              <Cascader<CascaderOption>
                options={INDUSTRY_OPTIONS}
                changeOnSelect
                showSearch={{ matchInputWidth: false, limit: 100 }}
                allowClear
                placeholder={tp("form.industryPlaceholder")}
                displayRender={(labels) => labels.at(-1)}
              />
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
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="project-save">
            {t("common.save")}
          </Button>
          <Button onClick={() => navigate(-1)}>{t("common.cancel")}</Button>
        </Space>
      </Form>
    </Card>
  );
}
