import { and, asc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { enterpriseNameOf } from "../enterprises/enterprises.queries.ts";
import { chainLinks, chainPlacements, chains, chainTargets } from "./chains.tables.ts";

export type ChainRow = typeof chains.$inferSelect;
export type ChainLinkRow = typeof chainLinks.$inferSelect;
export type ChainTargetRow = typeof chainTargets.$inferSelect;

// ---- for other modules (leads): a link and a target of the zone, and the target's lead

/** A link of the zone with its chain's name, or null. */
export async function findLink(
  conn: Conn,
  zoneId: string,
  linkId: string,
): Promise<(ChainLinkRow & { chainName: string }) | null> {
  const [row] = await conn
    .select({ link: chainLinks, chainName: chains.name })
    .from(chainLinks)
    .innerJoin(chains, eq(chains.id, chainLinks.chainId))
    .where(and(inZone(chainLinks, zoneId), eq(chainLinks.id, linkId)));
  return row ? { ...row.link, chainName: row.chainName } : null;
}

/** A target company of the zone, or null. */
export async function findTarget(conn: Conn, zoneId: string, targetId: string): Promise<ChainTargetRow | null> {
  const [row] = await conn
    .select()
    .from(chainTargets)
    .where(and(inZone(chainTargets, zoneId), eq(chainTargets.id, targetId)));
  return row ?? null;
}

/** Marks a target with the lead created from it; false when it already has one (the caller refuses a second). */
export async function setTargetLead(conn: Conn, zoneId: string, targetId: string, leadId: string): Promise<boolean> {
  const rows = await conn
    .update(chainTargets)
    .set({ leadId })
    .where(and(inZone(chainTargets, zoneId), eq(chainTargets.id, targetId), isNull(chainTargets.leadId)))
    .returning({ id: chainTargets.id });
  return rows.length === 1;
}

/** A chain's name as a scalar subquery (other modules show it next to a chain id). */
export const chainNameOf = (id: SQL | PgColumn) =>
  sql<string | null>`(select c.name from ${chains} c where c.id = ${id})`;
/** A link's name as a scalar subquery. */
export const chainLinkNameOf = (id: SQL | PgColumn) =>
  sql<string | null>`(select l.name from ${chainLinks} l where l.id = ${id})`;

/** The zone's chains with their links, for the lead form's picker. */
export async function chainLinkOptions(
  conn: Conn,
  zoneId: string,
): Promise<
  { id: string; name: string; links: { id: string; name: string; segment: string; parentId: string | null }[] }[]
> {
  const [chainRows, linkRows] = await Promise.all([
    conn
      .select({ id: chains.id, name: chains.name })
      .from(chains)
      .where(inZone(chains, zoneId))
      .orderBy(asc(chains.sortOrder), asc(chains.name)),
    conn
      .select({
        id: chainLinks.id,
        chainId: chainLinks.chainId,
        name: chainLinks.name,
        segment: chainLinks.segment,
        parentId: chainLinks.parentId,
      })
      .from(chainLinks)
      .where(inZone(chainLinks, zoneId))
      .orderBy(asc(chainLinks.sortOrder), asc(chainLinks.name)),
  ]);
  return chainRows.map((c) => ({
    ...c,
    links: linkRows
      .filter((l) => l.chainId === c.id)
      .map((l) => ({ id: l.id, name: l.name, segment: l.segment, parentId: l.parentId })),
  }));
}

/** Target companies per home region code (as stored, any level), of one chain or all. */
export async function targetCountsByRegion(
  conn: Conn,
  zoneId: string,
  chainId: string | null,
): Promise<{ regionCode: string | null; count: number }[]> {
  return conn
    .select({ regionCode: chainTargets.regionCode, count: sql<number>`count(*)::int` })
    .from(chainTargets)
    .where(and(inZone(chainTargets, zoneId), chainId ? eq(chainTargets.chainId, chainId) : undefined))
    .groupBy(chainTargets.regionCode);
}

// ---- chains

export type NewChainRow = typeof chains.$inferInsert;
export type NewChainLinkRow = typeof chainLinks.$inferInsert;
export type NewChainTargetRow = typeof chainTargets.$inferInsert;

export async function listChains(conn: Conn, zoneId: string): Promise<ChainRow[]> {
  return conn.select().from(chains).where(inZone(chains, zoneId)).orderBy(asc(chains.sortOrder), asc(chains.name));
}

export async function findChain(conn: Conn, zoneId: string, id: string): Promise<ChainRow | null> {
  const [row] = await conn
    .select()
    .from(chains)
    .where(and(inZone(chains, zoneId), eq(chains.id, id)));
  return row ?? null;
}

/** Whether another chain of the zone has this name. */
export async function chainNameTaken(conn: Conn, zoneId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await conn
    .select({ id: chains.id })
    .from(chains)
    .where(and(inZone(chains, zoneId), eq(chains.name, name), exceptId ? ne(chains.id, exceptId) : undefined));
  return rows.length > 0;
}

export async function insertChain(conn: Conn, values: NewChainRow): Promise<ChainRow> {
  const [row] = await conn.insert(chains).values(values).returning();
  return row as ChainRow;
}

/** Changes a chain at `version` (bumping it); null when the version is stale. */
export async function updateChain(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<NewChainRow>,
): Promise<ChainRow | null> {
  const [row] = await conn
    .update(chains)
    .set({ ...values, version: sql`${chains.version} + 1` })
    .where(and(inZone(chains, zoneId), eq(chains.id, id), eq(chains.version, version)))
    .returning();
  return row ?? null;
}

/** Deletes a chain; its links, placements and targets go with it (foreign keys cascade). */
export async function deleteChain(conn: Conn, zoneId: string, id: string): Promise<void> {
  await conn.delete(chains).where(and(inZone(chains, zoneId), eq(chains.id, id)));
}

/** Per chain of the zone: links, distinct placed enterprises of the registry, targets. */
export async function chainTotals(
  conn: Conn,
  zoneId: string,
): Promise<Map<string, { links: number; localEnterprises: number; targets: number }>> {
  const result = (await conn.execute(sql`
    select c.id,
      (select count(*)::int from ${chainLinks} l where l.zone_id = c.zone_id and l.chain_id = c.id) as links,
      (select count(distinct p.enterprise_id)::int from ${chainPlacements} p
        where p.zone_id = c.zone_id and p.chain_id = c.id and ${enterpriseNameOf(sql.raw("p.enterprise_id"))} is not null
      ) as local_enterprises,
      (select count(*)::int from ${chainTargets} t where t.zone_id = c.zone_id and t.chain_id = c.id) as targets
    from ${chains} c where c.zone_id = ${zoneId}`)) as unknown as { rows: Record<string, unknown>[] };
  return new Map(
    result.rows.map((r) => [
      String(r.id),
      { links: Number(r.links), localEnterprises: Number(r.local_enterprises), targets: Number(r.targets) },
    ]),
  );
}

// ---- links

export async function linksOfChain(conn: Conn, zoneId: string, chainId: string): Promise<ChainLinkRow[]> {
  return conn
    .select()
    .from(chainLinks)
    .where(and(inZone(chainLinks, zoneId), eq(chainLinks.chainId, chainId)))
    .orderBy(asc(chainLinks.sortOrder), asc(chainLinks.name));
}

export async function insertLink(conn: Conn, values: NewChainLinkRow): Promise<ChainLinkRow> {
  const [row] = await conn.insert(chainLinks).values(values).returning();
  return row as ChainLinkRow;
}

export async function updateLink(
  conn: Conn,
  zoneId: string,
  id: string,
  values: Partial<NewChainLinkRow>,
): Promise<ChainLinkRow | null> {
  const [row] = await conn
    .update(chainLinks)
    .set(values)
    .where(and(inZone(chainLinks, zoneId), eq(chainLinks.id, id)))
    .returning();
  return row ?? null;
}

/** Gives links another segment (a moved link's sub-links follow it). */
export async function setLinksSegment(conn: Conn, zoneId: string, ids: string[], segment: string): Promise<void> {
  if (!ids.length) return;
  await conn
    .update(chainLinks)
    .set({ segment })
    .where(and(inZone(chainLinks, zoneId), inArray(chainLinks.id, ids)));
}

/** Deletes links; their placements and targets go with them (foreign keys cascade). */
export async function deleteLinks(conn: Conn, zoneId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await conn.delete(chainLinks).where(and(inZone(chainLinks, zoneId), inArray(chainLinks.id, ids)));
}

/** What hangs on some links: placements, targets, and targets that became leads. */
export async function contentsOfLinks(
  conn: Conn,
  zoneId: string,
  linkIds: string[],
): Promise<{ placements: number; targets: number; targetsWithLead: number }> {
  if (!linkIds.length) return { placements: 0, targets: 0, targetsWithLead: 0 };
  const [p] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(chainPlacements)
    .where(and(inZone(chainPlacements, zoneId), inArray(chainPlacements.linkId, linkIds)));
  const [t] = await conn
    .select({ n: sql<number>`count(*)::int`, withLead: sql<number>`count(${chainTargets.leadId})::int` })
    .from(chainTargets)
    .where(and(inZone(chainTargets, zoneId), inArray(chainTargets.linkId, linkIds)));
  return { placements: p?.n ?? 0, targets: t?.n ?? 0, targetsWithLead: t?.withLead ?? 0 };
}

// ---- placements

/** The enterprises placed on a link, with their names (enterprises gone from the registry left out). */
export async function placementsOfLink(
  conn: Conn,
  zoneId: string,
  linkId: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await conn
    .select({ id: chainPlacements.enterpriseId, name: enterpriseNameOf(chainPlacements.enterpriseId) })
    .from(chainPlacements)
    .where(and(inZone(chainPlacements, zoneId), eq(chainPlacements.linkId, linkId)));
  return rows
    .filter((r): r is { id: string; name: string } => r.name !== null)
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
}

export async function addPlacements(
  conn: Conn,
  zoneId: string,
  chainId: string,
  linkId: string,
  enterpriseIds: string[],
  now: Date,
): Promise<string[]> {
  if (!enterpriseIds.length) return [];
  const rows = await conn
    .insert(chainPlacements)
    .values(enterpriseIds.map((enterpriseId) => ({ zoneId, chainId, linkId, enterpriseId, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: chainPlacements.enterpriseId });
  return rows.map((r) => r.id);
}

export async function removePlacements(
  conn: Conn,
  zoneId: string,
  linkId: string,
  enterpriseIds: string[],
): Promise<string[]> {
  if (!enterpriseIds.length) return [];
  const rows = await conn
    .delete(chainPlacements)
    .where(
      and(
        inZone(chainPlacements, zoneId),
        eq(chainPlacements.linkId, linkId),
        inArray(chainPlacements.enterpriseId, enterpriseIds),
      ),
    )
    .returning({ id: chainPlacements.enterpriseId });
  return rows.map((r) => r.id);
}

// ---- targets

export async function targetsOfChain(conn: Conn, zoneId: string, chainId: string): Promise<ChainTargetRow[]> {
  return conn
    .select()
    .from(chainTargets)
    .where(and(inZone(chainTargets, zoneId), eq(chainTargets.chainId, chainId)))
    .orderBy(asc(chainTargets.createdAt), asc(chainTargets.name), asc(chainTargets.id));
}

export async function insertTargets(conn: Conn, values: NewChainTargetRow[]): Promise<ChainTargetRow[]> {
  if (!values.length) return [];
  const out: ChainTargetRow[] = [];
  for (let i = 0; i < values.length; i += 1000)
    out.push(
      ...(await conn
        .insert(chainTargets)
        .values(values.slice(i, i + 1000))
        .returning()),
    );
  return out;
}

export async function updateTarget(
  conn: Conn,
  zoneId: string,
  id: string,
  values: Partial<NewChainTargetRow>,
): Promise<ChainTargetRow | null> {
  const [row] = await conn
    .update(chainTargets)
    .set(values)
    .where(and(inZone(chainTargets, zoneId), eq(chainTargets.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteTarget(conn: Conn, zoneId: string, id: string): Promise<void> {
  await conn.delete(chainTargets).where(and(inZone(chainTargets, zoneId), eq(chainTargets.id, id)));
}

// ---- gap analysis (缺链分析)

/**
 * The gap analysis of one chain in one statement: every link with the distinct local enterprises on it and its
 * sub-links (what its coverage is counted from), the enterprises placed on the link itself and its targets (with
 * the lead created from each). Enterprises gone from the registry are not counted. Exported bare so the benchmark
 * can time the SQL against the endpoint.
 */
/** How many of a link's enterprises the gap analysis names (by name); the link's own page lists them all. */
export const GAP_ENTERPRISE_SAMPLE = 8;

export function gapSql(zoneId: string, chainId: string): SQL {
  return sql`
with recursive sub(ancestor_id, link_id) as (
  select l.id, l.id from ${chainLinks} l where l.zone_id = ${zoneId} and l.chain_id = ${chainId}
  union
  select s.ancestor_id, l.id from sub s
    join ${chainLinks} l on l.parent_id = s.link_id and l.zone_id = ${zoneId} and l.chain_id = ${chainId}
),
placed as (
  select p.link_id, p.enterprise_id, ${enterpriseNameOf(sql.raw("p.enterprise_id"))} as name
  from ${chainPlacements} p where p.zone_id = ${zoneId} and p.chain_id = ${chainId}
),
local_count as (
  select s.ancestor_id, count(distinct p.enterprise_id)::int as n
  from sub s join placed p on p.link_id = s.link_id and p.name is not null
  group by s.ancestor_id
),
ents as (
  select p.link_id, count(*)::int as n,
    json_agg(json_build_object('id', p.enterprise_id, 'name', p.name) order by p.name, p.enterprise_id)
      filter (where p.rn <= ${GAP_ENTERPRISE_SAMPLE}) as items
  from (
    select p.*, row_number() over (partition by p.link_id order by p.name, p.enterprise_id) as rn
    from placed p where p.name is not null
  ) p
  group by p.link_id
),
tg as (
  select t.link_id, json_agg(json_build_object(
      'id', t.id, 'name', t.name, 'creditCode', t.credit_code, 'regionCode', t.region_code, 'size', t.size,
      'listed', t.listed, 'reason', t.reason, 'leadId', t.lead_id
    ) order by t.created_at, t.name, t.id) as items
  from ${chainTargets} t where t.zone_id = ${zoneId} and t.chain_id = ${chainId} group by t.link_id
)
select l.id, l.parent_id, l.segment, l.name, l.industry_code, l.sort_order,
  coalesce(c.n, 0) as local_enterprises,
  coalesce(e.n, 0) as placed,
  coalesce(e.items, '[]'::json) as enterprises,
  (select count(distinct p.enterprise_id) from placed p where p.name is not null)::int as chain_enterprises,
  coalesce(tg.items, '[]'::json) as targets
from ${chainLinks} l
  left join local_count c on c.ancestor_id = l.id
  left join ents e on e.link_id = l.id
  left join tg on tg.link_id = l.id
where l.zone_id = ${zoneId} and l.chain_id = ${chainId}
order by l.sort_order, l.name, l.id`;
}

export interface GapTargetJson {
  id: string;
  name: string;
  creditCode: string | null;
  regionCode: string | null;
  size: string | null;
  listed: boolean;
  reason: string | null;
  leadId: string | null;
}

export interface GapRow {
  id: string;
  parentId: string | null;
  segment: string;
  name: string;
  industryCode: string | null;
  sortOrder: number;
  localEnterprises: number;
  /** Enterprises placed on the link itself, and the first GAP_ENTERPRISE_SAMPLE of them by name. */
  placed: number;
  enterprises: { id: string; name: string }[];
  /** Distinct local enterprises on the whole chain (the same on every row). */
  chainEnterprises: number;
  targets: GapTargetJson[];
}

const jsonOf = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

/** Runs `gapSql`. */
export async function gapRows(conn: Conn, zoneId: string, chainId: string): Promise<GapRow[]> {
  const result = (await conn.execute(gapSql(zoneId, chainId))) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((r) => ({
    id: String(r.id),
    parentId: r.parent_id === null || r.parent_id === undefined ? null : String(r.parent_id),
    segment: String(r.segment),
    name: String(r.name),
    industryCode: r.industry_code === null || r.industry_code === undefined ? null : String(r.industry_code),
    sortOrder: Number(r.sort_order),
    localEnterprises: Number(r.local_enterprises),
    placed: Number(r.placed),
    enterprises: jsonOf(r.enterprises),
    chainEnterprises: Number(r.chain_enterprises),
    targets: jsonOf(r.targets),
  }));
}

/** The local-enterprise count of every link of every chain of the zone (for the coverage counts of the list). */
export async function linkCountsOfZone(
  conn: Conn,
  zoneId: string,
): Promise<{ chainId: string; linkId: string; localEnterprises: number }[]> {
  const result = (await conn.execute(sql`
with recursive sub(ancestor_id, link_id) as (
  select l.id, l.id from ${chainLinks} l where l.zone_id = ${zoneId}
  union
  select s.ancestor_id, l.id from sub s join ${chainLinks} l on l.parent_id = s.link_id and l.zone_id = ${zoneId}
),
placed as (
  select p.link_id, p.enterprise_id from ${chainPlacements} p
  where p.zone_id = ${zoneId} and ${enterpriseNameOf(sql.raw("p.enterprise_id"))} is not null
),
local_count as (
  select s.ancestor_id, count(distinct p.enterprise_id)::int as n
  from sub s join placed p on p.link_id = s.link_id group by s.ancestor_id
)
select l.chain_id, l.id, coalesce(c.n, 0) as n
from ${chainLinks} l left join local_count c on c.ancestor_id = l.id
where l.zone_id = ${zoneId}`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((r) => ({ chainId: String(r.chain_id), linkId: String(r.id), localEnterprises: Number(r.n) }));
}
