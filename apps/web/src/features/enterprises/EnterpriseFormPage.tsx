import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { EnterpriseInput } from "@zoneos/contracts";
import { industryPath } from "@zoneos/domain/industry";
import { ENTERPRISE_LABEL_NAMES, ENTERPRISE_LABELS } from "@zoneos/domain/labels";
import { regionPath } from "@zoneos/domain/regions";
import {
  Button,
  Card,
  Cascader,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Switch,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { useI18n } from "../../app/i18n.ts";
import type { Enterprise, EnterpriseLabelKey } from "../../app/types.ts";
import { BackTitle, RemoveButton, SubmitCancel } from "../../components/Buttons.tsx";
import { CreditCodeItem } from "../../components/CreditCodeItem.tsx";
import { type CascaderOption, IndustryCascader } from "../../components/IndustryCascader.tsx";
import { PageSpin } from "../../components/PageSpin.tsx";
import { REGION_OPTIONS } from "../../components/regionOptions.ts";
import { useEditForm } from "../../components/useEditForm.ts";
import { enterpriseKeys, useEnterprise, useEnterpriseOptions } from "./useEnterprises.ts";

type LabelRow = { label?: EnterpriseLabelKey; awardedOn?: Dayjs | null; expiresOn?: Dayjs | null };
type ContactRow = { name?: string; title?: string; phone?: string; email?: string; isPrimary?: boolean };
type FormValues = {
  creditCode?: string;
  name?: string;
  industry?: string[];
  region?: string[];
  parkUnitId?: string | null;
  officerId?: string | null;
  landMu?: string | null;
  registeredCapitalWan?: string | null;
  establishedOn?: Dayjs | null;
  legalRepresentative?: string;
  address?: string;
  isKey?: boolean;
  labels?: LabelRow[];
  contacts?: ContactRow[];
};

const EMPTY: FormValues = { isKey: false, labels: [], contacts: [] };

function toFormValues(e: Enterprise): FormValues {
  return {
    creditCode: e.creditCode,
    name: e.name,
    industry: e.industryCode ? industryPath(e.industryCode) : undefined,
    region: e.regionCode ? regionPath(e.regionCode) : undefined,
    parkUnitId: e.parkUnitId,
    officerId: e.officerId,
    landMu: e.landMu,
    registeredCapitalWan: e.registeredCapitalWan,
    establishedOn: e.establishedOn ? dayjs(e.establishedOn) : null,
    legalRepresentative: e.legalRepresentative ?? undefined,
    address: e.address ?? undefined,
    isKey: e.isKey,
    labels: e.labelDetails.map((l) => ({
      label: l.label,
      awardedOn: l.awardedOn ? dayjs(l.awardedOn) : null,
      expiresOn: l.expiresOn ? dayjs(l.expiresOn) : null,
    })),
    contacts: e.contacts.map((c) => ({
      name: c.name,
      title: c.title ?? undefined,
      phone: c.phone ?? undefined,
      email: c.email ?? undefined,
      isPrimary: c.isPrimary,
    })),
  };
}

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

/** The form's values in the shape of EnterpriseInput (not yet checked). */
function toRawInput(v: FormValues): Record<string, unknown> {
  return {
    creditCode: v.creditCode ?? "",
    name: v.name ?? "",
    industryCode: v.industry?.at(-1) ?? null,
    regionCode: v.region?.at(-1) ?? null,
    parkUnitId: v.parkUnitId ?? null,
    officerId: v.officerId ?? null,
    landMu: v.landMu ?? null,
    registeredCapitalWan: v.registeredCapitalWan ?? null,
    establishedOn: day(v.establishedOn),
    legalRepresentative: v.legalRepresentative ?? null,
    address: v.address ?? null,
    isKey: v.isKey ?? false,
    labels: (v.labels ?? []).map((l) => ({
      label: l.label,
      awardedOn: day(l.awardedOn),
      expiresOn: day(l.expiresOn),
    })),
    contacts: (v.contacts ?? []).map((c) => ({
      name: c.name ?? "",
      title: c.title ?? null,
      phone: c.phone ?? null,
      email: c.email ?? null,
      isPrimary: c.isPrimary ?? false,
    })),
  };
}

/** Schema field names that the form shows under another name. */
function toFormName(path: (string | number)[]): (string | number)[] {
  if (path[0] === "industryCode") return ["industry"];
  if (path[0] === "regionCode") return ["region"];
  return path;
}

export function EnterpriseFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const existing = useEnterprise(id);
  const options = useEnterpriseOptions();

  const { formProps, saving, contextHolder } = useEditForm({
    form,
    record: existing.data,
    toFormValues,
    toRawInput,
    schema: EnterpriseInput,
    toFormName,
    lang,
    path: "/enterprises",
    texts: {
      created: t("ent.form.created"),
      fixErrors: t("ent.form.fixErrors"),
      conflict: t("ent.form.conflict"),
      conflictHint: t("ent.form.conflictHint"),
    },
    onSaved: (saved) => {
      queryClient.setQueryData(enterpriseKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
      navigate(`/enterprises/${saved.id}`, { replace: true });
    },
    onSaveError: (err) => {
      if (isApiError(err) && err.code === "DUPLICATE_CREDIT_CODE") {
        form.setFields([{ name: "creditCode", errors: [err.detail] }]);
      }
    },
    reload: () => existing.refetch(),
  });

  if (editing && existing.isPending) return <PageSpin />;
  if (editing && existing.isError) {
    const notFound = isApiError(existing.error) && existing.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? t("ent.detail.notFound") : t("common.loadFailed")}
        extra={
          <Link to="/enterprises">
            <Button type="primary">{t("nav.enterprises")}</Button>
          </Link>
        }
      />
    );
  }

  const required = (field: string) => ({ required: true, message: t("common.required", { field }) });

  return (
    <Card
      title={
        <BackTitle>
          {editing ? `${t("ent.form.editTitle")} · ${existing.data?.name ?? ""}` : t("ent.form.createTitle")}
        </BackTitle>
      }
    >
      {contextHolder}
      <Form<FormValues>
        {...formProps}
        layout="vertical"
        initialValues={EMPTY}
        scrollToFirstError
        data-testid="enterprise-form"
      >
        <Typography.Title level={5}>{t("ent.form.basic")}</Typography.Title>
        <Row gutter={24}>
          <Col xs={24} md={12} xl={8}>
            <CreditCodeItem name="creditCode" label={t("ent.field.creditCode")} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="name" label={t("ent.field.name")} rules={[required(t("ent.field.name"))]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="legalRepresentative" label={t("ent.field.legalRepresentative")}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="industry" label={t("ent.field.industry")}>
              <IndustryCascader placeholder={t("ent.form.industryPlaceholder")} data-testid="industry-cascader" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="region" label={t("ent.field.region")}>
              <Cascader<CascaderOption>
                options={REGION_OPTIONS}
                showSearch={{ matchInputWidth: false, limit: 100 }}
                allowClear
                placeholder={t("ent.form.regionPlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="parkUnitId" label={t("ent.field.park")}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                loading={options.isPending}
                options={(options.data?.parks ?? []).map((p) => ({ value: p.id, label: p.name }))}
                placeholder={t("common.select")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="officerId" label={t("ent.field.officer")}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                loading={options.isPending}
                options={(options.data?.officers ?? []).map((o) => ({
                  value: o.id,
                  label: o.unitName ? `${o.displayName}（${o.unitName}）` : o.displayName,
                }))}
                placeholder={t("common.select")}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="landMu" label={t("ent.field.landMu")}>
              <InputNumber<string> stringMode min="0" style={{ width: "100%" }} suffix={t("ent.unit.mu")} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="registeredCapitalWan" label={t("ent.field.registeredCapitalWan")}>
              <InputNumber<string> stringMode min="0" style={{ width: "100%" }} suffix={t("ent.unit.wan")} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="establishedOn" label={t("ent.field.establishedOn")}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="isKey" label={t("ent.field.isKey")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} xl={16}>
            <Form.Item name="address" label={t("ent.field.address")}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("ent.field.labels")}</Divider>
        <Form.List name="labels">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row gutter={16} key={key} align="top">
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[name, "label"]}
                      label={t("ent.label.label")}
                      rules={[{ required: true, message: t("common.required", { field: t("ent.label.label") }) }]}
                    >
                      <Select
                        options={ENTERPRISE_LABELS.map((l) => ({ value: l, label: ENTERPRISE_LABEL_NAMES[l][lang] }))}
                        placeholder={t("common.select")}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={6}>
                    <Form.Item name={[name, "awardedOn"]} label={t("ent.label.awardedOn")}>
                      <DatePicker style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={6}>
                    <Form.Item name={[name, "expiresOn"]} label={t("ent.label.expiresOn")}>
                      <DatePicker style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={4}>
                    <Form.Item label=" ">
                      <RemoveButton onClick={() => remove(name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ awardedOn: null, expiresOn: null })}>
                {t("ent.label.add")}
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t("ent.field.contacts")}</Divider>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row gutter={16} key={key} align="top">
                  <Col xs={12} md={4}>
                    <Form.Item
                      name={[name, "name"]}
                      label={t("ent.contact.name")}
                      rules={[{ required: true, message: t("common.required", { field: t("ent.contact.name") }) }]}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[name, "title"]} label={t("ent.contact.title")}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[name, "phone"]} label={t("ent.contact.phone")}>
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[name, "email"]} label={t("ent.contact.email")}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={3}>
                    <Form.Item name={[name, "isPrimary"]} label=" " valuePropName="checked">
                      <Checkbox>{t("ent.contact.primary")}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={2}>
                    <Form.Item label=" ">
                      <RemoveButton onClick={() => remove(name)} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ isPrimary: fields.length === 0 })}>
                {t("ent.contact.add")}
              </Button>
            </>
          )}
        </Form.List>

        <Divider />
        <SubmitCancel saving={saving} testId="enterprise-save" />
      </Form>
    </Card>
  );
}
