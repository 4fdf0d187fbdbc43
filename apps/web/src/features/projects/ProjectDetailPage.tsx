import { CarOutlined, EditOutlined, FormOutlined } from "@ant-design/icons";
import {
  APPROVAL_STAGE_NAMES,
  type ApprovalStage,
  PROJECT_LEVEL_NAMES,
  PROJECT_STAGE_NAMES,
  PROJECT_TYPE_NAMES,
  type ProjectLevel,
  type ProjectStage,
  type ProjectType,
  planInForce,
} from "@zoneos/domain/projects";
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from "antd";
import dayjs from "dayjs";
import type { EChartsCoreOption } from "echarts/core";
import { type ReactNode, useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import type { AuditEntry } from "../../app/types.ts";
import { AttachmentList } from "../../components/Attachments.tsx";
import { AuditDiff, actionName, type ValueNames } from "../../components/AuditDiff.tsx";
import { BackButton } from "../../components/Buttons.tsx";
import { formatDate, formatDateTime } from "../../components/format.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { CaseFlags, CaseStateTag } from "../cases/CaseTags.tsx";
import type { CaseSummary } from "../cases/useCases.ts";
import { EChart } from "../figures/EChart.tsx";
import { VisitTable } from "../visits/VisitListPage.tsx";
import { ApprovalsSection } from "./ApprovalsSection.tsx";
import { PlanSection } from "./PlanSection.tsx";
import { BehindTag, LevelTag, PointsAhead, ScheduleBar, StageTag } from "./ProjectTags.tsx";
import { formatPercent, formatWanText } from "./projectFormat.ts";
import { type ProjectMessageKey, type Tp, useProjectI18n } from "./projectI18n.ts";
import { ReportModal, type ReportTarget, reportTargetOf } from "./ReportModal.tsx";
import {
  type MonthlyReport,
  type Project,
  useProject,
  useProjectCases,
  useProjectHistory,
  useProjectOptions,
} from "./useProjects.ts";

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

function Facts({ p }: { p: Project }) {
  const { lang, tp } = useProjectI18n();
  const none = "—";
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      styles={{ label: { width: 120, whiteSpace: "nowrap" } }}
      data-testid="project-facts"
      items={[
        {
          key: "code",
          label: tp("field.code"),
          children: <Typography.Text style={{ fontFamily: "monospace" }}>{p.code}</Typography.Text>,
        },
        {
          key: "owner",
          label: tp("field.owner"),
          children: <Link to={`/enterprises/${p.ownerEnterpriseId}`}>{p.ownerName ?? none}</Link>,
        },
        { key: "type", label: tp("field.type"), children: PROJECT_TYPE_NAMES[p.type][lang] },
        { key: "level", label: tp("field.level"), children: <LevelTag level={p.level} /> },
        { key: "stage", label: tp("field.stage"), children: <StageTag stage={p.stage} /> },
        { key: "total", label: tp("field.totalInvestment"), children: formatWanText(p.totalInvestmentWan) },
        { key: "unit", label: tp("field.unit"), children: p.unitName ?? none },
        { key: "leader", label: tp("field.leader"), children: p.leaderName ?? none },
        { key: "park", label: tp("field.park"), children: p.parkName ?? none },
        {
          key: "industry",
          label: tp("field.industry"),
          children: p.industryCode ? `${p.industryCode} ${p.industryName ?? ""}`.trim() : none,
        },
        { key: "plannedStartOn", label: tp("field.plannedStartOn"), children: formatDate(p.plannedStartOn) },
        {
          key: "plannedCompletionOn",
          label: tp("field.plannedCompletionOn"),
          children: formatDate(p.plannedCompletionOn),
        },
        { key: "actualStartOn", label: tp("field.actualStartOn"), children: formatDate(p.actualStartOn) },
        {
          key: "actualCompletionOn",
          label: tp("field.actualCompletionOn"),
          children: formatDate(p.actualCompletionOn),
        },
        { key: "location", label: tp("field.location"), children: p.location ?? none },
        {
          key: "members",
          label: tp("field.members"),
          span: "filled",
          children: p.members.length ? p.members.map((m) => m.name ?? "—").join("、") : none,
        },
      ]}
    />
  );
}

