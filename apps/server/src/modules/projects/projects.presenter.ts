/** A project's plans and monthly history as its page shows them (rows → contract shapes). */
import type { AnnualPlan, MonthlyReport } from "@zoneos/contracts";
import { formatWan, parseWan, planInForce } from "@zoneos/domain";
import type { PlanVersionRow, plansOf } from "./projects.queries.ts";
import type { ReportWithNames } from "./projects.reports.queries.ts";

export function sumWanOf(values: readonly string[]): string {
  return formatWan(values.reduce((s, v) => s + parseWan(v), 0n));
}

export function presentPlans(
  versions: (PlanVersionRow & { changedByName: string | null })[],
  plans: Awaited<ReturnType<typeof plansOf>>,
): AnnualPlan[] {
  const years = [...new Set([...plans.map((p) => p.year), ...versions.map((v) => v.year)])].sort((a, b) => b - a);
  return years.map((year) => {
    const plan = plans.find((p) => p.year === year);
    return {
      year,
      versions: versions
        .filter((v) => v.year === year)
        .map((v) => ({
          fromMonth: v.fromMonth,
          planWan: formatWan(parseWan(v.planWan)),
          reason: v.reason,
          changedAt: v.changedAt.toISOString(),
          changedByName: v.changedByName,
        })),
      newStartPlanned: plan?.newStartPlanned ?? false,
      newStartMonth: plan?.newStartMonth ?? null,
      milestones: plan?.milestones ?? [],
    };
  });
}

/** The monthly history with year-to-date sums and the plan in force for each month, latest first. */
export function presentReports(
  reports: readonly ReportWithNames[],
  plans: readonly AnnualPlan[],
  attachments: Map<string, MonthlyReport["attachments"]>,
): MonthlyReport[] {
  const ascending = [...reports].sort((a, b) => a.year - b.year || a.month - b.month);
  const ytd = new Map<number, bigint>();
  const out = ascending.map((r) => {
    const sum = (ytd.get(r.year) ?? 0n) + parseWan(r.completedWan);
    ytd.set(r.year, sum);
    const versions = plans.find((p) => p.year === r.year)?.versions ?? [];
    return {
      year: r.year,
      month: r.month,
      completedWan: formatWan(parseWan(r.completedWan)),
      completedYtdWan: formatWan(sum),
      planWan: planInForce(versions, r.month),
      progress: r.progress,
      problems: r.problems,
      attachments: attachments.get(r.id) ?? [],
      reportedByName: r.reportedByName,
      reportedAt: r.reportedAt.toISOString(),
      version: r.version,
    };
  });
  return out.reverse();
}
