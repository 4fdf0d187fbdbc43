import { useQueryClient } from "@tanstack/react-query";
import { ImportStepsCard } from "../../components/ExcelImport.tsx";
import { useProjectI18n } from "./projectI18n.ts";
import { type ProjectImportResult, projectKeys } from "./useProjects.ts";

/** 导入项目: template, then one upload checked as a whole; nothing is written when a row is wrong. */
export function ProjectImportPage() {
  const { tp } = useProjectI18n();
  const queryClient = useQueryClient();
  return (
    <ImportStepsCard<ProjectImportResult>
      id="project"
      title={tp("imp.title")}
      back="/projects"
      templatePath="/projects/import-template"
      uploadPath="/projects/import"
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey: projectKeys.all });
        void queryClient.invalidateQueries({ queryKey: ["enterprises"] });
      }}
      texts={{
        step1: tp("imp.step1"),
        template: tp("imp.template"),
        step2: tp("imp.step2"),
        drag: tp("imp.drag"),
        dragHint: tp("imp.dragHint"),
        next: tp("imp.toBoard"),
      }}
      doneText={(r) => tp("imp.done", { total: r.totalRows, changed: r.changedRows, unchanged: r.unchangedRows })}
      rejectedText={(n) => tp("imp.rejected", { n })}
    />
  );
}
