import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Progress, Result, Space, Steps, Table, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, apiUrl, isApiError } from "../../app/api.ts";
import { useI18n } from "../../app/i18n.ts";
import type { ImportProblem, ImportStatus } from "../../app/types.ts";
import { enterpriseKeys } from "./useEnterprises.ts";

const importKey = (id: string) => ["enterprise-import", id] as const;
const RUNNING: ImportStatus["status"][] = ["checking", "writing"];

function percent(s: ImportStatus): number {
  if (s.status === "done") return 100;
  if (s.totalRows <= 0) return 0;
  return Math.min(99, Math.floor((s.processedRows / s.totalRows) * 100));
}

function ProblemsTable({ status }: { status: ImportStatus }) {
  const { t } = useI18n();
  return (
    <Table<ImportProblem & { key: number }>
      size="small"
      bordered
      data-testid="import-problems"
      dataSource={status.problems.map((p, i) => ({ ...p, key: i }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 720 }}
      columns={[
        { title: t("import.col.sheet"), dataIndex: "sheet", width: 120 },
        { title: t("import.col.row"), dataIndex: "row", width: 70, align: "right" },
        { title: t("import.col.column"), dataIndex: "column", width: 160 },
        {
          title: t("import.col.value"),
          dataIndex: "value",
          width: 200,
          ellipsis: true,
          render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : "—"),
        },
        { title: t("import.col.reason"), dataIndex: "reason" },
      ]}
    />
  );
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
        <ProblemsTable status={status} />
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
  const navigate = useNavigate();
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
    mutationFn: (file: File) => {
      const fd = new FormData();
      fd.append("file", file, file.name);
      return api.post<ImportStatus>("/enterprises/imports", fd);
    },
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
    <Card
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate("/enterprises")}
            aria-label={t("common.back")}
          />
          {t("import.title")}
        </Space>
      }
    >
      <Steps
        orientation="vertical"
        size="small"
        current={showUpload || current?.status !== "done" ? 1 : 2}
        status={current?.status === "rejected" || current?.status === "failed" ? "error" : "process"}
        items={[
          {
            title: t("import.step1"),
            content: (
              <Button
                type="link"
                icon={<DownloadOutlined />}
                href={apiUrl("/enterprises/import-template")}
                style={{ paddingLeft: 0 }}
                data-testid="import-template"
              >
                {t("import.template")}
              </Button>
            ),
          },
          {
            title: t("import.step2"),
            content: showUpload ? (
              <div style={{ maxWidth: 640, marginTop: 8 }}>
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  multiple={false}
                  showUploadList={false}
                  disabled={upload.isPending}
                  beforeUpload={(file) => {
                    if (!file.name.toLowerCase().endsWith(".xlsx")) {
                      setUploadError(t("import.onlyXlsx"));
                      return Upload.LIST_IGNORE;
                    }
                    return true;
                  }}
                  customRequest={({ file, onSuccess, onError }) => {
                    if (!(file instanceof File)) return;
                    upload.mutate(file, {
                      onSuccess: () => onSuccess?.(null),
                      onError: (e) => onError?.(e instanceof Error ? e : new Error(String(e))),
                    });
                  }}
                  data-testid="import-upload"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t("import.drag")}</p>
                  <p className="ant-upload-hint">{t("import.dragHint")}</p>
                </Upload.Dragger>
                {upload.isPending && <Progress percent={0} status="active" showInfo={false} />}
                {uploadError && (
                  <Alert
                    type="error"
                    showIcon
                    title={uploadError}
                    style={{ marginTop: 12 }}
                    data-testid="import-error"
                  />
                )}
              </div>
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
