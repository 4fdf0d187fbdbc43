import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/** One row per write: who, when, what, before → after, from which address. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    entityName: text("entity_name"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("audit_zone_at").on(t.zoneId, t.at), index("audit_entity").on(t.zoneId, t.entityType, t.entityId)],
);
