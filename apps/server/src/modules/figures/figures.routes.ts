import { ServiceFigures, ServiceFiguresQuery } from "@zoneos/contracts";
import { type App, type AppDeps, ctxOf, sendXlsx } from "../../platform/http.ts";
import { exportServiceFigures, serviceFigures } from "./figures.service.ts";

const tags = ["figures"];

export function figuresRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/figures/service",
    {
      config: { permission: "figures.read" },
      schema: {
        tags,
        summary:
          "Service figures (服务数据) of the cases received in a period: 响应率, 办结率, 按期办结率, 满意率, average handling time, per unit, category, officer or month",
        querystring: ServiceFiguresQuery,
        response: { 200: ServiceFigures },
      },
    },
    async (req) => serviceFigures(db, ctxOf(req, clock), req.query),
  );
  app.get(
    "/api/v1/figures/service/export",
    {
      config: { permission: "figures.read" },
      schema: {
        tags,
        summary: "The same service figures as an Excel file, with a totals row",
        querystring: ServiceFiguresQuery,
      },
    },
    async (req, reply) => {
      const { fileName, body } = await exportServiceFigures(db, ctxOf(req, clock), req.query);
      return sendXlsx(reply, fileName, body);
    },
  );
}
