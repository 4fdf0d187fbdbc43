/**
 * Industrial chains (产业链图谱): chains, their links and sub-links, the local enterprises placed on links, and the
 * gap analysis (缺链分析). Targets (招商目标) are in chains.targets.ts.
 *
 * Deleting is refused while something hangs on the chain or link unless the caller confirms (`cascade`): then the
 * sub-links, placements and targets go with it, in one audited transaction. A target that has become a lead is
 * never deleted that way (the lead names it): such targets must first be moved to another link.
 */
import type {
  ChainGaps,
  ChainInput,
  ChainLinkInput,
  ChainList,
  ChainSummary,
  ChainUpdate,
  GapLink,
  PlacementChange,
  PlacementSuggestions,
} from "@zoneos/contracts";
import { coverageThresholdsProblem } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import { can } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { enterpriseNamesById, listEnterprises } from "../enterprises/enterprises.queries.ts";
import { presentChain, presentGaps } from "./chains.presenter.ts";
import {
  addPlacements,
  type ChainLinkRow,
  type ChainRow,
  chainNameTaken,
  chainTotals,
  contentsOfLinks,
  deleteChain,
  deleteLinks,
  findChain,
  gapRows,
  insertChain,
  insertLink,
  linkCountsOfZone,
  linksOfChain,
  listChains,
  placementsOfLink,
  removePlacements,
  setLinksSegment,
  updateChain,
  updateLink,
} from "./chains.queries.ts";

export const CHAIN = { "zh-CN": "产业链", "en-US": "Chain" };
export const CHAIN_LINK = { "zh-CN": "产业链环节", "en-US": "Chain link" };
const ENTERPRISE = { "zh-CN": "企业", "en-US": "Enterprise" };

// ---- chains

/** A chain of the actor's zone, or 404. */
export async function loadChain(conn: Conn, ctx: RequestContext, id: string): Promise<ChainRow> {
  const row = await findChain(conn, ctx.actor.zoneId, id);
  if (!row) throw notFound(CHAIN);
  return row;
}

async function summaries(conn: Conn, zoneId: string, rows: readonly ChainRow[]): Promise<ChainSummary[]> {
  const [totals, counts] = await Promise.all([chainTotals(conn, zoneId), linkCountsOfZone(conn, zoneId)]);
  const byChain = new Map<string, number[]>();
  for (const c of counts) byChain.set(c.chainId, [...(byChain.get(c.chainId) ?? []), c.localEnterprises]);
  return rows.map((r) => presentChain(r, totals.get(r.id), byChain.get(r.id) ?? []));
}

export async function chainList(db: Db, ctx: RequestContext): Promise<ChainList> {
  const zoneId = ctx.actor.zoneId;
  return { items: await summaries(db, zoneId, await listChains(db, zoneId)), canEdit: can(ctx.actor, "chain.edit") };
}

export async function getChain(db: Db, ctx: RequestContext, id: string): Promise<ChainSummary> {
  const row = await loadChain(db, ctx, id);
  const [summary] = await summaries(db, ctx.actor.zoneId, [row]);
  return summary as ChainSummary;
}

const auditableChain = (r: ChainRow) => ({
  name: r.name,
  description: r.description,
  weakMin: r.weakMin,
  strongMin: r.strongMin,
  sortOrder: r.sortOrder,
});

function checkThresholds(data: { weakMin: number; strongMin: number }) {
  const problem = coverageThresholdsProblem(data);
  if (problem) throw new AppError("VALIDATION_FAILED", { details: problem });
}

export async function createChain(
  db: Db,
  ctx: RequestContext,
  data: z.output<typeof ChainInput>,
): Promise<ChainSummary> {
  const zoneId = ctx.actor.zoneId;
  checkThresholds(data);
  const id = await db.transaction(async (tx) => {
    if (await chainNameTaken(tx, zoneId, data.name)) throw new AppError("CHAIN_DUPLICATE_NAME", { name: data.name });
    const row = await insertChain(tx, { zoneId, ...data, createdAt: ctx.now, updatedAt: ctx.now });
    await recordAudit(tx, ctx, {
      action: "chain.create",
      entityType: "chain",
      entityId: row.id,
      entityName: row.name,
      after: auditableChain(row),
    });
    return row.id;
  });
  return getChain(db, ctx, id);
}

/** Changes a chain's facts and coverage thresholds; stale `version`: 409. */
export async function changeChain(
  db: Db,
  ctx: RequestContext,
  id: string,
  data: z.output<typeof ChainUpdate>,
): Promise<ChainSummary> {
  const zoneId = ctx.actor.zoneId;
  checkThresholds(data);
  await db.transaction(async (tx) => {
    const before = await loadChain(tx, ctx, id);
    if (before.version !== data.version) throw new AppError("VERSION_CONFLICT");
    if (data.name !== before.name && (await chainNameTaken(tx, zoneId, data.name, id)))
      throw new AppError("CHAIN_DUPLICATE_NAME", { name: data.name });
    const { version, ...values } = data;
    const row = await updateChain(tx, zoneId, id, version, { ...values, updatedAt: ctx.now });
    if (!row) throw new AppError("VERSION_CONFLICT");
    await recordAudit(tx, ctx, {
      action: "chain.update",
      entityType: "chain",
      entityId: id,
      entityName: row.name,
      before: auditableChain(before),
      after: auditableChain(row),
    });
  });
  return getChain(db, ctx, id);
}

