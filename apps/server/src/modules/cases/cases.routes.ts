import {
  Case,
  CaseCategory,
  CaseCategoryList,
  CaseCategoryUpdate,
  CaseInput,
  CaseList,
  CaseListQuery,
  CaseStepInput,
  CaseTodoCounts,
} from "@zoneos/contracts";
import { z } from "zod";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import {
  caseTodoCounts,
  changeCaseCategory,
  createCase,
  getCase,
  listCaseCategories,
  searchCases,
  takeCaseStep,
} from "./cases.service.ts";

const IdParams = z.object({ id: z.uuid() });
const tags = ["cases"];

export function caseRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/cases",
    {
      config: { permission: "case.read" },
      schema: {
        tags,
        summary: "Cases in the user's scope, most urgent first; view=mine|unit|escalated are the to-do lists",
        querystring: CaseListQuery,
        response: { 200: CaseList },
      },
    },
    async (req) => searchCases(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/cases/todo-counts",
    {
      config: { permission: "case.read" },
      schema: {
        tags,
        summary: "How many open cases each to-do list (view=mine|unit|escalated) holds, and how many are overdue",
        response: { 200: CaseTodoCounts },
      },
    },
    async (req) => caseTodoCounts(db, ctxOf(req, clock)),
  );
  app.get(
    "/api/v1/cases/categories",
    {
      config: { permission: "case.read" },
      schema: { tags, summary: "Case categories and their SLA in working days", response: { 200: CaseCategoryList } },
    },
    async (req) => listCaseCategories(db, ctxOf(req, clock)),
  );
  app.put(
    "/api/v1/cases/categories/:code",
    {
      config: { permission: "case.configure" },
      schema: {
        tags,
        summary: "Change a category's name and SLA (cases already received keep their due times)",
        params: z.object({ code: z.string().min(1).max(40) }),
        body: CaseCategoryUpdate,
        response: { 200: CaseCategory },
      },
    },
    async (req) => changeCaseCategory(db, ctxOf(req, clock), req.params.code, req.body),
  );
  app.get(
    "/api/v1/cases/:id",
    {
      config: { permission: "case.read" },
      schema: { tags, summary: "One case with its history", params: IdParams, response: { 200: Case } },
    },
    async (req) => getCase(db, ctxOf(req, clock), req.params.id),
  );
  app.post(
    "/api/v1/cases",
    {
      config: { permission: "case.create" },
      schema: { tags, summary: "Register a case", body: CaseInput, response: { 201: Case } },
    },
    async (req, reply) => reply.status(201).send(await createCase(db, ctxOf(req, clock), req.body)),
  );
  app.post(
    "/api/v1/cases/:id/steps",
    {
      // Each step needs its own permission too; the service checks it with the case in hand.
      config: { permission: "case.read" },
      schema: {
        tags,
        summary: "Take a step on a case (409 VERSION_CONFLICT when `version` is stale; re-read the case)",
        params: IdParams,
        body: CaseStepInput,
        response: { 200: Case },
      },
    },
    async (req) => takeCaseStep(db, ctxOf(req, clock), req.params.id, req.body),
  );
}
