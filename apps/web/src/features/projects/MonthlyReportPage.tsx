import { DownloadOutlined, PaperClipOutlined, SaveOutlined, UnlockOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type HTMLAttributes, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, apiUrl, isApiError, toQueryString } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { ImportResult, XlsxUploadButton } from "../../components/ExcelImport.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { getFeedback, showError, showSuccess } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { addWan, cleanWan, completionOf, formatPercent, formatWanText } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import { ReportModal, type ReportTarget } from "./ReportModal.tsx";
import {
  type MonthlyReportInput,
  type MonthState,
  type Project,
  projectKeys,
  type ReopenInput,
  type Reopening,
  type ReportImportResult,
  type ReportSheet,
  type ReportSheetParams,
  type ReportSheetRow,
  useProjectOptions,
  useReopenings,
  useReportSheet,
} from "./useProjects.ts";

type Draft = { completedWan?: string | null; progress?: string | null; problems?: string | null };

const STATE_ALERT: Record<MonthState, "success" | "info" | "warning" | "error"> = {
  open: "success",
  reopened: "warning",
  locked: "error",
  not_open: "info",
};

/** The period and unit in the address; this month by default. */
function usePeriod(): [ReportSheetParams, (p: Partial<ReportSheetParams>) => void] {
  const [sp, setSp] = useSearchParams();
  const now = dayjs();
  const y = Number(sp.get("year"));
  const m = Number(sp.get("month"));
  const params: ReportSheetParams = {
    year: Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : now.year(),
    month: Number.isInteger(m) && m >= 1 && m <= 12 ? m : now.month() + 1,
    unitId: sp.get("unitId") || undefined,
  };
  const set = (p: Partial<ReportSheetParams>) => {
    const next = { ...params, ...p };
    const out: Record<string, string> = { year: String(next.year), month: String(next.month) };
    if (next.unitId) out.unitId = next.unitId;
    setSp(out, { replace: true });
  };
  return [params, set];
}

type ReopenValues = { unitId?: string; reason?: string; until?: Dayjs };

function ReopenModal({ sheet, unitId, onClose }: { sheet: ReportSheet; unitId?: string; onClose: () => void }) {
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

function Reopenings({ year, month }: { year: number; month: number }) {
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

/** Template download and upload of a month's reports: all or nothing, with the problems when rejected. */
function ExcelImport({
  params,
  onDone,
}: {
  params: ReportSheetParams;
  onDone: (r: ReportImportResult | null) => void;
}) {
  const { tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) =>
      api.postFile<ReportImportResult>(
        `/project-reports/import${toQueryString({ year: params.year, month: params.month })}`,
        file,
      ),
    meta: { quiet: true },
    onMutate: () => onDone(null),
    onSuccess: (r) => {
      onDone(r);
      if (r.status === "done") void queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
    onError: (err) => showError(err),
  });
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        href={apiUrl("/project-reports/template", { year: params.year, month: params.month, unitId: params.unitId })}
        data-testid="report-template"
      >
        {tp("rep.template")}
      </Button>
      {/* The file input is inside this wrapper: tests set files on `[data-testid=report-upload] input[type=file]`. */}
      <span data-testid="report-upload">
        <XlsxUploadButton onFile={upload.mutate} loading={upload.isPending}>
          {tp("rep.upload")}
        </XlsxUploadButton>
      </span>
    </>
  );
}

