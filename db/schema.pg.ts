// The PostgreSQL twin of db/schema.ts: the same tables, columns, indexes and constraints, under
// the same names, with PostgreSQL's own types. tests/unit/schema-pg.test.ts fails when the two
// drift apart, tests/unit/schema-pg.test-d.ts when their row types differ. Change both together,
// then `npm run db:generate` and `npm run db:generate:pg`.
//
// Types: `timestamp_ms` integers are `timestamptz` with millisecond precision (a JS Date holds
// no more, so a value reads back exactly as it was written); boolean-mode integers are
// `boolean`; `real` is `double precision`; autoincrement keys are identity columns, "by
// default" so that db:export-to-postgres can copy the ids over from SQLite.
// Full-text search (the `search_vector` column and its GIN index) is not declared here: like
// SQLite's FTS5 table, it lives in a hand-written migration (db/migrations-pg/0004_ideas_search_terms.sql).
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { ACCOUNT_TOKEN_PURPOSES, API_KEY_SCOPES, COMMENT_KINDS, EMAIL_CADENCES, IDEA_STATUSES, LOCALES, NOTIFICATION_KINDS, REPORT_STATUSES, ROLES, SIGNUP_MODES, THEMES, UPLOAD_KINDS, WEBHOOK_FORMATS, type SafeHtml } from "./schema";

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });
const createdAt = () => moment("created_at").notNull().defaultNow();
const identity = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

/** A Buffer stored as bytea: SQLite's blob in buffer mode. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const uploads = pgTable(
  "uploads",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: UPLOAD_KINDS }).notNull(),
    uploaderId: text("uploader_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("uploads_uploader_idx").on(t.uploaderId, t.createdAt),
    check("uploads_kind_valid", sql`${t.kind} in ('photo', 'image', 'cover', 'logo')`),
  ],
);

/** The files of the "database" upload store: what several app servers sharing PostgreSQL use. */
export const uploadBlobs = pgTable("upload_blobs", {
  key: text("key").primaryKey(),
  bytes: bytea("bytes").notNull(),
  createdAt: createdAt(),
});

