import type { EnterpriseFilter } from "@zoneos/contracts";
import { chinaDate } from "@zoneos/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { FROZEN_HEADER, streamWorkbook, styleHeader, workbookBuffer } from "../../platform/excel.ts";
import { listServiceOfficers, listUnits } from "../org/org.queries.ts";
import {
  buildTemplate,
  EXCEL_COLUMNS,
  EXPORT_EXTRA_COLUMNS,
  exportExtra,
  exportRow,
  SHEET_NAME,
} from "./enterprises.excel.ts";
import { iterateEnterprises } from "./enterprises.queries.ts";
import { resolveScope, toQuery } from "./enterprises.service.ts";

export async function importTemplate(db: Db, ctx: RequestContext): Promise<Buffer> {
  const parks = (await listUnits(db, ctx.actor.zoneId)).filter((u) => u.kind === "park").map((u) => u.name);
  return workbookBuffer((wb) => buildTemplate(wb, parks));
}

/**
 * The filtered list as an .xlsx stream, within the actor's scope, in the template's columns (so it re-imports)
 * followed by readable names. The export itself is audited: who took which data out.
 */
export async function exportEnterprises(db: Db, ctx: RequestContext, filter: z.output<typeof EnterpriseFilter>) {
  const zoneId = ctx.actor.zoneId;
  const scope = await resolveScope(db, ctx.actor);
  const [units, officers] = await Promise.all([listUnits(db, zoneId), listServiceOfficers(db, zoneId)]);
  const names = {
    parks: new Map(units.map((u) => [u.id, u.name])),
    officerUsernames: new Map(officers.map((o) => [o.id, o.username])),
  };
  const today = chinaDate(ctx.now);
  await recordAudit(db, ctx, {
    action: "enterprise.export",
    entityType: "enterprise",
    entityId: "*",
    after: { filter },
  });
  return streamWorkbook(async (wb) => {
    const ws = wb.addWorksheet(SHEET_NAME, { views: FROZEN_HEADER });
    styleHeader(ws, [...EXCEL_COLUMNS, ...EXPORT_EXTRA_COLUMNS]);
    ws.getRow(1).commit();
    for await (const batch of iterateEnterprises(db, zoneId, scope, toQuery(filter))) {
      for (const { row, labels, contacts } of batch)
        ws.addRow([...exportRow(row, labels, contacts, names, today), ...exportExtra(row)]).commit();
    }
    ws.commit();
  });
}
