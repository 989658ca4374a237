import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ROLES = ["customer", "staff", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** The site itself: one row, written by the first-run setup. */
export const site = sqliteTable(
  "site",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    defaultLocale: text("default_locale", { enum: LOCALES }).notNull(),
    replyPromiseDays: integer("reply_promise_days").notNull().default(3),
    createdAt: createdAt(),
  },
  (t) => [
    check("site_single_row", sql`${t.id} = 1`),
    check("site_reply_promise_positive", sql`${t.replyPromiseDays} between 1 and 60`),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Trimmed and lower-cased before it is stored. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("customer"),
    /** Staff only: shown beside every reply they sign. */
    jobTitle: text("job_title"),
    bio: text("bio"),
    company: text("company"),
    /** Null means "follow the browser / site default". */
    locale: text("locale", { enum: LOCALES }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_role_idx").on(t.role, t.displayName),
    check("users_role_valid", sql`${t.role} in ('customer', 'staff', 'admin')`),
  ],
);

/** Lucia sessions. `id` is the SHA-256 of the cookie's token, never the token itself. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Staff invitations: single-use, expiring; only the token's hash is stored. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    role: text("role", { enum: ["staff", "admin"] }).notNull().default("staff"),
    invitedById: text("invited_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    acceptedById: text("accepted_by_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_unique").on(t.tokenHash),
    index("invitations_pending_idx").on(t.acceptedAt, t.revokedAt, t.createdAt),
  ],
);

export type User = typeof users.$inferSelect;
export type Site = typeof site.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
