/** Leads (招商项目): create, change, the pipeline table, the lead's page and the form's pickers. */
import type {
  Lead,
  LeadList,
  LeadListQuery,
  LeadOptions,
  LeadPrefill,
  LeadUpdate,
  NewLeadInput,
} from "@zoneos/contracts";
import {
  chinaDate,
  daysInStages,
  INVESTMENT_BUCKET_MIN_WAN,
  industryName,
  type LostReason,
  regionNameOfAnyLevel,
} from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { can } from "../../platform/access.ts";
import { changedFields, recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { searchTextOf } from "../../platform/pinyin.ts";
import { attachmentsOfSubjects } from "../attachments/attachments.link.ts";
import { chainLinkOptions, findLink, findTarget, setTargetLead } from "../chains/chains.queries.ts";
import { enterpriseNamesById } from "../enterprises/enterprises.queries.ts";
import { findUnit, findUser, listUnits, listUsers } from "../org/org.queries.ts";
import { findProject } from "../projects/projects.queries.ts";
import {
  allowedUnitsOf,
  checkLeadUnitAllowed,
  leadScopeOf,
  loadLead,
  loadWritableLead,
  mayWriteLead,
} from "./leads.access.ts";
import {
  auditableLead,
  presentActivity,
  presentScorecard,
  presentStageChange,
  presentSummary,
  wan,
} from "./leads.presenter.ts";
import {
  activitiesOf,
  findLead,
  findScorecard,
  insertLead,
  insertStageChange,
  type LeadFilterSql,
  type LeadRow,
  leadCodeTaken,
  leadConditions,
  listLeads,
  nextLeadSequence,
  stageChangesOf,
  tripLabel,
  updateLead,
} from "./leads.queries.ts";
import { movesFor } from "./leads.stages.ts";

const TRIP = { "zh-CN": "外出招商活动", "en-US": "Trip" };
const TARGET = { "zh-CN": "招商目标", "en-US": "Target company" };

export type LeadData = z.output<typeof NewLeadInput>;
type LeadUpdateData = z.output<typeof LeadUpdate>;

/** One ILIKE finds a lead by its name, investor, their pinyin and initials, its code and the investor's credit code. */
function leadSearchText(name: string, code: string, investorName: string, creditCode: string | null): string {
  return `${searchTextOf(name, code)}|${searchTextOf(investorName, creditCode ?? "")}`;
}

/**
 * Checks what a lead names (unit, officer, leader, chain link, target, trip) and answers the chain and link it
 * fills: the link given, or the target's when none is.
 */
async function checkReferences(
  tx: Conn,
  ctx: RequestContext,
  data: Omit<LeadData, "initialStage" | "stageOn">,
  leadId: string | null,
  /** The lead as stored (a change): what it already names is kept even if gone since — a disabled officer or
   * leader stays on record, a deleted chain link is dropped — so an edit of other facts still saves. */
  stored?: Pick<LeadRow, "officerId" | "leaderId" | "chainLinkId">,
): Promise<{ chainId: string | null; chainLinkId: string | null }> {
  const zoneId = ctx.actor.zoneId;
  if (!(await findUnit(tx, zoneId, data.unitId))) throw notFound({ "zh-CN": "责任单位", "en-US": "Responsible unit" });
  if (stored && data.chainLinkId && data.chainLinkId === stored.chainLinkId) {
    const kept = await findLink(tx, zoneId, data.chainLinkId);
    data = { ...data, chainLinkId: kept ? data.chainLinkId : null };
  }
  if (data.officerId && data.officerId !== stored?.officerId) {
    const u = await findUser(tx, zoneId, data.officerId);
    if (!u || u.disabled || (u.role !== "officer" && u.role !== "unithead"))
      throw notFound({ "zh-CN": "招商专员", "en-US": "Officer" });
  }
  if (data.leaderId && data.leaderId !== stored?.leaderId) {
    const u = await findUser(tx, zoneId, data.leaderId);
    if (!u || u.disabled || u.role !== "leader") throw notFound({ "zh-CN": "挂钩领导", "en-US": "Responsible leader" });
  }
  if (data.tripId && !(await tripLabel(tx, zoneId, data.tripId))) throw notFound(TRIP);
  let link = data.chainLinkId ? await findLink(tx, zoneId, data.chainLinkId) : null;
  if (data.chainLinkId && !link) throw notFound({ "zh-CN": "产业链环节", "en-US": "Chain link" });
  if (data.targetId) {
    const target = await findTarget(tx, zoneId, data.targetId);
    if (!target) throw notFound(TARGET);
    if (target.leadId && target.leadId !== leadId) {
      const other = await findLead(tx, zoneId, { kind: "zone" }, target.leadId);
      throw new AppError("LEAD_TARGET_TAKEN", { code: other?.code ?? "" });
    }
    if (!link) link = await findLink(tx, zoneId, target.linkId);
  }
  return { chainId: link?.chainId ?? null, chainLinkId: link?.id ?? null };
}

function factColumns(data: Omit<LeadData, "initialStage" | "stageOn">) {
  return {
    name: data.name,
    investorName: data.investorName,
    investorCreditCode: data.investorCreditCode,
    investorRegionCode: data.investorRegionCode,
    investorMarks: [...new Set(data.investorMarks)],
    investmentWan: data.investmentWan,
    industryCode: data.industryCode,
    channel: data.channel,
    unitId: data.unitId,
    officerId: data.officerId,
    leaderId: data.leaderId,
    landMu: data.landMu,
    jobs: data.jobs,
    tripId: data.tripId,
    notes: data.notes,
  };
}

/**
 * Creates a lead: the unit the actor may use, the references, the number (given or the next ZS<year>-NNN), the
 * target marked with it, the first stage with its date (today China time when none), audit.
 */
export async function createLead(db: Db, ctx: RequestContext, data: LeadData): Promise<Lead> {
  const id = await db.transaction(async (tx) => (await insertNewLead(tx, ctx, data)).id);
  return getLead(db, ctx, id);
}

/** Creates a lead within the caller's transaction (the form and the Excel import): every check, the writes, audit. */
export async function insertNewLead(tx: Conn, ctx: RequestContext, data: LeadData): Promise<LeadRow> {
  const zoneId = ctx.actor.zoneId;
  const today = chinaDate(ctx.now);
  const stageOn = data.stageOn ?? today;
  if (stageOn > today) throw new AppError("LEAD_STAGE_DATE_INVALID", { previous: "—", today });
  checkLeadUnitAllowed(ctx.actor, data.unitId);
  const chain = await checkReferences(tx, ctx, data, null);
  const year = Number(today.slice(0, 4));
  let code = data.code;
  if (code === null) {
    do code = `ZS${year}-${String(await nextLeadSequence(tx, zoneId, year)).padStart(3, "0")}`;
    while (await leadCodeTaken(tx, zoneId, code));
  } else if (await leadCodeTaken(tx, zoneId, code)) throw new AppError("DUPLICATE_LEAD_CODE", { code });
  const row = await insertLead(tx, {
    zoneId,
    code,
    ...factColumns(data),
    ...chain,
    searchText: leadSearchText(data.name, code, data.investorName, data.investorCreditCode),
    targetId: data.targetId,
    stage: data.initialStage,
    stageOn,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  if (data.targetId) {
    if (!(await setTargetLead(tx, zoneId, data.targetId, row.id)))
      throw new AppError("LEAD_TARGET_TAKEN", { code: "" });
    await recordAudit(tx, ctx, {
      action: "chain_target.update",
      entityType: "chain_target",
      entityId: data.targetId,
      entityName: row.investorName,
      before: { leadId: null },
      after: { leadId: row.id, leadCode: row.code },
    });
  }
  await insertStageChange(tx, {
    zoneId,
    leadId: row.id,
    fromStage: null,
    toStage: data.initialStage,
    on: stageOn,
    at: ctx.now,
    by: ctx.actor.userId,
  });
  await recordAudit(tx, ctx, {
    action: "lead.create",
    entityType: "lead",
    entityId: row.id,
    entityName: `${row.code} ${row.name}`,
    after: { ...auditableLead(row), stage: row.stage, stageOn },
  });
  return row;
}

/**
 * Changes a lead's facts (not its stage: that is the stage move). The target a lead came from stays as it was;
 * the unit may change only to one the actor may use. Stale `version`: 409.
 */
export async function changeLead(db: Db, ctx: RequestContext, id: string, input: LeadUpdateData): Promise<Lead> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const before = await loadWritableLead(tx, ctx.actor, id);
    if (before.version !== input.version) throw new AppError("VERSION_CONFLICT");
    if (input.unitId !== before.unitId) checkLeadUnitAllowed(ctx.actor, input.unitId);
    const data = { ...input, targetId: before.targetId };
    const chain = await checkReferences(tx, ctx, data, id, before);
    const code = input.code ?? before.code;
    if (code !== before.code && (await leadCodeTaken(tx, zoneId, code, id)))
      throw new AppError("DUPLICATE_LEAD_CODE", { code });
    const row = await updateLead(tx, zoneId, id, input.version, {
      code,
      ...factColumns(data),
      ...chain,
      searchText: leadSearchText(input.name, code, input.investorName, input.investorCreditCode),
      updatedAt: ctx.now,
    });
    if (!row) throw new AppError("VERSION_CONFLICT");
    await recordAudit(tx, ctx, {
      action: "lead.update",
      entityType: "lead",
      entityId: id,
      entityName: `${row.code} ${row.name}`,
      ...changedFields(auditableLead(before), auditableLead(row)),
    });
  });
  return getLead(db, ctx, id);
}

