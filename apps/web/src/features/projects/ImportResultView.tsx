import { Alert, Space, Table, Typography } from "antd";
import { useI18n } from "../../app/i18n.ts";
import type { ReportImportResult } from "./useProjects.ts";

type Problem = ReportImportResult["problems"][number];

/**
 * What an all-or-nothing Excel import answered: the counts when it was written, or the problems (sheet, row, column,
 * value, reason) when it was rejected and nothing was written.
 */
export function ImportResultView({
  result,
  doneText,
  rejectedText,
  problemsTestId,
  testId = "report-result",
}: {
  result: ReportImportResult;
  doneText: string;
  rejectedText: string;
  problemsTestId: string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid={testId}>
      {result.status === "done" ? (
        <Alert type="success" showIcon title={doneText} data-testid="import-result-done" />
      ) : (
        <>
          <Alert type="error" showIcon title={rejectedText} data-testid="import-result-rejected" />
          <Table<Problem & { key: number }>
            size="small"
            bordered
            data-testid={problemsTestId}
            dataSource={result.problems.map((p, i) => ({ ...p, key: i }))}
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
        </>
      )}
    </Space>
  );
}
