import { and, asc, desc, eq, getTableColumns, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { chainLinkNameOf, chainNameOf } from "../chains/chains.queries.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import {
  leadActivities,
  leadCounters,
  leadScorecards,
  leadSettings,
  leadStageChanges,
  leads,
  trips,
} from "./leads.tables.ts";

export type LeadRow = typeof leads.$inferSelect;
export type NewLeadRow = typeof leads.$inferInsert;
export type StageChangeRow = typeof leadStageChanges.$inferSelect;
export type ScorecardRow = typeof leadScorecards.$inferSelect;
export type ActivityRow = typeof leadActivities.$inferSelect;
export type LeadSettingsRow = typeof leadSettings.$inferSelect;

/**
 * Which leads an actor sees: admin and leader the zone; a unit head those of a unit of their subtree or whose
 * officer they are; an officer those of their unit or whose officer they are.
 */
export type LeadScope = { kind: "zone" } | { kind: "units"; unitIds: string[]; userId: string };

export function leadScopeCondition(scope: LeadScope): SQL | undefined {
  if (scope.kind === "zone") return undefined;
  const own = eq(leads.officerId, scope.userId);
  return scope.unitIds.length ? sql`(${inArray(leads.unitId, scope.unitIds)} or ${own})` : own;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface LeadFilterSql {
  q?: string | undefined;
  stage?: string | undefined;
  channel?: string | undefined;
  unitId?: string | undefined;
  chainId?: string | undefined;
  chainLinkId?: string | undefined;
  /** Planned investment ≥ this (万元). */
  minWan?: number | undefined;
  /** Planned investment < this (万元). */
  belowWan?: number | undefined;
  officerId?: string | undefined;
  leaderId?: string | undefined;
  tripId?: string | undefined;
  projectId?: string | undefined;
}

/** The zone, the actor's scope and the filters as conditions on `leads` (the pipeline figures reuse them). */
export function leadConditions(zoneId: string, scope: LeadScope, f: LeadFilterSql): SQL[] {
  const conds: SQL[] = [inZone(leads, zoneId)];
  const s = leadScopeCondition(scope);
  if (s) conds.push(s);
  if (f.q) conds.push(sql`${leads.searchText} ilike ${`%${escapeLike(f.q.toLowerCase())}%`}`);
  if (f.stage) conds.push(eq(leads.stage, f.stage));
  if (f.channel) conds.push(eq(leads.channel, f.channel));
  if (f.unitId) conds.push(eq(leads.unitId, f.unitId));
  if (f.chainId) conds.push(eq(leads.chainId, f.chainId));
  if (f.chainLinkId) conds.push(eq(leads.chainLinkId, f.chainLinkId));
  if (f.minWan !== undefined) conds.push(sql`${leads.investmentWan} >= ${f.minWan}`);
  if (f.belowWan !== undefined) conds.push(sql`${leads.investmentWan} < ${f.belowWan}`);
  if (f.officerId) conds.push(eq(leads.officerId, f.officerId));
  if (f.leaderId) conds.push(eq(leads.leaderId, f.leaderId));
  if (f.tripId) conds.push(eq(leads.tripId, f.tripId));
  if (f.projectId) conds.push(eq(leads.projectId, f.projectId));
  return conds;
}

const withNames = {
  ...getTableColumns(leads),
  unitName: unitNameOf(leads.unitId),
  officerName: userNameOf(leads.officerId),
  leaderName: userNameOf(leads.leaderId),
  chainName: chainNameOf(leads.chainId),
  chainLinkName: chainLinkNameOf(leads.chainLinkId),
  scorecardPassed: sql<boolean | null>`(select s.passed from ${leadScorecards} s where s.lead_id = ${leads.id})`,
};

export type LeadWithNames = LeadRow & {
  unitName: string | null;
  officerName: string | null;
  leaderName: string | null;
  chainName: string | null;
  chainLinkName: string | null;
  scorecardPassed: boolean | null;
};

const SORTS: Record<string, SQL[]> = {
  "-stageOn": [desc(leads.stageOn), desc(leads.code)],
  stageOn: [asc(leads.stageOn), asc(leads.code)],
  code: [asc(leads.code)],
  "-code": [desc(leads.code)],
  "-investmentWan": [desc(leads.investmentWan), asc(leads.code)],
  investmentWan: [asc(leads.investmentWan), asc(leads.code)],
};

/** A page of leads with their names, the count and the planned investment of every lead selected. */
export async function listLeads(
  conn: Conn,
  conds: SQL[],
  sort: string,
  page: { limit: number; offset: number },
): Promise<{ rows: LeadWithNames[]; total: number; investmentWan: string }> {
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    conn
      .select(withNames)
      .from(leads)
      .where(where)
      .orderBy(...(SORTS[sort] ?? SORTS["-stageOn"] ?? []))
      .limit(page.limit)
      .offset(page.offset),
    conn
      .select({ n: sql<number>`count(*)::int`, sum: sql<string>`coalesce(sum(${leads.investmentWan}), 0)::text` })
      .from(leads)
      .where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0, investmentWan: totals[0]?.sum ?? "0" };
}

export async function findLead(
  conn: Conn,
  zoneId: string,
  scope: LeadScope,
  id: string,
): Promise<LeadWithNames | undefined> {
  const conds = [inZone(leads, zoneId), eq(leads.id, id)];
  const s = leadScopeCondition(scope);
  if (s) conds.push(s);
  const [row] = await conn
    .select(withNames)
    .from(leads)
    .where(and(...conds));
  return row;
}

