import { DEFAULT_CASE_CATEGORIES } from "@zoneos/domain";
import type { Conn } from "../../db/client.ts";
import { listZones } from "../org/org.queries.ts";
import { insertMissingCategories, listCategories } from "./cases.queries.ts";

/**
 * Gives a zone the shipped case categories and SLA rules. Call it when a zone is created; categories the zone has
 * already (possibly edited by its administrator) stay as they are.
 */
export async function seedCaseCategories(conn: Conn, zoneId: string): Promise<void> {
  await insertMissingCategories(
    conn,
    DEFAULT_CASE_CATEGORIES.map((c, i) => ({ zoneId, ...c, sortOrder: i, active: true })),
  );
}

/** At start-up: a zone without any case category (one created before the case engine) gets the shipped ones. */
export async function ensureZoneCaseCategories(conn: Conn): Promise<void> {
  for (const zone of await listZones(conn)) {
    if ((await listCategories(conn, zone.id)).length === 0) await seedCaseCategories(conn, zone.id);
  }
}
