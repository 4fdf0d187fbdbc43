import { LeadFigures, LeadFiguresQuery, LeadMap, LeadMapQuery } from "@zoneos/contracts";
import { type App, type AppDeps, ctxOf, sendXlsx } from "../../platform/http.ts";
import { exportLeadFigures } from "./leads.figures.export.ts";
import { leadFigures, leadMap } from "./leads.figures.ts";

const tags = ["leads"];

/** The pipeline figures (with their Excel export) and the investment map (投资地图). */
export function leadFigureRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/leads/figures",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary:
          "Pipeline figures: stage × size bucket, 在手在谈, signed, conversion and days, lost reasons, unit ranking, channels, chains",
        querystring: LeadFiguresQuery,
        response: { 200: LeadFigures },
      },
    },
    async (req) => leadFigures(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/leads/figures/export",
    {
      config: { permission: "lead.read" },
      schema: { tags, summary: "The pipeline figures as an Excel workbook", querystring: LeadFiguresQuery },
    },
    async (req, reply) => {
      const { fileName, body } = await exportLeadFigures(db, ctxOf(req, clock), req.query);
      return sendXlsx(reply, fileName, body);
    },
  );
  app.get(
    "/api/v1/leads/map",
    {
      config: { permission: "lead.read" },
      schema: {
        tags,
        summary: "The investment map: targets and signed leads per province, or per city of one province",
        querystring: LeadMapQuery,
        response: { 200: LeadMap },
      },
    },
    async (req) => leadMap(db, ctxOf(req, clock), req.query),
  );
}
