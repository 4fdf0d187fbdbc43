import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Form, Input, Modal, Select } from "antd";
import { api } from "../../app/api.ts";
import { useMe } from "../../app/auth.ts";
import { useI18n } from "../../app/i18n.ts";
import { AttachmentField } from "../../components/Attachments.tsx";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { type Case, type CaseInput, caseKeys, useCaseCategories } from "./useCases.ts";

/** The values of CASE_SOURCES / CASE_PRIORITIES (kept here so the chunk does not load the contracts' schemas). */
const SOURCES = ["hotline", "visit", "service_day", "portal"] as const;
const PRIORITIES = ["normal", "urgent"] as const;

type Values = {
  enterpriseId?: string | null;
  category: string;
  title: string;
  description: string;
  source: (typeof SOURCES)[number];
  priority: (typeof PRIORITIES)[number];
  attachmentIds?: string[];
};

/** 登记诉求: staff name the enterprise; an enterprise user files for its own. */
export function CaseCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Case) => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const categories = useCaseCategories();
  const isEnterprise = me?.role === "enterprise";

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: CaseInput = {
        enterpriseId: isEnterprise ? null : (v.enterpriseId ?? null),
        category: v.category,
        title: v.title,
        description: v.description,
        source: isEnterprise ? "portal" : v.source,
        priority: v.priority,
        attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
      };
      return api.post<Case>("/cases", body);
    },
    meta: { quiet: true },
    onSuccess: (c) => {
      showSuccess(t("cases.created", { number: c.number }));
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      onCreated(c);
    },
    onError: (err) => showError(err, form),
  });

  return (
    <Modal
      open
      title={t("cases.new")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ source: isEnterprise ? "portal" : "hotline", priority: "normal" }}
        onFinish={(v) => save.mutate(v)}
        data-testid="case-form"
      >
        {!isEnterprise && (
          <Form.Item
            name="enterpriseId"
            label={t("cases.field.enterprise")}
            rules={[{ required: true, message: t("common.required", { field: t("cases.field.enterprise") }) }]}
          >
            <EnterprisePicker />
          </Form.Item>
        )}
        <Form.Item
          name="category"
          label={t("cases.field.category")}
          rules={[{ required: true, message: t("common.required", { field: t("cases.field.category") }) }]}
        >
          <Select
            loading={categories.isPending}
            placeholder={t("common.select")}
            options={(categories.data?.items ?? [])
              .filter((c) => c.active)
              .map((c) => ({ value: c.code, label: c.name }))}
            data-testid="case-category"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("cases.field.title")}
          rules={[
            { required: true, whitespace: true, message: t("common.required", { field: t("cases.field.title") }) },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("cases.field.description")}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t("common.required", { field: t("cases.field.description") }),
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        {!isEnterprise && (
          <Form.Item name="source" label={t("cases.field.source")}>
            <Select options={SOURCES.map((s) => ({ value: s, label: t(`cases.source.${s}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="priority" label={t("cases.field.priority")}>
          <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`cases.priority.${p}`) }))} />
        </Form.Item>
        <AttachmentField />
      </Form>
    </Modal>
  );
}