function Figure({
  title,
  children,
  sub,
  testId,
}: {
  title: string;
  children: ReactNode;
  sub?: ReactNode;
  testId: string;
}) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Statistic title={title} valueRender={() => children} data-testid={testId} />
      {sub && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      )}
    </Col>
  );
}

/** The year's figures of the period: plan, completed, completion against 序时进度, and the whole investment. */
function Schedule({ p, period }: { p: Project; period: string }) {
  const { tp } = useProjectI18n();
  const s = p.schedule;
  return (
    <Card size="small" title={tp("detail.scheduleOf", { period })} data-testid="project-schedule">
      <Row gutter={[16, 16]}>
        <Figure testId="schedule-plan" title={tp("col.plan")}>
          <span style={{ fontSize: 20 }}>{formatWanText(s.planWan)}</span>
        </Figure>
        <Figure testId="schedule-ytd" title={tp("col.ytd")}>
          <span style={{ fontSize: 20 }}>{formatWanText(s.completedYtdWan)}</span>
        </Figure>
        <Figure testId="schedule-completion" title={tp("kpi.completion")}>
          <span style={{ fontSize: 20 }}>{formatPercent(s.completionPercent)}</span>
        </Figure>
        <Figure testId="schedule-elapsed" title={tp("kpi.elapsed")}>
          <span style={{ fontSize: 20 }}>{formatPercent(s.elapsedPercent)}</span>
        </Figure>
        <Figure testId="schedule-points" title={tp("kpi.points")}>
          <Space>
            <span style={{ fontSize: 20 }}>
              <PointsAhead value={s.pointsAhead} strong />
            </span>
            {s.behind && <BehindTag />}
          </Space>
        </Figure>
        <Figure
          testId="schedule-total"
          title={tp("kpi.cumulative")}
          sub={`${tp("kpi.totalPercent")} ${formatPercent(p.totalPercent)}`}
        >
          <span style={{ fontSize: 20 }}>{formatWanText(p.cumulativeWan)}</span>
        </Figure>
      </Row>
      <div style={{ marginTop: 12, maxWidth: 520 }}>
        <ScheduleBar s={s} width="100%" />
      </div>
    </Card>
  );
}

function chartOption(p: Project, year: number, tp: Tp): EChartsCoreOption {
  const plan = p.plans.find((x) => x.year === year);
  const reports = new Map(p.reports.filter((r) => r.year === year).map((r) => [r.month, r]));
  const lastReported = Math.max(0, ...reports.keys());
  let ytd: number | null = null;
  const cumulative = MONTHS.map((m) => {
    const r = reports.get(m);
    if (r) ytd = Number(r.completedYtdWan);
    return m <= lastReported ? ytd : null;
  });
  const planOf = MONTHS.map((m) => (plan ? num(planInForce(plan.versions, m)) : null));
  const proRata = planOf.map((v, i) => (v === null ? null : Math.round(((v * (i + 1)) / 12) * 10000) / 10000));
  const fmt = (v: number | null) => (v === null || v === undefined ? "—" : v.toLocaleString("zh-CN"));
  return {
    tooltip: { trigger: "axis", valueFormatter: fmt },
    legend: {
      top: 0,
      data: [tp("chart.monthCompleted"), tp("chart.cumulative"), tp("chart.plan"), tp("chart.elapsedPlan")],
    },
    grid: { left: 64, right: 24, top: 40, bottom: 28 },
    xAxis: { type: "category", data: MONTHS.map((m) => tp("chart.month", { m })) },
    yAxis: { type: "value" },
    series: [
      {
        name: tp("chart.monthCompleted"),
        type: "bar",
        data: MONTHS.map((m) => num(reports.get(m)?.completedWan)),
        itemStyle: { color: "#91caff" },
        barMaxWidth: 28,
      },
      {
        name: tp("chart.cumulative"),
        type: "line",
        data: cumulative,
        itemStyle: { color: "#1f5fbf" },
        lineStyle: { width: 3 },
        connectNulls: true,
      },
      {
        name: tp("chart.plan"),
        type: "line",
        step: "start",
        data: planOf,
        symbol: "none",
        itemStyle: { color: "#fa8c16" },
        lineStyle: { type: "dashed", width: 2 },
      },
      {
        name: tp("chart.elapsedPlan"),
        type: "line",
        data: proRata,
        symbol: "none",
        itemStyle: { color: "#8c8c8c" },
        lineStyle: { type: "dotted", width: 1.5 },
      },
    ],
  };
}

