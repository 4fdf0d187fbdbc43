import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { DEFAULT_SCREENING_SCHEME } from "@zoneos/domain/investment";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import { useEffect } from "react";
import { api } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { BackTitle, RemoveButton } from "../../components/Buttons.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { useLeadI18n } from "./leadI18n.ts";
import { leadKeys, type ScreeningScheme, type ScreeningSettings, useScreeningSettings } from "./useLeads.ts";

type Values = ScreeningScheme;

/** One criterion's fields: name and key, and either its bands and pass line or its options. */
function CriterionFields({ index, remove }: { index: number; remove: () => void }) {
  const { t, tl } = useLeadI18n();
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch(["criteria", index, "kind"], form);
  const required = (field: string) => ({ required: true, message: t("common.required", { field }) });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          {tl("set.criterion")} {index + 1}
        </Space>
      }
      extra={<RemoveButton onClick={remove} />}
      data-testid="screening-criterion"
    >
      <Row gutter={12}>
        <Col xs={12} md={5}>
          <Form.Item name={[index, "name"]} label={tl("set.name")} rules={[required(tl("set.name"))]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[index, "key"]} label={tl("set.key")} rules={[required(tl("set.key"))]}>
            <Input maxLength={40} style={{ fontFamily: "monospace" }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[index, "kind"]} label={tl("set.kind")}>
            <Select
              options={[
                { value: "number", label: tl("set.kind.number") },
                { value: "choice", label: tl("set.kind.choice") },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <Form.Item name={[index, "required"]} label=" " valuePropName="checked">
            <Checkbox>{tl("set.required")}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      {kind === "number" ? (
        <>
          <Row gutter={12}>
            <Col xs={12} md={5}>
              <Form.Item name={[index, "unit"]} label={tl("set.unit")}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name={[index, "direction"]} label={tl("set.direction")}>
                <Select
                  options={[
                    { value: "higher", label: tl("set.direction.higher") },
                    { value: "lower", label: tl("set.direction.lower") },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name={[index, "passBound"]}
                label={tl("set.passBound")}
                rules={[required(tl("set.passBound"))]}
              >
                <InputNumber style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
            {tl("set.bands")}
          </Typography.Text>
          <Form.List name={[index, "bands"]}>
            {(fields, { add, remove: removeBand }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item name={[f.name, "bound"]} rules={[required(tl("set.bound"))]}>
                      <InputNumber placeholder={tl("set.bound")} />
                    </Form.Item>
                    →
                    <Form.Item name={[f.name, "points"]} rules={[required(tl("set.points"))]}>
                      <InputNumber min={0} placeholder={tl("set.points")} />
                    </Form.Item>
                    <RemoveButton onClick={() => removeBand(f.name)} />
                  </Flex>
                ))}
                <div>
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ bound: 0, points: 0 })}
                  >
                    {tl("set.addBand")}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
        </>
      ) : (
        <>
          <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
            {tl("set.options")}
          </Typography.Text>
          <Form.List name={[index, "options"]}>
            {(fields, { add, remove: removeOption }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline" wrap>
                    <Form.Item name={[f.name, "value"]} rules={[required(tl("set.value"))]}>
                      <Input placeholder={tl("set.value")} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, "name"]} rules={[required(tl("set.name"))]}>
                      <Input placeholder={tl("set.name")} style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, "points"]} rules={[required(tl("set.points"))]}>
                      <InputNumber min={0} placeholder={tl("set.points")} />
                    </Form.Item>
                    <Form.Item name={[f.name, "pass"]} valuePropName="checked">
                      <Checkbox>{tl("set.pass")}</Checkbox>
                    </Form.Item>
                    <RemoveButton onClick={() => removeOption(f.name)} />
                  </Flex>
                ))}
                <div>
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ value: "", name: "", points: 0, pass: true })}
                  >
                    {tl("set.addOption")}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
        </>
      )}
    </Card>
  );
}

/** The criterion as the schema wants it: a number criterion without options, a choice without bands. */
function cleanScheme(v: Values): Values {
  return {
    passScore: v.passScore,
    criteria: (v.criteria ?? []).map((c) =>
      c.kind === "number"
        ? {
            key: c.key,
            name: c.name,
            kind: "number",
            unit: c.unit ?? "",
            direction: c.direction ?? "higher",
            bands: c.bands ?? [],
            passBound: c.passBound,
            required: !!c.required,
          }
        : { key: c.key, name: c.name, kind: "choice", options: c.options ?? [], required: !!c.required },
    ),
  };
}

/** 项目准入评估设置: the zone's criteria, thresholds, points and pass score (administrators change them). */
export function LeadSettingsPage() {
  const { t, tl } = useLeadI18n();
  const { data: me } = useMe();
  const settings = useScreeningSettings();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const editable = can(me, "lead.configure");

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.scheme);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) => api.put<ScreeningSettings>("/leads/settings/screening", cleanScheme(v)),
    meta: { quiet: true },
    onSuccess: (saved) => {
      showSuccess(t("common.saved"));
      queryClient.setQueryData(leadKeys.screening, saved);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
    },
    onError: (err) => showError(err, form),
  });

  if (settings.isPending) return <PageSpin />;
  return (
    <Card title={<BackTitle to="/leads">{tl("set.title")}</BackTitle>}>
      {settings.data?.isDefault && (
        <Alert type="info" showIcon title={tl("set.default")} style={{ marginBottom: 16 }} />
      )}
      {!editable && <Alert type="warning" showIcon title={tl("set.readonly")} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(v) => save.mutate(v)}
        data-testid="screening-form"
      >
        <Form.Item
          name="passScore"
          label={tl("set.passScore")}
          extra={tl("set.maxScore", { n: settings.data?.maxScore ?? 0 })}
        >
          <InputNumber min={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <CriterionFields key={f.key} index={f.name} remove={() => remove(f.name)} />
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    key: "",
                    name: "",
                    kind: "number",
                    unit: "",
                    direction: "higher",
                    bands: [],
                    passBound: 0,
                    required: false,
                  })
                }
                style={{ display: "block", marginBottom: 16 }}
              >
                {tl("set.addCriterion")}
              </Button>
            </>
          )}
        </Form.List>
        {editable && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="screening-save">
              {t("common.save")}
            </Button>
            <Button onClick={() => form.setFieldsValue(DEFAULT_SCREENING_SCHEME)}>{tl("set.reset")}</Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}
