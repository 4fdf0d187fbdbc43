/**
 * GB/T 4754-2017 国民经济行业分类 (with amendment No. 1): 20 sections, 97 divisions, 473 groups, 1,382 classes.
 * The data file is copied from the project's shared design data (shared/data/gbt4754-2017.json).
 */
import tree from "../data/gbt4754-2017.json" with { type: "json" };

export interface IndustryNode {
  code: string;
  name: string;
  children?: IndustryNode[];
}

export const INDUSTRY_TREE: readonly IndustryNode[] = tree as IndustryNode[];

const byCode = new Map<string, { name: string; path: string[] }>();
(function index(nodes: readonly IndustryNode[], path: string[]) {
  for (const n of nodes) {
    const p = [...path, n.code];
    byCode.set(n.code, { name: n.name, path: p });
    if (n.children) index(n.children, p);
  }
})(INDUSTRY_TREE, []);

/** True for any code of the table: a section letter or a 2-, 3- or 4-digit code. */
export function isIndustryCode(code: string): boolean {
  return byCode.has(code);
}

/** The name of a code, or undefined. */
export function industryName(code: string): string | undefined {
  return byCode.get(code)?.name;
}

/** The codes from the section down to this code, e.g. 3011 → ["C", "30", "301", "3011"]. */
export function industryPath(code: string): string[] | undefined {
  return byCode.get(code)?.path;
}

/** Finds a code from an Excel cell: "3011", "C3011", "3011 水泥制造" or an exact name. */
export function industryFromText(text: string): string | undefined {
  const t = text.trim();
  const m = /^[A-T]?(\d{2,4})\b/.exec(t);
  if (m?.[1] && byCode.has(m[1])) return m[1];
  if (/^[A-T]$/.test(t)) return t;
  for (const [code, v] of byCode) if (v.name === t) return code;
  return undefined;
}

/** The 2-digit division codes of a section letter (C → 13…43). */
export function industryDivisions(section: string): string[] {
  return INDUSTRY_TREE.find((n) => n.code === section)?.children?.map((c) => c.code) ?? [];
}