/** The year's months as a chart (month completed, year to date, plan in force, plan pro rata) and a table. */
function MonthlyHistory({ p, year, onEdit }: { p: Project; year: number; onEdit?: (r: MonthlyReport) => void }) {
  const { t, tp } = useProjectI18n();
  const option = useMemo(() => chartOption(p, year, tp), [p, year, tp]);
  const rows = p.reports.filter((r) => r.year === year).sort((a, b) => b.month - a.month);
  return (
    <>
      <EChart option={option} height={300} testId="project-chart" />
      <Table<MonthlyReport>
        rowKey={(r) => `${r.year}-${r.month}`}
        size="small"
        style={{ marginTop: 12 }}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="project-reports"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("report.empty")} /> }}
        columns={[
          {
            title: tp("report.month"),
            key: "month",
            width: 80,
            render: (_: unknown, r: MonthlyReport) => tp("plan.month", { m: r.month }),
          },
          {
            title: tp("report.completed"),
            dataIndex: "completedWan",
            width: 130,
            align: "right",
            render: (v: string) => formatWanText(v),
          },
          {
            title: tp("report.ytd"),
            dataIndex: "completedYtdWan",
            width: 130,
            align: "right",
            render: (v: string) => formatWanText(v),
          },
          {
            title: tp("report.plan"),
            dataIndex: "planWan",
            width: 130,
            align: "right",
            render: (v: string | null) => formatWanText(v),
          },
          { title: tp("report.progress"), dataIndex: "progress", render: (v: string | null) => v ?? "—" },
          { title: tp("report.problems"), dataIndex: "problems", render: (v: string | null) => v ?? "—" },
          {
            title: tp("report.photos"),
            key: "photos",
            width: 200,
            render: (_: unknown, r: MonthlyReport) => <AttachmentList items={r.attachments} empty="—" />,
          },
          {
            title: tp("report.by"),
            key: "by",
            width: 140,
            render: (_: unknown, r: MonthlyReport) => (
              <Flex vertical gap={0}>
                <span>{r.reportedByName ?? "—"}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.reportedAt)}
                </Typography.Text>
              </Flex>
            ),
          },
          ...(onEdit
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  width: 70,
                  fixed: "right" as const,
                  render: (_: unknown, r: MonthlyReport) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => onEdit(r)}
                      aria-label={t("common.edit")}
                      icon={<EditOutlined />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function Cases({ id }: { id: string }) {
  const { t, tp } = useProjectI18n();
  const cases = useProjectCases(id, true);
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="small"
      loading={cases.isFetching}
      dataSource={cases.data?.items ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid="project-case-table"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tp("cases.empty")} /> }}
      columns={[
        {
          title: t("cases.field.number"),
          dataIndex: "number",
          width: 150,
          render: (v: string, c: CaseSummary) => (
            <Link to={`/cases/${c.id}`}>
              <Typography.Text style={{ fontFamily: "monospace", color: "inherit" }}>{v}</Typography.Text>
            </Link>
          ),
        },
        {
          title: t("cases.field.title"),
          dataIndex: "title",
          render: (v: string, c: CaseSummary) => (
            <Flex vertical gap={2}>
              <span>{v}</span>
              <CaseFlags c={c} />
            </Flex>
          ),
        },
        {
          title: t("cases.field.state"),
          dataIndex: "state",
          width: 90,
          render: (_: unknown, c: CaseSummary) => <CaseStateTag state={c.state} />,
        },
        {
          title: t("cases.field.ownerUnit"),
          dataIndex: "ownerUnitName",
          width: 140,
          render: (v: string | null) => v ?? "—",
        },
        {
          title: t("cases.field.receivedAt"),
          dataIndex: "receivedAt",
          width: 150,
          render: (v: string) => formatDateTime(v),
        },
      ]}
    />
  );
}

function Visits({ p }: { p: Project }) {
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  return (
    <VisitTable
      params={{ projectId: p.id, ...page }}
      showEnterprise={false}
      onPage={(n, pageSize) => setPage({ page: n, pageSize })}
    />
  );
}

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

