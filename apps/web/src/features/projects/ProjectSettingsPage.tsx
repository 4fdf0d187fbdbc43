import { useMutation, useQueryClient } from "@tanstack/react-query";
import { SCHEDULE_GRANULARITIES, SCHEDULE_GRANULARITY_NAMES } from "@zoneos/domain/projects";
import { Button, Card, Form, InputNumber, Radio } from "antd";
import { useEffect } from "react";
import { api } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { showError, showSuccess } from "../../components/feedback.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { useProjectI18n } from "./projectI18n.ts";
import { type ProjectSettings, projectKeys, useProjectSettings } from "./useProjects.ts";

/** 项目设置: how 序时进度 is measured, the behind threshold, the reporting deadline and the approval target. */
export function ProjectSettingsPage() {
  const { lang, t, tp } = useProjectI18n();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const settings = useProjectSettings();
  const [form] = Form.useForm<ProjectSettings>();
  const editable = can(me, "project.configure");

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (v: ProjectSettings) => api.put<ProjectSettings>("/projects/settings", v),
    meta: { quiet: true },
    onSuccess: (s) => {
      showSuccess(t("common.saved"));
      queryClient.setQueryData(projectKeys.settings, s);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
    onError: (err) => showError(err, form),
  });

  if (settings.isPending) return <PageSpin />;

  return (
    <Card title={tp("set.title")} extra={editable ? null : tp("set.readonly")}>
      <Form<ProjectSettings>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        disabled={!editable}
        initialValues={settings.data}
        onFinish={(v) => save.mutate(v)}
        data-testid="project-settings"
      >
        <Form.Item name="granularity" label={tp("set.granularity")} extra={tp("set.granularityHint")}>
          <Radio.Group
            options={SCHEDULE_GRANULARITIES.map((g) => ({ value: g, label: SCHEDULE_GRANULARITY_NAMES[g][lang] }))}
          />
        </Form.Item>
        <Form.Item
          name="behindThresholdPoints"
          label={tp("set.behindThreshold")}
          extra={tp("set.behindThresholdHint")}
          rules={[{ required: true, message: t("common.required", { field: tp("set.behindThreshold") }) }]}
        >
          <InputNumber min={0} max={100} step={0.5} style={{ width: 200 }} suffix={tp("unit.points")} />
        </Form.Item>
        <Form.Item
          name="reportDeadlineDay"
          label={tp("set.deadlineDay")}
          extra={tp("set.deadlineDayHint")}
          rules={[{ required: true, message: t("common.required", { field: tp("set.deadlineDay") }) }]}
        >
          <InputNumber min={1} max={31} precision={0} style={{ width: 200 }} suffix={tp("set.day") || undefined} />
        </Form.Item>
        <Form.Item
          name="approvalTargetWorkingDays"
          label={tp("set.approvalTarget")}
          extra={tp("set.approvalTargetHint")}
          rules={[{ required: true, message: t("common.required", { field: tp("set.approvalTarget") }) }]}
        >
          <InputNumber min={1} max={1000} precision={0} style={{ width: 200 }} />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="project-settings-save">
            {t("common.save")}
          </Button>
        )}
      </Form>
    </Card>
  );
}
