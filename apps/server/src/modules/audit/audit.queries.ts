import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { auditLog } from "./audit.tables.ts";

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export async function insertAuditRow(conn: Conn, row: NewAuditRow): Promise<void> {
  await conn.insert(auditLog).values(row);
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  toExclusive?: Date;
}

export async function listAudit(
  conn: Conn,
  zoneId: string,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const conds: SQL[] = [inZone(auditLog, zoneId)];
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.toExclusive) conds.push(lt(auditLog.at, f.toExclusive));
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    conn
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(page.limit)
      .offset(page.offset),
    conn.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function insertAuditRows(conn: Conn, rows: NewAuditRow[], chunk = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await conn.insert(auditLog).values(rows.slice(i, i + chunk));
}