export const site = pgTable(
  "site",
  {
    // Given when omitted, like SQLite's INTEGER PRIMARY KEY (rowid); the check keeps it 1.
    id: identity(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    welcomeText: text("welcome_text").notNull().default(""),
    logoId: text("logo_id").references(() => uploads.id, { onDelete: "set null" }),
    accentColour: text("accent_colour"),
    defaultLocale: text("default_locale", { enum: LOCALES }).notNull(),
    replyPromiseDays: integer("reply_promise_days").notNull().default(3),
    // Raised by every change to the settings or the categories, in the same transaction: each
    // server process keeps them in memory and reads only this number per request
    // (app/domain/site.server.ts), so a change made through any process shows in all at once.
    settingsVersion: integer("settings_version").notNull().default(0),
    signupMode: text("signup_mode", { enum: SIGNUP_MODES }).notNull().default("anyone"),
    signupDomains: text("signup_domains").notNull().default(""),
    senderName: text("sender_name"),
    /** Whether /listening, the public record of how the company answers, is shown. */
    listeningPublic: boolean("listening_public").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check("site_single_row", sql`${t.id} = 1`),
    check("site_reply_promise_positive", sql`${t.replyPromiseDays} between 1 and 60`),
    check("site_signup_mode_valid", sql`${t.signupMode} in ('anyone', 'invited')`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    emailVerifiedAt: moment("email_verified_at"),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("customer"),
    jobTitle: text("job_title"),
    bio: text("bio"),
    company: text("company"),
    locale: text("locale", { enum: LOCALES }),
    theme: text("theme", { enum: THEMES }),
    blockedAt: moment("blocked_at"),
    blockedReason: text("blocked_reason"),
    deletedAt: moment("deleted_at"),
    photoId: text("photo_id").references((): AnyPgColumn => uploads.id, { onDelete: "set null" }),
    lastSeenAt: moment("last_seen_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_role_idx").on(t.role, t.displayName),
    index("users_name_idx").on(t.displayName, t.id),
    index("users_blocked_idx").on(t.displayName, t.id).where(sql`${t.blockedAt} is not null`),
    index("users_unverified_idx").on(t.displayName, t.id).where(sql`${t.emailVerifiedAt} is null`),
    check("users_role_valid", sql`${t.role} in ('customer', 'staff', 'admin')`),
  ],
);

/**
 * Lucia sessions. The one column whose type differs from SQLite's: lucia's PostgreSQL adapter
 * wants `expires_at` as a timestamptz (a Date), its SQLite adapter as an integer of seconds.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: moment("expires_at").notNull(),
    createdAt: moment("created_at"),
    lastSeenAt: moment("last_seen_at"),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: identity(),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    role: text("role", { enum: ["staff", "admin"] }).notNull().default("staff"),
    invitedById: text("invited_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: moment("expires_at").notNull(),
    acceptedAt: moment("accepted_at"),
    acceptedById: text("accepted_by_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: moment("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_unique").on(t.tokenHash),
    index("invitations_pending_idx").on(t.acceptedAt, t.revokedAt, t.createdAt),
  ],
);

export const accountTokens = pgTable(
  "account_tokens",
  {
    id: identity(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    email: text("email").notNull(),
    expiresAt: moment("expires_at").notNull(),
    usedAt: moment("used_at"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("account_tokens_token_unique").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.purpose),
    check("account_tokens_purpose_valid", sql`${t.purpose} in ('password_reset', 'email_verification', 'email_change')`),
  ],
);

export const categories = pgTable(
  "categories",
  {
    id: identity(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    colour: text("colour").notNull(),
    archivedAt: moment("archived_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("categories_name_unique").on(sql`lower(${t.name})`)],
);

export const ideas = pgTable(
  "ideas",
  {
    id: identity(),
    title: text("title").notNull(),
    bodyJson: text("body_json").notNull(),
    bodyHtml: text("body_html").$type<SafeHtml>().notNull(),
    bodyText: text("body_text").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "set null" }),
    status: text("status", { enum: IDEA_STATUSES }).notNull().default("open"),
    voteCount: integer("vote_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    trendingScore: doublePrecision("trending_score").notNull().default(0),
    lastActivityAt: moment("last_activity_at").notNull(),
    firstResponseAt: moment("first_response_at"),
    firstResponderId: text("first_responder_id").references(() => users.id, { onDelete: "set null" }),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => ideas.id, { onDelete: "set null" }),
    statusChangedAt: moment("status_changed_at"),
    adoptedAt: moment("adopted_at"),
    adoptedById: text("adopted_by_id").references(() => users.id, { onDelete: "set null" }),
    hiddenAt: moment("hidden_at"),
    hiddenReason: text("hidden_reason"),
    officialCommentId: integer("official_comment_id").references((): AnyPgColumn => comments.id, { onDelete: "set null" }),
    challengeId: integer("challenge_id").references((): AnyPgColumn => challenges.id, { onDelete: "restrict" }),
    editedAt: moment("edited_at"),
    createdAt: moment("created_at").notNull(),
    // What search matches (see db/schema.ts); the tsvector indexed over them is a generated
    // column of a hand-written migration (db/migrations-pg/0004_ideas_search_terms.sql).
    searchTitle: text("search_title"),
    searchBody: text("search_body"),
  },
  (t) => [
    check("ideas_status_valid", sql`${t.status} in ('open', 'under_review', 'planned', 'in_progress', 'adopted', 'declined', 'duplicate')`),
    check("ideas_counts_non_negative", sql`${t.voteCount} >= 0 and ${t.commentCount} >= 0`),
    index("ideas_author_idx").on(t.authorId, t.id),
    index("ideas_waiting_idx").on(t.createdAt).where(sql`${t.firstResponseAt} is null`),
    index("ideas_search_pending_idx").on(t.id).where(sql`${t.searchTitle} is null`),
    index("ideas_assignee_idx").on(t.assigneeId, t.createdAt),
    index("ideas_adopted_idx").on(t.adoptedAt).where(sql`${t.status} = 'adopted'`),
    // Insights: the ideas first answered in a period (per staff member).
    index("ideas_first_response_idx").on(t.firstResponseAt),
    index("ideas_challenge_votes_idx").on(t.challengeId, t.voteCount, t.id).where(sql`${t.challengeId} is not null`),
    ...(
      [
        ["trending", t.trendingScore],
        ["top", t.voteCount],
        ["new", t.createdAt],
        ["active", t.lastActivityAt],
      ] as const
    ).flatMap(([name, column]) => [
      index(`ideas_${name}_idx`).on(column, t.id),
      index(`ideas_status_${name}_idx`).on(t.status, column, t.id),
      index(`ideas_category_${name}_idx`).on(t.categoryId, column, t.id),
      index(`ideas_category_status_${name}_idx`).on(t.categoryId, t.status, column, t.id),
    ]),
  ],
);

export const votes = pgTable(
  "votes",
  {
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    recordedById: text("recorded_by_id").references(() => users.id, { onDelete: "set null" }),
    recordedNote: text("recorded_note"),
    createdAt: createdAt(),
  },
  // votes_created_idx: the votes of a period (insights and its export); votes_idea_idx: an idea's voters, newest first.
  (t) => [
    primaryKey({ columns: [t.ideaId, t.userId] }),
    index("votes_user_idx").on(t.userId, t.createdAt),
    index("votes_created_idx").on(t.createdAt, t.ideaId, t.userId),
    index("votes_idea_idx").on(t.ideaId, t.createdAt),
  ],
);

export const comments = pgTable(
  "comments",
  {
    id: identity(),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    parentId: integer("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    depth: integer("depth").notNull().default(0),
    kind: text("kind", { enum: COMMENT_KINDS }).notNull().default("public"),
    bodyJson: text("body_json").notNull(),
    bodyHtml: text("body_html").$type<SafeHtml>().notNull(),
    bodyText: text("body_text").notNull(),
    editedAt: moment("edited_at"),
    deletedAt: moment("deleted_at"),
    hiddenAt: moment("hidden_at"),
    hiddenReason: text("hidden_reason"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [
    check("comments_kind_valid", sql`${t.kind} in ('public', 'internal')`),
    index("comments_idea_idx").on(t.ideaId, t.createdAt, t.id),
    index("comments_author_idx").on(t.authorId, t.createdAt),
    // The comments of a period (insights and its export).
    index("comments_created_idx").on(t.createdAt, t.id),
    index("comments_parent_idx").on(t.parentId),
  ],
);

export const ideaEvents = pgTable(
  "idea_events",
  {
    id: identity(),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    kind: text("kind").notNull(),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "set null" }),
    fromStatus: text("from_status", { enum: IDEA_STATUSES }),
    toStatus: text("to_status", { enum: IDEA_STATUSES }),
    noteHtml: text("note_html").$type<SafeHtml>(),
    noteText: text("note_text"),
    relatedIdeaId: integer("related_idea_id").references(() => ideas.id, { onDelete: "set null" }),
    /** For an assignment: the staff member now looking after the idea (null: nobody). */
    relatedUserId: text("related_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [index("idea_events_idea_idx").on(t.ideaId, t.createdAt), index("idea_events_actor_idx").on(t.actorId, t.createdAt)],
);

export const follows = pgTable(
  "follows",
  {
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index("follows_user_idx").on(t.userId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: identity(),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    challengeId: integer("challenge_id").references((): AnyPgColumn => challenges.id, { onDelete: "cascade" }),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    status: text("status", { enum: IDEA_STATUSES }),
    excerpt: text("excerpt"),
    relatedIdeaId: integer("related_idea_id").references((): AnyPgColumn => ideas.id, { onDelete: "set null" }),
    detail: text("detail"),
    emailCadence: text("email_cadence", { enum: EMAIL_CADENCES }),
    emailDueAt: moment("email_due_at"),
    emailedAt: moment("emailed_at"),
    readAt: moment("read_at"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [
    index("notifications_recipient_idx").on(t.recipientId, t.id),
    index("notifications_email_due_idx").on(t.emailDueAt),
    index("notifications_unread_idx").on(t.recipientId, t.readAt),
    check("notifications_subject", sql`${t.ideaId} is not null or ${t.challengeId} is not null`),
  ],
);

export const emailPreferences = pgTable(
  "email_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    enabled: boolean("enabled").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

export const emailSchedules = pgTable("email_schedules", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  own: text("own", { enum: EMAIL_CADENCES }).notNull().default("immediate"),
  followed: text("followed", { enum: EMAIL_CADENCES }).notNull().default("daily"),
});

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: identity(),
    recipientId: text("recipient_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").$type<SafeHtml>().notNull(),
    headers: text("headers").notNull().default("{}"),
    fromName: text("from_name"),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: moment("next_attempt_at").notNull(),
    lastError: text("last_error"),
    sentAt: moment("sent_at"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

export const ideaMerges = pgTable(
  "idea_merges",
  {
    id: identity(),
    sourceId: integer("source_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    targetId: integer("target_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    previousStatus: text("previous_status", { enum: IDEA_STATUSES }).notNull(),
    movedVoterIds: text("moved_voter_ids").notNull(),
    movedFollowerIds: text("moved_follower_ids").notNull(),
    createdAt: moment("created_at").notNull(),
    undoneAt: moment("undone_at"),
  },
  (t) => [index("idea_merges_source_idx").on(t.sourceId), index("idea_merges_target_idx").on(t.targetId)],
);

export const reports = pgTable(
  "reports",
  {
    id: identity(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("open"),
    resolvedById: text("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: moment("resolved_at"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [index("reports_status_idx").on(t.status, t.createdAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: identity(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    details: text("details").notNull().default("{}"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_actor_idx").on(t.actorId, t.createdAt), index("audit_log_action_idx").on(t.action, t.createdAt)],
);

export const challenges = pgTable(
  "challenges",
  {
    id: identity(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    briefJson: text("brief_json").notNull(),
    briefHtml: text("brief_html").$type<SafeHtml>().notNull(),
    briefText: text("brief_text").notNull(),
    submissionOpensAt: moment("submission_opens_at").notNull(),
    submissionClosesAt: moment("submission_closes_at").notNull(),
    votingOpensAt: moment("voting_opens_at").notNull(),
    votingClosesAt: moment("voting_closes_at").notNull(),
    voteBudget: integer("vote_budget"),
    publishedAt: moment("published_at"),
    publishedById: text("published_by_id").references(() => users.id, { onDelete: "set null" }),
    votingAnnouncedAt: moment("voting_announced_at"),
    resultsPublishedAt: moment("results_published_at"),
    resultsById: text("results_by_id").references(() => users.id, { onDelete: "set null" }),
    resultsNoteHtml: text("results_note_html").$type<SafeHtml>(),
    resultsNoteText: text("results_note_text"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    coverId: text("cover_id").references(() => uploads.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("challenges_slug_unique").on(t.slug),
    index("challenges_published_idx").on(t.publishedAt, t.submissionOpensAt),
    index("challenges_voting_announce_idx").on(t.votingOpensAt).where(sql`${t.publishedAt} is not null and ${t.votingAnnouncedAt} is null`),
    check("challenges_submission_window", sql`${t.submissionOpensAt} < ${t.submissionClosesAt}`),
    check("challenges_voting_window", sql`${t.votingOpensAt} < ${t.votingClosesAt}`),
    check("challenges_voting_after_submission", sql`${t.submissionClosesAt} <= ${t.votingOpensAt}`),
    check("challenges_vote_budget_positive", sql`${t.voteBudget} is null or ${t.voteBudget} >= 1`),
  ],
);

export const challengeWinners = pgTable(
  "challenge_winners",
  {
    challengeId: integer("challenge_id")
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    rank: integer("rank"),
  },
  (t) => [
    primaryKey({ columns: [t.challengeId, t.ideaId] }),
    uniqueIndex("challenge_winners_rank_unique").on(t.challengeId, t.rank),
    check("challenge_winners_rank_positive", sql`${t.rank} is null or ${t.rank} >= 1`),
  ],
);

export const identities = pgTable(
  "identities",
  {
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index("identities_user_idx").on(t.userId)],
);

export const ssoSecrets = pgTable(
  "sso_secrets",
  {
    id: identity(),
    secret: text("secret").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("sso_secrets_single_row", sql`${t.id} = 1`)],
);

export const ssoTokenUses = pgTable(
  "sso_token_uses",
  {
    jti: text("jti").primaryKey(),
    expiresAt: moment("expires_at").notNull(),
  },
  (t) => [index("sso_token_uses_expires_idx").on(t.expiresAt)],
);

export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    resetAt: moment("reset_at").notNull(),
  },
  (t) => [index("rate_limits_reset_idx").on(t.resetAt)],
);

/**
 * The figures of /admin/insights, kept for every process and server (decision 0024): one row
 * per thing a page asked for (`ask`: a period choice in a time zone, a custom range, filters;
 * canonical JSON), with the figures last counted for it (`figures`, JSON) and which period and
 * reply promise they were counted for (`counted_for`: the day moves the "last 90 days"). The
 * background job keeps the asks of the last week counted; rows nobody asked for in a week go.
 */
export const insightsFigures = pgTable(
  "insights_figures",
  {
    ask: text("ask").primaryKey(),
    askedAt: moment("asked_at").notNull(),
    countedFor: text("counted_for"),
    countedAt: moment("counted_at"),
    figures: text("figures"),
  },
  (t) => [index("insights_figures_asked_idx").on(t.askedAt)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: identity(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastUsedAt: moment("last_used_at"),
    revokedAt: moment("revoked_at"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("api_keys_token_unique").on(t.tokenHash),
    index("api_keys_created_idx").on(t.createdAt),
    check("api_keys_scope_valid", sql`${t.scope} in ('read', 'read_write')`),
  ],
);

export const webhooks = pgTable(
  "webhooks",
  {
    id: identity(),
    url: text("url").notNull(),
    events: text("events").notNull(),
    format: text("format", { enum: WEBHOOK_FORMATS }).notNull().default("json"),
    secret: text("secret").notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    failureCount: integer("failure_count").notNull().default(0),
    disabledAt: moment("disabled_at"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [index("webhooks_created_idx").on(t.createdAt), check("webhooks_format_valid", sql`${t.format} in ('json', 'slack')`)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: identity(),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: moment("next_attempt_at").notNull(),
    claimedUntil: moment("claimed_until"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: moment("delivered_at"),
    createdAt: moment("created_at").notNull(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_webhook_idx").on(t.webhookId, t.id)],
);
