import { useQueryClient } from "@tanstack/react-query";
import { Button, Card, Steps } from "antd";
import { Link } from "react-router";
import { apiUrl } from "../../app/api.ts";
import { BackTitle } from "../../components/Buttons.tsx";
import { ImportResult, TemplateLink, useImportUpload, XlsxDropzone } from "../../components/ExcelImport.tsx";
import { useProjectI18n } from "./projectI18n.ts";
import { type ProjectImportResult, projectKeys } from "./useProjects.ts";

/** 导入项目: template, then one upload checked as a whole; nothing is written when a row is wrong. */
export function ProjectImportPage() {
  const { tp } = useProjectI18n();
  const queryClient = useQueryClient();
  const { upload, uploading, result, error, setError } = useImportUpload<ProjectImportResult>(
    "/projects/import",
    () => {
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["enterprises"] });
    },
  );

  return (
    <Card title={<BackTitle to="/projects">{tp("imp.title")}</BackTitle>} data-testid="project-import">
      <Steps
        orientation="vertical"
        size="small"
        current={result?.status === "done" ? 2 : 1}
        status={result?.status === "rejected" || error ? "error" : "process"}
        items={[
          {
            title: tp("imp.step1"),
            content: (
              <TemplateLink href={apiUrl("/projects/import-template")} testId="project-import-template">
                {tp("imp.template")}
              </TemplateLink>
            ),
          },
          {
            title: tp("imp.step2"),
            content: (
              <XlsxDropzone
                text={tp("imp.drag")}
                hint={tp("imp.dragHint")}
                uploading={uploading}
                percent={99}
                error={error}
                onFile={upload}
                onError={setError}
                testId="project-import-upload"
              />
            ),
          },
        ]}
      />
      {result && (
        <div style={{ marginTop: 8 }}>
          <ImportResult
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
