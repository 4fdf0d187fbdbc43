import { CHAIN_SEGMENTS, COMPANY_SIZES, COVERAGE_LEVELS } from "@zoneos/domain/investment";
import { z } from "zod";
import { i18n, optionalText } from "./common.ts";
import { CreditCode, IndustryCode } from "./enterprises.ts";
import { AnyRegionCode } from "./leads.ts";
import { AssignmentProblem } from "./visits.ts";

export const ChainSegment = z.enum(CHAIN_SEGMENTS);
export type ChainSegment = z.infer<typeof ChainSegment>;
/** A link's coverage by local enterprises (缺失 / 薄弱 / 较强). */
export const LinkCoverage = z.enum(COVERAGE_LEVELS);
export type LinkCoverage = z.infer<typeof LinkCoverage>;
export const CompanySize = z.enum(COMPANY_SIZES);
export type CompanySize = z.infer<typeof CompanySize>;

const threshold = z.coerce.number().int().min(1).max(10_000);
const optionalUuid = z
  .uuid()
  .nullish()
  .transform((v) => v ?? null);

// ---- chains

/** What the form gives to create a chain (产业链) or change its facts. */
export const ChainInput = z
  .object({
    name: z.string().trim().min(2).max(100),
    description: optionalText(2000),
    /** Local enterprises on a link for 薄弱 (weak) and for 较强 (strong). */
    weakMin: threshold.default(1),
    strongMin: threshold.default(3),
    sortOrder: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((c) => c.strongMin > c.weakMin, {
    path: ["strongMin"],
    ...i18n("“较强”的企业数须大于“薄弱”的企业数", "The strong threshold must be above the weak one"),
  });
export type ChainInput = z.input<typeof ChainInput>;

export const ChainUpdate = ChainInput.safeExtend({ version: z.number().int().min(1) });
export type ChainUpdate = z.input<typeof ChainUpdate>;

export const CoverageCounts = z.object({ none: z.number().int(), weak: z.number().int(), strong: z.number().int() });
export type CoverageCounts = z.infer<typeof CoverageCounts>;

/** A chain with its counts, as the list and the chain's page show it. */
export const ChainSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  weakMin: z.number().int(),
  strongMin: z.number().int(),
  sortOrder: z.number().int(),
  links: z.number().int(),
  /** Distinct enterprises of the registry placed on any link. */
  localEnterprises: z.number().int(),
  targets: z.number().int(),
  /** Links by coverage. */
  coverage: CoverageCounts,
  version: z.number().int(),
});
export type ChainSummary = z.infer<typeof ChainSummary>;

export const ChainList = z.object({ items: z.array(ChainSummary), canEdit: z.boolean() });
export type ChainList = z.infer<typeof ChainList>;

/** Deleting a chain or a link that is not empty needs `cascade=true` (the page asks first). */
export const CascadeQuery = z.object({
  cascade: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

// ---- links

/**
 * A link (环节) of a chain: a top-level link names its segment; a sub-link names its parent (a link of the same
 * chain) and takes the parent's segment.
 */
export const ChainLinkInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    segment: ChainSegment.nullish().transform((v) => v ?? null),
    parentId: optionalUuid,
    industryCode: IndustryCode.nullish().transform((v) => v ?? null),
    sortOrder: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((l) => l.parentId !== null || l.segment !== null, {
    path: ["segment"],
    ...i18n("请选择环节所属的上游、中游或下游", "Choose the segment (upstream, midstream or downstream)"),
  });
export type ChainLinkInput = z.input<typeof ChainLinkInput>;

/** Enterprises of the registry to place on a link and to take off it. */
export const PlacementChange = z.object({
  add: z.array(z.uuid()).max(500).default([]),
  remove: z.array(z.uuid()).max(500).default([]),
});
export type PlacementChange = z.input<typeof PlacementChange>;

export const PlacedEnterprise = z.object({ id: z.string(), name: z.string() });

// ---- targets

/** A target company (招商目标) on a link. */
export const ChainTargetInput = z.object({
  name: z.string().trim().min(2).max(200),
  creditCode: CreditCode.nullish().transform((v) => v ?? null),
  /** GB/T 2260 code of its home region, any level. */
  regionCode: AnyRegionCode.nullish().transform((v) => v ?? null),
  size: CompanySize.nullish().transform((v) => v ?? null),
  listed: z.boolean().default(false),
  /** Why it matters to the chain (引进理由). */
  reason: optionalText(1000),
});
export type ChainTargetInput = z.input<typeof ChainTargetInput>;

/** A target's change; `linkId` moves it to another link of the chain. */
export const ChainTargetUpdate = ChainTargetInput.safeExtend({ linkId: z.uuid() });
export type ChainTargetUpdate = z.input<typeof ChainTargetUpdate>;

export const ChainTarget = z.object({
  id: z.string(),
  linkId: z.string(),
  linkName: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  size: CompanySize.nullable(),
  listed: z.boolean(),
  reason: z.string().nullable(),
  /** The lead created from it (招商线索), once one is. */
  leadId: z.string().nullable(),
});
export type ChainTarget = z.infer<typeof ChainTarget>;

export const ChainTargetList = z.object({ items: z.array(ChainTarget) });
export type ChainTargetList = z.infer<typeof ChainTargetList>;

export const ChainTargetImportResult = z.object({
  status: z.enum(["done", "rejected"]),
  totalRows: z.number().int(),
  createdRows: z.number().int(),
  /** Rows naming a target already on the same link: its facts were replaced. */
  updatedRows: z.number().int(),
  problems: z.array(AssignmentProblem),
});
export type ChainTargetImportResult = z.infer<typeof ChainTargetImportResult>;

// ---- gap analysis (缺链分析)

export const GapLink = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  segment: ChainSegment,
  name: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  sortOrder: z.number().int(),
  /** Distinct local enterprises on the link and its sub-links: what its coverage is counted from. */
  localEnterprises: z.number().int(),
  coverage: LinkCoverage,
  /** Enterprises placed on this link itself. */
  placedCount: z.number().int(),
  /**
   * Of those, in the gap analysis the first 8 by name (enough for the map's tooltip); a link's own answer
   * (GET /api/v1/chains/:id/links/:linkId and the placement change) lists them all.
   */
  enterprises: z.array(PlacedEnterprise),
  targets: z.array(ChainTarget),
});
export type GapLink = z.infer<typeof GapLink>;

export const ChainGaps = z.object({
  chain: ChainSummary,
  /** Every link, by segment, parent and sort order. */
  links: z.array(GapLink),
  /** The ids of the missing and weak links, missing first (each link is sent once, in `links`). */
  gapLinkIds: z.array(z.string()),
  canEdit: z.boolean(),
});
export type ChainGaps = z.infer<typeof ChainGaps>;

/** Enterprises of the registry in the link's industry not yet on the link (suggestions for placing). */
export const PlacementSuggestions = z.object({ items: z.array(PlacedEnterprise) });
export type PlacementSuggestions = z.infer<typeof PlacementSuggestions>;
