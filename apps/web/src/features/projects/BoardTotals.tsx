import { SCHEDULE_GRANULARITY_NAMES } from "@zoneos/domain/projects";
import { Card, Col, Row, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { PointsAhead } from "./ProjectTags.tsx";
import { formatPercent, wanToYi } from "./projectFormat.ts";
import { type Tp, useProjectI18n } from "./projectI18n.ts";
import type { ProjectBoard } from "./useProjects.ts";

/** "N 个项目完成投资 X 亿元，占年度计划 P%，超/慢序时进度 Y 个百分点" and "新开工 a/b，开工率 c%". */
export function boardSentences(board: ProjectBoard, tp: Tp): [string, string] {
  const { totals, period } = board;
  const s = totals.schedule;
  const x = wanToYi(s.completedYtdWan);
  const first =
    s.completionPercent === null || s.pointsAhead === null
      ? tp("board.sentenceNoPlan", { n: totals.plannedProjects, x })
      : tp(
          s.pointsAhead > 0 ? "board.sentenceAhead" : s.pointsAhead < 0 ? "board.sentenceBehind" : "board.sentenceEven",
          {
            n: totals.plannedProjects,
            x,
            p: formatPercent(s.completionPercent),
            y: Math.abs(s.pointsAhead).toFixed(1),
          },
        );
  const sr = totals.startRate;
  let second = tp("board.startSentence", {
    a: sr.started,
    b: sr.plannedAnnual,
    c: formatPercent(sr.annualPercent),
  });
  if (period.month < 12 && sr.plannedToDate !== sr.plannedAnnual) {
    second += tp("board.startToDate", { m: period.month, b: sr.plannedToDate, c: formatPercent(sr.toDatePercent) });
  }
  return [first, second];
}

function Kpi({ title, value, color, testId }: { title: string; value: ReactNode; color?: string; testId: string }) {
  return (
    <Col xs={12} sm={8} xl={{ flex: "20%" }}>
      <Card size="small" data-testid={testId} style={{ height: "100%" }}>
        <Statistic
          title={title}
          value={typeof value === "string" || typeof value === "number" ? value : undefined}
          valueRender={typeof value === "string" || typeof value === "number" ? undefined : () => value}
          styles={{ content: { fontSize: 22, color } }}
        />
      </Card>
    </Col>
  );
}

/** The totals over every project the filters select, as cards and as the two sentences of a monthly report. */
export function BoardTotals({ board }: { board: ProjectBoard | undefined }) {
  const { lang, tp } = useProjectI18n();
  if (!board) return <div style={{ minHeight: 96 }} data-testid="board-totals" />;
  const { totals, period } = board;
  const s = totals.schedule;
  const [first, second] = boardSentences(board, tp);
  return (
    <div style={{ marginBottom: 16 }}>
      <Row gutter={[12, 12]} data-testid="board-totals">
        <Kpi testId="kpi-projects" title={tp("kpi.projects")} value={totals.projects} />
        <Kpi testId="kpi-plan" title={tp("kpi.plan")} value={wanToYi(s.planWan)} />
        <Kpi testId="kpi-completed" title={tp("kpi.completed")} value={wanToYi(s.completedYtdWan)} />
        <Kpi testId="kpi-completion" title={tp("kpi.completion")} value={formatPercent(s.completionPercent)} />
        <Kpi testId="kpi-elapsed" title={tp("kpi.elapsed")} value={formatPercent(s.elapsedPercent)} />
        <Kpi testId="kpi-points" title={tp("kpi.points")} value={<PointsAhead value={s.pointsAhead} size={22} />} />
        <Kpi
          testId="kpi-behind"
          title={tp("kpi.behind")}
          value={totals.behindCount}
          color={totals.behindCount > 0 ? "#cf1322" : undefined}
        />
        <Kpi
          testId="kpi-starts"
          title={tp("kpi.newStarts")}
          value={`${totals.startRate.started}/${totals.startRate.plannedAnnual}`}
        />
        <Kpi
          testId="kpi-start-rate"
          title={tp("kpi.startRate")}
          value={formatPercent(totals.startRate.annualPercent)}
        />
        <Kpi testId="kpi-reported" title={tp("kpi.reported")} value={`${totals.reportedCount}/${totals.projects}`} />
      </Row>
      <div
        data-testid="board-sentence"
        style={{ marginTop: 12, padding: "10px 14px", background: "#f6f8fc", borderRadius: 6, lineHeight: 1.9 }}
      >
        <Typography.Text strong style={{ fontSize: 15 }}>
          {first}
        </Typography.Text>
        <br />
        <Typography.Text>{second}</Typography.Text>
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tp("board.asOf", {
            e: formatPercent(period.elapsedPercent),
            g: SCHEDULE_GRANULARITY_NAMES[period.granularity][lang],
            date: period.asOf,
            t: period.behindThresholdPoints,
          })}
        </Typography.Text>
      </div>
    </div>
  );
}
