import type { AuditEntry, Enterprise, EnterpriseData, EnterpriseListQuery, EnterpriseSummary } from "@zoneos/contracts";
import { chinaDate } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { type Actor, can, enterpriseScope } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { fullPinyin, searchTextOf } from "../../platform/pinyin.ts";
import { searchAudit } from "../audit/audit.service.ts";
import { findUnit, findUser, userIdsInUnits } from "../org/org.queries.ts";
import { auditableEnterprise, presentEnterprise, presentSummary } from "./enterprises.presenter.ts";
import {
  contactsOf,
  deleteEnterprise,
  type EnterpriseQuery,
  type EnterpriseWithNames,
  findByCreditCode,
  findEnterprise,
  insertEnterprise,
  labelsOf,
  listEnterprises,
  type ResolvedScope,
  replaceContacts,
  replaceLabels,
  updateEnterprise,
} from "./enterprises.queries.ts";

export const ENTERPRISE = { "zh-CN": "企业", "en-US": "Enterprise" };

/** The actor's data scope with the ids the queries need. */
export async function resolveScope(conn: Conn, actor: Actor): Promise<ResolvedScope> {
  const s = enterpriseScope(actor);
  if (s.kind !== "units") return s;
  return { kind: "units", unitIds: s.unitIds, officerIds: await userIdsInUnits(conn, actor.zoneId, s.unitIds) };
}

export function toQuery(q: {
  q?: string;
  parkUnitId?: string;
  industryCode?: string;
  label?: string;
  isKey?: "true" | "false";
  officerId?: string;
  sort: string;
}): EnterpriseQuery {
  return { ...q, isKey: q.isKey === undefined ? undefined : q.isKey === "true" };
}

export async function searchEnterprises(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof EnterpriseListQuery>,
): Promise<{ items: EnterpriseSummary[]; total: number }> {
  const zoneId = ctx.actor.zoneId;
  const scope = await resolveScope(db, ctx.actor);
  const { rows, total } = await listEnterprises(db, zoneId, scope, toQuery(q), {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentSummary), total };
}

async function loadInScope(
  conn: Conn,
  ctx: RequestContext,
  id: string,
  scope?: ResolvedScope,
): Promise<EnterpriseWithNames> {
  const row = await findEnterprise(conn, ctx.actor.zoneId, scope ?? (await resolveScope(conn, ctx.actor)), id);
  if (!row) throw notFound(ENTERPRISE);
  return row;
}

/** `justWritten`: the actor has just written it, so it is shown back even if the write moved it out of their scope. */
async function present(conn: Conn, ctx: RequestContext, id: string, justWritten = false): Promise<Enterprise> {
  const zoneId = ctx.actor.zoneId;
  const [row, labels, contacts] = await Promise.all([
    loadInScope(conn, ctx, id, justWritten ? { kind: "zone" } : undefined),
    labelsOf(conn, zoneId, id),
    contactsOf(conn, zoneId, id),
  ]);
  return presentEnterprise(row, labels, contacts, {
    today: chinaDate(ctx.now),
    canEdit: can(ctx.actor, "enterprise.update"),
  });
}

export async function getEnterprise(db: Db, ctx: RequestContext, id: string): Promise<Enterprise> {
  return present(db, ctx, id);
}

/** Checks that the park is a park of the zone and the officer a serving user of the zone. */
export async function checkReferences(
  conn: Conn,
  zoneId: string,
  data: { parkUnitId: string | null; officerId: string | null },
) {
  if (data.parkUnitId) {
    const unit = await findUnit(conn, zoneId, data.parkUnitId);
    if (unit?.kind !== "park") throw notFound({ "zh-CN": "园区", "en-US": "Park" });
  }
  if (data.officerId) {
    const user = await findUser(conn, zoneId, data.officerId);
    if (!user || (user.role !== "officer" && user.role !== "unithead"))
      throw notFound({ "zh-CN": "服务专员", "en-US": "Service officer" });
  }
}

/** The stored columns of an enterprise's facts, with its search text and pinyin (form, import and generated data). */
export function enterpriseColumns(data: Omit<EnterpriseData, "labels" | "contacts">) {
  return {
    creditCode: data.creditCode,
    name: data.name,
    namePinyin: fullPinyin(data.name),
    searchText: searchTextOf(data.name, data.creditCode),
    industryCode: data.industryCode,
    regionCode: data.regionCode,
    parkUnitId: data.parkUnitId,
    officerId: data.officerId,
    landMu: data.landMu,
    registeredCapitalWan: data.registeredCapitalWan,
    establishedOn: data.establishedOn,
    legalRepresentative: data.legalRepresentative,
    address: data.address,
    isKey: data.isKey,
  };
}

/**
 * The enterprise of the registry with this credit code, or a new one entered with just its name (and what the caller
 * knows: industry, park, officer) in the caller's transaction, audited with where it came from (`via`: a project's new
 * owner, a lead's registered enterprise). Answers its id.
 */
