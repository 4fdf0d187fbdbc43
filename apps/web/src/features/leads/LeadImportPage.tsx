import { useQueryClient } from "@tanstack/react-query";
import type * as C from "@zoneos/contracts";
import { ImportStepsCard } from "../../components/ExcelImport.tsx";
import { useLeadI18n } from "./leadI18n.ts";
import { leadKeys } from "./useLeads.ts";

/** 导入招商项目: the template, then one upload checked as a whole; nothing is written when a row is wrong. */
export function LeadImportPage() {
  const { tl } = useLeadI18n();
  const queryClient = useQueryClient();
  return (
    <ImportStepsCard<C.LeadImportResult>
      id="lead"
      title={tl("imp.title")}
      back="/leads"
      templatePath="/leads/import/template"
      uploadPath="/leads/import"
      onDone={() => void queryClient.invalidateQueries({ queryKey: leadKeys.all })}
      texts={{
        step1: tl("imp.step1"),
        template: tl("imp.template"),
        step2: tl("imp.step2"),
        drag: tl("imp.drag"),
        dragHint: tl("imp.dragHint"),
        next: tl("imp.toList"),
      }}
      doneText={(r) => tl("imp.done", { total: r.totalRows, n: r.createdRows, codes: r.codes.join("、") })}
      rejectedText={(n) => tl("imp.rejected", { n })}
    />
  );
}
