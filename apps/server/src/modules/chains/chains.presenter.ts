/** Chains, links and targets as the pages show them (rows → contract shapes). */
import type { ChainSummary, ChainTarget, CompanySize, CoverageCounts, GapLink } from "@zoneos/contracts";
import { type ChainSegment, COVERAGE_LEVELS, coverageOf, industryName, regionNameOfAnyLevel } from "@zoneos/domain";
import type { ChainRow, ChainTargetRow, GapRow, GapTargetJson } from "./chains.queries.ts";

export function presentChain(
  row: ChainRow,
  totals: { links: number; localEnterprises: number; targets: number } | undefined,
  linkCounts: readonly number[],
): ChainSummary {
  const coverage: CoverageCounts = { none: 0, weak: 0, strong: 0 };
  for (const n of linkCounts) coverage[coverageOf(n, row)] += 1;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    weakMin: row.weakMin,
    strongMin: row.strongMin,
    sortOrder: row.sortOrder,
    links: totals?.links ?? 0,
    localEnterprises: totals?.localEnterprises ?? 0,
    targets: totals?.targets ?? 0,
    coverage,
    version: row.version,
  };
}

export function presentTarget(
  t: Pick<ChainTargetRow, "id" | "name" | "creditCode" | "regionCode" | "size" | "listed" | "reason" | "leadId"> &
    Partial<Pick<ChainTargetRow, "linkId">>,
  link: { id: string; name: string },
): ChainTarget {
  return {
    id: t.id,
    linkId: link.id,
    linkName: link.name,
    name: t.name,
    creditCode: t.creditCode,
    regionCode: t.regionCode,
    regionName: t.regionCode ? (regionNameOfAnyLevel(t.regionCode) ?? null) : null,
    size: t.size as CompanySize | null,
    listed: t.listed,
    reason: t.reason,
    leadId: t.leadId,
  };
}

const SEGMENT_ORDER: Record<ChainSegment, number> = { upstream: 0, midstream: 1, downstream: 2 };

/**
 * Every link of a chain with its coverage from the chain's thresholds, in the order the tree shows them (segment,
 * then depth-first by sort order); the gaps are the missing and the weak links, missing first.
 */
export function presentGaps(chain: ChainRow, rows: readonly GapRow[]): { links: GapLink[]; gapLinkIds: string[] } {
  const byParent = new Map<string | null, GapRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
  }
  const ordered: GapRow[] = [];
  const visit = (parent: string | null) => {
    for (const r of byParent.get(parent) ?? []) {
      ordered.push(r);
      visit(r.id);
    }
  };
  const roots = byParent.get(null) ?? [];
  byParent.set(
    null,
    [...roots].sort((a, b) => SEGMENT_ORDER[a.segment as ChainSegment] - SEGMENT_ORDER[b.segment as ChainSegment]),
  );
  visit(null);
  const links = ordered.map((r): GapLink => {
    const link = { id: r.id, name: r.name };
    return {
      id: r.id,
      parentId: r.parentId,
      segment: r.segment as ChainSegment,
      name: r.name,
      industryCode: r.industryCode,
      industryName: r.industryCode ? (industryName(r.industryCode) ?? null) : null,
      sortOrder: r.sortOrder,
      localEnterprises: r.localEnterprises,
      coverage: coverageOf(r.localEnterprises, chain),
      placedCount: r.placed,
      enterprises: r.enterprises,
      targets: r.targets.map((t: GapTargetJson) => presentTarget(t, link)),
    };
  });
  const rank = (l: GapLink) => COVERAGE_LEVELS.indexOf(l.coverage);
  const gapLinkIds = links
    .filter((l) => l.coverage !== "strong")
    .sort((a, b) => rank(a) - rank(b))
    .map((l) => l.id);
  return { links, gapLinkIds };
}