// ---- the pipeline table

/** The filters of the table as SQL filters; `bucket` is cumulative (b10: ≥ 10亿), below1 is < 1亿. */
export function leadFilterSql(ctx: RequestContext, q: z.output<typeof LeadListQuery>): LeadFilterSql {
  const f: LeadFilterSql = {
    q: q.q,
    stage: q.stage,
    channel: q.channel,
    unitId: q.unitId,
    chainId: q.chainId,
    chainLinkId: q.chainLinkId,
    officerId: q.officerId,
    leaderId: q.leaderId,
    tripId: q.tripId,
    projectId: q.projectId,
  };
  const b1 = INVESTMENT_BUCKET_MIN_WAN.find(([b]) => b === "b1")?.[1] ?? 10_000;
  if (q.bucket === "below1") f.belowWan = b1;
  else if (q.bucket) f.minWan = INVESTMENT_BUCKET_MIN_WAN.find(([b]) => b === q.bucket)?.[1];
  const me = ctx.actor.userId;
  if (q.mine === "officer") f.officerId = me;
  if (q.mine === "leader") f.leaderId = me;
  if (q.mine === "unit") f.unitId = ctx.actor.unitId ?? "00000000-0000-0000-0000-000000000000";
  return f;
}

export async function leadList(db: Db, ctx: RequestContext, q: z.output<typeof LeadListQuery>): Promise<LeadList> {
  const conds = leadConditions(ctx.actor.zoneId, leadScopeOf(ctx.actor), leadFilterSql(ctx, q));
  const { rows, total, investmentWan } = await listLeads(db, conds, q.sort, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentSummary), total, totals: { count: total, investmentWan: wan(investmentWan) } };
}

