import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProjectBoard } from "@zoneos/contracts";
import { LEAD_STAGE_NAMES, LOST_REASON_NAMES, LOST_REASONS } from "@zoneos/domain/investment";
import { Alert, DatePicker, Form, Input, InputNumber, Radio, Select } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { api } from "../../app/api.ts";
import { CreditCodeItem } from "../../components/CreditCodeItem.tsx";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { useSearchText } from "../../components/useSearchText.ts";
import { cleanDecimal, formatWan } from "./leadFormat.ts";
import { useLeadI18n } from "./leadI18n.ts";
import { type Lead, type LeadMoveOption, type LeadStage, leadKeys } from "./useLeads.ts";

type Values = {
  on?: Dayjs | null;
  note?: string;
  lostReason?: string;
  overrideReason?: string;
  signedAmountWan?: string | null;
  enterpriseMode?: "existing" | "new";
  registeredEnterpriseId?: string | null;
  newEnterprise?: { creditCode?: string; name?: string };
  projectMode?: "new" | "existing";
  projectId?: string | null;
};

/** The lead a move is made on: what the dialog shows and sends. */
export type MovableLead = Pick<Lead, "id" | "version" | "stage" | "stageOn" | "investmentWan" | "name">;

/** Searches the project registry for the 开工 link (name, code, pinyin). */
function ProjectPicker({ value, onChange }: { value?: string | null; onChange?: (v: string | null) => void }) {
  const { tl } = useLeadI18n();
  const { q, setText } = useSearchText();
  const found = useQuery({
    queryKey: ["lead-project-picker", q],
    queryFn: ({ signal }) => api.get<ProjectBoard>("/projects", { q, planned: "false", pageSize: 20 }, signal),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={found.isFetching}
      placeholder={tl("move.projectPlaceholder")}
      options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
      data-testid="lead-move-project"
    />
  );
}

/**
 * The dialog of a stage move (the lead's page and the board's drop): asks what the move needs — the date, a reason
 * for 流失, a note to go back, the contract amount, a leader's override reason, the registered enterprise, the
 * project — and shows the server's refusal when it has one.
 */
export function LeadMoveModal({
  lead,
  option,
  onClose,
  onMoved,
}: {
  lead: MovableLead;
  option: LeadMoveOption;
  onClose: () => void;
  onMoved?: (lead: Lead) => void;
}) {
  const { lang, t, tl } = useLeadI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const needs = new Set(option.needs);
  const enterpriseMode = Form.useWatch("enterpriseMode", form) ?? "existing";
  const projectMode = Form.useWatch("projectMode", form) ?? "new";
  const to: LeadStage = option.to;
  const backwards = needs.has("note");

  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Lead>(`/leads/${lead.id}/stage`, {
        to,
        version: lead.version,
        on: v.on ? v.on.format("YYYY-MM-DD") : null,
        note: v.note?.trim() || null,
        lostReason: needs.has("lostReason") ? v.lostReason : null,
        overrideReason: needs.has("override") ? v.overrideReason?.trim() || null : null,
        signedAmountWan: needs.has("signedAmount") ? cleanDecimal(v.signedAmountWan) || null : null,
        registeredEnterpriseId:
          (needs.has("enterprise") || needs.has("project")) && v.enterpriseMode !== "new"
            ? (v.registeredEnterpriseId ?? null)
            : null,
        newEnterprise:
          v.enterpriseMode === "new" && v.newEnterprise?.creditCode
            ? { creditCode: v.newEnterprise.creditCode, name: v.newEnterprise.name ?? "" }
            : null,
        projectId: needs.has("project") && v.projectMode === "existing" ? (v.projectId ?? null) : null,
      }),
    meta: { quiet: true },
    onSuccess: (saved) => {
      showSuccess(tl("move.done", { stage: LEAD_STAGE_NAMES[to][lang] }));
      queryClient.setQueryData(leadKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      if (saved.project) void queryClient.invalidateQueries({ queryKey: ["projects"] });
      onMoved?.(saved);
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  const required = (field: string) => ({ required: true, message: t("common.required", { field }) });
  return (
    <FormModal<Values>
      form={form}
      title={tl("move.title", { from: LEAD_STAGE_NAMES[lead.stage][lang], to: LEAD_STAGE_NAMES[to][lang] })}
      width={560}
      okText={t("common.ok")}
      saving={save.isPending}
      onClose={onClose}
      onFinish={(v) => save.mutate(v)}
      initialValues={{ on: dayjs(), enterpriseMode: "existing", projectMode: "new" }}
      testId="lead-move-form"
    >
      {needs.has("override") && (
        <Alert type="warning" showIcon title={tl("move.overrideHint")} style={{ marginBottom: 16 }} />
      )}
      <Form.Item name="on" label={tl("move.on")} rules={[required(tl("move.on"))]}>
        <DatePicker
          style={{ width: "100%" }}
          disabledDate={(d) => d.isAfter(dayjs(), "day") || d.isBefore(dayjs(lead.stageOn), "day")}
        />
      </Form.Item>
      {needs.has("lostReason") && (
        <Form.Item name="lostReason" label={tl("move.lostReason")} rules={[required(tl("move.lostReason"))]}>
          <Select
            options={LOST_REASONS.map((r) => ({ value: r, label: LOST_REASON_NAMES[r][lang] }))}
            data-testid="lead-move-lost-reason"
          />
        </Form.Item>
      )}
      {needs.has("override") && (
        <Form.Item name="overrideReason" label={tl("move.override")} rules={[required(tl("move.override"))]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="lead-move-override" />
        </Form.Item>
      )}
      {needs.has("signedAmount") && (
        <Form.Item
          name="signedAmountWan"
          label={tl("move.signedAmount")}
          extra={tl("move.signedAmountHint", { amount: formatWan(lead.investmentWan, lang) })}
        >
          <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid="lead-move-amount" />
        </Form.Item>
      )}
      {(needs.has("enterprise") || needs.has("project")) && (
        <>
          <Form.Item name="enterpriseMode" label={tl("move.enterprise")} style={{ marginBottom: 8 }}>
            <Radio.Group
              options={[
                { value: "existing", label: tl("move.enterpriseExisting") },
                { value: "new", label: tl("move.enterpriseNew") },
              ]}
            />
          </Form.Item>
          {enterpriseMode === "existing" ? (
            <Form.Item
              name="registeredEnterpriseId"
              rules={needs.has("enterprise") ? [required(tl("move.enterprise"))] : []}
            >
              <EnterprisePicker />
            </Form.Item>
          ) : (
            <>
              <CreditCodeItem name={["newEnterprise", "creditCode"]} label={tl("move.enterpriseCreditCode")} />
              <Form.Item
                name={["newEnterprise", "name"]}
                label={tl("move.enterpriseName")}
                rules={[required(tl("move.enterpriseName"))]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </>
      )}
      {needs.has("project") && (
        <>
          <Form.Item name="projectMode" label={tl("move.project")} style={{ marginBottom: 8 }}>
            <Radio.Group
              options={[
                { value: "new", label: tl("move.projectNew") },
                { value: "existing", label: tl("move.projectExisting") },
              ]}
              data-testid="lead-move-project-mode"
            />
          </Form.Item>
          {projectMode === "existing" && (
            <Form.Item name="projectId" rules={[required(tl("move.projectId"))]}>
              <ProjectPicker />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item
        name="note"
        label={needs.has("lostReason") ? tl("move.lostNote") : backwards ? tl("move.noteBack") : tl("move.note")}
        rules={needs.has("lostReason") || backwards ? [required(tl("move.note"))] : []}
      >
        <Input.TextArea rows={2} maxLength={1000} data-testid="lead-move-note" />
      </Form.Item>
    </FormModal>
  );
}