/** Deletes a chain: an empty one at once; one with links only with `cascade` (see the file's note). */
export async function removeChain(db: Db, ctx: RequestContext, id: string, cascade: boolean): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, id);
    const links = await linksOfChain(tx, zoneId, id);
    const contents = await contentsOfLinks(
      tx,
      zoneId,
      links.map((l) => l.id),
    );
    if (contents.targetsWithLead) throw new AppError("CHAIN_TARGETS_HAVE_LEADS", { count: contents.targetsWithLead });
    if (links.length && !cascade)
      throw new AppError("CHAIN_NOT_EMPTY", { name: chain.name, links: links.length, targets: contents.targets });
    await deleteChain(tx, zoneId, id);
    await recordAudit(tx, ctx, {
      action: "chain.delete",
      entityType: "chain",
      entityId: id,
      entityName: chain.name,
      before: {
        ...auditableChain(chain),
        links: links.length,
        placements: contents.placements,
        targets: contents.targets,
      },
    });
  });
}

/** Every link of a chain with its coverage, enterprises and targets, and the missing and weak links. */
export async function chainGaps(db: Db, ctx: RequestContext, id: string): Promise<ChainGaps> {
  const zoneId = ctx.actor.zoneId;
  const chain = await loadChain(db, ctx, id);
  const rows = await gapRows(db, zoneId, id);
  const { links, gapLinkIds } = presentGaps(chain, rows);
  const totals = {
    links: links.length,
    localEnterprises: rows[0]?.chainEnterprises ?? 0,
    targets: links.reduce((s, l) => s + l.targets.length, 0),
  };
  return {
    chain: presentChain(
      chain,
      totals,
      links.map((l) => l.localEnterprises),
    ),
    links,
    gapLinkIds,
    canEdit: can(ctx.actor, "chain.edit"),
  };
}

// ---- links

/** A link of the chain, or 404. */
export async function loadLink(conn: Conn, ctx: RequestContext, chainId: string, linkId: string) {
  const links = await linksOfChain(conn, ctx.actor.zoneId, chainId);
  const link = links.find((l) => l.id === linkId);
  if (!link) throw notFound(CHAIN_LINK);
  return { link, links };
}

/** A link and every link below it. */
function subtreeOf(links: readonly ChainLinkRow[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const l of links) if (l.parentId === out[i]) out.push(l.id);
  return out;
}

const auditableLink = (r: ChainLinkRow) => ({
  name: r.name,
  segment: r.segment,
  parentId: r.parentId,
  industryCode: r.industryCode,
  sortOrder: r.sortOrder,
});

type LinkData = z.output<typeof ChainLinkInput>;

/** The segment a link takes: its parent's (a link of the same chain, not the link itself or below it) or its own. */
function placeLink(links: readonly ChainLinkRow[], data: LinkData, selfId: string | null): string {
  if (data.parentId === null) {
    if (!data.segment) throw new AppError("VALIDATION_FAILED", { details: "segment" });
    return data.segment;
  }
  const parent = links.find((l) => l.id === data.parentId);
  if (!parent) throw new AppError("CHAIN_LINK_PARENT_INVALID");
  if (selfId && subtreeOf(links, selfId).includes(parent.id)) throw new AppError("CHAIN_LINK_CYCLE");
  return parent.segment;
}

function checkLinkName(links: readonly ChainLinkRow[], name: string, selfId: string | null) {
  if (links.some((l) => l.name === name && l.id !== selfId)) throw new AppError("CHAIN_LINK_DUPLICATE_NAME", { name });
}

export async function createLink(db: Db, ctx: RequestContext, chainId: string, data: LinkData): Promise<GapLink> {
  const zoneId = ctx.actor.zoneId;
  const id = await db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, chainId);
    const links = await linksOfChain(tx, zoneId, chainId);
    const segment = placeLink(links, data, null);
    checkLinkName(links, data.name, null);
    const row = await insertLink(tx, {
      zoneId,
      chainId,
      parentId: data.parentId,
      segment,
      name: data.name,
      industryCode: data.industryCode,
      sortOrder: data.sortOrder,
    });
    await recordAudit(tx, ctx, {
      action: "chain_link.create",
      entityType: "chain_link",
      entityId: row.id,
      entityName: `${chain.name} / ${row.name}`,
      after: auditableLink(row),
    });
    return row.id;
  });
  return linkOf(db, ctx, chainId, id);
}