// ---- the lead's page

export async function getLead(db: Conn, ctx: RequestContext, id: string): Promise<Lead> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const row = await loadLead(db, actor, id);
  const [changes, card, activities, target, trip, project, enterprise] = await Promise.all([
    stageChangesOf(db, zoneId, id),
    findScorecard(db, zoneId, id),
    activitiesOf(db, zoneId, id),
    row.targetId ? findTarget(db, zoneId, row.targetId) : null,
    row.tripId ? tripLabel(db, zoneId, row.tripId) : null,
    row.projectId ? findProject(db, zoneId, { kind: "zone" }, row.projectId) : undefined,
    row.registeredEnterpriseId ? enterpriseNamesById(db, zoneId, [row.registeredEnterpriseId]) : null,
  ]);
  const files = await attachmentsOfSubjects(
    db,
    zoneId,
    "lead_activity",
    activities.map((a) => a.id),
  );
  const history = changes.map(presentStageChange);
  return {
    ...presentSummary(row),
    investorRegionCode: row.investorRegionCode,
    investorRegionName: row.investorRegionCode ? (regionNameOfAnyLevel(row.investorRegionCode) ?? null) : null,
    industryName: row.industryCode ? (industryName(row.industryCode) ?? null) : null,
    landMu: row.landMu,
    jobs: row.jobs,
    lostReason: row.lostReason as LostReason | null,
    lostNote: row.lostNote,
    notes: row.notes,
    target: target ? { id: target.id, name: target.name } : null,
    trip: row.tripId ? { id: row.tripId, name: trip } : null,
    project: row.projectId ? { id: row.projectId, name: project?.name ?? null, code: project?.code ?? null } : null,
    registeredEnterprise: row.registeredEnterpriseId
      ? { id: row.registeredEnterpriseId, name: enterprise?.get(row.registeredEnterpriseId) ?? null }
      : null,
    history,
    daysInStages: daysInStages(
      history.map((h) => ({ stage: h.toStage, on: h.on })),
      chinaDate(ctx.now),
    ),
    scorecard: card ? presentScorecard(card) : null,
    activities: activities.map((a) => presentActivity(a, files.get(a.id) ?? [])),
    moves: movesFor(actor, row, card ? card.passed : null),
    canEdit: mayWriteLead(actor, row),
    canOverride: can(actor, "lead.override"),
    createdAt: row.createdAt.toISOString(),
  };
}

