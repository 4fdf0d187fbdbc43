import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Progress, Result, Space, Steps, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, apiUrl, isApiError } from "../../app/api.ts";
import { useI18n } from "../../app/i18n.ts";
import type { ImportStatus } from "../../app/types.ts";
import { BackTitle } from "../../components/Buttons.tsx";
import { ImportProblemsTable, TemplateLink, XlsxDropzone } from "../../components/ExcelImport.tsx";
import { enterpriseKeys } from "./useEnterprises.ts";

const importKey = (id: string) => ["enterprise-import", id] as const;
const RUNNING: ImportStatus["status"][] = ["checking", "writing"];

function percent(s: ImportStatus): number {
  if (s.status === "done") return 100;
  if (s.totalRows <= 0) return 0;
  return Math.min(99, Math.floor((s.processedRows / s.totalRows) * 100));
}

function StatusView({ status, onAgain }: { status: ImportStatus; onAgain: () => void }) {
  const { t } = useI18n();
  const running = RUNNING.includes(status.status);

  if (running) {
    return (
      <div data-testid="import-progress" style={{ padding: "24px 0" }}>
        <Typography.Text strong>
          <FileExcelOutlined /> {status.fileName} · {t(`import.status.${status.status}`)}
        </Typography.Text>
        <Progress percent={percent(status)} status="active" style={{ marginTop: 12 }} />
        <Typography.Text type="secondary">
          {t("import.progress", { processed: status.processedRows, total: status.totalRows })}
        </Typography.Text>
      </div>
    );
  }

  if (status.status === "done") {
    return (
      <Result
        status="success"
        title={t("import.done", { n: status.importedRows })}
        subTitle={status.fileName}
        data-testid="import-done"
        extra={[
          <Link key="list" to="/enterprises">
            <Button type="primary">{t("import.toList")}</Button>
          </Link>,
          <Button key="again" onClick={onAgain}>
            {t("import.again")}
          </Button>,
        ]}
      />
    );
  }

  if (status.status === "rejected") {
    const truncated = status.problemCount > status.problems.length;
    return (
      <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="import-rejected">
        <Alert
          type="error"
          showIcon
          title={t("import.rejected", { n: status.problemCount })}
          description={`${status.fileName} · ${t("import.rejectedHint")}`}
          action={
            <Space orientation="vertical">
              <Button
                icon={<DownloadOutlined />}
                href={apiUrl(`/enterprises/imports/${status.id}/report`)}
                data-testid="import-report"
              >
                {t("import.report")}
              </Button>
              <Button onClick={onAgain}>{t("import.again")}</Button>
            </Space>
          }
        />
        {truncated && (
          <Typography.Text type="secondary">{t("import.truncated", { shown: status.problems.length })}</Typography.Text>
        )}
        <ImportProblemsTable problems={status.problems} testId="import-problems" />
      </Space>
    );
  }

  return (
    <Result
      status="error"
      title={t("import.status.failed")}
      subTitle={t("import.failed")}
      extra={<Button onClick={onAgain}>{t("import.again")}</Button>}
    />
  );
}

export function ImportPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const importId = sp.get("id");
  const [uploadError, setUploadError] = useState<string | null>(null);

  const status = useQuery({
    queryKey: importKey(importId ?? ""),
    queryFn: ({ signal }) => api.get<ImportStatus>(`/enterprises/imports/${importId}`, undefined, signal),
    enabled: !!importId,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && !RUNNING.includes(q.state.data.status) ? false : 500),
  });

  const upload = useMutation({
    mutationFn: (file: File) => api.postFile<ImportStatus>("/enterprises/imports", file),
    meta: { quiet: true },
    onMutate: () => setUploadError(null),
    onSuccess: (s) => {
      queryClient.setQueryData(importKey(s.id), s);
      setSp({ id: s.id }, { replace: true });
    },
    onError: (err) => setUploadError(isApiError(err) ? err.detail : String(err)),
  });

  const current = status.data;
  const finished = current?.status === "done";
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
  }, [finished, queryClient]);

  const again = () => {
    setUploadError(null);
    setSp({}, { replace: true });
  };

  const showUpload = !importId;

  return (
    <Card title={<BackTitle to="/enterprises">{t("import.title")}</BackTitle>}>
      <Steps
        orientation="vertical"
        size="small"
        current={showUpload || current?.status !== "done" ? 1 : 2}
        status={current?.status === "rejected" || current?.status === "failed" ? "error" : "process"}
        items={[
          {
            title: t("import.step1"),
            content: (
              <TemplateLink href={apiUrl("/enterprises/import-template")} testId="import-template">
                {t("import.template")}
              </TemplateLink>
            ),
          },
          {
            title: t("import.step2"),
            content: showUpload ? (
              <XlsxDropzone
                text={t("import.drag")}
                hint={t("import.dragHint")}
                uploading={upload.isPending}
                percent={0}
                error={uploadError}
                onFile={upload.mutate}
                onError={setUploadError}
                testId="import-upload"
                errorTestId="import-error"
              />
            ) : null,
          },
        ]}
      />
      {importId && (
        <div style={{ marginTop: 8 }}>
          {current ? (
            <StatusView status={current} onAgain={again} />
          ) : status.isError ? (
            <Alert
              type="error"
              showIcon
              title={isApiError(status.error) ? status.error.detail : String(status.error)}
              action={<Button onClick={again}>{t("import.again")}</Button>}
            />
          ) : (
            <Progress percent={0} status="active" />
          )}
        </div>
      )}
    </Card>
  );
}
