import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

/**
 * An industrial chain (产业链, e.g. 新能源汽车) the zone builds: a tree of links (环节) in three segments. A link's
 * coverage (none / weak / strong) is derived from the local enterprises placed on it and the chain's thresholds.
 */
export const chains = pgTable(
  "chains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    name: text("name").notNull(),
    description: text("description"),
    /** Coverage thresholds: local enterprises on a link for 薄弱 (weak) and 较强 (strong). */
    weakMin: integer("weak_min").notNull(),
    strongMin: integer("strong_min").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chains_zone").on(t.zoneId, t.sortOrder),
    check("chains_thresholds", sql`${t.weakMin} >= 1 and ${t.strongMin} > ${t.weakMin}`),
  ],
);

/** A link (环节) of a chain, in a segment; a sub-link has a parent link of the same chain. */
export const chainLinks = pgTable(
  "chain_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    chainId: uuid("chain_id")
      .notNull()
      .references(() => chains.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id"),
    segment: text("segment").notNull(),
    name: text("name").notNull(),
    /** The GB/T 4754 class the link's products fall in, when one fits. */
    industryCode: text("industry_code"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    index("chain_links_chain").on(t.zoneId, t.chainId, t.sortOrder),
    check("chain_links_segment", sql`${t.segment} in ('upstream', 'midstream', 'downstream')`),
  ],
);

/** A local enterprise of the registry placed on a link (one enterprise may sit on several links). */
export const chainPlacements = pgTable(
  "chain_placements",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    chainId: uuid("chain_id")
      .notNull()
      .references(() => chains.id, { onDelete: "cascade" }),
    linkId: uuid("link_id")
      .notNull()
      .references(() => chainLinks.id, { onDelete: "cascade" }),
    enterpriseId: uuid("enterprise_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "chain_placements_pk", columns: [t.linkId, t.enterpriseId] }),
    index("chain_placements_chain").on(t.zoneId, t.chainId, t.linkId),
    index("chain_placements_enterprise").on(t.zoneId, t.enterpriseId),
  ],
);

/** A company outside the zone worth attracting onto a link (招商目标), usually imported from Excel. */
export const chainTargets = pgTable(
  "chain_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    chainId: uuid("chain_id")
      .notNull()
      .references(() => chains.id, { onDelete: "cascade" }),
    linkId: uuid("link_id")
      .notNull()
      .references(() => chainLinks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    creditCode: text("credit_code"),
    /** GB/T 2260 code of the company's home region (any level). */
    regionCode: text("region_code"),
    /** 'large' | 'medium' | 'small' | 'micro'. */
    size: text("size"),
    listed: boolean("listed").notNull().default(false),
    /** Why it matters to the chain. */
    reason: text("reason"),
    /** The lead created from it, once one is. */
    leadId: uuid("lead_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chain_targets_chain").on(t.zoneId, t.chainId, t.linkId),
    index("chain_targets_region").on(t.zoneId, t.regionCode),
    check("chain_targets_size", sql`${t.size} is null or ${t.size} in ('large', 'medium', 'small', 'micro')`),
  ],
);
