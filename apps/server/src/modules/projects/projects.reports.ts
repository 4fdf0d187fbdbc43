import type { MonthlyReportInput, Project, ReopenInput, ReportSheet, ReportSheetQuery } from "@zoneos/contracts";
import { chinaDate, formatWan, parseWan, reportMonthState, reportWindow } from "@zoneos/domain";
import type { z } from "zod";
import type { Conn, Db } from "../../db/client.ts";
import type { Actor } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { attachmentsOfSubjects, linkAttachments } from "../attachments/attachments.link.ts";
import { insertNewCase } from "../cases/cases.service.ts";
import { findUnit } from "../org/org.queries.ts";
import { boardRows, projectNames } from "./projects.board.queries.ts";
import { presentReports } from "./projects.presenter.ts";
import { findProject, type ProjectRow, type ReopeningRow } from "./projects.queries.ts";
import {
  findReport,
  findReportById,
  insertReopening,
  insertReport,
  reopeningsOf,
  reportsOfMonth,
  updateReport,
} from "./projects.reports.queries.ts";
import { getProject, loadWritableProject, mayWrite, projectScopeOf } from "./projects.service.ts";
import { projectSettingsOf } from "./projects.settings.ts";

type MonthState = ReportSheet["state"];

/** A month's reporting state for one unit: its window (the zone's deadline day) and the unit's reopenings. */
export function monthStateOf(
  year: number,
  month: number,
  today: string,
  deadlineDay: number,
  reopenings: readonly Pick<ReopeningRow, "unitId" | "until">[],
  unitId: string,
): { state: MonthState; closesOn: string; reopenedUntil: string | null } {
  const own = reopenings.filter((r) => r.unitId === unitId && r.until >= today);
  const state = reportMonthState(year, month, today, deadlineDay, own);
  const reopenedUntil =
    state === "reopened"
      ? (own
          .map((r) => r.until)
          .sort()
          .at(-1) ?? null)
      : null;
  return { state, closesOn: reportWindow(year, month, deadlineDay).closesOn, reopenedUntil };
}

/** Whoever may see a report's project may see the report's photos. */
export async function canSeeProjectReport(conn: Conn, actor: Actor, reportId: string): Promise<boolean> {
  const report = await findReportById(conn, actor.zoneId, reportId);
  if (!report) return false;
  return (await findProject(conn, actor.zoneId, projectScopeOf(actor), report.projectId)) !== undefined;
}

/**
 * The sheet of a month for the user who reports it: every project they may report that is in the year's plan by
 * that month or already has the month's report, with the year to date before the month, the report if any, and
 * the month's state for the chosen unit (or the user's own).
 */
export async function reportSheet(
  db: Db,
  ctx: RequestContext,
  q: z.output<typeof ReportSheetQuery>,
): Promise<ReportSheet> {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  const today = chinaDate(ctx.now);
  const [settings, reopenings, rows] = await Promise.all([
    projectSettingsOf(db, zoneId),
    reopeningsOf(db, zoneId, q.year, q.month),
    boardRows(db, zoneId, projectScopeOf(actor), { unitId: q.unitId }, { year: q.year, month: q.month }),
  ]);
  const sheetRows = rows.filter((r) => (r.planWan !== null || r.monthWan !== null) && mayWrite(actor, r));
  const ids = sheetRows.map((r) => r.id);
  const [reports, names] = await Promise.all([
    reportsOfMonth(db, zoneId, ids, q.year, q.month),
    projectNames(db, zoneId, ids),
  ]);
  const attachments = await attachmentsOfSubjects(
    db,
    zoneId,
    "project_report",
    reports.map((r) => r.id),
  );
  const unitId = q.unitId ?? actor.unitId;
  const head = unitId
    ? monthStateOf(q.year, q.month, today, settings.reportDeadlineDay, reopenings, unitId)
    : {
        state: reportMonthState(q.year, q.month, today, settings.reportDeadlineDay, []),
        closesOn: reportWindow(q.year, q.month, settings.reportDeadlineDay).closesOn,
        reopenedUntil: null,
      };
  return {
    year: q.year,
    month: q.month,
    ...head,
    items: sheetRows.map((r) => {
      const report = reports.find((x) => x.projectId === r.id);
      const before = parseWan(r.ytdWan ?? "0") - parseWan(r.monthWan ?? "0");
      const rowState = monthStateOf(q.year, q.month, today, settings.reportDeadlineDay, reopenings, r.unitId).state;
      return {
        projectId: r.id,
        code: r.code,
        name: r.name,
        unitName: names.get(r.id)?.unitName ?? null,
        planWan: r.planWan === null ? null : formatWan(parseWan(r.planWan)),
        completedBeforeWan: formatWan(before),
        report: report
          ? (presentReports(
              [report],
              [{ year: q.year, versions: [], newStartPlanned: false, newStartMonth: null, milestones: [] }],
              attachments,
            ).map((m) => ({
              ...m,
              completedYtdWan: formatWan(before + parseWan(report.completedWan)),
              planWan: r.planWan === null ? null : formatWan(parseWan(r.planWan)),
            }))[0] ?? null)
          : null,
        canReport: actor.role !== "leader" && (rowState === "open" || rowState === "reopened"),
      };
    }),
  };
}

