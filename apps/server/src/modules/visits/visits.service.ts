import type { Visit, VisitFilter, VisitInput, VisitListQuery, VisitSummary, VisitUpdate } from "@zoneos/contracts";
import { chinaDate, VISIT_KIND_NAMES, type VisitKind } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { FROZEN_HEADER, safeCell, streamWorkbook, styleHeader } from "../../platform/excel.ts";
import { casesOfVisit, insertNewCase } from "../cases/cases.service.ts";
import { enterpriseNamesById, findEnterprise } from "../enterprises/enterprises.queries.ts";
import { ENTERPRISE, resolveScope } from "../enterprises/enterprises.service.ts";
import { findUser } from "../org/org.queries.ts";
import { projectNamesById } from "../projects/projects.queries.ts";
import { loadProject } from "../projects/projects.service.ts";
import { auditableVisit, presentVisit, presentVisitSummary } from "./visits.presenter.ts";
import {
  findVisit,
  insertVisit,
  listVisits,
  updateVisit,
  type VisitScope,
  type VisitWithNames,
} from "./visits.queries.ts";

export const VISIT = { "zh-CN": "走访记录", "en-US": "Visit" };
const VISITOR = { "zh-CN": "走访人员", "en-US": "Visitor" };

/** The actor's visit scope (see `VisitScope`). */
export async function visitScopeOf(conn: Conn, actor: Actor): Promise<VisitScope> {
  switch (actor.role) {
    case "admin":
    case "leader":
      return { kind: "zone" };
    case "unithead":
      return { kind: "units", unitIds: actor.unitSubtree, enterprises: await resolveScope(conn, actor) };
    case "officer":
      return { kind: "officer", userId: actor.userId };
    case "enterprise":
      return { kind: "enterprise", enterpriseId: actor.enterpriseId };
  }
}

const internal = (actor: Actor) => actor.role !== "enterprise";

function checkDate(ctx: RequestContext, visitedOn: string) {
  if (visitedOn > chinaDate(ctx.now)) throw new AppError("VISIT_DATE_IN_FUTURE", { date: visitedOn });
}

/** The visitors as stored: the recorder first, then the others named, each once; all serving staff of the zone. */
async function checkVisitors(conn: Conn, zoneId: string, first: string, others: string[]): Promise<string[]> {
  const ids = [...new Set([first, ...others])];
  for (const id of ids.slice(1)) {
    const user = await findUser(conn, zoneId, id);
    if (!user || user.disabled || user.role === "enterprise") throw notFound(VISITOR);
  }
  return ids;
}

async function present(conn: Conn, ctx: RequestContext, id: string, justWritten = false): Promise<Visit> {
  const zoneId = ctx.actor.zoneId;
  const row = await findVisit(conn, zoneId, justWritten ? { kind: "zone" } : await visitScopeOf(conn, ctx.actor), id);
  if (!row) throw notFound(VISIT);
  const [names, demands, projects] = await Promise.all([
    enterpriseNamesById(conn, zoneId, [row.enterpriseId]),
    casesOfVisit(conn, ctx, id),
    projectNamesById(conn, zoneId, row.projectId ? [row.projectId] : []),
  ]);
  return presentVisit(row, {
    enterpriseName: names.get(row.enterpriseId) ?? null,
    projectName: row.projectId ? (projects.get(row.projectId) ?? null) : null,
    internal: internal(ctx.actor),
    demands,
    canEdit: mayEdit(ctx.actor, row),
  });
}

function mayEdit(actor: Actor, row: Pick<VisitWithNames, "createdBy">): boolean {
  return actor.role === "admin" || row.createdBy === actor.userId;
}

export async function getVisit(db: Db, ctx: RequestContext, id: string): Promise<Visit> {
  return present(db, ctx, id);
}

/**
 * The enterprise a visit is to: a project's owner when the visit is to a project the actor may see (走访项目: the
 * project's unit visits it whether or not it serves the owner), else an enterprise of the actor's scope.
 */
async function visitedSubject(
  tx: Conn,
  actor: Actor,
  input: Pick<z.output<typeof VisitInput>, "enterpriseId" | "projectId">,
): Promise<{ enterpriseId: string; enterpriseName: string; projectId: string | null }> {
  const zoneId = actor.zoneId;
  if (input.projectId) {
    const project = await loadProject(tx, actor, input.projectId);
    const names = await enterpriseNamesById(tx, zoneId, [project.ownerEnterpriseId]);
    return {
      enterpriseId: project.ownerEnterpriseId,
      enterpriseName: names.get(project.ownerEnterpriseId) ?? project.name,
      projectId: project.id,
    };
  }
  const enterprise = input.enterpriseId
    ? await findEnterprise(tx, zoneId, await resolveScope(tx, actor), input.enterpriseId)
    : undefined;
  if (!enterprise) throw notFound(ENTERPRISE);
  return { enterpriseId: enterprise.id, enterpriseName: enterprise.name, projectId: null };
}

/**
 * Records a visit to an enterprise of the actor's scope (or to a project), and registers each demand raised on it as a case with
 * source 'visit' through the case engine (due times, history, audit). One transaction: a demand that fails (an
 * unknown category) leaves neither the visit nor any case behind.
 */