export async function insertLead(conn: Conn, values: NewLeadRow): Promise<LeadRow> {
  const [row] = await conn.insert(leads).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Changes a lead at `version` (and bumps it); undefined when the version is stale. */
export async function updateLead(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<NewLeadRow>,
): Promise<LeadRow | undefined> {
  const [row] = await conn
    .update(leads)
    .set({ ...values, version: sql`${leads.version} + 1` })
    .where(and(inZone(leads, zoneId), eq(leads.id, id), eq(leads.version, version)))
    .returning();
  return row;
}

export async function nextLeadSequence(conn: Conn, zoneId: string, year: number): Promise<number> {
  const [row] = await conn
    .insert(leadCounters)
    .values({ zoneId, year, last: 1 })
    .onConflictDoUpdate({
      target: [leadCounters.zoneId, leadCounters.year],
      set: { last: sql`${leadCounters.last} + 1` },
    })
    .returning({ last: leadCounters.last });
  if (!row) throw new Error("counter returned nothing");
  return row.last;
}

export async function leadCodeTaken(conn: Conn, zoneId: string, code: string, exceptId?: string): Promise<boolean> {
  const rows = await conn
    .select({ id: leads.id })
    .from(leads)
    .where(and(inZone(leads, zoneId), eq(leads.code, code)));
  return rows.some((r) => r.id !== exceptId);
}

/** The lead (code) that already became a project, other than `exceptId`; null when none. */
export async function leadOfProject(
  conn: Conn,
  zoneId: string,
  projectId: string,
  exceptId: string,
): Promise<{ id: string; code: string } | null> {
  const [row] = await conn
    .select({ id: leads.id, code: leads.code })
    .from(leads)
    .where(and(inZone(leads, zoneId), eq(leads.projectId, projectId), ne(leads.id, exceptId)));
  return row ?? null;
}

// ---- stage changes

export async function insertStageChange(conn: Conn, values: typeof leadStageChanges.$inferInsert): Promise<void> {
  await conn.insert(leadStageChanges).values(values);
}

export type StageChangeWithNames = StageChangeRow & { byName: string | null; overrideByName: string | null };

/** A lead's stage changes in the order they were made. */
export async function stageChangesOf(conn: Conn, zoneId: string, leadId: string): Promise<StageChangeWithNames[]> {
  return conn
    .select({
      ...getTableColumns(leadStageChanges),
      byName: userNameOf(leadStageChanges.by),
      overrideByName: userNameOf(leadStageChanges.overrideBy),
    })
    .from(leadStageChanges)
    .where(and(inZone(leadStageChanges, zoneId), eq(leadStageChanges.leadId, leadId)))
    .orderBy(asc(leadStageChanges.at), asc(leadStageChanges.on));
}

// ---- scorecards

export type ScorecardWithNames = ScorecardRow & { scoredByName: string | null };

export async function findScorecard(
  conn: Conn,
  zoneId: string,
  leadId: string,
): Promise<ScorecardWithNames | undefined> {
  const [row] = await conn
    .select({ ...getTableColumns(leadScorecards), scoredByName: userNameOf(leadScorecards.scoredBy) })
    .from(leadScorecards)
    .where(and(inZone(leadScorecards, zoneId), eq(leadScorecards.leadId, leadId)));
  return row;
}

export async function saveScorecard(conn: Conn, values: typeof leadScorecards.$inferInsert): Promise<void> {
  await conn.insert(leadScorecards).values(values).onConflictDoUpdate({ target: leadScorecards.leadId, set: values });
}

// ---- activities

export async function insertActivity(conn: Conn, values: typeof leadActivities.$inferInsert): Promise<ActivityRow> {
  const [row] = await conn.insert(leadActivities).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export type ActivityWithNames = ActivityRow & { createdByName: string | null };

/** A lead's activities, the latest first. */
export async function activitiesOf(conn: Conn, zoneId: string, leadId: string): Promise<ActivityWithNames[]> {
  return conn
    .select({ ...getTableColumns(leadActivities), createdByName: userNameOf(leadActivities.createdBy) })
    .from(leadActivities)
    .where(and(inZone(leadActivities, zoneId), eq(leadActivities.leadId, leadId)))
    .orderBy(desc(leadActivities.on), desc(leadActivities.createdAt));
}

export async function findActivity(conn: Conn, zoneId: string, id: string): Promise<ActivityRow | undefined> {
  const [row] = await conn
    .select()
    .from(leadActivities)
    .where(and(inZone(leadActivities, zoneId), eq(leadActivities.id, id)));
  return row;
}

// ---- settings

export async function findLeadSettings(conn: Conn, zoneId: string): Promise<LeadSettingsRow | undefined> {
  const [row] = await conn.select().from(leadSettings).where(inZone(leadSettings, zoneId));
  return row;
}

export async function saveLeadSettings(conn: Conn, values: typeof leadSettings.$inferInsert): Promise<void> {
  await conn.insert(leadSettings).values(values).onConflictDoUpdate({ target: leadSettings.zoneId, set: values });
}

// ---- trips and chains as the lead form and page name them

/** A trip of the zone as a lead names it: its purpose and dates; null when there is none. */
export async function tripLabel(conn: Conn, zoneId: string, tripId: string): Promise<string | null> {
  const [row] = await conn
    .select({ purpose: trips.purpose, startOn: trips.startOn })
    .from(trips)
    .where(and(inZone(trips, zoneId), eq(trips.id, tripId)));
  return row ? `${row.startOn} ${row.purpose}` : null;
}