/** Refuses a month that is not open for the project's unit (not begun, or locked and not reopened). */
export async function checkMonthOpen(
  conn: Conn,
  ctx: RequestContext,
  project: Pick<ProjectRow, "unitId">,
  year: number,
  month: number,
  deadlineDay: number,
): Promise<void> {
  const today = chinaDate(ctx.now);
  const reopenings = await reopeningsOf(conn, ctx.actor.zoneId, year, month);
  const { state, closesOn } = monthStateOf(year, month, today, deadlineDay, reopenings, project.unitId);
  if (state === "not_open") throw new AppError("REPORT_MONTH_NOT_OPEN", { year, month });
  if (state === "locked") throw new AppError("REPORT_MONTH_LOCKED", { year, month, closesOn });
}

/**
 * Writes one project's report of one month inside the caller's transaction (the form and the import): the month
 * must be open for the project's unit; a report that exists needs the version the writer saw (409 otherwise, so
 * two people never overwrite each other silently; the import passes `overwrite`). Audited.
 */
export async function saveMonthlyReport(
  tx: Conn,
  ctx: RequestContext,
  project: Pick<ProjectRow, "id" | "code" | "name" | "unitId" | "ownerEnterpriseId">,
  year: number,
  month: number,
  input: Pick<z.output<typeof MonthlyReportInput>, "completedWan" | "progress" | "problems" | "version">,
  opts: { overwrite?: boolean; deadlineDay: number },
): Promise<{ id: string; changed: boolean }> {
  const zoneId = ctx.actor.zoneId;
  await checkMonthOpen(tx, ctx, project, year, month, opts.deadlineDay);
  const before = await findReport(tx, zoneId, project.id, year, month);
  const values = {
    completedWan: input.completedWan,
    progress: input.progress,
    problems: input.problems,
    reportedBy: ctx.actor.userId,
    reportedAt: ctx.now,
  };
  let id: string;
  if (before) {
    const same =
      parseWan(before.completedWan) === parseWan(input.completedWan) &&
      before.progress === input.progress &&
      before.problems === input.problems;
    if (opts.overwrite && same) return { id: before.id, changed: false };
    if (!opts.overwrite && input.version !== before.version) throw new AppError("VERSION_CONFLICT");
    const row = await updateReport(tx, zoneId, before.id, before.version, values);
    if (!row) throw new AppError("VERSION_CONFLICT");
    id = row.id;
  } else {
    id = (await insertReport(tx, { zoneId, projectId: project.id, year, month, ...values })).id;
  }
  await recordAudit(tx, ctx, {
    action: "project.report",
    entityType: "project",
    entityId: project.id,
    entityName: `${project.code} ${project.name}`,
    before: before
      ? {
          period: `${year}-${String(month).padStart(2, "0")}`,
          completedWan: formatWan(parseWan(before.completedWan)),
          progress: before.progress,
          problems: before.problems,
        }
      : null,
    after: {
      period: `${year}-${String(month).padStart(2, "0")}`,
      completedWan: formatWan(parseWan(input.completedWan)),
      progress: input.progress,
      problems: input.problems,
    },
  });
  return { id, changed: true };
}

