import { CASE_STATE_NAMES } from "@zoneos/domain/cases";
import { Space, Tag } from "antd";
import { useI18n } from "../../app/i18n.ts";
import type { CaseSummary } from "./useCases.ts";

const STATE_COLORS: Record<CaseSummary["state"], string> = {
  new: "purple",
  dispatched: "blue",
  accepted: "processing",
  replied: "cyan",
  closed: "default",
};

export function CaseStateTag({ state }: { state: CaseSummary["state"] }) {
  const { lang } = useI18n();
  return <Tag color={STATE_COLORS[state]}>{CASE_STATE_NAMES[state][lang]}</Tag>;
}

/** 超期 in red, 即将到期 (within one working day) in amber, plus 兜底办 / 督办 / 加急 flags. */
export function CaseFlags({ c }: { c: CaseSummary }) {
  const { t } = useI18n();
  const tags = [
    c.overdue && (
      <Tag key="overdue" color="red" data-testid="case-overdue">
        {t("cases.overdue")}
      </Tag>
    ),
    !c.overdue && c.dueSoon && (
      <Tag key="dueSoon" color="orange" data-testid="case-due-soon">
        {t("cases.dueSoon")}
      </Tag>
    ),
    c.priority === "urgent" && (
      <Tag key="urgent" color="volcano">
        {t("cases.priority.urgent")}
      </Tag>
    ),
    c.escalated && (
      <Tag key="escalated" color="magenta">
        {t("cases.escalated")}
      </Tag>
    ),
    c.supervised && (
      <Tag key="supervised" color="gold">
        {t("cases.supervised")}
      </Tag>
    ),
  ].filter(Boolean);
  return tags.length ? (
    <Space size={[4, 4]} wrap>
      {tags}
    </Space>
  ) : null;
}
