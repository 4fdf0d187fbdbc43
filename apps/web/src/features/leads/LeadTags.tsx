import { LEAD_STAGE_NAMES } from "@zoneos/domain/investment";
import { INVESTMENT_BUCKET_NAMES } from "@zoneos/domain/projects";
import { Tag, Tooltip } from "antd";
import { useI18n } from "../../app/i18n.ts";
import { BUCKET_COLORS, STAGE_COLORS } from "./leadFormat.ts";
import { useLeadI18n } from "./leadI18n.ts";
import type { LeadBucket, LeadStage } from "./useLeads.ts";

export function LeadStageTag({ stage }: { stage: LeadStage }) {
  const { lang } = useI18n();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="lead-stage-tag">
      {LEAD_STAGE_NAMES[stage][lang]}
    </Tag>
  );
}

export function BucketTag({ bucket }: { bucket: LeadBucket }) {
  const { lang } = useI18n();
  return (
    <Tag color={BUCKET_COLORS[bucket]} data-testid="lead-bucket-tag">
      {INVESTMENT_BUCKET_NAMES[bucket][lang]}
    </Tag>
  );
}

/** 通过 / 未通过 / 未评估 of a lead's screening. */
export function ScreeningTag({ passed }: { passed: boolean | null }) {
  const { tl } = useLeadI18n();
  if (passed === null)
    return (
      <Tooltip title={tl("score.none")}>
        <Tag>—</Tag>
      </Tooltip>
    );
  return <Tag color={passed ? "success" : "error"}>{passed ? tl("score.passed") : tl("score.failed")}</Tag>;
}
