import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** A development zone: the tenant. */
export const zones = pgTable("zones", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Departments, parks and platform companies of a zone, as a tree. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    parentId: uuid("parent_id"),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("units_zone_parent_name").on(t.zoneId, t.parentId, t.name), index("units_zone").on(t.zoneId)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    phone: text("phone"),
    /** Where e-mail notices go when SMTP is configured. */
    email: text("email"),
    role: text("role").notNull(),
    unitId: uuid("unit_id"),
    enterpriseId: uuid("enterprise_id"),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    isDemo: boolean("is_demo").notNull().default(false),
    disabled: boolean("disabled").notNull().default(false),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username").on(sql`lower(${t.username})`),
    index("users_zone").on(t.zoneId),
    index("users_unit").on(t.unitId),
  ],
);

/**
 * An invitation to an enterprise's contact to open their own portal account, made by the enterprise's service officer
 * (or an administrator). Only the SHA-256 of the one-time token is stored; the link is shown once to the inviter.
 */
export const enterpriseInvites = pgTable(
  "enterprise_invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    enterpriseId: uuid("enterprise_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    displayName: text("display_name").notNull(),
    phone: text("phone"),
    invitedBy: uuid("invited_by").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** The account the invitation became. */
    userId: uuid("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enterprise_invites_token").on(t.tokenHash),
    index("enterprise_invites_enterprise").on(t.zoneId, t.enterpriseId),
  ],
);
