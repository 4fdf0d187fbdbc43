import {
  AnnualPlanInput,
  ApprovalBottlenecks,
  ApprovalCatalogue,
  ApprovalItemInput,
  AuditList,
  MonthlyReportInput,
  Project,
  ProjectApprovals,
  ProjectBoard,
  ProjectBoardQuery,
  ProjectCases,
  ProjectFilter,
  ProjectImportResult,
  ProjectInput,
  ProjectOptions,
  ProjectSettings,
  ProjectUpdate,
  ReopenInput,
  Reopening,
  ReopeningList,
  ReportImportResult,
  ReportSheet,
  ReportSheetQuery,
} from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf, sendXlsx, xlsxUpload } from "../../platform/http.ts";
import {
  addApproval,
  approvalBottleneckReport,
  approvalCatalogue,
  changeApproval,
  getApprovals,
  removeApproval,
} from "./projects.approvals.ts";
import { projectBoard } from "./projects.board.ts";
import { exportBoard } from "./projects.export.ts";
import { importProjects, projectImportTemplate } from "./projects.import.ts";
import { setAnnualPlan } from "./projects.plans.ts";
import { importReports, reportTemplate } from "./projects.reports.excel.ts";
import { listReopenings, reopenMonth, reportMonth, reportSheet } from "./projects.reports.ts";
import {
  changeProject,
  createProject,
  getProject,
  projectCases,
  projectHistory,
  projectOptions,
} from "./projects.service.ts";
import { changeProjectSettings, projectSettingsOf } from "./projects.settings.ts";

const IdParams = z.object({ id: z.uuid() });
const year = z.coerce.number().int().min(2000).max(2100);
const month = z.coerce.number().int().min(1).max(12);
const tags = ["projects"];

