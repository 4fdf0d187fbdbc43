import { useMutation, useQueryClient } from "@tanstack/react-query";
import { planInForce } from "@zoneos/domain/projects";
import { DatePicker, Form, Input, InputNumber, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { api, isApiError } from "../../app/api.ts";
import { AttachmentField, AttachmentList } from "../../components/Attachments.tsx";
import { FormCardList } from "../../components/FormCardList.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { getFeedback, showError, showSuccess } from "../../components/feedback.ts";
import { caseKeys } from "../cases/useCases.ts";
import { addWan, cleanWan, completionOf, formatPercent, formatWanText } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import { type MonthlyReport, type MonthlyReportInput, type Project, projectKeys } from "./useProjects.ts";

type Values = {
  completedWan?: string | null;
  progress?: string;
  problems?: string;
  newProblems?: { title?: string; description?: string }[];
  attachmentIds?: string[];
};

export type ReportTarget = {
  projectId: string;
  projectName: string;
  year: number;
  month: number;
  /** The month's report as it stands (its version guards against a stale save). */
  report: MonthlyReport | null;
  /** The plan in force and the year to date before the month, for the preview of the completion rate. */
  planWan?: string | null;
  completedBeforeWan?: string | null;
  /** Values typed in a row of the sheet and not saved yet: they fill the form. */
  draft?: { completedWan?: string | null; progress?: string | null; problems?: string | null };
};

/** The target of a project's month on the project page: its report, the plan in force and the year to date before. */
export function reportTargetOf(project: Project, year: number, month: number): ReportTarget {
  const report = project.reports.find((r) => r.year === year && r.month === month) ?? null;
  const earlier = project.reports
    .filter((r) => r.year === year && r.month < month)
    .sort((a, b) => b.month - a.month)[0];
  const plan = project.plans.find((p) => p.year === year);
  return {
    projectId: project.id,
    projectName: project.name,
    year,
    month,
    report,
    planWan: report?.planWan ?? (plan ? planInForce(plan.versions, month) : null),
    completedBeforeWan: earlier?.completedYtdWan ?? "0",
  };
}

function initialValues(target: ReportTarget): Values {
  const r = target.report;
  return {
    completedWan: target.draft?.completedWan ?? r?.completedWan ?? null,
    progress: target.draft?.progress ?? r?.progress ?? undefined,
    problems: target.draft?.problems ?? r?.problems ?? undefined,
    newProblems: [],
    attachmentIds: [],
  };
}

/**
 * One project's report of one month with everything: the amount, 形象进度, problems, site photos and problems to
 * register as cases. `pickMonth` lets the user choose the month (from the project page); `reportsOf` then finds
 * the chosen month's report in the project.
 */
export function ReportModal({
  target,
  onClose,
  onSaved,
  project,
}: {
  target: ReportTarget;
  onClose: () => void;
  onSaved?: (p: Project) => void;
  /** Given on the project page: the month can be changed, and its report is looked up there. */
  project?: Project;
}) {
  const { t, tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<ReportTarget>(target);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialValues(current));
  }, [current, form]);

  const pickMonth = (year: number, month: number) => {
    if (project) setCurrent(reportTargetOf(project, year, month));
  };

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: MonthlyReportInput = {
        completedWan: cleanWan(v.completedWan),
        progress: v.progress?.trim() || null,
        problems: v.problems?.trim() || null,
        newProblems: (v.newProblems ?? []).map((p) => ({ title: p.title ?? "", description: p.description ?? "" })),
        attachmentIds: v.attachmentIds ?? [],
        version: current.report?.version,
      };
      return api.put<Project>(`/projects/${current.projectId}/reports/${current.year}/${current.month}`, body);
    },
    meta: { quiet: true },
    onSuccess: (p, v) => {
      const n = (v.newProblems ?? []).length;
      showSuccess(
        n > 0
          ? `${tp("rep.saved", { name: current.projectName, month: current.month })}；${tp("rep.casesCreated", { n })}`
          : tp("rep.saved", { name: current.projectName, month: current.month }),
      );
      queryClient.setQueryData(projectKeys.detail(p.id), p);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      if (n > 0) void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      onSaved?.(p);
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 409) {
        getFeedback()?.message.warning(tp("rep.conflict", { name: current.projectName }));
        void queryClient.invalidateQueries({ queryKey: projectKeys.all });
        onClose();
        return;
      }
      showError(err, form);
    },
  });

  const typed = Form.useWatch("completedWan", form);
  const ytd = current.completedBeforeWan != null ? addWan(current.completedBeforeWan, cleanWan(typed)) : null;
  const rate = ytd && current.planWan ? completionOf(ytd, current.planWan) : null;

  return (
    <FormModal<Values>
      form={form}
      width={760}
      title={tp("rep.modalTitle", { name: current.projectName, year: current.year, month: current.month })}
      saving={save.isPending}
      onClose={onClose}
      destroyOnHidden
      onFinish={(v) => save.mutate(v)}
      testId="report-form"
    >
      {project && (
        <Form.Item label={tp("rep.period")}>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${current.year}-${String(current.month).padStart(2, "0")}-01`)}
            onChange={(d) => d && pickMonth(d.year(), d.month() + 1)}
            disabledDate={(d) => d.isAfter(dayjs(), "month")}
          />
        </Form.Item>
      )}
      <Space align="start" size="large" wrap>
        <Form.Item
          name="completedWan"
          label={tp("rep.thisMonth")}
          rules={[{ required: true, message: tp("rep.requiredCompleted") }]}
        >
          <InputNumber<string>
            stringMode
            min="0"
            style={{ width: 200 }}
            suffix={tp("unit.wan")}
            data-testid="report-completed"
          />
        </Form.Item>
        {ytd !== null && (
          <Form.Item label={tp("rep.ytd")}>
            <Typography.Text>
              {formatWanText(ytd)}
              {rate !== null && (
                <Typography.Text type="secondary">{`（${tp("rep.completion")} ${formatPercent(rate)}）`}</Typography.Text>
              )}
            </Typography.Text>
          </Form.Item>
        )}
      </Space>
      <Form.Item name="progress" label={tp("report.progress")}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="problems" label={tp("report.problems")}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
      </Form.Item>
      {current.report && current.report.attachments.length > 0 && (
        <Form.Item label={tp("rep.existingPhotos")}>
          <AttachmentList items={current.report.attachments} />
        </Form.Item>
      )}
      <AttachmentField key={`${current.year}-${current.month}`} label={tp("rep.addPhotos")} />
      <FormCardList
        name="newProblems"
        title={tp("rep.newProblems")}
        hint={tp("rep.newProblemsHint")}
        cardTitle={(n) => tp("rep.newProblemN", { n })}
        addText={tp("rep.newProblemAdd")}
        max={10}
      >
        {(field) => (
          <>
            <Form.Item
              name={[field.name, "title"]}
              label={tp("rep.newProblemTitle")}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t("common.required", { field: tp("rep.newProblemTitle") }),
                },
              ]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name={[field.name, "description"]}
              label={tp("rep.newProblemDescription")}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t("common.required", { field: tp("rep.newProblemDescription") }),
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>
        )}
      </FormCardList>
    </FormModal>
  );
}
