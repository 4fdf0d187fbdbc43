import { AuditList, AuditQuery } from "@zoneos/contracts";
import { type App, type AppDeps, ctxOf } from "../../platform/http.ts";
import { searchAudit } from "./audit.service.ts";

export function auditRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    "/api/v1/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "The zone's audit log",
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (req) => searchAudit(db, ctxOf(req, clock), req.query),
  );
}