/** Renames or moves a link (a new parent, or a new segment for a top-level link): its sub-links follow it. */
export async function changeLink(
  db: Db,
  ctx: RequestContext,
  chainId: string,
  linkId: string,
  data: LinkData,
): Promise<GapLink> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, chainId);
    const { link: before, links } = await loadLink(tx, ctx, chainId, linkId);
    const segment = placeLink(links, data, linkId);
    checkLinkName(links, data.name, linkId);
    const row = await updateLink(tx, zoneId, linkId, {
      parentId: data.parentId,
      segment,
      name: data.name,
      industryCode: data.industryCode,
      sortOrder: data.sortOrder,
    });
    if (!row) throw notFound(CHAIN_LINK);
    if (segment !== before.segment) await setLinksSegment(tx, zoneId, subtreeOf(links, linkId).slice(1), segment);
    await recordAudit(tx, ctx, {
      action: "chain_link.update",
      entityType: "chain_link",
      entityId: linkId,
      entityName: `${chain.name} / ${row.name}`,
      before: auditableLink(before),
      after: auditableLink(row),
    });
  });
  return linkOf(db, ctx, chainId, linkId);
}

/** Deletes a link: at once when nothing hangs on it; with sub-links, placements or targets only with `cascade`. */
export async function removeLink(
  db: Db,
  ctx: RequestContext,
  chainId: string,
  linkId: string,
  cascade: boolean,
): Promise<void> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, chainId);
    const { link, links } = await loadLink(tx, ctx, chainId, linkId);
    const ids = subtreeOf(links, linkId);
    const contents = await contentsOfLinks(tx, zoneId, ids);
    if (contents.targetsWithLead) throw new AppError("CHAIN_TARGETS_HAVE_LEADS", { count: contents.targetsWithLead });
    const children = ids.length - 1;
    if (!cascade && (children || contents.placements || contents.targets))
      throw new AppError("CHAIN_LINK_NOT_EMPTY", {
        name: link.name,
        children,
        placements: contents.placements,
        targets: contents.targets,
      });
    await deleteLinks(tx, zoneId, ids);
    await recordAudit(tx, ctx, {
      action: "chain_link.delete",
      entityType: "chain_link",
      entityId: linkId,
      entityName: `${chain.name} / ${link.name}`,
      before: {
        ...auditableLink(link),
        subLinks: children,
        placements: contents.placements,
        targets: contents.targets,
      },
    });
  });
}

/** One link as the gap analysis shows it, with every enterprise placed on it (the analysis names only a few). */
export async function linkOf(db: Db, ctx: RequestContext, chainId: string, linkId: string): Promise<GapLink> {
  const gaps = await chainGaps(db, ctx, chainId);
  const link = gaps.links.find((l) => l.id === linkId);
  if (!link) throw notFound(CHAIN_LINK);
  return { ...link, enterprises: await placementsOfLink(db, ctx.actor.zoneId, linkId) };
}

// ---- placements

/**
 * Places enterprises of the zone's registry on a link and takes others off it (one enterprise may sit on several
 * links); answers the link with its enterprises and coverage.
 */
export async function changePlacements(
  db: Db,
  ctx: RequestContext,
  chainId: string,
  linkId: string,
  change: z.output<typeof PlacementChange>,
): Promise<GapLink> {
  const zoneId = ctx.actor.zoneId;
  await db.transaction(async (tx) => {
    const chain = await loadChain(tx, ctx, chainId);
    const { link } = await loadLink(tx, ctx, chainId, linkId);
    const toAdd = [...new Set(change.add)].filter((id) => !change.remove.includes(id));
    const names = await enterpriseNamesById(tx, zoneId, [...new Set([...toAdd, ...change.remove])]);
    if (toAdd.some((id) => !names.has(id))) throw notFound(ENTERPRISE);
    const added = await addPlacements(tx, zoneId, chainId, linkId, toAdd, ctx.now);
    const removed = await removePlacements(tx, zoneId, linkId, [...new Set(change.remove)]);
    if (!added.length && !removed.length) return;
    const nameOf = (id: string) => names.get(id) ?? id;
    await recordAudit(tx, ctx, {
      action: "chain_link.place",
      entityType: "chain_link",
      entityId: linkId,
      entityName: `${chain.name} / ${link.name}`,
      after: { added: added.map(nameOf), removed: removed.map(nameOf) },
    });
  });
  return linkOf(db, ctx, chainId, linkId);
}

/** Enterprises of the registry in the link's industry (GB/T 4754 class or above) not yet on the link. */
export async function placementSuggestions(
  db: Db,
  ctx: RequestContext,
  chainId: string,
  linkId: string,
): Promise<PlacementSuggestions> {
  const zoneId = ctx.actor.zoneId;
  await loadChain(db, ctx, chainId);
  const { link } = await loadLink(db, ctx, chainId, linkId);
  if (!link.industryCode) return { items: [] };
  const placed = new Set((await placementsOfLink(db, zoneId, linkId)).map((p) => p.id));
  const { rows } = await listEnterprises(
    db,
    zoneId,
    { kind: "zone" },
    { industryCode: link.industryCode, sort: "name" },
    { limit: 100, offset: 0 },
  );
  return { items: rows.filter((r) => !placed.has(r.id)).map((r) => ({ id: r.id, name: r.name })) };
}
