import { LEAD_CHANNELS, LEAD_PIPELINE, LEAD_STAGES, LOST_REASONS } from "@zoneos/domain/investment";
import { INVESTMENT_BUCKETS } from "@zoneos/domain/projects";
import { z } from "zod";
import { periodInOrder } from "./common.ts";

/** The pipeline figures (招商引资 figures) and the investment map (投资地图). */

const isoDate = z.iso.date();

/**
 * The period (签约 by the signing date, 流失 by the date lost, conversion and days over the leads that entered the
 * pipeline in it; the stage × size table is the state today) and the filters. The period defaults to this year so far.
 */
export const LeadFiguresQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    unitId: z.uuid().optional(),
    channel: z.enum(LEAD_CHANNELS).optional(),
    chainId: z.uuid().optional(),
  })
  .refine(...periodInOrder());
export type LeadFiguresQuery = z.input<typeof LeadFiguresQuery>;

const Amount = z.object({ count: z.number().int(), sumWan: z.string() });
export const InvestmentBucketName = z.enum(INVESTMENT_BUCKETS);

export const StageBucketRow = z.object({
  stage: z.enum(LEAD_STAGES),
  /** Each lead in exactly one bucket by its planned investment. */
  buckets: z.record(InvestmentBucketName, Amount),
  total: Amount,
});

export const LeadFigures = z.object({
  from: z.string(),
  to: z.string(),
  /** The day the stage × size table and the in-talks figures are as of. */
  asOf: z.string(),
  stageBuckets: z.array(StageBucketRow),
  /** The stage × size table's 合计 row. */
  bucketTotals: StageBucketRow.omit({ stage: true }),
  /** 在手在谈 (线索, 接洽, 洽谈) per bucket, and the sentence the leaders read. */
  inTalks: z.object({ buckets: z.record(InvestmentBucketName, Amount), total: Amount, sentence: z.string() }),
  signed: z.object({ count: z.number().int(), amountWan: z.string() }),
  /** Leads whose first stage is dated in the period: the cohort of the conversion and the days. */
  cohort: z.number().int(),
  conversion: z.array(
    z.object({
      from: z.enum(LEAD_PIPELINE),
      to: z.enum(LEAD_PIPELINE),
      reachedFrom: z.number().int(),
      reachedTo: z.number().int(),
      percent: z.number().nullable(),
    }),
  ),
  /** Calendar days in each stage the cohort entered (to the next change, or to today for the current stage). */
  days: z.array(
    z.object({
      stage: z.enum(LEAD_PIPELINE),
      stays: z.number().int(),
      medianDays: z.number().nullable(),
      averageDays: z.number().nullable(),
    }),
  ),
  lost: z.array(z.object({ reason: z.enum(LOST_REASONS), count: z.number().int(), investmentWan: z.string() })),
  /** 排行榜: by signed amount in the period, largest first; equal amounts share a rank. */
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string().nullable(),
      rank: z.number().int(),
      signedCount: z.number().int(),
      signedAmountWan: z.string(),
      inTalksCount: z.number().int(),
      leads: z.number().int(),
    }),
  ),
  channels: z.array(
    z.object({
      channel: z.enum(LEAD_CHANNELS),
      leads: z.number().int(),
      inTalksCount: z.number().int(),
      signedCount: z.number().int(),
      signedAmountWan: z.string(),
    }),
  ),
  chains: z.array(
    z.object({
      chainId: z.string().nullable(),
      chainName: z.string().nullable(),
      leads: z.number().int(),
      inTalksCount: z.number().int(),
      signedCount: z.number().int(),
      signedAmountWan: z.string(),
    }),
  ),
});
export type LeadFigures = z.infer<typeof LeadFigures>;

/** The investment map: per province, or per city of one province (`province=32`). */
export const LeadMapQuery = z
  .object({
    chainId: z.uuid().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    province: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
  })
  .refine(...periodInOrder());
export type LeadMapQuery = z.input<typeof LeadMapQuery>;

const MapFigures = z.object({
  /** Target companies (招商目标) of the chains. */
  targets: z.number().int(),
  /** Leads signed in the period whose investor comes from there, and their contract amount. */
  signedLeads: z.number().int(),
  signedAmountWan: z.string(),
});

export const LeadMap = z.object({
  level: z.enum(["province", "city"]),
  province: z.string().nullable(),
  provinceName: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  rows: z.array(MapFigures.extend({ code: z.string(), name: z.string() })),
  /** Targets and leads without a region (or, per city, with only the province's code). */
  unplaced: MapFigures,
  totals: MapFigures,
});
export type LeadMap = z.infer<typeof LeadMap>;
