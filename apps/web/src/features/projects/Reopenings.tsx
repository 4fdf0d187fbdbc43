import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card, DatePicker, Form, Input, Select, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { api } from "../../app/api.ts";
import { useMe } from "../../app/auth.ts";
import { FormModal } from "../../components/FormModal.tsx";
import { showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { useProjectI18n } from "./projectI18n.ts";
import {
  projectKeys,
  type ReopenInput,
  type Reopening,
  type ReportSheet,
  useProjectOptions,
  useReopenings,
} from "./useProjects.ts";

type ReopenValues = { unitId?: string; reason?: string; until?: Dayjs };

/** Reopens a closed month for one unit until a date, with the reason. */
export function ReopenModal({ sheet, unitId, onClose }: { sheet: ReportSheet; unitId?: string; onClose: () => void }) {
  const { t, tp } = useProjectI18n();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const options = useProjectOptions();
  const [form] = Form.useForm<ReopenValues>();
  const fixedUnit = me?.role === "admin" ? undefined : (me?.unitId ?? undefined);
  const save = useMutation({
    mutationFn: (v: ReopenValues) => {
      const body: ReopenInput = {
        unitId: v.unitId ?? "",
        year: sheet.year,
        month: sheet.month,
        reason: v.reason?.trim() ?? "",
        until: v.until?.format("YYYY-MM-DD") ?? "",
      };
      return api.post<Reopening>("/project-reports/reopenings", body);
    },
    meta: { quiet: true },
    onSuccess: (r) => {
      showSuccess(tp("rep.reopened", { date: r.until }));
      void queryClient.invalidateQueries({ queryKey: ["projects", "report-sheet"] });
      void queryClient.invalidateQueries({ queryKey: projectKeys.reopenings(sheet.year, sheet.month) });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  const today = dayjs().startOf("day");
  return (
    <FormModal<ReopenValues>
      form={form}
      title={tp("rep.reopenTitle", { year: sheet.year, month: sheet.month })}
      okText={t("common.ok")}
      saving={save.isPending}
      onClose={onClose}
      initialValues={{ unitId: fixedUnit ?? unitId, until: today.add(3, "day") }}
      onFinish={(v) => save.mutate(v)}
      testId="reopen-form"
    >
      <Form.Item
        name="unitId"
        label={tp("rep.reopenUnit")}
        rules={[{ required: true, message: t("common.required", { field: tp("rep.reopenUnit") }) }]}
      >
        <Select
          disabled={!!fixedUnit}
          showSearch={{ optionFilterProp: "label" }}
          options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={tp("rep.reopenReason")}
        rules={[
          {
            required: true,
            whitespace: true,
            min: 2,
            message: t("common.required", { field: tp("rep.reopenReason") }),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="reopen-reason" />
      </Form.Item>
      <Form.Item
        name="until"
        label={tp("rep.reopenUntil")}
        extra={tp("rep.reopenUntilHint")}
        rules={[{ required: true, message: t("common.required", { field: tp("rep.reopenUntil") }) }]}
      >
        <DatePicker
          allowClear={false}
          disabledDate={(d) => d.isBefore(today, "day") || d.isAfter(today.add(31, "day"), "day")}
          data-testid="reopen-until"
        />
      </Form.Item>
    </FormModal>
  );
}

/** The month's reopenings, shown only when there are some. */
export function Reopenings({ year, month }: { year: number; month: number }) {
  const { tp } = useProjectI18n();
  const list = useReopenings(year, month);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={tp("rep.reopenings")} style={{ marginTop: 16 }} data-testid="reopenings">
      <Table<Reopening>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: tp("rep.reopenUnit"), dataIndex: "unitName", width: 160, render: (v) => v ?? "—" },
          { title: tp("rep.reopenReason"), dataIndex: "reason" },
          { title: tp("rep.reopenUntil"), dataIndex: "until", width: 120 },
          { title: tp("rep.reopenBy"), dataIndex: "createdByName", width: 100, render: (v) => v ?? "—" },
          { title: tp("rep.reopenAt"), dataIndex: "createdAt", width: 150, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
