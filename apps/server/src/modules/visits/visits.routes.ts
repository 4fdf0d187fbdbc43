import {
  AssignmentImportResult,
  AssignmentOverview,
  Coverage,
  CoverageQuery,
  OfficerAssignment,
  OfficerAssignmentInput,
  UnvisitedList,
  UnvisitedQuery,
  Visit,
  VisitFilter,
  VisitInput,
  VisitList,
  VisitListQuery,
  VisitOptions,
  VisitRuleList,
  VisitRulesUpdate,
  VisitUpdate,
} from "@zoneos/contracts";
import { chinaDate } from "@zoneos/domain";
import { z } from "zod";
import { type App, type AppDeps, ctxOf, sendXlsx, xlsxUpload } from "../../platform/http.ts";
import {
  assignmentOverview,
  assignmentTemplate,
  assignOfficer,
  importAssignments,
  visitOptions,
} from "./visits.assign.ts";
import {
  exportCoverage,
  getVisitRules,
  putVisitRules,
  unvisitedEnterprises,
  visitCoverage,
} from "./visits.coverage.ts";
import { changeVisit, exportVisits, getVisit, recordVisit, searchVisits } from "./visits.service.ts";

const IdParams = z.object({ id: z.uuid() });
const tags = ["visits"];

export function visitRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/visits",
    {
      config: { permission: "visit.read" },
      schema: {
        tags,
        summary: "Visits in the user's scope, latest first (notes are left out for enterprise users)",
        querystring: VisitListQuery,
        response: { 200: VisitList },
      },
    },
    async (req) => searchVisits(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/visits/export",
    {
      config: { permission: "visit.read" },
      schema: { tags, summary: "The filtered visit list as an Excel file (staff only)", querystring: VisitFilter },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, clock);
      return sendXlsx(reply, `走访记录-${chinaDate(ctx.now)}.xlsx`, await exportVisits(db, ctx, req.query));
    },
  );
  app.get(
    "/api/v1/visits/options",
    {
      config: { permission: "visit.read" },
      schema: {
        tags,
        summary: "Staff, officers and units for the visit pages' pickers",
        response: { 200: VisitOptions },
      },
    },
    async (req) => visitOptions(db, ctxOf(req, clock)),
  );
  app.get(
    "/api/v1/visits/rules",
    {
      config: { permission: "visit.read" },
      schema: { tags, summary: "The zone's visit rules (走访计划)", response: { 200: VisitRuleList } },
    },
    async (req) => getVisitRules(db, ctxOf(req, clock)),
  );
  app.put(
    "/api/v1/visits/rules",
    {
      config: { permission: "visit.configure" },
      schema: {
        tags,
        summary: "Replace the zone's visit rules (rules left out are removed)",
        body: VisitRulesUpdate,
        response: { 200: VisitRuleList },
      },
    },
    async (req) => putVisitRules(db, ctxOf(req, clock), req.body),
  );
  app.get(
    "/api/v1/visits/coverage",
    {
      config: { permission: "visit.read" },
      schema: {
        tags,
        summary: "Visit coverage per officer and unit (period: 2026Q1, 2026H1, 2026-03, 2026 or a date)",
        querystring: CoverageQuery,
        response: { 200: Coverage },
      },
    },
    async (req) => visitCoverage(db, ctxOf(req, clock), req.query.period),
  );
  app.get(
    "/api/v1/visits/coverage/unvisited",
    {
      config: { permission: "visit.read" },
      schema: {
        tags,
        summary: "Enterprises due but not yet visited in their period",
        querystring: UnvisitedQuery,
        response: { 200: UnvisitedList },
      },
    },
    async (req) => unvisitedEnterprises(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/visits/coverage/export",
    {
      config: { permission: "visit.read" },
      schema: { tags, summary: "Coverage and the unvisited enterprises as an Excel file", querystring: CoverageQuery },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, clock);
      const body = await exportCoverage(db, ctx, req.query.period);
      return sendXlsx(reply, `走访覆盖率-${req.query.period || chinaDate(ctx.now)}.xlsx`, body);
    },
  );
  app.get(
    "/api/v1/visits/assignments",
    {
      config: { permission: "visit.assign" },
      schema: {
        tags,
        summary: "Service officers (挂点干部) of the user's scope with the number of enterprises each serves",
        response: { 200: AssignmentOverview },
      },
    },
    async (req) => assignmentOverview(db, ctxOf(req, clock)),
  );
  app.get(
    "/api/v1/visits/assignments/template",
    { config: { permission: "visit.assign" }, schema: { tags, summary: "The Excel template of bulk assignment" } },
    async (req, reply) => sendXlsx(reply, "挂点分配模板.xlsx", await assignmentTemplate(db, ctxOf(req, clock))),
  );
  app.post(
    "/api/v1/visits/assignments/import",
    {
      config: { permission: "visit.assign" },
      schema: {
        tags,
        summary: "Assign officers from an .xlsx (multipart field `file`): all rows or none, with a problem report",
        consumes: ["multipart/form-data"],
        response: { 200: AssignmentImportResult },
      },
    },
    async (req) => importAssignments(db, ctxOf(req, clock), await xlsxUpload(req)),
  );
  app.put(
    "/api/v1/enterprises/:id/officer",
    {
      config: { permission: "visit.assign" },
      schema: {
        tags: ["enterprises", ...tags],
        summary: "Set or clear an enterprise's service officer (挂点); a unit head names officers of the unit only",
        params: IdParams,
        body: OfficerAssignmentInput,
        response: { 200: OfficerAssignment },
      },
    },
    async (req) => assignOfficer(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.get(
    "/api/v1/visits/:id",
    {
      config: { permission: "visit.read" },
      schema: { tags, summary: "One visit with the cases raised on it", params: IdParams, response: { 200: Visit } },
    },
    async (req) => getVisit(db, ctxOf(req, clock), req.params.id),
  );
  app.post(
    "/api/v1/visits",
    {
      config: { permission: "visit.record" },
      schema: {
        tags,
        summary: "Record a visit; each demand becomes a case with source 'visit' (one transaction)",
        body: VisitInput,
        response: { 201: Visit },
      },
    },
    async (req, reply) => reply.status(201).send(await recordVisit(db, ctxOf(req, clock), req.body)),
  );
  app.put(
    "/api/v1/visits/:id",
    {
      config: { permission: "visit.record" },
      schema: {
        tags,
        summary: "Change a visit's date, kind, visitors and notes (recorder or administrator; 409 when stale)",
        params: IdParams,
        body: VisitUpdate,
        response: { 200: Visit },
      },
    },
    async (req) => changeVisit(db, ctxOf(req, clock), req.params.id, req.body),
  );
}
