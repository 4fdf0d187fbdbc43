import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, DatePicker, Form, Input, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { api } from "../../app/api.ts";
import { SubmitCancel } from "../../components/Buttons.tsx";
import { EnterprisePicker } from "../../components/EnterprisePicker.tsx";
import { FormCardList } from "../../components/FormCardList.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { caseKeys, useCaseCategories } from "../cases/useCases.ts";
import type { Project } from "../projects/useProjects.ts";
import { KINDS, useVisitI18n, useVisitOptions, type Visit, type VisitInput, visitKeys } from "./useVisits.ts";

type Values = {
  enterpriseId?: string | null;
  visitedOn: Dayjs;
  kind: VisitInput["kind"];
  visitorIds?: string[];
  participants?: string;
  notes?: string;
  demands?: { category?: string; title?: string; description?: string }[];
};

/** 登记走访: the visit and the demands raised on it, which become cases in the same transaction. */
export function VisitFormPage() {
  const { t, tv } = useVisitI18n();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const options = useVisitOptions();
  const categories = useCaseCategories();
  // 走访项目: a visit of a project is a visit of its owner enterprise, which is then fixed.
  const projectId = sp.get("projectId");
  const project = useQuery({
    queryKey: ["projects", "detail", projectId ?? ""],
    queryFn: ({ signal }) => api.get<Project>(`/projects/${projectId}`, undefined, signal),
    enabled: !!projectId,
  });
  const owner = project.data?.ownerEnterpriseId;
  useEffect(() => {
    if (owner) form.setFieldValue("enterpriseId", owner);
  }, [owner, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: VisitInput = {
        projectId: projectId ?? undefined,
        enterpriseId: v.enterpriseId ?? "",
        visitedOn: v.visitedOn.format("YYYY-MM-DD"),
        kind: v.kind,
        visitorIds: v.visitorIds ?? [],
        participants: v.participants ?? null,
        notes: v.notes ?? "",
        demands: (v.demands ?? []).map((d) => ({
          category: d.category ?? "",
          title: d.title ?? "",
          description: d.description ?? "",
        })),
      };
      return api.post<Visit>("/visits", body);
    },
    meta: { quiet: true },
    onSuccess: (v) => {
      showSuccess(tv("visits.created", { n: v.demands.length }));
      void queryClient.invalidateQueries({ queryKey: visitKeys.all });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      navigate(`/visits/${v.id}`, { replace: true });
    },
    onError: (err) => showError(err, form),
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t("common.required", { field }) });

  return (
    <Card title={project.data ? `${tv("visits.new")} · ${project.data.name}` : tv("visits.new")}>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 880 }}
        initialValues={{ kind: "routine", visitedOn: dayjs(), enterpriseId: sp.get("enterpriseId") ?? undefined }}
        onFinish={(v) => save.mutate(v)}
        data-testid="visit-form"
      >
        <Form.Item
          name="enterpriseId"
          label={tv("visits.field.enterprise")}
          rules={[{ required: true, message: t("common.required", { field: tv("visits.field.enterprise") }) }]}
        >
          <EnterprisePicker disabled={!!projectId} initialLabel={project.data?.ownerName ?? null} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="visitedOn" label={tv("visits.field.visitedOn")} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} allowClear={false} data-testid="visit-date" />
          </Form.Item>
          <Form.Item name="kind" label={tv("visits.field.kind")}>
            <Select
              style={{ width: 180 }}
              options={KINDS.map((k) => ({ value: k, label: tv(`visits.kind.${k}`) }))}
              data-testid="visit-kind"
            />
          </Form.Item>
        </Space>
        <Form.Item name="visitorIds" label={tv("visits.field.visitors")} extra={tv("visits.field.visitorsHint")}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            options={(options.data?.staff ?? []).map((o) => ({
              value: o.id,
              label: o.unitName ? `${o.displayName}（${o.unitName}）` : o.displayName,
            }))}
            data-testid="visit-visitors"
          />
        </Form.Item>
        <Form.Item name="participants" label={tv("visits.field.participants")}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="notes" label={tv("visits.field.notes")} extra={tv("visits.field.notesHint")}>
          <Input.TextArea rows={4} maxLength={5000} showCount data-testid="visit-notes" />
        </Form.Item>
        <FormCardList
          name="demands"
          title={tv("visits.field.demands")}
          hint={tv("visits.demand.hint")}
          cardTitle={(n) => tv("visits.demand.n", { n })}
          addText={tv("visits.demand.add")}
          max={10}
          cardTestId={(i) => `visit-demand-${i}`}
          addTestId="visit-demand-add"
        >
          {(field, i) => (
            <>
              <Form.Item
                name={[field.name, "category"]}
                label={tv("visits.demand.category")}
                rules={[required(tv("visits.demand.category"))]}
              >
                <Select
                  placeholder={t("common.select")}
                  loading={categories.isPending}
                  options={(categories.data?.items ?? [])
                    .filter((c) => c.active)
                    .map((c) => ({ value: c.code, label: c.name }))}
                  data-testid={`visit-demand-category-${i}`}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, "title"]}
                label={tv("visits.demand.title")}
                rules={[required(tv("visits.demand.title"))]}
              >
                <Input maxLength={200} data-testid={`visit-demand-title-${i}`} />
              </Form.Item>
              <Form.Item
                name={[field.name, "description"]}
                label={tv("visits.demand.description")}
                rules={[required(tv("visits.demand.description"))]}
              >
                <Input.TextArea rows={3} maxLength={5000} data-testid={`visit-demand-description-${i}`} />
              </Form.Item>
            </>
          )}
        </FormCardList>
        <SubmitCancel saving={save.isPending} testId="visit-submit" style={{ marginTop: 24 }}>
          {tv("visits.submit")}
        </SubmitCancel>
      </Form>
    </Card>
  );
}
