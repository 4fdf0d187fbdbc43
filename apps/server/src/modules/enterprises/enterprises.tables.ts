import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { zones } from "../org/org.tables.ts";

export const enterprises = pgTable(
  "enterprises",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    creditCode: text("credit_code").notNull(),
    name: text("name").notNull(),
    /** Full pinyin of the name without tones, for sorting by name as Chinese readers expect. */
    namePinyin: text("name_pinyin").notNull(),
    /** lower-case name, full pinyin, pinyin initials and credit code, for one ILIKE. */
    searchText: text("search_text").notNull(),
    industryCode: text("industry_code"),
    regionCode: text("region_code"),
    parkUnitId: uuid("park_unit_id"),
    officerId: uuid("officer_id"),
    landMu: numeric("land_mu", { precision: 14, scale: 2 }),
    registeredCapitalWan: numeric("registered_capital_wan", { precision: 16, scale: 4 }),
    establishedOn: date("established_on"),
    legalRepresentative: text("legal_representative"),
    address: text("address"),
    isKey: boolean("is_key").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enterprises_zone_credit_code").on(t.zoneId, t.creditCode),
    index("enterprises_zone_name_pinyin").on(t.zoneId, t.namePinyin, t.id),
    // Substring search by name, pinyin, initials or credit code (pg_trgm also indexes Chinese characters).
    index("enterprises_search_trgm").using("gin", t.searchText.op("gin_trgm_ops")),
    index("enterprises_zone_park").on(t.zoneId, t.parkUnitId),
    index("enterprises_zone_officer").on(t.zoneId, t.officerId),
    index("enterprises_zone_industry").on(t.zoneId, t.industryCode),
    index("enterprises_zone_updated").on(t.zoneId, t.updatedAt.desc().nullsLast(), t.id),
  ],
);

/** A label held by an enterprise over a period (高新技术企业 from 2023-11-01 to 2026-10-31). */
export const enterpriseLabels = pgTable(
  "enterprise_labels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    enterpriseId: uuid("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    awardedOn: date("awarded_on"),
    expiresOn: date("expires_on"),
  },
  (t) => [
    index("enterprise_labels_enterprise").on(t.enterpriseId),
    index("enterprise_labels_zone_label").on(t.zoneId, t.label),
  ],
);

export const enterpriseContacts = pgTable(
  "enterprise_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    enterpriseId: uuid("enterprise_id")
      .notNull()
      .references(() => enterprises.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title"),
    phone: text("phone"),
    email: text("email"),
    isPrimary: boolean("is_primary").notNull().default(false),
  },
  (t) => [index("enterprise_contacts_enterprise").on(t.enterpriseId)],
);

/** An Excel import: its progress while it runs and the row problems when it is refused. */
export const enterpriseImports = pgTable("enterprise_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  zoneId: uuid("zone_id")
    .notNull()
    .references(() => zones.id),
  userId: uuid("user_id").notNull(),
  fileName: text("file_name").notNull(),
  status: text("status").notNull(),
  totalRows: integer("total_rows").notNull().default(0),
  processedRows: integer("processed_rows").notNull().default(0),
  importedRows: integer("imported_rows").notNull().default(0),
  problems: jsonb("problems").$type<ImportProblem[]>().notNull().default(sql`'[]'::jsonb`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  value: string;
  reason: { "zh-CN": string; "en-US": string };
}
