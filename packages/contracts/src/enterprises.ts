import {
  checkCreditCode,
  describeCreditCodeProblem,
  ENTERPRISE_LABELS,
  isIndustryCode,
  isRegionCode,
} from "@zoneos/domain";
import { z } from "zod";
import { decimal, i18n, optionalText } from "./common.ts";

/** 统一社会信用代码: normalised (case, spaces, full width), then checked as GB 32100 says. */
export const CreditCode = z.string().transform((raw, ctx) => {
  const r = checkCreditCode(raw);
  if (!r.ok) {
    ctx.addIssue({
      code: "custom",
      message: describeCreditCodeProblem(r.problem, "zh-CN"),
      params: {
        i18n: {
          "zh-CN": describeCreditCodeProblem(r.problem, "zh-CN"),
          "en-US": describeCreditCodeProblem(r.problem, "en-US"),
        },
      },
    });
    return z.NEVER;
  }
  return r.code;
});

export const IndustryCode = z
  .string()
  .trim()
  .refine(isIndustryCode, i18n("不是 GB/T 4754-2017 行业代码", "Not a GB/T 4754-2017 industry code"));
export const RegionCode = z
  .string()
  .trim()
  .refine(isRegionCode, i18n("不是 GB/T 2260 区县级行政区划代码", "Not a GB/T 2260 county-level region code"));

export const LabelInput = z.object({
  label: z.enum(ENTERPRISE_LABELS),
  awardedOn: z.iso
    .date()
    .nullish()
    .transform((v) => v ?? null),
  expiresOn: z.iso
    .date()
    .nullish()
    .transform((v) => v ?? null),
});

export const ContactInput = z.object({
  name: z.string().trim().min(1).max(50),
  title: optionalText(50),
  phone: optionalText(30),
  email: z
    .email()
    .nullish()
    .or(z.literal(""))
    .transform((v) => v || null),
  isPrimary: z.boolean().default(false),
});

/** What a form or an import row gives to create or replace an enterprise. */
export const EnterpriseInput = z.object({
  creditCode: CreditCode,
  name: z.string().trim().min(2).max(200),
  industryCode: IndustryCode.nullish().transform((v) => v ?? null),
  regionCode: RegionCode.nullish().transform((v) => v ?? null),
  parkUnitId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  officerId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  landMu: decimal(2, 12),
  registeredCapitalWan: decimal(4, 12),
  establishedOn: z.iso
    .date()
    .nullish()
    .transform((v) => v ?? null),
  legalRepresentative: optionalText(50),
  address: optionalText(300),
  isKey: z.boolean().default(false),
  labels: z.array(LabelInput).max(30).default([]),
  contacts: z.array(ContactInput).max(50).default([]),
});
export type EnterpriseInput = z.input<typeof EnterpriseInput>;
export type EnterpriseData = z.output<typeof EnterpriseInput>;

export const EnterpriseUpdate = EnterpriseInput.extend({ version: z.number().int().min(1) });

export const EnterpriseLabel = z.object({
  label: z.enum(ENTERPRISE_LABELS),
  awardedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  /** Derived from the dates and today: held now or not. */
  active: z.boolean(),
});

export const EnterpriseContact = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const EnterpriseSummary = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  parkUnitId: z.string().nullable(),
  parkName: z.string().nullable(),
  officerId: z.string().nullable(),
  officerName: z.string().nullable(),
  isKey: z.boolean(),
  labels: z.array(z.enum(ENTERPRISE_LABELS)),
  landMu: z.string().nullable(),
  registeredCapitalWan: z.string().nullable(),
  updatedAt: z.string(),
});
export type EnterpriseSummary = z.infer<typeof EnterpriseSummary>;

export const Enterprise = EnterpriseSummary.extend({
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryPath: z.array(z.string()),
  establishedOn: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  address: z.string().nullable(),
  labelDetails: z.array(EnterpriseLabel),
  contacts: z.array(EnterpriseContact),
  version: z.number(),
  createdAt: z.string(),
  canEdit: z.boolean(),
});
export type Enterprise = z.infer<typeof Enterprise>;

export const ENTERPRISE_SORTS = [
  "name",
  "-name",
  "updatedAt",
  "-updatedAt",
  "landMu",
  "-landMu",
  "registeredCapitalWan",
  "-registeredCapitalWan",
] as const;

/** Filters shared by the list and the export. */
export const EnterpriseFilter = z.object({
  q: z.string().trim().max(100).optional(),
  parkUnitId: z.uuid().optional(),
  industryCode: z.string().trim().max(4).optional(),
  label: z.enum(ENTERPRISE_LABELS).optional(),
  isKey: z.enum(["true", "false"]).optional(),
  officerId: z.uuid().optional(),
  sort: z.enum(ENTERPRISE_SORTS).default("-updatedAt"),
});
export type EnterpriseFilter = z.input<typeof EnterpriseFilter>;

export const EnterpriseListQuery = EnterpriseFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const EnterpriseList = z.object({ items: z.array(EnterpriseSummary), total: z.number() });

export const ImportProblem = z.object({
  sheet: z.string(),
  row: z.number(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});

export const ImportStatus = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(["checking", "writing", "done", "rejected", "failed"]),
  totalRows: z.number(),
  processedRows: z.number(),
  importedRows: z.number(),
  problemCount: z.number(),
  problems: z.array(ImportProblem),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

export const OfficerOption = z.object({ id: z.string(), displayName: z.string(), unitName: z.string().nullable() });
export const EnterpriseOptions = z.object({
  parks: z.array(z.object({ id: z.string(), name: z.string() })),
  officers: z.array(OfficerOption),
});
