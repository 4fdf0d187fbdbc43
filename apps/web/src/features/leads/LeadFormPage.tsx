import { useQueryClient } from "@tanstack/react-query";
import { NewLeadInput } from "@zoneos/contracts";
import { industryPath } from "@zoneos/domain/industry";
import {
  CHAIN_SEGMENT_NAMES,
  type ChainSegment,
  INVESTOR_MARK_NAMES,
  INVESTOR_MARKS,
  LEAD_CHANNEL_NAMES,
  LEAD_CHANNELS,
  LEAD_STAGE_NAMES,
} from "@zoneos/domain/investment";
import { regionPath } from "@zoneos/domain/regions";
import {
  Alert,
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
  Radio,
  Result,
  Row,
  Select,
} from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useEffect, useMemo } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { useMe } from "../../app/auth.ts";
import { BackTitle, SubmitCancel } from "../../components/Buttons.tsx";
import { type CascaderOption, IndustryCascader } from "../../components/IndustryCascader.tsx";
import { PageSpin } from "../../components/PageSpin.tsx";
import { REGION_OPTIONS } from "../../components/regionOptions.ts";
import { useEditForm } from "../../components/useEditForm.ts";
import { cleanDecimal } from "./leadFormat.ts";
import { useLeadI18n } from "./leadI18n.ts";
import {
  type Lead,
  type LeadChannel,
  type LeadOptions,
  leadKeys,
  useLead,
  useLeadOptions,
  useLeadPrefill,
} from "./useLeads.ts";

type FormValues = {
  name?: string;
  code?: string;
  investorName?: string;
  investorCreditCode?: string;
  investorRegion?: string[];
  investorMarks?: string[];
  investmentWan?: string | null;
  industry?: string[];
  chainLink?: string[];
  channel?: LeadChannel;
  unitId?: string;
  officerId?: string | null;
  leaderId?: string | null;
  landMu?: string | null;
  jobs?: number | null;
  notes?: string;
  initialStage?: "clue" | "contact" | "negotiation";
  stageOn?: Dayjs | null;
  tripId?: string | null;
  targetId?: string | null;
};

/** The chain picker's options: chain → its links (sub-links under their parent), grouped by segment in the label. */
function chainOptions(chains: LeadOptions["chains"], lang: "zh-CN" | "en-US"): CascaderOption[] {
  return chains.map((c) => {
    const childrenOf = (parentId: string | null): CascaderOption[] =>
      c.links
        .filter((l) => l.parentId === parentId)
        .map((l) => {
          const children = childrenOf(l.id);
          const segment = CHAIN_SEGMENT_NAMES[l.segment as ChainSegment]?.[lang] ?? "";
          return {
            value: l.id,
            label: parentId ? l.name : `${segment ? `${segment} · ` : ""}${l.name}`,
            ...(children.length ? { children } : {}),
          };
        });
    return { value: c.id, label: c.name ?? "—", children: childrenOf(null) };
  });
}

/** The cascader path of a link: its chain, its parent links, the link. */
function linkPath(chains: LeadOptions["chains"], linkId: string | null): string[] | undefined {
  if (!linkId) return undefined;
  for (const c of chains) {
    const byId = new Map(c.links.map((l) => [l.id, l]));
    let link = byId.get(linkId);
    if (!link) continue;
    const path: string[] = [];
    while (link) {
      path.unshift(link.id);
      link = link.parentId ? byId.get(link.parentId) : undefined;
    }
    return [c.id, ...path];
  }
  return undefined;
}

function toFormValues(l: Lead): FormValues {
  return {
    name: l.name,
    code: l.code,
    investorName: l.investorName,
    investorCreditCode: l.investorCreditCode ?? undefined,
    investorRegion: l.investorRegionCode ? regionPath(l.investorRegionCode) : undefined,
    investorMarks: l.investorMarks,
    investmentWan: l.investmentWan,
    industry: l.industryCode ? industryPath(l.industryCode) : undefined,
    chainLink: l.chainId && l.chainLinkId ? [l.chainId, l.chainLinkId] : undefined,
    channel: l.channel,
    unitId: l.unitId,
    officerId: l.officerId,
    leaderId: l.leaderId,
    landMu: l.landMu,
    jobs: l.jobs,
    notes: l.notes ?? undefined,
    tripId: l.tripId,
    targetId: l.target?.id ?? null,
  };
}

function toRawInput(v: FormValues): Record<string, unknown> {
  return {
    name: v.name ?? "",
    code: v.code?.trim() || null,
    investorName: v.investorName ?? "",
    investorCreditCode: v.investorCreditCode?.trim() || null,
    investorRegionCode: v.investorRegion?.at(-1) ?? null,
    investorMarks: v.investorMarks ?? [],
    investmentWan: cleanDecimal(v.investmentWan) || null,
    industryCode: v.industry?.at(-1) ?? null,
    chainLinkId: v.chainLink && v.chainLink.length > 1 ? v.chainLink.at(-1) : null,
    channel: v.channel,
    unitId: v.unitId ?? "",
    officerId: v.officerId ?? null,
    leaderId: v.leaderId ?? null,
    landMu: cleanDecimal(v.landMu) || null,
    jobs: v.jobs ?? null,
    tripId: v.tripId ?? null,
    targetId: v.targetId ?? null,
    notes: v.notes ?? null,
    initialStage: v.initialStage ?? "clue",
    stageOn: v.stageOn ? v.stageOn.format("YYYY-MM-DD") : null,
  };
}