function History({ p }: { p: Project }) {
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

/** The years the chart can show: those with a plan or a report, and this year. */
function yearsOf(p: Project): number[] {
  const years = new Set<number>([dayjs().year(), ...p.plans.map((x) => x.year), ...p.reports.map((r) => r.year)]);
  return [...years].sort((a, b) => b - a);
}

/** A project's page: facts, the year's schedule, monthly history, plans, approvals, cases, visits, change history. */
export function ProjectDetailPage() {
  const { id = "" } = useParams();
  const [sp] = useSearchParams();
  const { t, tp } = useProjectI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const query = useProject(id);
  const urlYear = Number(sp.get("year"));
  const urlMonth = Number(sp.get("month"));
  const hasPeriod = Number.isInteger(urlYear) && urlYear > 2000 && Number.isInteger(urlMonth) && urlMonth >= 1;
  const [year, setYear] = useState<number>(hasPeriod ? urlYear : dayjs().year());
  const [reporting, setReporting] = useState<ReportTarget | null>(null);

  if (query.isPending) return <PageSpin />;
  if (query.isError) {
    const notFound = isApiError(query.error) && (query.error.status === 404 || query.error.status === 403);
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? tp("detail.notFound") : t("common.loadFailed")}
        subTitle={notFound ? undefined : isApiError(query.error) ? query.error.detail : String(query.error)}
        extra={
          <Link to="/projects">
            <Button type="primary">{tp("board.title")}</Button>
          </Link>
        }
      />
    );
  }

  const p = query.data;
  const mayEdit = p.canEdit && can(me, "project.edit");
  const mayReport = p.canReport && can(me, "project.report");
  // The server gives a project's schedule for the latest month whose reporting has closed, and says which; the
  // report button is for this month, the one open for reporting.
  const period = tp("board.yearMonth", { year: p.period.year, month: p.period.month });
  const now = dayjs();
  const reportNow = () => setReporting(reportTargetOf(p, now.year(), now.month() + 1));

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="project-detail">
      <Card
        title={
          <Space wrap>
            <BackButton />
            <span data-testid="project-name">{p.name}</span>
            <LevelTag level={p.level} />
            <StageTag stage={p.stage} />
            {p.schedule.behind && <BehindTag />}
          </Space>
        }
        extra={
          <Space wrap>
            {can(me, "visit.record") && (
              <Button icon={<CarOutlined />} onClick={() => navigate(`/visits/new?projectId=${p.id}`)}>
                {tp("detail.recordVisit")}
              </Button>
            )}
            {mayReport && (
              <Button icon={<FormOutlined />} onClick={reportNow} data-testid="project-report">
                {tp("detail.report")}
              </Button>
            )}
            {mayEdit && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => navigate(`/projects/${p.id}/edit`)}
                data-testid="project-edit"
              >
                {t("common.edit")}
              </Button>
            )}
          </Space>
        }
      >
        <Facts p={p} />
      </Card>

      <Schedule p={p} period={period} />

      <Card
        size="small"
        title={tp("chart.title", { year })}
        extra={
          <Select
            size="small"
            value={year}
            onChange={setYear}
            options={yearsOf(p).map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 100 }}
          />
        }
      >
        <MonthlyHistory
          p={p}
          year={year}
          onEdit={mayReport ? (r) => setReporting(reportTargetOf(p, r.year, r.month)) : undefined}
        />
      </Card>

      <PlanSection project={p} editable={mayEdit} />

      <Card size="small" title={tp("detail.approvals")}>
        <ApprovalsSection projectId={p.id} editable={mayEdit} />
      </Card>

      <Card size="small" title={`${tp("detail.cases")}（${p.caseCount}）`} data-testid="project-cases">
        <Cases id={p.id} />
      </Card>

      <Card
        size="small"
        title={`${tp("detail.visits")}（${p.visitCount}）`}
        extra={
          can(me, "visit.record") && (
            <Button
              size="small"
              icon={<CarOutlined />}
              onClick={() => navigate(`/visits/new?projectId=${p.id}`)}
              data-testid="project-visit-new"
            >
              {tp("detail.recordVisit")}
            </Button>
          )
        }
        data-testid="project-visits"
      >
        <Visits p={p} />
      </Card>

      <Card size="small" title={tp("detail.changes")}>
        <History p={p} />
      </Card>

      {reporting && <ReportModal target={reporting} project={p} onClose={() => setReporting(null)} />}
    </Space>
  );
}
