import { PROJECT_LEVEL_NAMES, PROJECT_STAGE_NAMES } from "@zoneos/domain/projects";
import { Progress, Tag, Tooltip, Typography } from "antd";
import { useI18n } from "../../app/i18n.ts";
import { formatPercent, formatPoints, pointsColor } from "./projectFormat.ts";
import { useProjectI18n } from "./projectI18n.ts";
import type { ProjectLevel, ProjectStage, ScheduleFigures } from "./useProjects.ts";

const LEVEL_COLORS: Record<ProjectLevel, string> = { provincial: "red", municipal: "orange", district: "blue" };
const STAGE_COLORS: Record<ProjectStage, string> = {
  signed: "default",
  preliminary: "purple",
  new_start: "cyan",
  continuing: "blue",
  completed: "green",
  in_production: "geekblue",
  full_production: "gold",
};

export function LevelTag({ level }: { level: ProjectLevel }) {
  const { lang } = useI18n();
  return <Tag color={LEVEL_COLORS[level]}>{PROJECT_LEVEL_NAMES[level][lang]}</Tag>;
}

export function StageTag({ stage }: { stage: ProjectStage }) {
  const { lang } = useI18n();
  return <Tag color={STAGE_COLORS[stage]}>{PROJECT_STAGE_NAMES[stage][lang]}</Tag>;
}

/** The red 落后 tag of a project more than the zone's threshold behind 序时进度. */
export function BehindTag() {
  const { tp } = useProjectI18n();
  return (
    <Tag color="red" data-testid="behind-tag">
      {tp("board.behind")}
    </Tag>
  );
}

/** Points ahead (green "+2.1") or behind (red "−2.3") of 序时进度. */
export function PointsAhead({ value, strong, size }: { value: number | null; strong?: boolean; size?: number }) {
  return (
    <Typography.Text
      strong={strong}
      style={{ color: pointsColor(value), fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", fontSize: size }}
      data-testid="points-ahead"
    >
      {formatPoints(value)}
    </Typography.Text>
  );
}

/**
 * The year's completion as a bar with a dark line at 序时进度: the bar is green when at or ahead of the line, amber
 * when behind it, red when behind by more than the threshold.
 */
export function ScheduleBar({ s, width = 180 }: { s: ScheduleFigures; width?: number | string }) {
  const { tp } = useProjectI18n();
  if (s.completionPercent === null) {
    return <Typography.Text type="secondary">{tp("board.noPlan")}</Typography.Text>;
  }
  const color = s.behind ? "#cf1322" : (s.pointsAhead ?? 0) >= 0 ? "#389e0d" : "#fa8c16";
  const marker = Math.min(100, Math.max(0, s.elapsedPercent));
  return (
    <Tooltip title={tp("bar.tooltip", { c: formatPercent(s.completionPercent), e: formatPercent(s.elapsedPercent) })}>
      <div style={{ display: "flex", alignItems: "center", gap: 8, width }} data-testid="schedule-bar">
        <div style={{ position: "relative", flex: 1, minWidth: 60 }}>
          <Progress
            percent={Math.min(100, s.completionPercent)}
            showInfo={false}
            strokeColor={color}
            size="small"
            style={{ margin: 0, display: "block" }}
          />
          <div
            aria-hidden
            data-testid="elapsed-marker"
            style={{
              position: "absolute",
              left: `calc(${marker}% - 1px)`,
              top: "50%",
              height: 14,
              marginTop: -7,
              width: 2,
              background: "#262626",
              borderRadius: 1,
            }}
          />
        </div>
        <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", fontSize: 12, minWidth: 44 }}>
          {formatPercent(s.completionPercent)}
        </span>
      </div>
    </Tooltip>
  );
}
