import { ENTERPRISE_LABEL_NAMES } from "@zoneos/domain/labels";
import { Tag, Tooltip } from "antd";
import { useI18n } from "../app/i18n.ts";
import type { EnterpriseLabelKey } from "../app/types.ts";

const COLORS: Record<EnterpriseLabelKey, string> = {
  high_tech: "blue",
  tech_sme: "cyan",
  innovative_sme: "geekblue",
  specialized_sme: "purple",
  little_giant: "magenta",
  single_champion: "gold",
  gazelle: "green",
  unicorn: "volcano",
  listed: "red",
  above_scale: "orange",
};

export function labelColor(label: EnterpriseLabelKey): string {
  return COLORS[label];
}

/** Label names as coloured tags; beyond `max` a "+N" tag lists the rest in a tooltip. */
export function LabelTags({ labels, max = 3 }: { labels: readonly EnterpriseLabelKey[]; max?: number }) {
  const { lang } = useI18n();
  const shown = labels.slice(0, max);
  const rest = labels.slice(max);
  return (
    <span>
      {shown.map((l) => (
        <Tag key={l} color={COLORS[l]} style={{ marginBottom: 2 }}>
          {ENTERPRISE_LABEL_NAMES[l][lang]}
        </Tag>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map((l) => ENTERPRISE_LABEL_NAMES[l][lang]).join("、")}>
          <Tag>+{rest.length}</Tag>
        </Tooltip>
      )}
    </span>
  );
}
