import { DownloadOutlined, UnlockOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Select, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { api, apiUrl, toQueryString } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { ImportResult, XlsxUploadButton } from "../../components/ExcelImport.tsx";
import { showError } from "../../components/feedback.ts";
import { useProjectI18n } from "./projectI18n.ts";
import { Reopenings, ReopenModal } from "./Reopenings.tsx";
import { ReportSheetTable } from "./ReportSheetTable.tsx";
import {
  type MonthState,
  projectKeys,
  type ReportImportResult,
  type ReportSheetParams,
  useProjectOptions,
  useReportSheet,
} from "./useProjects.ts";

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
        <ReportSheetTable
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