/** The editable sheet of one month: a row per project, saved row by row (or all changed rows at once). */
function Sheet({ params, sheet, stale }: { params: ReportSheetParams; sheet: ReportSheet; stale: boolean }) {
  const { t, tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<Set<string>>(new Set());
  const [detail, setDetail] = useState<ReportTarget | null>(null);
  const open = !stale && (sheet.state === "open" || sheet.state === "reopened");

  const shown = (row: ReportSheetRow): Required<Draft> => {
    const d = drafts[row.projectId];
    return {
      completedWan: d?.completedWan !== undefined ? d.completedWan : (row.report?.completedWan ?? null),
      progress: d?.progress !== undefined ? d.progress : (row.report?.progress ?? null),
      problems: d?.problems !== undefined ? d.problems : (row.report?.problems ?? null),
    };
  };
  const isDirty = (row: ReportSheetRow) => {
    const d = drafts[row.projectId];
    if (!d) return false;
    const v = shown(row);
    const r = row.report;
    return (
      cleanWan(v.completedWan) !== (r?.completedWan ?? "") ||
      (v.progress ?? "") !== (r?.progress ?? "") ||
      (v.problems ?? "") !== (r?.problems ?? "")
    );
  };
  const edit = (row: ReportSheetRow, patch: Draft) => {
    setDrafts((all) => ({ ...all, [row.projectId]: { ...all[row.projectId], ...patch } }));
    setErrors(({ [row.projectId]: _, ...rest }) => rest);
  };
  const forget = (projectId: string) => {
    setDrafts(({ [projectId]: _, ...rest }) => rest);
    setErrors(({ [projectId]: _, ...rest }) => rest);
  };

  const saveRow = useMutation({
    mutationFn: (row: ReportSheetRow) => {
      const v = shown(row);
      const body: MonthlyReportInput = {
        completedWan: cleanWan(v.completedWan),
        progress: v.progress?.trim() || null,
        problems: v.problems?.trim() || null,
        version: row.report?.version,
      };
      return api.put<Project>(`/projects/${row.projectId}/reports/${sheet.year}/${sheet.month}`, body);
    },
    meta: { quiet: true },
    onMutate: (row) => setSaving((s) => new Set(s).add(row.projectId)),
    onSettled: (_d, _e, row) =>
      setSaving((s) => {
        const next = new Set(s);
        next.delete(row.projectId);
        return next;
      }),
    onSuccess: (p, row) => {
      const report = p.reports.find((r) => r.year === sheet.year && r.month === sheet.month) ?? null;
      queryClient.setQueryData<ReportSheet>(projectKeys.reportSheet(params), (old) =>
        old ? { ...old, items: old.items.map((it) => (it.projectId === row.projectId ? { ...it, report } : it)) } : old,
      );
      queryClient.setQueryData(projectKeys.detail(p.id), p);
      forget(row.projectId);
    },
    onError: (err, row) => {
      if (isApiError(err) && err.status === 409) {
        getFeedback()?.message.warning(tp("rep.conflict", { name: row.name }));
        forget(row.projectId);
        void queryClient.invalidateQueries({ queryKey: projectKeys.reportSheet(params) });
        return;
      }
      const text = isApiError(err)
        ? [err.detail, ...err.errors.map((e) => e.message)].filter(Boolean).join("；")
        : String(err);
      setErrors((all) => ({ ...all, [row.projectId]: text }));
    },
  });

  const check = (row: ReportSheetRow): boolean => {
    if (cleanWan(shown(row).completedWan) === "") {
      setErrors((all) => ({ ...all, [row.projectId]: tp("rep.requiredCompleted") }));
      return false;
    }
    return true;
  };
  const save = async (row: ReportSheetRow) => {
    if (!check(row)) return false;
    try {
      await saveRow.mutateAsync(row);
      return true;
    } catch {
      return false;
    }
  };
  const dirtyRows = sheet.items.filter(isDirty);
  const saveAll = async () => {
    let n = 0;
    for (const row of dirtyRows) if (await save(row)) n++;
    if (n > 0) showSuccess(tp("rep.savedAll", { n }));
    void queryClient.invalidateQueries({ queryKey: projectKeys.all });
  };

  const columns: TableProps<ReportSheetRow>["columns"] = [
    {
      title: tp("field.name"),
      key: "name",
      width: 230,
      fixed: "left",
      render: (_: unknown, row: ReportSheetRow) => (
        <Flex vertical gap={2}>
          <Space size={4} wrap>
            <Link to={`/projects/${row.projectId}?year=${sheet.year}&month=${sheet.month}`}>{row.name}</Link>
            {row.report ? (
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {tp("rep.reported")}
              </Tag>
            ) : (
              <Tag style={{ marginInlineEnd: 0 }}>{tp("rep.notReported")}</Tag>
            )}
            {row.report && row.report.attachments.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <PaperClipOutlined /> {row.report.attachments.length}
              </Typography.Text>
            )}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span style={{ fontFamily: "monospace" }}>{row.code}</span>
            {row.unitName ? ` · ${row.unitName}` : ""}
          </Typography.Text>
          {errors[row.projectId] && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="report-row-error">
              {errors[row.projectId]}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: tp("col.planShort"),
      dataIndex: "planWan",
      width: 96,
      align: "right",
      render: (v: string | null) => formatWanText(v),
    },
    {
      title: tp("rep.beforeShort"),
      dataIndex: "completedBeforeWan",
      width: 96,
      align: "right",
      render: (v: string) => formatWanText(v),
    },
    {
      title: tp("rep.thisMonthShort"),
      key: "completed",
      width: 130,
      render: (_: unknown, row: ReportSheetRow) => (
        <InputNumber<string>
          stringMode
          min="0"
          value={shown(row).completedWan}
          onChange={(v) => edit(row, { completedWan: v })}
          disabled={!open || !row.canReport}
          status={errors[row.projectId] ? "error" : undefined}
          style={{ width: "100%" }}
          data-testid={`report-completed-${row.code}`}
        />
      ),
    },
    {
      title: tp("rep.ytdShort"),
      key: "ytd",
      width: 110,
      align: "right",
      render: (_: unknown, row: ReportSheetRow) => {
        const v = cleanWan(shown(row).completedWan);
        const ytd = v ? addWan(row.completedBeforeWan, v) : row.completedBeforeWan;
        return (
          <Flex vertical gap={0} align="end">
            <span>{formatWanText(ytd)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatPercent(completionOf(ytd, row.planWan))}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: tp("report.progress"),
      key: "progress",
      width: 200,
      render: (_: unknown, row: ReportSheetRow) => (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={shown(row).progress ?? ""}
          onChange={(e) => edit(row, { progress: e.target.value })}
          disabled={!open || !row.canReport}
        />
      ),
    },
    {
      title: tp("report.problems"),
      key: "problems",
      width: 180,
      render: (_: unknown, row: ReportSheetRow) => (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={shown(row).problems ?? ""}
          onChange={(e) => edit(row, { problems: e.target.value })}
          disabled={!open || !row.canReport}
        />
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 100,
      fixed: "right",
      render: (_: unknown, row: ReportSheetRow) =>
        open && row.canReport ? (
          <Flex vertical gap={0} align="start">
            <Button
              type="link"
              size="small"
              icon={<SaveOutlined />}
              disabled={!isDirty(row)}
              loading={saving.has(row.projectId)}
              onClick={() =>
                void save(row).then((ok) => ok && showSuccess(tp("rep.saved", { name: row.name, month: sheet.month })))
              }
              data-testid={`report-save-${row.code}`}
            >
              {tp("rep.save")}
            </Button>
            <Button
              type="link"
              size="small"
              icon={<PaperClipOutlined />}
              onClick={() =>
                setDetail({
                  projectId: row.projectId,
                  projectName: row.name,
                  year: sheet.year,
                  month: sheet.month,
                  report: row.report,
                  planWan: row.planWan,
                  completedBeforeWan: row.completedBeforeWan,
                  draft: drafts[row.projectId],
                })
              }
              data-testid={`report-more-${row.code}`}
            >
              {tp("rep.more")}
            </Button>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{tp("rep.readonly")}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      {dirtyRows.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={tp("rep.dirty", { n: dirtyRows.length })}
          action={
            <Button
              type="primary"
              size="small"
              icon={<SaveOutlined />}
              loading={saving.size > 0}
              onClick={() => void saveAll()}
              data-testid="report-save-all"
            >
              {tp("rep.saveAll", { n: dirtyRows.length })}
            </Button>
          }
        />
      )}
      <Typography.Text type="secondary" style={{ display: "block", textAlign: "right", fontSize: 12, marginBottom: 4 }}>
        {tp("rep.moneyUnit")}
      </Typography.Text>
      <Table<ReportSheetRow>
        rowKey="projectId"
        size="small"
        columns={columns}
        dataSource={sheet.items}
        pagination={false}
        scroll={{ x: 1140 }}
        data-testid="report-table"
        onRow={(row) =>
          ({
            "data-testid": "report-row",
            "data-code": row.code,
            style: isDirty(row) ? { background: "#fffbe6" } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("rep.empty")} /> }}
      />
      {detail && (
        <ReportModal
          target={detail}
          onClose={() => setDetail(null)}
          onSaved={(p) => {
            forget(p.id);
            void queryClient.invalidateQueries({ queryKey: projectKeys.reportSheet(params) });
          }}
        />
      )}
    </>
  );
}

/** 月度填报: the month's sheet of the user's projects, by hand or from the Excel template, and the month's state. */
export function MonthlyReportPage() {
  const { tp } = useProjectI18n();
  const { data: me } = useMe();
  const [params, setParams] = usePeriod();
  const sheet = useReportSheet(params);
  const options = useProjectOptions(me?.role === "admin");
  const [result, setResult] = useState<ReportImportResult | null>(null);
  const [reopening, setReopening] = useState(false);
  const data = sheet.data;
  const stateParams: Record<string, string | number> = data
    ? {
        year: data.year,
        month: data.month,
        closesOn: data.closesOn,
        opensOn: `${data.year}-${String(data.month).padStart(2, "0")}-01`,
        until: data.reopenedUntil ?? data.closesOn,
      }
    : {};
  const reported = data?.items.filter((r) => r.report).length ?? 0;

  return (
    <Card
      title={tp("rep.title")}
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${params.year}-${String(params.month).padStart(2, "0")}-01`)}
            onChange={(d) => {
              if (!d) return;
              setResult(null);
              setParams({ year: d.year(), month: d.month() + 1 });
            }}
            disabledDate={(d) => d.isAfter(dayjs(), "month")}
            prefix={`${tp("rep.period")}:`}
            data-testid="report-period"
          />
          {me?.role === "admin" && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder={tp("rep.unit")}
              style={{ width: 180 }}
              value={params.unitId}
              onChange={(v?: string) => setParams({ unitId: v })}
              options={(options.data?.units ?? []).map((u) => ({ value: u.id, label: u.name ?? "—" }))}
            />
          )}
          <ExcelImport params={params} onDone={setResult} />
          {can(me, "project.reopen") && data && (data.state === "locked" || data.state === "reopened") && (
            <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="report-reopen">
              {tp("rep.reopen")}
            </Button>
          )}
        </Space>
      }
      data-testid="report-sheet"
    >
      {data && (
        <Alert
          type={STATE_ALERT[data.state]}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-state"
          data-state={data.state}
          title={tp(`rep.state.${data.state}`, stateParams)}
          description={tp("rep.counts", { n: data.items.length, reported })}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {tp("rep.uploadHint")}
      </Typography.Paragraph>
      {result && (
        <div style={{ marginBottom: 16 }}>
          <ImportResult
            result={result}
            testId="report-result"
            doneText={tp("rep.importDone", {
              total: result.totalRows,
              changed: result.changedRows,
              unchanged: result.unchangedRows,
            })}
            rejectedText={tp("rep.importRejected", { n: result.problems.length })}
            problemsTestId="report-problems"
          />
        </div>
      )}
      {data ? (
        <Sheet
          key={`${params.year}-${params.month}-${params.unitId ?? ""}`}
          params={params}
          sheet={data}
          stale={sheet.isPlaceholderData}
        />
      ) : (
        <Table loading={sheet.isPending} dataSource={[]} columns={[]} />
      )}
      <Reopenings year={params.year} month={params.month} />
      {reopening && data && <ReopenModal sheet={data} unitId={params.unitId} onClose={() => setReopening(false)} />}
    </Card>
  );
}
