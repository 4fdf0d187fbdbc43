import { CarOutlined, EditOutlined, FormOutlined } from "@ant-design/icons";
import { PROJECT_TYPE_NAMES } from "@zoneos/domain/projects";
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
import { type ReactNode, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { isApiError } from "../../app/api.ts";
import { can, useMe } from "../../app/auth.ts";
import { BackButton } from "../../components/Buttons.tsx";
import { formatDate, formatDateTime } from "../../components/format.ts";
import { PageSpin } from "../../components/PageSpin.tsx";
import { CaseFlags, CaseStateTag } from "../cases/CaseTags.tsx";
import type { CaseSummary } from "../cases/useCases.ts";
import { ProjectLeadTag } from "../leads/ProjectLeadTag.tsx";
import { VisitTable } from "../visits/VisitListPage.tsx";
import { ApprovalsSection } from "./ApprovalsSection.tsx";
import { MonthlyHistory, yearsOf } from "./MonthlyHistory.tsx";
import { PlanSection } from "./PlanSection.tsx";
import { ProjectHistory } from "./ProjectHistory.tsx";
import { BehindTag, LevelTag, PointsAhead, ScheduleBar, StageTag } from "./ProjectTags.tsx";
import { formatPercent, formatWanText } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import { ReportModal, type ReportTarget, reportTargetOf } from "./ReportModal.tsx";
import { type Project, useProject, useProjectCases } from "./useProjects.ts";

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
            <ProjectLeadTag projectId={p.id} />
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
        <ProjectHistory p={p} />
      </Card>

      {reporting && <ReportModal target={reporting} project={p} onClose={() => setReporting(null)} />}
    </Space>
  );
}
