import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** The one helper that scopes a query to a zone (tenant). Every query on a zone's table goes through it. */
export function inZone(table: { zoneId: PgColumn }, zoneId: string): SQL {
  return eq(table.zoneId, zoneId);
}
