import {
  APPROVAL_STAGE_NAMES,
  type ApprovalStage,
  PROJECT_LEVEL_NAMES,
  PROJECT_STAGE_NAMES,
  PROJECT_TYPE_NAMES,
  type ProjectLevel,
  type ProjectStage,
  type ProjectType,
} from "@zoneos/domain/projects";
import { Empty, Table } from "antd";
import { useMemo } from "react";
import type { AuditEntry } from "../../app/types.ts";
import { AuditDiff, actionName, type ValueNames } from "../../components/AuditDiff.tsx";
import { formatDateTime } from "../../components/format.ts";
import { type ProjectMessageKey, useProjectI18n } from "./projectI18n.ts";
import { type Project, useProjectHistory, useProjectOptions } from "./useProjects.ts";

/** Names of a project's fields in its change history. */
const HISTORY_FIELDS: Record<string, ProjectMessageKey> = {
  code: "field.code",
  name: "field.name",
  ownerEnterpriseId: "field.owner",
  totalInvestmentWan: "field.totalInvestment",
  type: "field.type",
  level: "field.level",
  stage: "field.stage",
  parkUnitId: "field.park",
  industryCode: "field.industry",
  plannedStartOn: "field.plannedStartOn",
  plannedCompletionOn: "field.plannedCompletionOn",
  actualStartOn: "field.actualStartOn",
  actualCompletionOn: "field.actualCompletionOn",
  leaderId: "field.leader",
  unitId: "field.unit",
  memberIds: "field.members",
  location: "field.location",
  period: "report.month",
  planWan: "plan.planWan",
  fromMonth: "plan.fromMonth",
  reason: "plan.reason",
  newStartPlanned: "plan.newStartPlanned",
  newStartMonth: "plan.newStartMonth",
  milestones: "plan.milestones",
  completedWan: "report.completed",
  progress: "report.progress",
  problems: "report.problems",
  department: "appr.department",
  appliedOn: "appr.appliedOn",
  approvedOn: "appr.approvedOn",
  limitWorkingDays: "appr.limit",
  note: "appr.note",
};

/** What an audit entry of a project is about: the project itself, a year's plan, a month's report or an approval item. */
const PROJECT_ACTIONS: Record<string, ProjectMessageKey> = {
  "project.plan": "action.plan",
  "project.report": "action.report",
  "project.approval.create": "action.approval.create",
  "project.approval.update": "action.approval.update",
  "project.approval.delete": "action.approval.delete",
};

/** A project's change history: its own fields, its plans, reports and approval items, with names for ids. */
export function ProjectHistory({ p }: { p: Project }) {
  const { lang, t, tp } = useProjectI18n();
  const history = useProjectHistory(p.id, true);
  const options = useProjectOptions();
  const fields = useMemo(() => {
    const base = Object.fromEntries(Object.entries(HISTORY_FIELDS).map(([k, key]) => [k, tp(key)]));
    return {
      project: base,
      approval: { ...base, name: tp("appr.name"), stage: tp("appr.stage") },
    };
  }, [tp]);
  const names = useMemo(() => {
    const people = new Map<string, string>();
    for (const u of [...(options.data?.leaders ?? []), ...(options.data?.staff ?? [])])
      if (u.name) people.set(u.id, u.name);
    for (const m of p.members) if (m.name) people.set(m.id, m.name);
    const units = new Map<string, string>();
    for (const u of [...(options.data?.units ?? []), ...(options.data?.parks ?? [])])
      if (u.name) units.set(u.id, u.name);
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    const project: ValueNames = {
      unitId: (v) => units.get(str(v)),
      parkUnitId: (v) => units.get(str(v)),
      leaderId: (v) => people.get(str(v)),
      ownerEnterpriseId: (v) => (v === p.ownerEnterpriseId ? (p.ownerName ?? undefined) : undefined),
      memberIds: (v) => (Array.isArray(v) ? v.map((x) => people.get(String(x)) ?? String(x)).join("、") : undefined),
      level: (v) => PROJECT_LEVEL_NAMES[str(v) as ProjectLevel]?.[lang],
      stage: (v) => PROJECT_STAGE_NAMES[str(v) as ProjectStage]?.[lang],
      type: (v) => PROJECT_TYPE_NAMES[str(v) as ProjectType]?.[lang],
    };
    const approval: ValueNames = {
      ...project,
      stage: (v) => APPROVAL_STAGE_NAMES[str(v) as ApprovalStage]?.[lang],
      departmentUnitId: (v) => units.get(str(v)),
    };
    return { project, approval };
  }, [options.data, p, lang]);
  const kindOf = (action: string) => (action.startsWith("project.approval") ? "approval" : "project");
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="small"
      loading={history.isPending}
      dataSource={history.data?.items ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("history.empty")} /> }}
      data-testid="project-history"
      columns={[
        { title: t("history.time"), dataIndex: "at", width: 150, render: (v: string) => formatDateTime(v) },
        { title: t("history.actor"), dataIndex: "actorName", width: 110 },
        {
          title: t("history.action"),
          dataIndex: "action",
          width: 120,
          render: (a: string) => {
            const key = PROJECT_ACTIONS[a];
            return key ? tp(key) : actionName(a, t);
          },
        },
        {
          title: t("history.changes"),
          key: "changes",
          render: (_: unknown, r: AuditEntry) => (
            <AuditDiff
              before={r.before}
              after={r.after}
              names={names[kindOf(r.action)]}
              fields={fields[kindOf(r.action)]}
            />
          ),
        },
      ]}
    />
  );
}