/**
 * The form's report of a month: the report, its photos, and each new problem registered as a case (category
 * 项目问题, source 项目月报) about the project, in one transaction.
 */
export async function reportMonth(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  year: number,
  month: number,
  input: z.output<typeof MonthlyReportInput>,
): Promise<Project> {
  if (ctx.actor.role === "leader") throw new AppError("FORBIDDEN");
  const settings = await projectSettingsOf(db, ctx.actor.zoneId);
  await db.transaction(async (tx) => {
    const project = await loadWritableProject(tx, ctx.actor, projectId);
    const { id } = await saveMonthlyReport(tx, ctx, project, year, month, input, {
      deadlineDay: settings.reportDeadlineDay,
    });
    await linkAttachments(tx, ctx, { type: "project_report", id }, input.attachmentIds);
    for (const p of input.newProblems) {
      await insertNewCase(
        tx,
        ctx,
        {
          source: "project_report",
          enterpriseId: project.ownerEnterpriseId,
          category: "project",
          title: p.title,
          description: p.description,
          priority: "normal",
          attachmentIds: [],
        },
        { projectId: project.id },
      );
    }
  });
  return getProject(db, ctx, projectId);
}

export async function listReopenings(db: Db, ctx: RequestContext, year: number, month: number) {
  const rows = await reopeningsOf(db, ctx.actor.zoneId, year, month);
  const { actor } = ctx;
  const visible =
    actor.role === "admin" || actor.role === "leader"
      ? rows
      : rows.filter((r) => (actor.role === "unithead" ? actor.unitSubtree : [actor.unitId]).includes(r.unitId));
  return { items: visible.map(presentReopening) };
}

function presentReopening(r: ReopeningRow & { unitName: string | null; createdByName: string | null }) {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    year: r.year,
    month: r.month,
    reason: r.reason,
    until: r.until,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

const DAY_MS = 86_400_000;

/**
 * Reopens a locked month for a unit until a day (inclusive, at most 31 days ahead), with a reason: a unit head for
 * a unit of their subtree, an administrator for any. Audited; the month locks again after `until`.
 */
export async function reopenMonth(db: Db, ctx: RequestContext, input: z.output<typeof ReopenInput>) {
  const { actor } = ctx;
  const zoneId = actor.zoneId;
  if (actor.role !== "admin" && !(actor.role === "unithead" && actor.unitSubtree.includes(input.unitId)))
    throw new AppError("FORBIDDEN");
  const today = chinaDate(ctx.now);
  const latest = chinaDate(new Date(ctx.now.getTime() + 31 * DAY_MS));
  if (input.until < today || input.until > latest) throw new AppError("REOPEN_UNTIL_INVALID", { today });
  const settings = await projectSettingsOf(db, zoneId);
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, zoneId, input.unitId);
    if (!unit) throw notFound({ "zh-CN": "单位", "en-US": "Unit" });
    const { state, closesOn } = monthStateOf(
      input.year,
      input.month,
      today,
      settings.reportDeadlineDay,
      await reopeningsOf(tx, zoneId, input.year, input.month),
      input.unitId,
    );
    if (state === "not_open") throw new AppError("REPORT_MONTH_NOT_OPEN", { year: input.year, month: input.month });
    if (state === "open") throw new AppError("REOPEN_NOT_LOCKED", { year: input.year, month: input.month, closesOn });
    const row = await insertReopening(tx, {
      zoneId,
      unitId: input.unitId,
      year: input.year,
      month: input.month,
      reason: input.reason,
      until: input.until,
      createdBy: actor.userId,
      createdAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: "project.report.reopen",
      entityType: "unit",
      entityId: input.unitId,
      entityName: `${unit.name} ${input.year}年${input.month}月`,
      after: { year: input.year, month: input.month, reason: input.reason, until: input.until },
    });
    const [withNames] = (await reopeningsOf(tx, zoneId, input.year, input.month)).filter((r) => r.id === row.id);
    if (!withNames) throw new Error("reopening vanished");
    return presentReopening(withNames);
  });
}
