import { LEAD_STAGES } from "@zoneos/domain/investment";
import { isRegionCodeOfAnyLevel } from "@zoneos/domain/regions";
import { z } from "zod";
import { i18n, optionalText, periodInOrder } from "./common.ts";

/** Trips out to attract investment (外出招商): who led them, who went, where, whom they met. */

const isoDate = z.iso.date();
const RegionCode = z
  .string()
  .trim()
  .refine(isRegionCodeOfAnyLevel, i18n("不是 GB/T 2260 行政区划代码", "Not a GB/T 2260 region code"));

export const TripCompanyInput = z.object({
  name: z.string().trim().min(1).max(200),
  note: optionalText(1000),
});

const TripFields = z.object({
  /** 带队领导: a leader of the zone or a unit head. */
  leaderId: z.uuid(),
  /** The unit the trip is counted for. */
  unitId: z.uuid(),
  /** The staff who went besides the leader. */
  memberIds: z.array(z.uuid()).max(50).default([]),
  startOn: isoDate,
  endOn: isoDate,
  /** GB/T 2260 codes of any level (province, city or county). */
  destinationCodes: z.array(RegionCode).min(1).max(30),
  companiesMet: z.array(TripCompanyInput).max(200).default([]),
  purpose: z.string().trim().min(2).max(1000),
  summary: optionalText(4000),
});

const endNotBeforeStart = {
  path: ["endOn"],
  ...i18n("结束日期不能早于开始日期", "The end date cannot be before the start date"),
};

export const TripInput = TripFields.refine((t) => t.endOn >= t.startOn, endNotBeforeStart);
export type TripInput = z.input<typeof TripInput>;

export const TripUpdate = TripFields.safeExtend({ version: z.number().int().min(1) }).refine(
  (t) => t.endOn >= t.startOn,
  endNotBeforeStart,
);
export type TripUpdate = z.input<typeof TripUpdate>;

/** Trips whose start date falls in [from, to] (a year is the shortcut for its whole year). */
export const TripQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    leaderId: z.uuid().optional(),
    unitId: z.uuid().optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .refine(...periodInOrder());
export type TripQuery = z.input<typeof TripQuery>;

const Named = z.object({ id: z.string(), name: z.string().nullable() });
export const TripDestination = z.object({ code: z.string(), name: z.string() });

export const TripSummary = z.object({
  id: z.string(),
  leader: Named,
  unit: Named,
  memberCount: z.number().int(),
  startOn: z.string(),
  endOn: z.string(),
  /** Calendar days, both ends included. */
  days: z.number().int(),
  destinations: z.array(TripDestination),
  companyCount: z.number().int(),
  purpose: z.string(),
  /** Leads that came from the trip (all of the zone's, whoever may see them). */
  leadCount: z.number().int(),
});
export type TripSummary = z.infer<typeof TripSummary>;

export const TripList = z.object({ items: z.array(TripSummary), total: z.number().int() });
export type TripList = z.infer<typeof TripList>;

/** A lead that links back to the trip, as the trip's page lists it. */
export const TripLead = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  investorName: z.string(),
  stage: z.enum(LEAD_STAGES),
  investmentWan: z.string(),
});

export const Trip = TripSummary.extend({
  members: z.array(Named),
  companiesMet: z.array(z.object({ name: z.string(), note: z.string().nullable() })),
  summary: z.string().nullable(),
  /** The linked leads the actor may see (leadCount counts them all). */
  leads: z.array(TripLead),
  canEdit: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Trip = z.infer<typeof Trip>;

/** Counts for a period: "一把手带队外出招商 N 次" per leader, and per unit. */
export const TripCountsQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .refine(...periodInOrder());
export const TripCounts = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  byLeader: z.array(z.object({ leaderId: z.string(), leaderName: z.string().nullable(), count: z.number().int() })),
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string().nullable(), count: z.number().int() })),
});
export type TripCounts = z.infer<typeof TripCounts>;

/** The pickers of the trip form. */
export const TripOptions = z.object({
  units: z.array(Named),
  /** Leaders and unit heads (带队领导). */
  leaders: z.array(Named.extend({ role: z.string() })),
  staff: z.array(Named.extend({ unitName: z.string().nullable() })),
  /** The units the actor may create trips for. */
  writableUnitIds: z.array(z.string()),
});
export type TripOptions = z.infer<typeof TripOptions>;