function toFormName(path: (string | number)[]): (string | number)[] {
  const renames: Record<string, string> = {
    industryCode: "industry",
    chainLinkId: "chainLink",
    investorRegionCode: "investorRegion",
  };
  const first = path[0];
  return typeof first === "string" && renames[first] ? [renames[first]] : path;
}

/**
 * 新建 / 编辑 a lead. Coming from a chain target or a trip, `?targetId=&chainLinkId=&tripId=` fill the form.
 */
export function LeadFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const [sp] = useSearchParams();
  const { lang, t, tl } = useLeadI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<FormValues>();
  const existing = useLead(id);
  const options = useLeadOptions();
  const allowed = new Set(options.data?.allowedUnitIds ?? []);
  const units = (options.data?.units ?? []).filter((u) => allowed.has(u.id) || u.id === existing.data?.unitId);
  const defaultUnit = me?.unitId && allowed.has(me.unitId) ? me.unitId : undefined;
  const chains = options.data?.chains ?? [];
  const chainTree = useMemo(() => chainOptions(chains, lang), [chains, lang]);
  const fromTarget = sp.get("targetId");
  const fromTrip = sp.get("tripId");
  const fromLink = sp.get("chainLinkId");
  const prefill = useLeadPrefill(editing ? null : fromTarget, editing ? null : fromTrip);
  const target = prefill.data?.target ?? null;

  useEffect(() => {
    if (editing) return;
    if (defaultUnit && !form.getFieldValue("unitId")) form.setFieldValue("unitId", defaultUnit);
    if (me?.role === "officer" && !form.getFieldValue("officerId")) form.setFieldValue("officerId", me.id);
  }, [editing, defaultUnit, me, form]);
  useEffect(() => {
    if (editing || !fromLink || !chains.length) return;
    const path = linkPath(chains, fromLink);
    if (path) form.setFieldValue("chainLink", path);
  }, [editing, fromLink, chains, form]);
  // From a target (一键转为线索): the investor, its region and the link; the lead is named after both.
  useEffect(() => {
    if (editing || !target) return;
    if (!form.getFieldValue("investorName")) form.setFieldValue("investorName", target.name);
    if (!form.getFieldValue("name"))
      form.setFieldValue(
        "name",
        `${target.name.replace(/(股份|集团|科技股份)?有限(责任)?公司$/, "")}${target.chainLinkName}项目`,
      );
    if (target.creditCode && !form.getFieldValue("investorCreditCode"))
      form.setFieldValue("investorCreditCode", target.creditCode);
    if (target.regionCode && !form.getFieldValue("investorRegion"))
      form.setFieldValue("investorRegion", regionPath(target.regionCode));
    const path = chains.length ? linkPath(chains, target.chainLinkId) : undefined;
    if (path) form.setFieldValue("chainLink", path);
  }, [editing, target, chains, form]);
  // The stored link shown with its parents once the chains arrive.
  useEffect(() => {
    const l = existing.data;
    if (!l?.chainLinkId || !chains.length) return;
    const path = linkPath(chains, l.chainLinkId);
    if (path) form.setFieldValue("chainLink", path);
  }, [existing.data, chains, form]);

  const { formProps, saving, contextHolder } = useEditForm({
    form,
    record: existing.data,
    toFormValues,
    toRawInput,
    schema: NewLeadInput,
    toFormName,
    lang,
    path: "/leads",
    texts: {
      created: tl("form.created"),
      fixErrors: tl("form.fixErrors"),
      conflict: tl("form.conflict"),
      conflictHint: tl("form.conflictHint"),
    },
    onSaved: (saved) => {
      queryClient.setQueryData(leadKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      navigate(`/leads/${saved.id}`, { replace: true });
    },
    reload: () => existing.refetch(),
  });

  if (editing && existing.isPending) return <PageSpin />;
  if (editing && (existing.isError || (existing.data && !existing.data.canEdit))) {
    const notFound = existing.isError && isApiError(existing.error) && existing.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "403"}
        title={notFound ? tl("detail.notFound") : t("common.forbidden")}
        extra={
          <Link to={id ? `/leads/${id}` : "/leads"}>
            <Button type="primary">{t("common.back")}</Button>
          </Link>
        }
      />
    );
  }

  const required = (field: string) => ({ required: true, message: t("common.required", { field }) });
  const picker = (list: { id: string; name: string | null }[] | undefined, testId: string) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      loading={options.isPending}
      options={(list ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
      placeholder={t("common.select")}
      data-testid={testId}
    />
  );

  return (
    <Card
      title={
        <BackTitle>
          {editing ? `${tl("form.editTitle")} · ${existing.data?.name ?? ""}` : tl("form.createTitle")}
        </BackTitle>
      }
    >
      {contextHolder}
      {!editing && target && !target.leadId && (
        <Alert
          type="info"
          showIcon
          title={tl("form.fromTarget", { name: `${target.chainName} · ${target.chainLinkName} · ${target.name}` })}
          style={{ marginBottom: 16 }}
        />
      )}
      {!editing && target?.leadId && (
        <Alert
          type="warning"
          showIcon
          title={tl("form.targetHasLead")}
          action={<Link to={`/leads/${target.leadId}`}>{tl("form.openLead")}</Link>}
          style={{ marginBottom: 16 }}
        />
      )}
      {editing && existing.data?.target && (
        <Alert
          type="info"
          showIcon
          title={tl("form.fromTarget", { name: existing.data.target.name ?? "" })}
          style={{ marginBottom: 16 }}
        />
      )}
      {!editing && fromTrip && (
        <Alert
          type="info"
          showIcon
          title={tl("form.fromTrip", { name: prefill.data?.trip?.label ?? "" })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<FormValues>
        {...formProps}
        layout="vertical"
        initialValues={{
          channel: fromTarget ? "chain" : fromTrip ? "resident" : "business",
          investorMarks: [],
          initialStage: "clue",
          unitId: defaultUnit,
          targetId: fromTarget,
          tripId: fromTrip,
        }}
        scrollToFirstError
        data-testid="lead-form"
      >
        <Form.Item name="targetId" hidden>
          <Input />
        </Form.Item>
        <Form.Item name="tripId" hidden>
          <Input />
        </Form.Item>
        <Divider titlePlacement="start">{tl("form.basic")}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={12} xl={10}>
            <Form.Item name="name" label={tl("field.name")} rules={[required(tl("field.name"))]}>
              <Input maxLength={200} data-testid="lead-name-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="code" label={tl("field.code")} extra={editing ? undefined : tl("form.codeHint")}>
              <Input maxLength={40} style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="investmentWan" label={tl("field.investment")} rules={[required(tl("field.investment"))]}>
              <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid="lead-investment" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={10}>
            <Form.Item name="investorName" label={tl("field.investor")} rules={[required(tl("field.investor"))]}>
              <Input maxLength={200} data-testid="lead-investor-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="investorCreditCode" label={tl("field.investorCreditCode")}>
              <Input maxLength={30} style={{ fontFamily: "monospace" }} placeholder="91320115MA1XXXXXXX" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="investorRegion" label={tl("field.investorRegion")}>
              <Cascader<CascaderOption>
                options={REGION_OPTIONS}
                changeOnSelect
                showSearch
                placeholder={tl("form.regionPlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="investorMarks" label={tl("field.investorMarks")}>
              <Checkbox.Group
                options={INVESTOR_MARKS.map((m) => ({ value: m, label: INVESTOR_MARK_NAMES[m][lang] }))}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{tl("form.chain")}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="industry" label={tl("field.industry")}>
              <IndustryCascader />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="chainLink" label={tl("field.chainLink")}>
              <Cascader<CascaderOption>
                options={chainTree}
                changeOnSelect
                showSearch
                disabled={!editing && !!fromTarget}
                placeholder={t("common.select")}
                data-testid="lead-chain-link"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="channel" label={tl("field.channel")} rules={[required(tl("field.channel"))]}>
              <Select options={LEAD_CHANNELS.map((c) => ({ value: c, label: LEAD_CHANNEL_NAMES[c][lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="landMu" label={tl("field.land")}>
              <InputNumber<string> stringMode min="0" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="jobs" label={tl("field.jobs")}>
              <InputNumber<number> min={0} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{tl("form.responsibility")}</Divider>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="unitId" label={tl("field.unit")} rules={[required(tl("field.unit"))]}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                loading={options.isPending}
                options={units.map((u) => ({ value: u.id, label: u.name ?? "—" }))}
                placeholder={t("common.select")}
                data-testid="lead-unit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="officerId" label={tl("field.officer")}>
              {picker(
                options.data?.officers.map((o) => ({
                  id: o.id,
                  name: o.unitName ? `${o.name ?? "—"}（${o.unitName}）` : o.name,
                })),
                "lead-officer",
              )}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="leaderId" label={tl("field.leader")}>
              {picker(options.data?.leaders, "lead-leader")}
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={tl("field.notes")}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>

        {!editing && (
          <>
            <Divider titlePlacement="start">{tl("form.start")}</Divider>
            <Row gutter={24}>
              <Col xs={24} md={12}>
                <Form.Item name="initialStage" label={tl("field.initialStage")}>
                  <Radio.Group
                    options={(["clue", "contact", "negotiation"] as const).map((s) => ({
                      value: s,
                      label: LEAD_STAGE_NAMES[s][lang],
                    }))}
                    data-testid="lead-initial-stage"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="stageOn" label={tl("field.stageOn")} extra={tl("form.stageOnHint")}>
                  <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        <Divider />
        <SubmitCancel saving={saving} testId="lead-save" />
      </Form>
    </Card>
  );
}