export async function recordVisit(db: Db, ctx: RequestContext, input: z.output<typeof VisitInput>): Promise<Visit> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  checkDate(ctx, input.visitedOn);
  return db.transaction(async (tx) => {
    const subject = await visitedSubject(tx, actor, input);
    const visitorIds = await checkVisitors(tx, zoneId, actor.userId, input.visitorIds);
    const row = await insertVisit(tx, {
      zoneId,
      enterpriseId: subject.enterpriseId,
      projectId: subject.projectId,
      visitedOn: input.visitedOn,
      kind: input.kind,
      visitorIds,
      unitId: actor.unitId,
      participants: input.participants,
      notes: input.notes,
      createdBy: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const caseNumbers: string[] = [];
    for (const d of input.demands) {
      const c = await insertNewCase(
        tx,
        ctx,
        {
          source: "visit",
          enterpriseId: subject.enterpriseId,
          category: d.category,
          title: d.title,
          description: d.description,
          priority: d.priority,
        },
        subject.projectId ? { visitId: row.id, projectId: subject.projectId } : { visitId: row.id },
      );
      caseNumbers.push(c.number);
    }
    await recordAudit(tx, ctx, {
      action: "visit.create",
      entityType: "visit",
      entityId: row.id,
      entityName: `${subject.enterpriseName} ${row.visitedOn}`,
      after: { ...auditableVisit(row), cases: caseNumbers },
    });
    return present(tx, ctx, row.id, true);
  });
}

/** Changes the date, kind, visitors and notes of a visit: its recorder or an administrator; stale `version`: 409. */
export async function changeVisit(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof VisitUpdate>,
): Promise<Visit> {
  const zoneId = ctx.actor.zoneId;
  checkDate(ctx, input.visitedOn);
  return db.transaction(async (tx) => {
    const before = await findVisit(tx, zoneId, await visitScopeOf(tx, ctx.actor), id);
    if (!before) throw notFound(VISIT);
    if (!mayEdit(ctx.actor, before)) throw new AppError("FORBIDDEN");
    if (before.version !== input.version) throw new AppError("VERSION_CONFLICT");
    const visitorIds = await checkVisitors(tx, zoneId, before.createdBy, input.visitorIds);
    const row = await updateVisit(tx, zoneId, id, input.version, {
      visitedOn: input.visitedOn,
      kind: input.kind,
      visitorIds,
      participants: input.participants,
      notes: input.notes,
      updatedAt: ctx.now,
    });
    if (!row) throw new AppError("VERSION_CONFLICT");
    await recordAudit(tx, ctx, {
      action: "visit.update",
      entityType: "visit",
      entityId: id,
      entityName: row.visitedOn,
      before: auditableVisit(before),
      after: auditableVisit(row),
    });
    return present(tx, ctx, id, true);
  });
}

async function withEnterpriseNames(conn: Conn, zoneId: string, rows: VisitWithNames[]) {
  return enterpriseNamesById(conn, zoneId, [...new Set(rows.map((r) => r.enterpriseId))]);
}

async function withProjectNames(conn: Conn, zoneId: string, rows: VisitWithNames[]) {
  return projectNamesById(conn, zoneId, [...new Set(rows.flatMap((r) => (r.projectId ? [r.projectId] : [])))]);
}

export async function searchVisits(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof VisitListQuery>,
): Promise<{ items: VisitSummary[]; total: number }> {
  const zoneId = ctx.actor.zoneId;
  const { page, pageSize, ...filter } = q;
  // A project's visits are listed for whoever may see the project (its page counts them all).
  const scope =
    filter.projectId && ctx.actor.role !== "enterprise" && (await loadProject(db, ctx.actor, filter.projectId))
      ? ({ kind: "zone" } as const)
      : await visitScopeOf(db, ctx.actor);
  const { rows, total } = await listVisits(db, zoneId, scope, filter, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const [names, projectNames] = await Promise.all([
    withEnterpriseNames(db, zoneId, rows),
    withProjectNames(db, zoneId, rows),
  ]);
  return {
    items: rows.map((r) =>
      presentVisitSummary(r, {
        enterpriseName: names.get(r.enterpriseId) ?? null,
        projectName: r.projectId ? (projectNames.get(r.projectId) ?? null) : null,
        internal: internal(ctx.actor),
      }),
    ),
    total,
  };
}

const EXPORT_LIMIT = 50_000;

/** The filtered list as an .xlsx stream (staff only; the export is audited). */
export async function exportVisits(db: Db, ctx: RequestContext, filter: z.output<typeof VisitFilter>) {
  if (!internal(ctx.actor)) throw new AppError("FORBIDDEN");
  const zoneId = ctx.actor.zoneId;
  const { rows } = await listVisits(db, zoneId, await visitScopeOf(db, ctx.actor), filter, {
    limit: EXPORT_LIMIT,
    offset: 0,
  });
  const names = await withEnterpriseNames(db, zoneId, rows);
  await recordAudit(db, ctx, { action: "visit.export", entityType: "visit", entityId: "*", after: { filter } });
  const zh = ctx.lang === "zh-CN";
  return streamWorkbook(async (wb) => {
    const ws = wb.addWorksheet(zh ? "走访记录" : "Visits", { views: FROZEN_HEADER });
    styleHeader(ws, [
      { header: zh ? "走访日期" : "Date", width: 12 },
      { header: zh ? "企业" : "Enterprise", width: 36 },
      { header: zh ? "走访类型" : "Kind", width: 14 },
      { header: zh ? "走访人员" : "Visitors", width: 28 },
      { header: zh ? "所属单位" : "Unit", width: 18 },
      { header: zh ? "企业参与人" : "Participants", width: 20 },
      { header: zh ? "诉求数" : "Demands", width: 8 },
      { header: zh ? "走访情况" : "Notes", width: 60 },
    ]);
    ws.getRow(1).commit();
    for (const r of rows) {
      ws.addRow([
        r.visitedOn,
        safeCell(names.get(r.enterpriseId) ?? ""),
        VISIT_KIND_NAMES[r.kind as VisitKind][ctx.lang],
        safeCell(r.visitorNames.filter(Boolean).join("、")),
        safeCell(r.unitName),
        safeCell(r.participants),
        r.demandCount,
        safeCell(r.notes),
      ]).commit();
    }
    ws.commit();
  });
}