// ---- pickers

/** The target (with its link and chain names) or the trip a new lead starts from; 404 when not of the zone. */
export async function leadPrefill(
  db: Db,
  ctx: RequestContext,
  q: { targetId?: string | undefined; tripId?: string | undefined },
): Promise<LeadPrefill> {
  const zoneId = ctx.actor.zoneId;
  let target: LeadPrefill["target"] = null;
  if (q.targetId) {
    const row = await findTarget(db, zoneId, q.targetId);
    const link = row ? await findLink(db, zoneId, row.linkId) : null;
    if (!row || !link) throw notFound(TARGET);
    target = {
      id: row.id,
      name: row.name,
      creditCode: row.creditCode,
      regionCode: row.regionCode,
      chainLinkId: link.id,
      chainLinkName: link.name,
      chainName: link.chainName,
      leadId: row.leadId,
    };
  }
  let trip: LeadPrefill["trip"] = null;
  if (q.tripId) {
    const label = await tripLabel(db, zoneId, q.tripId);
    if (label === null) throw notFound(TRIP);
    trip = { id: q.tripId, label };
  }
  return { target, trip };
}

export async function leadOptions(db: Db, ctx: RequestContext): Promise<LeadOptions> {
  const zoneId = ctx.actor.zoneId;
  const [units, users, chains] = await Promise.all([
    listUnits(db, zoneId),
    listUsers(db, zoneId, {}, { limit: 5000, offset: 0 }),
    chainLinkOptions(db, zoneId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const active = users.rows.filter((u) => !u.disabled);
  const allowed = allowedUnitsOf(ctx.actor);
  return {
    units: units.map((u) => ({ id: u.id, name: u.name })),
    officers: active
      .filter((u) => u.role === "officer" || u.role === "unithead")
      .map((u) => ({
        id: u.id,
        name: u.displayName,
        unitId: u.unitId,
        unitName: u.unitId ? (unitName.get(u.unitId) ?? null) : null,
      })),
    leaders: active.filter((u) => u.role === "leader").map((u) => ({ id: u.id, name: u.displayName })),
    chains,
    allowedUnitIds: allowed ?? units.map((u) => u.id),
  };
}
