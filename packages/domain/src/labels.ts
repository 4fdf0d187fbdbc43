/** Enterprise labels (资质/称号), each held over a period. */
export const ENTERPRISE_LABELS = [
  "high_tech",
  "tech_sme",
  "innovative_sme",
  "specialized_sme",
  "little_giant",
  "single_champion",
  "gazelle",
  "unicorn",
  "listed",
  "above_scale",
] as const;
export type EnterpriseLabel = (typeof ENTERPRISE_LABELS)[number];

export const ENTERPRISE_LABEL_NAMES: Record<EnterpriseLabel, { "zh-CN": string; "en-US": string }> = {
  high_tech: { "zh-CN": "高新技术企业", "en-US": "High-tech enterprise" },
  tech_sme: { "zh-CN": "科技型中小企业", "en-US": "Tech-based SME" },
  innovative_sme: { "zh-CN": "创新型中小企业", "en-US": "Innovative SME" },
  specialized_sme: { "zh-CN": "专精特新中小企业", "en-US": "Specialised SME" },
  little_giant: { "zh-CN": "专精特新小巨人", "en-US": "Little giant" },
  single_champion: { "zh-CN": "单项冠军", "en-US": "Single champion" },
  gazelle: { "zh-CN": "瞪羚", "en-US": "Gazelle" },
  unicorn: { "zh-CN": "独角兽", "en-US": "Unicorn" },
  listed: { "zh-CN": "上市", "en-US": "Listed" },
  above_scale: { "zh-CN": "规上", "en-US": "Above designated size" },
};

/** Finds a label by its Chinese or English name or its key (for Excel import). */
export function labelFromName(name: string): EnterpriseLabel | undefined {
  const n = name.trim();
  for (const key of ENTERPRISE_LABELS) {
    const names = ENTERPRISE_LABEL_NAMES[key];
    if (n === key || n === names["zh-CN"] || n.toLowerCase() === names["en-US"].toLowerCase()) return key;
  }
  return undefined;
}
