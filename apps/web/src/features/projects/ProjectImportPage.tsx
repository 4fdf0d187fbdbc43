import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Progress, Space, Steps, Upload } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, apiUrl, isApiError } from "../../app/api.ts";
import { ImportResultView } from "./ImportResultView.tsx";
import { useProjectI18n } from "./projectI18n.ts";
import { type ProjectImportResult, projectKeys } from "./useProjects.ts";

/** 导入项目: template, then one upload checked as a whole; nothing is written when a row is wrong. */
export function ProjectImportPage() {
  const { t, tp } = useProjectI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<ProjectImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (file: File) => {
      const fd = new FormData();
      fd.append("file", file, file.name);
      return api.post<ProjectImportResult>("/projects/import", fd);
    },
    meta: { quiet: true },
    onMutate: () => {
      setError(null);
      setResult(null);
    },
    onSuccess: (r) => {
      setResult(r);
      if (r.status === "done") {
        void queryClient.invalidateQueries({ queryKey: projectKeys.all });
        void queryClient.invalidateQueries({ queryKey: ["enterprises"] });
      }
    },
    onError: (err) => setError(isApiError(err) ? err.detail : String(err)),
  });

  return (
    <Card
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate("/projects")}
            aria-label={t("common.back")}
          />
          {tp("imp.title")}
        </Space>
      }
      data-testid="project-import"
    >
      <Steps
        orientation="vertical"
        size="small"
        current={result?.status === "done" ? 2 : 1}
        status={result?.status === "rejected" || error ? "error" : "process"}
        items={[
          {
            title: tp("imp.step1"),
            content: (
              <Button
                type="link"
                icon={<DownloadOutlined />}
                href={apiUrl("/projects/import-template")}
                style={{ paddingLeft: 0 }}
                data-testid="project-import-template"
              >
                {tp("imp.template")}
              </Button>
            ),
          },
          {
            title: tp("imp.step2"),
            content: (
              <div style={{ maxWidth: 640, marginTop: 8 }}>
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  multiple={false}
                  showUploadList={false}
                  disabled={upload.isPending}
                  beforeUpload={(file) => {
                    if (!file.name.toLowerCase().endsWith(".xlsx")) {
                      setError(t("import.onlyXlsx"));
                      return Upload.LIST_IGNORE;
                    }
                    upload.mutate(file);
                    return Upload.LIST_IGNORE;
                  }}
                  data-testid="project-import-upload"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{tp("imp.drag")}</p>
                  <p className="ant-upload-hint">{tp("imp.dragHint")}</p>
                </Upload.Dragger>
                {upload.isPending && <Progress percent={99} status="active" showInfo={false} />}
                {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
              </div>
            ),
          },
        ]}
      />
      {result && (
        <div style={{ marginTop: 8 }}>
          <ImportResultView
            result={result}
            testId="project-import-result"
            problemsTestId="project-import-problems"
            doneText={tp("imp.done", {
              total: result.totalRows,
              changed: result.changedRows,
              unchanged: result.unchangedRows,
            })}
            rejectedText={tp("imp.rejected", { n: result.problems.length })}
          />
          {result.status === "done" && (
            <Link to="/projects">
              <Button type="primary" style={{ marginTop: 12 }}>
                {tp("imp.toBoard")}
              </Button>
            </Link>
          )}
        </div>
      )}
    </Card>
  );
}
