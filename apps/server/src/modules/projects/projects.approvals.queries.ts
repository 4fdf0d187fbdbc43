import { and, asc, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { inZone } from "../../platform/tenancy.ts";
import { type ApprovalRow, type ProjectScope, projectScopeCondition } from "./projects.queries.ts";
import { projectApprovals, projects } from "./projects.tables.ts";

/** Approval items (工程建设项目审批事项) of projects. */

export async function approvalsOf(conn: Conn, zoneId: string, projectIds: string[]): Promise<ApprovalRow[]> {
  if (!projectIds.length) return [];
  return conn
    .select()
    .from(projectApprovals)
    .where(and(inZone(projectApprovals, zoneId), inArray(projectApprovals.projectId, projectIds)))
    .orderBy(asc(projectApprovals.stage), asc(projectApprovals.appliedOn), asc(projectApprovals.createdAt));
}

/** Every approval item of the projects in scope (the bottleneck report). */
export async function approvalsInScope(conn: Conn, zoneId: string, scope: ProjectScope): Promise<ApprovalRow[]> {
  const conds = [inZone(projects, zoneId)];
  const s = projectScopeCondition(scope);
  if (s) conds.push(s);
  return conn
    .select(getTableColumns(projectApprovals))
    .from(projectApprovals)
    .innerJoin(projects, eq(projects.id, projectApprovals.projectId))
    .where(and(inZone(projectApprovals, zoneId), ...conds));
}

export async function findApproval(
  conn: Conn,
  zoneId: string,
  projectId: string,
  id: string,
): Promise<ApprovalRow | undefined> {
  const [row] = await conn
    .select()
    .from(projectApprovals)
    .where(
      and(inZone(projectApprovals, zoneId), eq(projectApprovals.projectId, projectId), eq(projectApprovals.id, id)),
    );
  return row;
}

export async function insertApproval(conn: Conn, values: typeof projectApprovals.$inferInsert): Promise<ApprovalRow> {
  const [row] = await conn.insert(projectApprovals).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function updateApproval(
  conn: Conn,
  zoneId: string,
  id: string,
  values: Partial<typeof projectApprovals.$inferInsert>,
): Promise<ApprovalRow | undefined> {
  const [row] = await conn
    .update(projectApprovals)
    .set(values)
    .where(and(inZone(projectApprovals, zoneId), eq(projectApprovals.id, id)))
    .returning();
  return row;
}

export async function deleteApproval(conn: Conn, zoneId: string, id: string): Promise<void> {
  await conn.delete(projectApprovals).where(and(inZone(projectApprovals, zoneId), eq(projectApprovals.id, id)));
}