export function projectRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/projects",
    {
      config: { permission: "project.read" },
      schema: {
        tags,
        summary: "The project board for a period: a page of projects against 序时进度 and the totals of all selected",
        querystring: ProjectBoardQuery,
        response: { 200: ProjectBoard },
      },
    },
    async (req) => projectBoard(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/projects/export",
    {
      config: { permission: "project.read" },
      schema: { tags, summary: "The board as an Excel monthly report (重大项目进展月报)", querystring: ProjectFilter },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, clock);
      const { fileName, body } = await exportBoard(db, ctx, req.query);
      return sendXlsx(reply, fileName, body);
    },
  );
  app.get(
    "/api/v1/projects/options",
    {
      config: { permission: "project.read" },
      schema: {
        tags,
        summary: "Units, parks, leaders and staff for the project pickers",
        response: { 200: ProjectOptions },
      },
    },
    async (req) => projectOptions(db, ctxOf(req, clock)),
  );
  app.get(
    "/api/v1/projects/settings",
    {
      config: { permission: "project.read" },
      schema: { tags, summary: "The zone's project settings", response: { 200: ProjectSettings } },
    },
    async (req) => projectSettingsOf(db, ctxOf(req, clock).actor.zoneId),
  );
  app.put(
    "/api/v1/projects/settings",
    {
      config: { permission: "project.configure" },
      schema: {
        tags,
        summary: "Change the zone's project settings (序时进度 granularity, threshold, deadline, approval target)",
        body: ProjectSettings,
        response: { 200: ProjectSettings },
      },
    },
    async (req) => changeProjectSettings(db, ctxOf(req, clock), req.body),
  );
  app.get(
    "/api/v1/projects/import-template",
    { config: { permission: "project.import" }, schema: { tags, summary: "The project import template" } },
    async (req, reply) => sendXlsx(reply, "重大项目导入模板.xlsx", await projectImportTemplate(db, ctxOf(req, clock))),
  );
  app.post(
    "/api/v1/projects/import",
    {
      config: { permission: "project.import" },
      schema: {
        tags,
        summary: "Create or update projects (and this year's plans) from an .xlsx: all rows or none, with a report",
        consumes: ["multipart/form-data"],
        response: { 200: ProjectImportResult },
      },
    },
    async (req) => importProjects(db, ctxOf(req, clock), await xlsxUpload(req)),
  );
  app.post(
    "/api/v1/projects",
    {
      config: { permission: "project.edit" },
      schema: { tags, summary: "Create a project", body: ProjectInput, response: { 201: Project } },
    },
    async (req, reply) => reply.status(201).send(await createProject(db, ctxOf(req, clock), req.body)),
  );
  app.get(
    "/api/v1/projects/:id",
    {
      config: { permission: "project.read" },
      schema: {
        tags,
        summary: "One project with its plans and monthly reports",
        params: IdParams,
        response: { 200: Project },
      },
    },
    async (req) => getProject(db, ctxOf(req, clock), req.params.id),
  );
  app.put(
    "/api/v1/projects/:id",
    {
      config: { permission: "project.edit" },
      schema: {
        tags,
        summary: "Change a project's facts (stale version: 409)",
        params: IdParams,
        body: ProjectUpdate,
        response: { 200: Project },
      },
    },
    async (req) => changeProject(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.get(
    "/api/v1/projects/:id/history",
    {
      config: { permission: "project.read" },
      schema: {
        tags,
        summary: "Change history of one project",
        params: IdParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: AuditList },
      },
    },
    async (req) => projectHistory(db, ctxOf(req, clock), req.params.id, req.query),
  );
  app.get(
    "/api/v1/projects/:id/cases",
    {
      config: { permission: "project.read" },
      schema: { tags, summary: "The problems (cases) of a project", params: IdParams, response: { 200: ProjectCases } },
    },
    async (req) => projectCases(db, ctxOf(req, clock), req.params.id),
  );
  app.put(
    "/api/v1/projects/:id/plans/:year",
    {
      config: { permission: "project.edit" },
      schema: {
        tags,
        summary: "Set a year's plan (fromMonth > 1: a mid-year change with a reason)",
        params: IdParams.extend({ year }),
        body: AnnualPlanInput,
        response: { 200: Project },
      },
    },
    async (req) => setAnnualPlan(db, ctxOf(req, clock), req.params.id, req.params.year, req.body),
  );
  app.put(
    "/api/v1/projects/:id/reports/:year/:month",
    {
      config: { permission: "project.report" },
      schema: {
        tags,
        summary: "Report a month: completed investment of the month, 形象进度, photos, problems (→ cases)",
        params: IdParams.extend({ year, month }),
        body: MonthlyReportInput,
        response: { 200: Project },
      },
    },
    async (req) => reportMonth(db, ctxOf(req, clock), req.params.id, req.params.year, req.params.month, req.body),
  );
  app.get(
    "/api/v1/projects/:id/approvals",
    {
      config: { permission: "project.read" },
      schema: {
        tags,
        summary: "A project's approval items with elapsed working days per item, stage and in total",
        params: IdParams,
        response: { 200: ProjectApprovals },
      },
    },
    async (req) => getApprovals(db, ctxOf(req, clock), req.params.id),
  );
  app.post(
    "/api/v1/projects/:id/approvals",
    {
      config: { permission: "project.edit" },
      schema: {
        tags,
        summary: "Add an approval item",
        params: IdParams,
        body: ApprovalItemInput,
        response: { 200: ProjectApprovals },
      },
    },
    async (req) => addApproval(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.put(
    "/api/v1/projects/:id/approvals/:itemId",
    {
      config: { permission: "project.edit" },
      schema: {
        tags,
        summary: "Change an approval item",
        params: IdParams.extend({ itemId: z.uuid() }),
        body: ApprovalItemInput,
        response: { 200: ProjectApprovals },
      },
    },
    async (req) => changeApproval(db, ctxOf(req, clock), req.params.id, req.params.itemId, req.body),
  );
  app.delete(
    "/api/v1/projects/:id/approvals/:itemId",
    {
      config: { permission: "project.edit" },
      schema: {
        tags,
        summary: "Remove an approval item",
        params: IdParams.extend({ itemId: z.uuid() }),
        response: { 200: ProjectApprovals },
      },
    },
    async (req) => removeApproval(db, ctxOf(req, clock), req.params.id, req.params.itemId),
  );
  app.get(
    "/api/v1/project-approvals/bottlenecks",
    {
      config: { permission: "project.read" },
      schema: {
        tags,
        summary: "Approval bottlenecks by department and item over the projects in scope",
        response: { 200: ApprovalBottlenecks },
      },
    },
    async (req) => approvalBottleneckReport(db, ctxOf(req, clock)),
  );
  app.get(
    "/api/v1/project-approvals/catalogue",
    {
      config: { permission: "project.read" },
      schema: {
        tags,
        summary: "Typical approval items per stage with their limits",
        response: { 200: ApprovalCatalogue },
      },
    },
    async () => approvalCatalogue(),
  );
  app.get(
    "/api/v1/project-reports",
    {
      config: { permission: "project.report" },
      schema: {
        tags,
        summary: "The month's report sheet of the projects the user reports, with the month's state",
        querystring: ReportSheetQuery,
        response: { 200: ReportSheet },
      },
    },
    async (req) => reportSheet(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/project-reports/template",
    {
      config: { permission: "project.report" },
      schema: { tags, summary: "The month's report as an Excel template to fill in", querystring: ReportSheetQuery },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, clock);
      const q = req.query;
      return sendXlsx(reply, `项目月报-${q.year}年${q.month}月.xlsx`, await reportTemplate(db, ctx, q));
    },
  );
  app.post(
    "/api/v1/project-reports/import",
    {
      config: { permission: "project.report" },
      schema: {
        tags,
        summary: "Report a month for many projects from the filled template: all rows or none, with a report",
        querystring: z.object({ year, month }),
        consumes: ["multipart/form-data"],
        response: { 200: ReportImportResult },
      },
    },
    async (req) => importReports(db, ctxOf(req, clock), req.query, await xlsxUpload(req)),
  );
  app.get(
    "/api/v1/project-reports/reopenings",
    {
      config: { permission: "project.report" },
      schema: {
        tags,
        summary: "Reopenings of a month (by unit)",
        querystring: z.object({ year, month }),
        response: { 200: ReopeningList },
      },
    },
    async (req) => listReopenings(db, ctxOf(req, clock), req.query.year, req.query.month),
  );
  app.post(
    "/api/v1/project-reports/reopenings",
    {
      config: { permission: "project.reopen" },
      schema: {
        tags,
        summary: "Reopen a locked month for a unit until a day, with a reason (audited)",
        body: ReopenInput,
        response: { 200: Reopening },
      },
    },
    async (req) => reopenMonth(db, ctxOf(req, clock), req.body),
  );
}
