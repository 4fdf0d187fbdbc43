import { and, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { unitNameOf, userNameOf } from "../org/org.queries.ts";
import type { ReopeningRow, ReportRow } from "./projects.queries.ts";
import { projectReportReopenings, projectReports } from "./projects.tables.ts";

/** Monthly reports (月度填报) and reopenings of a month. */

export type ReportWithNames = ReportRow & { reportedByName: string | null };

export async function reportsOf(conn: Conn, zoneId: string, projectIds: string[]): Promise<ReportWithNames[]> {
  if (!projectIds.length) return [];
  return conn
    .select({ ...getTableColumns(projectReports), reportedByName: userNameOf(projectReports.reportedBy) })
    .from(projectReports)
    .where(and(inZone(projectReports, zoneId), inArray(projectReports.projectId, projectIds)))
    .orderBy(desc(projectReports.year), desc(projectReports.month));
}

export async function findReport(
  conn: Conn,
  zoneId: string,
  projectId: string,
  year: number,
  month: number,
): Promise<ReportRow | undefined> {
  const [row] = await conn
    .select()
    .from(projectReports)
    .where(
      and(
        inZone(projectReports, zoneId),
        eq(projectReports.projectId, projectId),
        eq(projectReports.year, year),
        eq(projectReports.month, month),
      ),
    );
  return row;
}

export async function findReportById(conn: Conn, zoneId: string, id: string): Promise<ReportRow | undefined> {
  const [row] = await conn
    .select()
    .from(projectReports)
    .where(and(inZone(projectReports, zoneId), eq(projectReports.id, id)));
  return row;
}

export async function insertReport(conn: Conn, values: typeof projectReports.$inferInsert): Promise<ReportRow> {
  const [row] = await conn.insert(projectReports).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function updateReport(
  conn: Conn,
  zoneId: string,
  id: string,
  version: number,
  values: Partial<typeof projectReports.$inferInsert>,
): Promise<ReportRow | undefined> {
  const [row] = await conn
    .update(projectReports)
    .set({ ...values, version: sql`${projectReports.version} + 1` })
    .where(and(inZone(projectReports, zoneId), eq(projectReports.id, id), eq(projectReports.version, version)))
    .returning();
  return row;
}

export async function reopeningsOf(
  conn: Conn,
  zoneId: string,
  year: number,
  month: number,
): Promise<(ReopeningRow & { unitName: string | null; createdByName: string | null })[]> {
  return conn
    .select({
      ...getTableColumns(projectReportReopenings),
      unitName: unitNameOf(projectReportReopenings.unitId),
      createdByName: userNameOf(projectReportReopenings.createdBy),
    })
    .from(projectReportReopenings)
    .where(
      and(
        inZone(projectReportReopenings, zoneId),
        eq(projectReportReopenings.year, year),
        eq(projectReportReopenings.month, month),
      ),
    )
    .orderBy(desc(projectReportReopenings.createdAt));
}

export async function insertReopening(
  conn: Conn,
  values: typeof projectReportReopenings.$inferInsert,
): Promise<ReopeningRow> {
  const [row] = await conn.insert(projectReportReopenings).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** The reports of one month of some projects. */
export async function reportsOfMonth(
  conn: Conn,
  zoneId: string,
  projectIds: string[],
  year: number,
  month: number,
): Promise<ReportWithNames[]> {
  if (!projectIds.length) return [];
  return conn
    .select({ ...getTableColumns(projectReports), reportedByName: userNameOf(projectReports.reportedBy) })
    .from(projectReports)
    .where(
      and(
        inZone(projectReports, zoneId),
        inArray(projectReports.projectId, projectIds),
        eq(projectReports.year, year),
        eq(projectReports.month, month),
      ),
    );
}
