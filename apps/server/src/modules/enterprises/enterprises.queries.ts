import { industryDivisions } from "@zoneos/domain";
import { and, asc, count, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import { enterpriseContacts, enterpriseImports, enterpriseLabels, enterprises } from "./enterprises.tables.ts";

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type NewEnterpriseRow = typeof enterprises.$inferInsert;
export type LabelRow = typeof enterpriseLabels.$inferSelect;
export type ContactRow = typeof enterpriseContacts.$inferSelect;
export type ImportRow = typeof enterpriseImports.$inferSelect;

/** The data scope resolved to ids: see `enterpriseScope` in platform/access.ts. */
export type ResolvedScope =
  | { kind: "zone" }
  | { kind: "units"; unitIds: string[]; officerIds: string[] }
  | { kind: "officer"; userId: string }
  | { kind: "enterprise"; enterpriseId: string | null };

function scopeCondition(scope: ResolvedScope): SQL | undefined {
  switch (scope.kind) {
    case "zone":
      return undefined;
    case "units": {
      const parts: SQL[] = [];
      if (scope.unitIds.length) parts.push(inArray(enterprises.parkUnitId, scope.unitIds));
      if (scope.officerIds.length) parts.push(inArray(enterprises.officerId, scope.officerIds));
      return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
    }
    case "officer":
      return eq(enterprises.officerId, scope.userId);
    case "enterprise":
      return scope.enterpriseId ? eq(enterprises.id, scope.enterpriseId) : sql`false`;
  }
}

export interface EnterpriseQuery {
  q?: string;
  parkUnitId?: string;
  industryCode?: string;
  label?: string;
  isKey?: boolean;
  officerId?: string;
  sort: string;
}

// Qualified by hand: inside a sub-query drizzle would render the bare column name, which the sub-query's own table shadows.
const ENTERPRISE_ID = sql.raw('"enterprises"."id"');

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(zoneId: string, scope: ResolvedScope, f: EnterpriseQuery): SQL[] {
  const conds: SQL[] = [inZone(enterprises, zoneId)];
  const s = scopeCondition(scope);
  if (s) conds.push(s);
  if (f.q) {
    const needle = f.q.toLowerCase().replace(/\s+/g, "");
    if (needle) conds.push(sql`${enterprises.searchText} like ${`%${escapeLike(needle)}%`}`);
  }
  if (f.parkUnitId) conds.push(eq(enterprises.parkUnitId, f.parkUnitId));
  if (f.industryCode) {
    // A section letter matches its divisions' codes; a code matches itself and the codes below it.
    // A section's divisions are contiguous (C = 13…43), so a section is a range of codes; a code is a prefix.
    const range = /^[A-T]$/.test(f.industryCode) ? sectionRange(f.industryCode) : prefixRange(f.industryCode);
    conds.push(sql`${enterprises.industryCode} >= ${range.from} and ${enterprises.industryCode} < ${range.to}`);
  }
  if (f.label) {
    conds.push(
      sql`${enterprises.id} in (select l.enterprise_id from ${enterpriseLabels} l where l.zone_id = ${zoneId} and l.label = ${f.label})`,
    );
  }
  if (f.isKey !== undefined) conds.push(eq(enterprises.isKey, f.isKey));
  if (f.officerId) conds.push(eq(enterprises.officerId, f.officerId));
  return conds;
}

function sectionRange(section: string): { from: string; to: string } {
  const divisions = industryDivisions(section);
  const first = divisions[0] ?? "00";
  const last = divisions[divisions.length - 1] ?? "00";
  return { from: first, to: String(Number(last) + 1).padStart(2, "0") };
}

/** All codes that start with `code`: from the code itself up to (not including) the next code of its length. */
function prefixRange(code: string): { from: string; to: string } {
  const digits = code.replace(/\D/g, "");
  if (!digits) return { from: code, to: code };
  const next = String(Number(digits) + 1).padStart(digits.length, "0");
  return { from: digits, to: next };
}

function orderBy(sort: string): SQL[] {
  const desc_ = sort.startsWith("-");
  const key = desc_ ? sort.slice(1) : sort;
  const col =
    key === "name"
      ? enterprises.namePinyin
      : key === "landMu"
        ? enterprises.landMu
        : key === "registeredCapitalWan"
          ? enterprises.registeredCapitalWan
          : enterprises.updatedAt;
  const primary = desc_ ? sql`${col} desc nulls last` : sql`${col} asc nulls last`;
  return [primary, asc(enterprises.id)];
}

export interface EnterpriseListRow {
  id: string;
  creditCode: string;
  name: string;
  industryCode: string | null;
  parkUnitId: string | null;
  officerId: string | null;
  isKey: boolean;
  landMu: string | null;
  registeredCapitalWan: string | null;
  updatedAt: Date;
  labels: string[];
  parkName: string | null;
  officerName: string | null;
}

const listColumns = {
  id: enterprises.id,
  creditCode: enterprises.creditCode,
  name: enterprises.name,
  industryCode: enterprises.industryCode,
  parkUnitId: enterprises.parkUnitId,
  officerId: enterprises.officerId,
  isKey: enterprises.isKey,
  landMu: enterprises.landMu,
  registeredCapitalWan: enterprises.registeredCapitalWan,
  updatedAt: enterprises.updatedAt,
  labels: sql<
    string[]
  >`array(select distinct l.label from ${enterpriseLabels} l where l.enterprise_id = ${ENTERPRISE_ID} order by l.label)`,
  parkName: unitNameOf(enterprises.parkUnitId),
  officerName: userNameOf(enterprises.officerId),
};

/** One page of a filtered list and the total count. */
export async function listEnterprises(
  conn: Conn,
  zoneId: string,
  scope: ResolvedScope,
  f: EnterpriseQuery,
  page: { limit: number; offset: number },
): Promise<{ rows: EnterpriseListRow[]; total: number }> {
  const where = and(...filterConditions(zoneId, scope, f));
  const [rows, totals] = await Promise.all([
    conn
      .select(listColumns)
      .from(enterprises)
      .where(where)
      .orderBy(...orderBy(f.sort))
      .limit(page.limit)
      .offset(page.offset),
    conn.select({ n: count() }).from(enterprises).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** The SQL text of the list query, for benchmarks that compare HTTP time with bare SQL time. */
export function listEnterprisesSql(
  conn: Conn,
  zoneId: string,
  scope: ResolvedScope,
  f: EnterpriseQuery,
  limit: number,
) {
  const where = and(...filterConditions(zoneId, scope, f));
  return {
    page: conn
      .select(listColumns)
      .from(enterprises)
      .where(where)
      .orderBy(...orderBy(f.sort))
      .limit(limit)
      .offset(0)
      .toSQL(),
    count: conn.select({ n: count() }).from(enterprises).where(where).toSQL(),
  };
}

/** Full rows of a filtered list in batches (for the Excel export), in a stable order. */
export async function* iterateEnterprises(
  conn: Conn,
  zoneId: string,
  scope: ResolvedScope,
  f: EnterpriseQuery,
  batchSize = 1000,
): AsyncGenerator<{ row: EnterpriseRow; labels: LabelRow[]; contacts: ContactRow[] }[]> {
  let offset = 0;
  const where = and(...filterConditions(zoneId, scope, f));
  for (;;) {
    const rows = await conn
      .select()
      .from(enterprises)
      .where(where)
      .orderBy(...orderBy(f.sort))
      .limit(batchSize)
      .offset(offset);
    if (!rows.length) return;
    const ids = rows.map((r) => r.id);
    const [labels, contacts] = await Promise.all([
      conn.select().from(enterpriseLabels).where(inArray(enterpriseLabels.enterpriseId, ids)),
      conn.select().from(enterpriseContacts).where(inArray(enterpriseContacts.enterpriseId, ids)),
    ]);
    yield rows.map((row) => ({
      row,
      labels: labels.filter((l) => l.enterpriseId === row.id),
      contacts: contacts.filter((c) => c.enterpriseId === row.id),
    }));
    offset += rows.length;
    if (rows.length < batchSize) return;
  }
}

/** An enterprise within the actor's scope, or undefined (the caller answers 404 either way). */
export type EnterpriseWithNames = EnterpriseRow & { parkName: string | null; officerName: string | null };

export async function findEnterprise(
  conn: Conn,
  zoneId: string,
  scope: ResolvedScope,
  id: string,
): Promise<EnterpriseWithNames | undefined> {
  const s = scopeCondition(scope);
  const [row] = await conn
    .select({
      ...getTableColumns(enterprises),
      parkName: unitNameOf(enterprises.parkUnitId),
      officerName: userNameOf(enterprises.officerId),
    })
    .from(enterprises)
    .where(and(inZone(enterprises, zoneId), eq(enterprises.id, id), ...(s ? [s] : [])));
  return row;
}

export async function findByCreditCode(
  conn: Conn,
  zoneId: string,
  creditCode: string,
): Promise<EnterpriseRow | undefined> {
  const [row] = await conn
    .select()
    .from(enterprises)
    .where(and(inZone(enterprises, zoneId), eq(enterprises.creditCode, creditCode)));
  return row;
}

/** Which of these credit codes already exist in the zone, with the enterprise's name. */
export async function existingCreditCodes(conn: Conn, zoneId: string, codes: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 5000) {
    const chunk = codes.slice(i, i + 5000);
    const rows = await conn
      .select({ code: enterprises.creditCode, name: enterprises.name })
      .from(enterprises)
      .where(and(inZone(enterprises, zoneId), inArray(enterprises.creditCode, chunk)));
    for (const r of rows) found.set(r.code, r.name);
  }
  return found;
}

export async function enterpriseNamesById(conn: Conn, zoneId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await conn
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(and(inZone(enterprises, zoneId), inArray(enterprises.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function labelsOf(conn: Conn, zoneId: string, enterpriseId: string): Promise<LabelRow[]> {
  return conn
    .select()
    .from(enterpriseLabels)
    .where(and(inZone(enterpriseLabels, zoneId), eq(enterpriseLabels.enterpriseId, enterpriseId)))
    .orderBy(asc(enterpriseLabels.label), asc(enterpriseLabels.awardedOn));
}

export async function contactsOf(conn: Conn, zoneId: string, enterpriseId: string): Promise<ContactRow[]> {
  return conn
    .select()
    .from(enterpriseContacts)
    .where(and(inZone(enterpriseContacts, zoneId), eq(enterpriseContacts.enterpriseId, enterpriseId)))
    .orderBy(desc(enterpriseContacts.isPrimary), asc(enterpriseContacts.name));
}

export async function insertEnterprise(conn: Conn, values: NewEnterpriseRow): Promise<EnterpriseRow> {
  const [row] = await conn.insert(enterprises).values(values).returning();
  return row as EnterpriseRow;
}

/** Inserts many rows with their labels and contacts, in chunks (for imports and generated data). */
export async function insertEnterprisesBulk(
  conn: Conn,
  items: {
    row: NewEnterpriseRow & { id: string };
    labels: Omit<typeof enterpriseLabels.$inferInsert, "enterpriseId">[];
    contacts: Omit<typeof enterpriseContacts.$inferInsert, "enterpriseId">[];
  }[],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    await conn.insert(enterprises).values(part.map((p) => p.row));
    const labels = part.flatMap((p) => p.labels.map((l) => ({ ...l, enterpriseId: p.row.id })));
    if (labels.length) await conn.insert(enterpriseLabels).values(labels);
    const contacts = part.flatMap((p) => p.contacts.map((c) => ({ ...c, enterpriseId: p.row.id })));
    if (contacts.length) await conn.insert(enterpriseContacts).values(contacts);
  }
}

/** Updates when the version still matches; undefined means someone else changed it first. */
export async function updateEnterprise(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<NewEnterpriseRow>,
): Promise<EnterpriseRow | undefined> {
  const [row] = await conn
    .update(enterprises)
    .set({ ...values, version: version + 1 })
    .where(and(inZone(enterprises, zoneId), eq(enterprises.id, id), eq(enterprises.version, version)))
    .returning();
  return row;
}

export async function replaceLabels(
  conn: Conn,
  zoneId: string,
  enterpriseId: string,
  labels: { label: string; awardedOn: string | null; expiresOn: string | null }[],
): Promise<void> {
  await conn
    .delete(enterpriseLabels)
    .where(and(inZone(enterpriseLabels, zoneId), eq(enterpriseLabels.enterpriseId, enterpriseId)));
  if (labels.length) await conn.insert(enterpriseLabels).values(labels.map((l) => ({ ...l, zoneId, enterpriseId })));
}

export async function replaceContacts(
  conn: Conn,
  zoneId: string,
  enterpriseId: string,
  contacts: { name: string; title: string | null; phone: string | null; email: string | null; isPrimary: boolean }[],
): Promise<void> {
  await conn
    .delete(enterpriseContacts)
    .where(and(inZone(enterpriseContacts, zoneId), eq(enterpriseContacts.enterpriseId, enterpriseId)));
  if (contacts.length)
    await conn.insert(enterpriseContacts).values(contacts.map((c) => ({ ...c, zoneId, enterpriseId })));
}

export async function deleteEnterprise(conn: Conn, zoneId: string, id: string, version: number): Promise<boolean> {
  const rows = await conn
    .delete(enterprises)
    .where(and(inZone(enterprises, zoneId), eq(enterprises.id, id), eq(enterprises.version, version)))
    .returning({ id: enterprises.id });
  return rows.length > 0;
}

export async function countEnterprises(conn: Conn, zoneId: string): Promise<number> {
  const [r] = await conn.select({ n: count() }).from(enterprises).where(inZone(enterprises, zoneId));
  return r?.n ?? 0;
}

// ---- imports

export async function insertImport(conn: Conn, values: typeof enterpriseImports.$inferInsert): Promise<ImportRow> {
  const [row] = await conn.insert(enterpriseImports).values(values).returning();
  return row as ImportRow;
}

export async function updateImport(
  conn: Conn,
  zoneId: string,
  id: string,
  values: Partial<typeof enterpriseImports.$inferInsert>,
): Promise<void> {
  await conn
    .update(enterpriseImports)
    .set(values)
    .where(and(inZone(enterpriseImports, zoneId), eq(enterpriseImports.id, id)));
}

export async function findImport(conn: Conn, zoneId: string, id: string): Promise<ImportRow | undefined> {
  const [row] = await conn
    .select()
    .from(enterpriseImports)
    .where(and(inZone(enterpriseImports, zoneId), eq(enterpriseImports.id, id)));
  return row;
}

/** Imports left unfinished by a stopped server are marked failed at start-up. */
export async function failUnfinishedImports(conn: Conn, at: Date): Promise<void> {
  await conn
    .update(enterpriseImports)
    .set({ status: "failed", finishedAt: at })
    .where(inArray(enterpriseImports.status, ["checking", "writing"]));
}

/**
 * Refreshes planner statistics and the visibility map after a bulk write. PGlite runs no autovacuum, so without
 * this the planner misjudges a freshly imported table and counts cannot use index-only scans.
 * Must run outside a transaction.
 */
export async function refreshStatistics(db: Conn): Promise<void> {
  for (const table of [enterprises, enterpriseLabels, enterpriseContacts])
    await db.execute(sql`vacuum analyze ${table}`);
}

export async function countEnterprisesInPark(conn: Conn, zoneId: string, parkUnitId: string): Promise<number> {
  const [r] = await conn
    .select({ n: count() })
    .from(enterprises)
    .where(and(inZone(enterprises, zoneId), eq(enterprises.parkUnitId, parkUnitId)));
  return r?.n ?? 0;
}

// ---- for the visits module: service officers (挂点) and visit plans

/** What an assignment or a visit plan needs to know of an enterprise. */
export interface ServedEnterprise {
  id: string;
  name: string;
  creditCode: string;
  isKey: boolean;
  officerId: string | null;
  parkUnitId: string | null;
  version: number;
}

const servedColumns = {
  id: enterprises.id,
  name: enterprises.name,
  creditCode: enterprises.creditCode,
  isKey: enterprises.isKey,
  officerId: enterprises.officerId,
  parkUnitId: enterprises.parkUnitId,
  version: enterprises.version,
};

/** The enterprises of a scope (optionally only some), ordered by name. */
export async function listServedEnterprises(
  conn: Conn,
  zoneId: string,
  scope: ResolvedScope,
  only?: { ids?: string[]; officerIds?: string[] },
): Promise<ServedEnterprise[]> {
  const conds = filterConditions(zoneId, scope, { sort: "name" });
  if (only?.ids) conds.push(only.ids.length ? inArray(enterprises.id, only.ids) : sql`false`);
  if (only?.officerIds)
    conds.push(only.officerIds.length ? inArray(enterprises.officerId, only.officerIds) : sql`false`);
  return conn
    .select(servedColumns)
    .from(enterprises)
    .where(and(...conds))
    .orderBy(asc(enterprises.namePinyin), asc(enterprises.id));
}

/** SQL that holds for an enterprise id column when that enterprise is in the scope (for other modules' lists). */
export function enterpriseInScope(zoneId: string, scope: ResolvedScope, enterpriseId: SQL | PgColumn): SQL {
  if (scope.kind === "zone") return sql`true`;
  return sql`${enterpriseId} in (select ${enterprises.id} from ${enterprises} where ${and(...filterConditions(zoneId, scope, { sort: "name" }))})`;
}

/**
 * Gives enterprises another service officer (null: none), bumping their version so an edit form opened before
 * gets 409. With `version`, only a row still at that version changes. Returns the rows changed.
 */
export async function setEnterpriseOfficers(
  conn: Conn,
  zoneId: string,
  ids: string[],
  officerId: string | null,
  now: Date,
  version?: number,
): Promise<ServedEnterprise[]> {
  if (!ids.length) return [];
  const conds: SQL[] = [inZone(enterprises, zoneId), inArray(enterprises.id, ids)];
  if (version !== undefined) conds.push(eq(enterprises.version, version));
  return conn
    .update(enterprises)
    .set({ officerId, version: sql`${enterprises.version} + 1`, updatedAt: now })
    .where(and(...conds))
    .returning(servedColumns);
}

/** Embeddable: an enterprise's name next to an enterprise id column of another module's query. */
export const enterpriseNameOf = (enterpriseId: SQL | PgColumn) =>
  sql<string | null>`(select e.name from ${enterprises} e where e.id = ${enterpriseId})`;
