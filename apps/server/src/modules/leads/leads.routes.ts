import {
  Lead,
  LeadActivity,
  LeadActivityInput,
  LeadFilter,
  LeadImportResult,
  LeadList,
  LeadListQuery,
  LeadOptions,
  LeadPrefill,
  LeadPrefillQuery,
  LeadStageMoveInput,
  LeadUpdate,
  NewLeadInput,
  ScorecardInput,
  ScorecardView,
  ScreeningSchemeInput,
  ScreeningSettings,
} from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf, sendXlsx, xlsxUpload } from "../../platform/http.ts";
import { addLeadActivity } from "./leads.activities.ts";
import { exportLeads, importLeads, leadImportTemplate } from "./leads.excel.ts";
import { changeScreeningSettings, saveLeadScorecard, scorecardView, screeningSettings } from "./leads.screening.ts";
import { changeLead, createLead, getLead, leadList, leadOptions, leadPrefill } from "./leads.service.ts";
import { moveLeadStage } from "./leads.stages.ts";

const IdParams = z.object({ id: z.uuid() });
const tags = ["leads"];

/** Routes of the leads (招商项目): the pipeline, a lead, its stage moves, scorecard and activities, the scheme. */
export function leadRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/leads",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "The pipeline as a table: a page of leads with their size bucket, and the totals of all selected",
        querystring: LeadListQuery,
        response: { 200: LeadList },
      },
    },
    async (req) => leadList(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/leads/export",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "The leads the list's filters select (all of them, in the actor's scope) as an .xlsx (招商项目台账)",
        querystring: LeadFilter,
      },
    },
    async (req, reply) => {
      const { fileName, body } = await exportLeads(db, ctxOf(req, clock), req.query);
      return sendXlsx(reply, fileName, body);
    },
  );
  app.get(
    "/api/v1/leads/import/template",
    { config: { permission: "lead.edit" }, schema: { tags, summary: "The lead import template" } },
    async (req, reply) => sendXlsx(reply, "招商项目导入模板.xlsx", await leadImportTemplate(db, ctxOf(req, clock))),
  );
  app.post(
    "/api/v1/leads/import",
    {
      config: { permission: "lead.edit" },
      schema: {
        tags,
        summary: "Create leads from an .xlsx (the template's columns): all rows or none, with the problems found",
        consumes: ["multipart/form-data"],
        response: { 200: LeadImportResult },
      },
    },
    async (req) => importLeads(db, ctxOf(req, clock), await xlsxUpload(req)),
  );
  app.get(
    "/api/v1/leads/options",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "Units, officers, leaders and chain links for the lead pickers",
        response: { 200: LeadOptions },
      },
    },
    async (req) => leadOptions(db, ctxOf(req, clock)),
  );
  app.get(
    "/api/v1/leads/settings/screening",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "The zone's screening scheme (项目准入评估), the shipped default until one is set",
        response: { 200: ScreeningSettings },
      },
    },
    async (req) => screeningSettings(db, ctxOf(req, clock)),
  );
  app.put(
    "/api/v1/leads/settings/screening",
    {
      config: { permission: "lead.configure" },
      schema: {
        tags,
        summary: "Change the zone's screening scheme (criteria, thresholds, points, pass score)",
        body: ScreeningSchemeInput,
        response: { 200: ScreeningSettings },
      },
    },
    async (req) => changeScreeningSettings(db, ctxOf(req, clock), req.body),
  );
  app.get(
    "/api/v1/leads/prefill",
    {
      config: { permission: "lead.edit" },
      schema: {
        tags,
        summary: "What a new lead starts from: a chain target (one click from the gap analysis) or a trip",
        querystring: LeadPrefillQuery,
        response: { 200: LeadPrefill },
      },
    },
    async (req) => leadPrefill(db, ctxOf(req, clock), req.query),
  );
  app.post(
    "/api/v1/leads",
    {
      config: { permission: "lead.edit" },
      schema: { tags, summary: "Enter a lead", body: NewLeadInput, response: { 201: Lead } },
    },
    async (req, reply) => reply.status(201).send(await createLead(db, ctxOf(req, clock), req.body)),
  );
  app.get(
    "/api/v1/leads/:id",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "A lead: facts, stage history with dates, days per stage, scorecard, activities, the moves allowed",
        params: IdParams,
        response: { 200: Lead },
      },
    },
    async (req) => getLead(db, ctxOf(req, clock), req.params.id),
  );
  app.put(
    "/api/v1/leads/:id",
    {
      config: { permission: "lead.edit" },
      schema: {
        tags,
        summary: "Change a lead's facts (stale version: 409)",
        params: IdParams,
        body: LeadUpdate,
        response: { 200: Lead },
      },
    },
    async (req) => changeLead(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.post(
    "/api/v1/leads/:id/stage",
    {
      // Staff move their leads; a leader moves one only to give the screening override (checked in the service).
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "Move a lead to a stage on a date (签约 needs a passing scorecard or a leader's override)",
        params: IdParams,
        body: LeadStageMoveInput,
        response: { 200: Lead },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, clock);
      return getLead(db, ctx, await moveLeadStage(db, ctx, req.params.id, req.body));
    },
  );
  app.get(
    "/api/v1/leads/:id/scorecard",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "A lead's scorecard with the zone's scheme and the prefilled investment intensity",
        params: IdParams,
        response: { 200: ScorecardView },
      },
    },
    async (req) => scorecardView(db, ctxOf(req, clock), req.params.id),
  );
  app.put(
    "/api/v1/leads/:id/scorecard",
    {
      config: { permission: "lead.edit" },
      schema: {
        tags,
        summary: "Score a lead on the zone's scheme (kept with a snapshot of the scheme)",
        params: IdParams,
        body: ScorecardInput,
        response: { 200: ScorecardView },
      },
    },
    async (req) => saveLeadScorecard(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.post(
    "/api/v1/leads/:id/activities",
    {
      config: { permission: "lead.edit" },
      schema: {
        tags,
        summary: "Record an activity on a lead, with attachments",
        params: IdParams,
        body: LeadActivityInput,
        response: { 201: LeadActivity },
      },
    },
    async (req, reply) => reply.status(201).send(await addLeadActivity(db, ctxOf(req, clock), req.params.id, req.body)),
  );
}
