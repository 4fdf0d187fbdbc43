import { DownloadOutlined, InboxOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Progress, Space, Steps, Table, Typography, Upload } from "antd";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { api, apiUrl, isApiError } from "../app/api.ts";
import { useI18n } from "../app/i18n.ts";
import type { ImportProblem } from "../app/types.ts";
import { BackTitle } from "./Buttons.tsx";

/** The problems of a refused Excel import, one row each: sheet, row, column, the value found and the reason. */
export function ImportProblemsTable({ problems, testId }: { problems: readonly ImportProblem[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<ImportProblem & { key: number }>
      size="small"
      bordered
      data-testid={testId}
      dataSource={problems.map((p, i) => ({ ...p, key: i }))}
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

/** The answer of an Excel import checked and written (or not) within its request: all rows, or none. */
export type ImportResultData = { status: "done" | "rejected"; problems: ImportProblem[] };

/**
 * What an all-or-nothing Excel import answered: the counts when it was written, or the problems (sheet, row, column,
 * value, reason) when it was rejected and nothing was written.
 */
export function ImportResult({
  result,
  doneText,
  rejectedText,
  problemsTestId,
  testId,
  doneTestId = "import-result-done",
  rejectedTestId = "import-result-rejected",
}: {
  result: ImportResultData;
  doneText: string;
  rejectedText: string;
  problemsTestId: string;
  testId?: string;
  doneTestId?: string;
  rejectedTestId?: string;
}) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid={testId}>
      {result.status === "done" ? (
        <Alert type="success" showIcon title={doneText} data-testid={doneTestId} />
      ) : (
        <>
          <Alert type="error" showIcon title={rejectedText} data-testid={rejectedTestId} />
          <ImportProblemsTable problems={result.problems} testId={problemsTestId} />
        </>
      )}
    </Space>
  );
}

/**
 * Uploads one file to an import that answers within the request (`ImportResult`): keeps the answer, or the error
 * when the request itself failed, and calls `onDone` when the rows were written.
 */
export function useImportUpload<R extends ImportResultData>(path: string, onDone: (r: R) => void) {
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => api.postFile<R>(path, file),
    meta: { quiet: true },
    onMutate: () => {
      setError(null);
      setResult(null);
    },
    onSuccess: (r) => {
      setResult(r);
      if (r.status === "done") onDone(r);
    },
    onError: (err) => setError(isApiError(err) ? err.detail : String(err)),
  });
  return { upload: upload.mutate, uploading: upload.isPending, result, error, setError };
}

/** The link to an import's Excel template (the first step of an import page). */
export function TemplateLink({ href, testId, children }: { href: string; testId: string; children: ReactNode }) {
  return (
    <Button type="link" icon={<DownloadOutlined />} href={href} style={{ paddingLeft: 0 }} data-testid={testId}>
      {children}
    </Button>
  );
}

/**
 * The drop zone of an import page: takes one .xlsx file (another kind is refused with a message), shows a bar while
 * it is being sent, and the error of the upload when there is one.
 */
export function XlsxDropzone({
  text,
  hint,
  uploading,
  percent,
  error,
  onFile,
  onError,
  testId,
  errorTestId,
}: {
  text: string;
  hint: string;
  uploading: boolean;
  /** Where the bar stands while the file is sent. */
  percent: number;
  error: string | null;
  onFile: (file: File) => void;
  onError: (message: string) => void;
  testId: string;
  errorTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 640, marginTop: 8 }}>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          if (file.name.toLowerCase().endsWith(".xlsx")) onFile(file);
          else onError(t("import.onlyXlsx"));
          return Upload.LIST_IGNORE;
        }}
        data-testid={testId}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{text}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {uploading && <Progress percent={percent} status="active" showInfo={false} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid={errorTestId} />}
    </div>
  );
}

/** A button that picks one .xlsx file and hands it over (no upload list: the page shows what came of it). */
export function XlsxUploadButton({
  onFile,
  loading,
  testId,
  children,
}: {
  onFile: (file: File) => void;
  loading: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Upload
      accept=".xlsx"
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return Upload.LIST_IGNORE;
      }}
    >
      <Button type="primary" icon={<UploadOutlined />} loading={loading} data-testid={testId}>
        {children}
      </Button>
    </Upload>
  );
}

/**
 * An import page of an all-or-nothing import that answers within the request: the template (step 1), one upload
 * checked as a whole (step 2), the answer, and the way back to the list once written. `id` prefixes the test ids
 * (`<id>-import`, `-import-template`, `-import-upload`, `-import-result`, `-import-problems`).
 */
export function ImportStepsCard<R extends ImportResultData>({
  id,
  title,
  back,
  templatePath,
  uploadPath,
  onDone,
  texts,
  doneText,
  rejectedText,
}: {
  id: string;
  title: string;
  /** The list the page came from, and where the button goes once the rows are written. */
  back: string;
  templatePath: string;
  uploadPath: string;
  onDone: (r: R) => void;
  texts: { step1: string; template: string; step2: string; drag: string; dragHint: string; next: string };
  doneText: (r: R) => string;
  rejectedText: (problems: number) => string;
}) {
  const { upload, uploading, result, error, setError } = useImportUpload<R>(uploadPath, onDone);
  return (
    <Card title={<BackTitle to={back}>{title}</BackTitle>} data-testid={`${id}-import`}>
      <Steps
        orientation="vertical"
        size="small"
        current={result?.status === "done" ? 2 : 1}
        status={result?.status === "rejected" || error ? "error" : "process"}
        items={[
          {
            title: texts.step1,
            content: (
              <TemplateLink href={apiUrl(templatePath)} testId={`${id}-import-template`}>
                {texts.template}
              </TemplateLink>
            ),
          },
          {
            title: texts.step2,
            content: (
              <XlsxDropzone
                text={texts.drag}
                hint={texts.dragHint}
                uploading={uploading}
                percent={99}
                error={error}
                onFile={upload}
                onError={setError}
                testId={`${id}-import-upload`}
              />
            ),
          },
        ]}
      />
      {result && (
        <div style={{ marginTop: 8 }}>
          <ImportResult
            result={result}
            testId={`${id}-import-result`}
            problemsTestId={`${id}-import-problems`}
            doneText={doneText(result)}
            rejectedText={rejectedText(result.problems.length)}
          />
          {result.status === "done" && (
            <Link to={back}>
              <Button type="primary" style={{ marginTop: 12 }}>
                {texts.next}
              </Button>
            </Link>
          )}
        </div>
      )}
    </Card>
  );
}
