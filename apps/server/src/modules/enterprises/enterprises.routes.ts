import {
  AuditList,
  Enterprise,
  EnterpriseFilter,
  EnterpriseInput,
  EnterpriseList,
  EnterpriseListQuery,
  EnterpriseOptions,
  EnterpriseUpdate,
  ImportStatus,
} from "@zoneos/contracts";
import { chinaDate } from "@zoneos/domain";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { type App, type AppDeps, ctxOf, sendXlsx } from "../../platform/http.ts";
import { parks, serviceOfficers } from "../org/org.service.ts";
import { exportEnterprises, importTemplate } from "./enterprises.export.ts";
import { getImport, importReport, startImport } from "./enterprises.import.ts";
import {
  createEnterprise,
  deleteEnterpriseById,
  enterpriseHistory,
  getEnterprise,
  searchEnterprises,
  updateEnterpriseById,
} from "./enterprises.service.ts";

const IdParams = z.object({ id: z.uuid() });
const tags = ["enterprises"];

export function enterpriseRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/enterprises",
    {
      config: { permission: "enterprise.read" },
      schema: {
        tags,
        summary: "Search and filter enterprises (name, pinyin, initials or credit code in q)",
        querystring: EnterpriseListQuery,
        response: { 200: EnterpriseList },
      },
    },
    async (req) => searchEnterprises(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/enterprises/options",
    {
      config: { permission: "enterprise.read" },
      schema: {
        tags,
        summary: "Parks and service officers for filters and forms",
        response: { 200: EnterpriseOptions },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, clock);
      if (ctx.actor.role === "enterprise") return { parks: [], officers: [] };
      const [p, o] = await Promise.all([parks(db, ctx.actor.zoneId), serviceOfficers(db, ctx.actor.zoneId)]);
      return { parks: p, officers: o.map(({ id, displayName, unitName }) => ({ id, displayName, unitName })) };
    },
  );
  app.get(
    "/api/v1/enterprises/export",
    {
      config: { permission: "enterprise.export" },
      schema: { tags, summary: "The filtered list as an Excel file", querystring: EnterpriseFilter },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, clock);
      const stream = await exportEnterprises(db, ctx, req.query);
      return sendXlsx(reply, `企业名录-${chinaDate(ctx.now)}.xlsx`, stream);
    },
  );
  app.get(
    "/api/v1/enterprises/import-template",
    { config: { permission: "enterprise.import" }, schema: { tags, summary: "The Excel import template" } },
    async (req, reply) => sendXlsx(reply, "企业导入模板.xlsx", await importTemplate(db, ctxOf(req, clock))),
  );
  app.post(
    "/api/v1/enterprises/imports",
    {
      config: { permission: "enterprise.import" },
      schema: {
        tags,
        summary: "Upload an .xlsx (multipart field `file`); checking and writing go on in the background",
        consumes: ["multipart/form-data"],
        response: { 202: ImportStatus },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, clock);
      const part = await req.file().catch(() => undefined);
      if (!part)
        throw new AppError("IMPORT_BAD_FILE", {
          reason: { "zh-CN": "请选择一个 .xlsx 文件", "en-US": "choose an .xlsx file" },
        });
      const body = await part.toBuffer();
      if (body.length < 4 || body[0] !== 0x50 || body[1] !== 0x4b) {
        throw new AppError("IMPORT_BAD_FILE", {
          reason: { "zh-CN": "不是 .xlsx 格式（请用 Excel 另存为 .xlsx）", "en-US": "not an .xlsx file" },
        });
      }
      return reply.status(202).send(await startImport(db, clock, ctx, part.filename || "import.xlsx", body));
    },
  );
  app.get(
    "/api/v1/enterprises/imports/:id",
    {
      config: { permission: "enterprise.import" },
      schema: { tags, summary: "Progress and result of an import", params: IdParams, response: { 200: ImportStatus } },
    },
    async (req) => getImport(db, ctxOf(req, clock), req.params.id),
  );
  app.get(
    "/api/v1/enterprises/imports/:id/report",
    {
      config: { permission: "enterprise.import" },
      schema: { tags, summary: "The problems of an import as an Excel report", params: IdParams },
    },
    async (req, reply) => {
      const r = await importReport(db, ctxOf(req, clock), req.params.id);
      return sendXlsx(reply, r.fileName, r.body);
    },
  );
  app.get(
    "/api/v1/enterprises/:id",
    {
      config: { permission: "enterprise.read" },
      schema: { tags, summary: "One enterprise", params: IdParams, response: { 200: Enterprise } },
    },
    async (req) => getEnterprise(db, ctxOf(req, clock), req.params.id),
  );
  app.get(
    "/api/v1/enterprises/:id/history",
    {
      config: { permission: "enterprise.read" },
      schema: {
        tags,
        summary: "Change history of one enterprise",
        params: IdParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: AuditList },
      },
    },
    async (req) => enterpriseHistory(db, ctxOf(req, clock), req.params.id, req.query),
  );
  app.post(
    "/api/v1/enterprises",
    {
      config: { permission: "enterprise.create" },
      schema: { tags, summary: "Create an enterprise", body: EnterpriseInput, response: { 201: Enterprise } },
    },
    async (req, reply) => reply.status(201).send(await createEnterprise(db, ctxOf(req, clock), req.body)),
  );
  app.put(
    "/api/v1/enterprises/:id",
    {
      config: { permission: "enterprise.update" },
      schema: {
        tags,
        summary: "Replace an enterprise's facts (409 when `version` is stale)",
        params: IdParams,
        body: EnterpriseUpdate,
        response: { 200: Enterprise },
      },
    },
    async (req) => updateEnterpriseById(db, ctxOf(req, clock), req.params.id, req.body),
  );
  app.delete(
    "/api/v1/enterprises/:id",
    {
      config: { permission: "enterprise.delete" },
      schema: {
        tags,
        summary: "Delete an enterprise (409 when `version` is stale)",
        params: IdParams,
        querystring: z.object({ version: z.coerce.number().int().min(1) }),
      },
    },
    async (req, reply) => {
      await deleteEnterpriseById(db, ctxOf(req, clock), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );
}
