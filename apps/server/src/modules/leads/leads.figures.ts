import type { LeadFigures, LeadFiguresQuery, LeadMap, LeadMapQuery } from "@zoneos/contracts";
import {
  chinaDate,
  formatWan,
  IN_TALKS_STAGES,
  INVESTMENT_BUCKETS,
  type InvestmentBucket,
  LEAD_CHANNELS,
  LEAD_PIPELINE,
  LEAD_STAGES,
  type LeadChannel,
  type LeadStage,
  LOST_REASONS,
  type LostReason,
  type PipelineStage,
  parseWan,
  regionNameOfAnyLevel,
  regionParents,
  roundOneDecimal,
} from "@zoneos/domain";
import { inTalksSentence, ranksDescending, stageConversionOfCounts } from "@zoneos/domain/leadFigures";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { RequestContext } from "../../platform/context.ts";
import { targetCountsByRegion } from "../chains/chains.queries.ts";
import { leadScopeOf } from "./leads.access.ts";
import { FIGURE_SETS, type FigurePeriod, pipelineFigures, signedByRegion, stageFlow } from "./leads.figures.queries.ts";
import type { LeadFilterSql } from "./leads.queries.ts";

type Amount = { count: number; sumWan: string };
const wan = (v: string | null) => formatWan(parseWan(v ?? "0"));

/** The period asked for, by default this year up to today (China dates). */
export function figurePeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date): FigurePeriod {
  const today = chinaDate(now);
  return { from: q.from ?? `${today.slice(0, 4)}-01-01`, to: q.to ?? today };
}

function emptyBuckets(): Record<InvestmentBucket, Amount> {
  return Object.fromEntries(INVESTMENT_BUCKETS.map((b) => [b, { count: 0, sumWan: "0" }])) as Record<
    InvestmentBucket,
    Amount
  >;
}

const addAmount = (a: Amount, count: number, sumWan: string): Amount => ({
  count: a.count + count,
  sumWan: formatWan(parseWan(a.sumWan) + parseWan(sumWan)),
});

/**
 * The pipeline figures for the actor's scope, the filters and the period: stage × size bucket (today), 在手在谈 and its
 * sentence, signed in the period, conversion and days per stage of the period's cohort, lost reasons, the unit
 * ranking (ties share a rank), by channel and by chain. Two statements.
 */
