import type { Enterprise, EnterpriseSummary } from "@zoneos/contracts";
import { type EnterpriseLabel, industryName, industryPath, regionFullName } from "@zoneos/domain";
import type {
  ContactRow,
  EnterpriseListRow,
  EnterpriseRow,
  EnterpriseWithNames,
  LabelRow,
} from "./enterprises.queries.ts";

export function presentSummary(r: EnterpriseListRow): EnterpriseSummary {
  return {
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    industryCode: r.industryCode,
    industryName: r.industryCode ? (industryName(r.industryCode) ?? null) : null,
    parkUnitId: r.parkUnitId,
    parkName: r.parkName,
    officerId: r.officerId,
    officerName: r.officerName,
    isKey: r.isKey,
    labels: r.labels as EnterpriseLabel[],
    landMu: r.landMu,
    registeredCapitalWan: r.registeredCapitalWan,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A label is held today when today lies between its dates (either may be open). */
export function labelActive(l: { awardedOn: string | null; expiresOn: string | null }, today: string): boolean {
  return (!l.awardedOn || l.awardedOn <= today) && (!l.expiresOn || l.expiresOn >= today);
}

export function presentEnterprise(
  r: EnterpriseWithNames,
  labels: LabelRow[],
  contacts: ContactRow[],
  opts: { today: string; canEdit: boolean },
): Enterprise {
  return {
    ...presentSummary({ ...r, labels: [...new Set(labels.map((l) => l.label))] }),
    regionCode: r.regionCode,
    regionName: r.regionCode ? (regionFullName(r.regionCode) ?? null) : null,
    industryPath: r.industryCode ? (industryPath(r.industryCode) ?? []) : [],
    establishedOn: r.establishedOn,
    legalRepresentative: r.legalRepresentative,
    address: r.address,
    labelDetails: labels.map((l) => ({
      label: l.label as EnterpriseLabel,
      awardedOn: l.awardedOn,
      expiresOn: l.expiresOn,
      active: labelActive(l, opts.today),
    })),
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      phone: c.phone,
      email: c.email,
      isPrimary: c.isPrimary,
    })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    canEdit: opts.canEdit,
  };
}

/** The facts of an enterprise as the audit log records them. */
export function auditableEnterprise(
  r: EnterpriseRow,
  labels: { label: string; awardedOn: string | null; expiresOn: string | null }[],
  contacts: { name: string; title: string | null; phone: string | null; email: string | null; isPrimary: boolean }[],
) {
  return {
    creditCode: r.creditCode,
    name: r.name,
    industryCode: r.industryCode,
    regionCode: r.regionCode,
    parkUnitId: r.parkUnitId,
    officerId: r.officerId,
    landMu: r.landMu,
    registeredCapitalWan: r.registeredCapitalWan,
    establishedOn: r.establishedOn,
    legalRepresentative: r.legalRepresentative,
    address: r.address,
    isKey: r.isKey,
    labels: labels.map((l) => ({ label: l.label, awardedOn: l.awardedOn, expiresOn: l.expiresOn })),
    contacts: contacts.map((c) => ({
      name: c.name,
      title: c.title,
      phone: c.phone,
      email: c.email,
      isPrimary: c.isPrimary,
    })),
  };
}
