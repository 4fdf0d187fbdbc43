import { and, eq, isNull, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { chainLinks, chains, chainTargets } from "./chains.tables.ts";

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
