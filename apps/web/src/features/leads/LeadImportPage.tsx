import { useQueryClient } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { Button, Card, Steps } from "antd";
import { Link } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { BackTitle } from "../../components/Buttons.tsx";
import { ImportResult, TemplateLink, useImportUpload, XlsxDropzone } from "../../components/ExcelImport.tsx";
import { useLeadI18n } from "./leadI18n.ts";
import { leadKeys } from "./useLeads.ts";

type LeadImportResult = C.LeadImportResult;

/** 导入招商项目: the template, then one upload checked as a whole; nothing is written when a row is wrong. */
export function LeadImportPage() {
  const { tl } = useLeadI18n();
  const queryClient = useQueryClient();
  const { upload, uploading, result, error, setError } = useImportUpload<LeadImportResult>("/leads/import", () => {
    void queryClient.invalidateQueries({ queryKey: leadKeys.all });
  });

  return (
    <Card title={<BackTitle to="/leads">{tl("imp.title")}</BackTitle>} data-testid="lead-import">
      <Steps
        orientation="vertical"
        size="small"
        current={result?.status === "done" ? 2 : 1}
        status={result?.status === "rejected" || error ? "error" : "process"}
        items={[
          {
            title: tl("imp.step1"),
            content: (
              <TemplateLink href={apiUrl("/leads/import/template")} testId="lead-import-template">
                {tl("imp.template")}
              </TemplateLink>
            ),
          },
          {
            title: tl("imp.step2"),
            content: (
              <XlsxDropzone
                text={tl("imp.drag")}
                hint={tl("imp.dragHint")}
                uploading={uploading}
                percent={99}
                error={error}
                onFile={upload}
                onError={setError}
                testId="lead-import-upload"
              />
            ),
          },
        ]}
      />
      {result && (
        <div style={{ marginTop: 8 }}>
          <ImportResult
            result={result}
            testId="lead-import-result"
            problemsTestId="lead-import-problems"
            doneText={tl("imp.done", {
              total: result.totalRows,
              n: result.createdRows,
              codes: result.codes.join("、"),
            })}
            rejectedText={tl("imp.rejected", { n: result.problems.length })}
          />
          {result.status === "done" && (
            <Link to="/leads">
              <Button type="primary" style={{ marginTop: 12 }}>
                {tl("imp.toList")}
              </Button>
            </Link>
          )}
        </div>
      )}
    </Card>
  );
}