export async function enterpriseByCreditCode(
  tx: Conn,
  ctx: RequestContext,
  given: {
    creditCode: string;
    name: string;
    industryCode: string | null;
    parkUnitId: string | null;
    officerId: string | null;
  },
  via: Record<string, string>,
): Promise<string> {
  const existing = await findByCreditCode(tx, ctx.actor.zoneId, given.creditCode);
  if (existing) return existing.id;
  const row = await insertEnterprise(tx, {
    zoneId: ctx.actor.zoneId,
    ...enterpriseColumns({
      ...given,
      regionCode: null,
      landMu: null,
      registeredCapitalWan: null,
      establishedOn: null,
      legalRepresentative: null,
      address: null,
      isKey: false,
    }),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    action: "enterprise.create",
    entityType: "enterprise",
    entityId: row.id,
    entityName: row.name,
    after: { creditCode: row.creditCode, name: row.name, ...via },
  });
  return row.id;
}

export async function createEnterprise(db: Db, ctx: RequestContext, input: EnterpriseData): Promise<Enterprise> {
  const zoneId = ctx.actor.zoneId;
  // An officer who enters an enterprise serves it unless someone else is named, so it stays in their scope.
  const data = ctx.actor.role === "officer" && !input.officerId ? { ...input, officerId: ctx.actor.userId } : input;
  return db.transaction(async (tx) => {
    await checkReferences(tx, zoneId, data);
    const dup = await findByCreditCode(tx, zoneId, data.creditCode);
    if (dup) throw new AppError("DUPLICATE_CREDIT_CODE", { code: data.creditCode, name: dup.name });
    const row = await insertEnterprise(tx, {
      zoneId,
      ...enterpriseColumns(data),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await replaceLabels(tx, zoneId, row.id, data.labels);
    await replaceContacts(tx, zoneId, row.id, data.contacts);
    await recordAudit(tx, ctx, {
      action: "enterprise.create",
      entityType: "enterprise",
      entityId: row.id,
      entityName: row.name,
      after: auditableEnterprise(row, data.labels, data.contacts),
    });
    return present(tx, ctx, row.id, true);
  });
}

export async function updateEnterpriseById(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: EnterpriseData & { version: number },
): Promise<Enterprise> {
  const zoneId = ctx.actor.zoneId;
  return db.transaction(async (tx) => {
    const before = await loadInScope(tx, ctx, id);
    // An enterprise user keeps its own profile up to date but does not choose its park, officer or key status.
    const data =
      ctx.actor.role === "enterprise"
        ? { ...input, parkUnitId: before.parkUnitId, officerId: before.officerId, isKey: before.isKey }
        : input;
    await checkReferences(tx, zoneId, data);
    if (data.creditCode !== before.creditCode) {
      const dup = await findByCreditCode(tx, zoneId, data.creditCode);
      if (dup) throw new AppError("DUPLICATE_CREDIT_CODE", { code: data.creditCode, name: dup.name });
    }
    // One statement at a time on a transaction's connection (node-postgres queues them and warns; pg 9 refuses).
    const labelsBefore = await labelsOf(tx, zoneId, id);
    const contactsBefore = await contactsOf(tx, zoneId, id);
    const row = await updateEnterprise(tx, zoneId, id, input.version, {
      ...enterpriseColumns(data),
      updatedAt: ctx.now,
    });
    if (!row) throw new AppError("VERSION_CONFLICT");
    await replaceLabels(tx, zoneId, id, data.labels);
    await replaceContacts(tx, zoneId, id, data.contacts);
    await recordAudit(tx, ctx, {
      action: "enterprise.update",
      entityType: "enterprise",
      entityId: id,
      entityName: row.name,
      before: auditableEnterprise(before, labelsBefore, contactsBefore),
      after: auditableEnterprise(row, data.labels, data.contacts),
    });
    return present(tx, ctx, id, true);
  });
}

export async function deleteEnterpriseById(db: Db, ctx: RequestContext, id: string, version: number): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const before = await loadInScope(tx, ctx, id);
    const labels = await labelsOf(tx, zoneId, id);
    const contacts = await contactsOf(tx, zoneId, id);
    if (!(await deleteEnterprise(tx, zoneId, id, version))) throw new AppError("VERSION_CONFLICT");
    await recordAudit(tx, ctx, {
      action: "enterprise.delete",
      entityType: "enterprise",
      entityId: id,
      entityName: before.name,
      before: auditableEnterprise(before, labels, contacts),
    });
  });
}

/** The change history of one enterprise, for those who may see it. */
export async function enterpriseHistory(
  db: Db,
  ctx: RequestContext,
  id: string,
  page: { page: number; pageSize: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  await loadInScope(db, ctx, id);
  return searchAudit(db, ctx, { entityType: "enterprise", entityId: id, ...page });
}