export async function leadFigures(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof LeadFiguresQuery>,
): Promise<LeadFigures> {
  const zoneId = ctx.actor.zoneId;
  const scope = leadScopeOf(ctx.actor);
  const period = figurePeriod(q, ctx.now);
  const today = chinaDate(ctx.now);
  const filter: LeadFilterSql = { unitId: q.unitId, channel: q.channel, chainId: q.chainId };
  const [rows, flow] = await Promise.all([
    pipelineFigures(db, zoneId, scope, filter, period),
    stageFlow(db, zoneId, scope, filter, period, today),
  ]);

  // Stage × bucket, and 在手在谈 from the same rows.
  const byStage = new Map<LeadStage, Record<InvestmentBucket, Amount>>(LEAD_STAGES.map((s) => [s, emptyBuckets()]));
  const inTalksBuckets = emptyBuckets();
  const totalBuckets = emptyBuckets();
  for (const r of rows.filter((r) => r.set === FIGURE_SETS.stageBucket)) {
    const stage = r.stage as LeadStage;
    const bucket = r.bucket as InvestmentBucket;
    const cell = byStage.get(stage);
    if (!cell) continue;
    cell[bucket] = { count: r.leads, sumWan: wan(r.investmentWan) };
    totalBuckets[bucket] = addAmount(totalBuckets[bucket], r.leads, wan(r.investmentWan));
    if ((IN_TALKS_STAGES as readonly string[]).includes(stage))
      inTalksBuckets[bucket] = addAmount(inTalksBuckets[bucket], r.leads, wan(r.investmentWan));
  }
  const sumOf = (b: Record<InvestmentBucket, Amount>): Amount =>
    INVESTMENT_BUCKETS.reduce<Amount>((t, k) => addAmount(t, b[k].count, b[k].sumWan), { count: 0, sumWan: "0" });
  const stageBuckets = LEAD_STAGES.map((stage) => {
    const buckets = byStage.get(stage) ?? emptyBuckets();
    return { stage, buckets, total: sumOf(buckets) };
  });

  const all = rows.find((r) => r.set === FIGURE_SETS.all);

  // Conversion and days of the cohort.
  const furthest: Partial<Record<PipelineStage, number>> = {};
  for (const r of flow.filter((r) => r.kind === "reach")) {
    const stage = LEAD_PIPELINE[Number(r.stage)];
    if (stage) furthest[stage] = r.n;
  }
  const days = LEAD_PIPELINE.slice(0, -1).map((stage) => {
    const r = flow.find((x) => x.kind === "days" && x.stage === stage);
    return {
      stage,
      stays: r?.n ?? 0,
      medianDays: r?.medianDays === null || r?.medianDays === undefined ? null : roundOneDecimal(r.medianDays),
      averageDays: r?.averageDays === null || r?.averageDays === undefined ? null : roundOneDecimal(r.averageDays),
    };
  });

  // The unit ranking: by signed amount in the period, ties share a rank; then in-talks, then name.
  const unitRows = rows.filter((r) => r.set === FIGURE_SETS.unit && r.unitId !== null);
  const ranks = ranksDescending(unitRows.map((r) => parseWan(wan(r.signedWan))));
  const units = unitRows
    .map((r, i) => ({
      unitId: r.unitId as string,
      unitName: r.unitName,
      rank: ranks[i] ?? 0,
      signedCount: r.signed,
      signedAmountWan: wan(r.signedWan),
      inTalksCount: r.inTalks,
      leads: r.leads,
    }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        b.inTalksCount - a.inTalksCount ||
        (a.unitName ?? "").localeCompare(b.unitName ?? "", "zh-CN"),
    );

  const channels = LEAD_CHANNELS.flatMap((channel) => {
    const r = rows.find((x) => x.set === FIGURE_SETS.channel && x.channel === channel);
    return r
      ? [
          {
            channel: channel as LeadChannel,
            leads: r.leads,
            inTalksCount: r.inTalks,
            signedCount: r.signed,
            signedAmountWan: wan(r.signedWan),
          },
        ]
      : [];
  });
  const chains = rows
    .filter((r) => r.set === FIGURE_SETS.chain)
    .map((r) => ({
      chainId: r.chainId,
      chainName: r.chainName,
      leads: r.leads,
      inTalksCount: r.inTalks,
      signedCount: r.signed,
      signedAmountWan: wan(r.signedWan),
    }))
    // The chains by name, the leads of no chain last.
    .sort((a, b) =>
      a.chainId === null ? 1 : b.chainId === null ? -1 : (a.chainName ?? "").localeCompare(b.chainName ?? "", "zh-CN"),
    );

  const lost = LOST_REASONS.flatMap((reason) => {
    const r = rows.find((x) => x.set === FIGURE_SETS.lostReason && x.lostReason === reason);
    return r && r.lost > 0 ? [{ reason: reason as LostReason, count: r.lost, investmentWan: wan(r.lostWan) }] : [];
  }).sort((a, b) => b.count - a.count);

  return {
    from: period.from,
    to: period.to,
    asOf: today,
    stageBuckets,
    bucketTotals: { buckets: totalBuckets, total: sumOf(totalBuckets) },
    inTalks: {
      buckets: inTalksBuckets,
      total: sumOf(inTalksBuckets),
      sentence: inTalksSentence(
        {
          b100: inTalksBuckets.b100.count,
          b50: inTalksBuckets.b50.count,
          b10: inTalksBuckets.b10.count,
          b1: inTalksBuckets.b1.count,
        },
        ctx.lang,
      ),
    },
    signed: { count: all?.signed ?? 0, amountWan: wan(all?.signedWan ?? null) },
    cohort: flow.find((r) => r.kind === "cohort")?.n ?? 0,
    conversion: stageConversionOfCounts(furthest),
    days,
    lost,
    units,
    channels,
    chains,
  };
}

const compareBig = (a: bigint, b: bigint) => (a > b ? 1 : a < b ? -1 : 0);

type MapCell = { targets: number; signedLeads: number; signedAmountWan: bigint };

/**
 * The investment map: target companies of the chains (of one chain, or all) and the leads signed in the period,
 * by the investor's or target's home region rolled up to its province — or, with `province`, to the cities of that
 * province (codes of the province alone, of other provinces or none count as unplaced).
 */
export async function leadMap(db: Db, ctx: RequestContext, q: z.output<typeof LeadMapQuery>): Promise<LeadMap> {
  const zoneId = ctx.actor.zoneId;
  const period = figurePeriod(q, ctx.now);
  const [targets, signed] = await Promise.all([
    targetCountsByRegion(db, zoneId, q.chainId ?? null),
    signedByRegion(db, zoneId, leadScopeOf(ctx.actor), { chainId: q.chainId }, period),
  ]);
  const province = q.province ?? null;
  /** The code a stored region rolls up to at the level shown, or null when it cannot be placed there. */
  const placeOf = (code: string | null): string | null => {
    if (!code) return null;
    const p = regionParents(code);
    if (province === null) return p.province;
    return p.province === province ? p.city : null;
  };
  const cells = new Map<string, MapCell>();
  const unplaced: MapCell = { targets: 0, signedLeads: 0, signedAmountWan: 0n };
  const cellOf = (code: string | null): MapCell => {
    const place = placeOf(code);
    if (place === null) return unplaced;
    let cell = cells.get(place);
    if (!cell) {
      cell = { targets: 0, signedLeads: 0, signedAmountWan: 0n };
      cells.set(place, cell);
    }
    return cell;
  };
  // With a province asked for, the other provinces' figures are outside the picture, not unplaced.
  const inPicture = (code: string | null) => province === null || code?.startsWith(province);
  for (const t of targets) if (inPicture(t.regionCode) || !t.regionCode) cellOf(t.regionCode).targets += t.count;
  for (const s of signed)
    if (inPicture(s.regionCode) || !s.regionCode) {
      const cell = cellOf(s.regionCode);
      cell.signedLeads += s.count;
      cell.signedAmountWan += parseWan(s.amountWan);
    }
  const shown = (c: MapCell) => ({
    targets: c.targets,
    signedLeads: c.signedLeads,
    signedAmountWan: formatWan(c.signedAmountWan),
  });
  const rows = [...cells.entries()]
    .map(([code, c]) => ({ code, name: regionNameOfAnyLevel(code) ?? code, ...shown(c) }))
    .sort(
      (a, b) =>
        b.targets + b.signedLeads - (a.targets + a.signedLeads) ||
        compareBig(parseWan(b.signedAmountWan), parseWan(a.signedAmountWan)) ||
        a.code.localeCompare(b.code),
    );
  const totals = [...cells.values(), unplaced].reduce<MapCell>(
    (t, c) => ({
      targets: t.targets + c.targets,
      signedLeads: t.signedLeads + c.signedLeads,
      signedAmountWan: t.signedAmountWan + c.signedAmountWan,
    }),
    { targets: 0, signedLeads: 0, signedAmountWan: 0n },
  );
  return {
    level: province === null ? "province" : "city",
    province,
    provinceName: province === null ? null : (regionNameOfAnyLevel(province) ?? null),
    from: period.from,
    to: period.to,
    rows,
    unplaced: shown(unplaced),
    totals: shown(totals),
  };
}
