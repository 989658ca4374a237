import { sql } from "drizzle-orm";
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

declare const safeHtml: unique symbol;

/**
 * What the html columns hold: HTML that may be set as a page's inner HTML, made only by the
 * rich-text sanitiser's renderer, escapeHtml and the email template (app/lib/safe-html.ts, which
 * is where the app takes it from). A plain string does not fit where a SafeHtml is wanted.
 */
export type SafeHtml = string & { readonly [safeHtml]: true };

export const ROLES = ["customer", "staff", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

/** A colour theme a person chose; none (null) follows their system's preference. */
export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** Who may create an account with a password: anyone, or only people invited (or signed in through SSO). */
export const SIGNUP_MODES = ["anyone", "invited"] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** What an uploaded image is for: each kind has its own sizes (app/lib/uploads/images.server.ts). */
export const UPLOAD_KINDS = ["photo", "image", "cover", "logo"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/**
 * An uploaded image: re-encoded to WebP in the sizes its kind asks for, each stored under
 * `<id>/<width>.webp` in the upload store (app/lib/uploads). Never the file as it was sent.
 */
export const uploads = sqliteTable(
  "uploads",
  {
    /** Random and unguessable; part of the file's URL (/uploads/<id>/<width>.webp). */
    id: text("id").primaryKey(),
    kind: text("kind", { enum: UPLOAD_KINDS }).notNull(),
    uploaderId: text("uploader_id").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    /** The largest stored size, in pixels; the smaller ones keep its proportions. */
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("uploads_uploader_idx").on(t.uploaderId, t.createdAt),
    check("uploads_kind_valid", sql`${t.kind} in ('photo', 'image', 'cover', 'logo')`),
  ],
);

/**
 * The files of the "database" upload store (UPLOADS_STORE=database): for several app servers
 * that share the database and no disk. Unused with the default local directory.
 */
export const uploadBlobs = sqliteTable("upload_blobs", {
  /** "<upload id>/<width>.webp" */
  key: text("key").primaryKey(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  createdAt: createdAt(),
});

/** The site itself: one row, written by the first-run setup, changed in /admin/settings. */
export const site = sqliteTable(
  "site",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    /** One or two sentences: the home page's introduction and the pages' meta description. */
    description: text("description").notNull().default(""),
    /** Shown above the ideas list; plain text, blank lines part paragraphs. */
    welcomeText: text("welcome_text").notNull().default(""),
    logoId: text("logo_id").references(() => uploads.id, { onDelete: "set null" }),
    /** "#rrggbb" for buttons and links (checked for contrast with white); null keeps the default. */
    accentColour: text("accent_colour"),
    defaultLocale: text("default_locale", { enum: LOCALES }).notNull(),
    replyPromiseDays: integer("reply_promise_days").notNull().default(3),
    // Raised by every change to the settings or the categories, in the same transaction: each
    // server process keeps them in memory and reads only this number per request
    // (app/domain/site.server.ts), so a change made through any process shows in all at once.
    settingsVersion: integer("settings_version").notNull().default(0),
    signupMode: text("signup_mode", { enum: SIGNUP_MODES }).notNull().default("anyone"),
    /** Lower-case domains separated by spaces; empty means every domain (app/domain/signup-policy.server.ts). */
    signupDomains: text("signup_domains").notNull().default(""),
    /** The name emails come from; null means the site's name. */
    senderName: text("sender_name"),
    /** Whether /listening, the public record of how the company answers, is shown. */
    listeningPublic: integer("listening_public", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check("site_single_row", sql`${t.id} = 1`),
    check("site_reply_promise_positive", sql`${t.replyPromiseDays} between 1 and 60`),
    check("site_signup_mode_valid", sql`${t.signupMode} in ('anyone', 'invited')`),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Trimmed and lower-cased before it is stored. */
    email: text("email").notNull(),
    /** When the person proved they read this address (a confirmation link, an invitation, a reset, a trusted sign-in). */
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    displayName: text("display_name").notNull(),
    /** Argon2id; empty for a person who signs in only through single sign-on (they may set one by resetting). */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("customer"),
    /** Staff only: shown beside every reply they sign. */
    jobTitle: text("job_title"),
    bio: text("bio"),
    company: text("company"),
    /** Null means "follow the browser / site default". */
    locale: text("locale", { enum: LOCALES }),
    /** Null means "follow the system's light or dark preference". */
    theme: text("theme", { enum: THEMES }),
    /** A blocked person can read but no longer post, vote or comment, and is told why. */
    blockedAt: integer("blocked_at", { mode: "timestamp_ms" }),
    blockedReason: text("blocked_reason"),
    /**
     * Set when the account was deleted (by its owner, or by an admin on request): the row stays,
     * emptied of name, email and password, so that ideas, comments and votes keep their place and counts.
     */
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    /** Their photo (kind "photo"); null shows their initials. */
    photoId: text("photo_id").references((): AnySQLiteColumn => uploads.id, { onDelete: "set null" }),
    /** Written at most every few minutes while they use the site (app/web/session.server.ts). */
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_role_idx").on(t.role, t.displayName),
    // The people directory (/admin/people): everyone by name, the blocked ones, those yet to confirm their address.
    index("users_name_idx").on(t.displayName, t.id),
    index("users_blocked_idx").on(t.displayName, t.id).where(sql`${t.blockedAt} is not null`),
    index("users_unverified_idx").on(t.displayName, t.id).where(sql`${t.emailVerifiedAt} is null`),
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
    /** When it began (a sign-in), and when it was last used (moved at most every few minutes). Null for sessions older than these columns. */
    createdAt: integer("created_at", { mode: "timestamp_ms" }),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }),
    /** The browser's User-Agent and the client's address at sign-in, for the person's list of their sessions. */
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
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

export const ACCOUNT_TOKEN_PURPOSES = ["password_reset", "email_verification", "email_change"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * Links sent by email to prove a person reads an address: single-use, expiring, and only the
 * token's hash is stored. `email` is the address the link was sent to: for a reset or a
 * confirmation, the account's address then (the link stops working if it changes); for an
 * email change, the new address, which becomes the account's when the link is followed.
 */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    email: text("email").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("account_tokens_token_unique").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.purpose),
    check("account_tokens_purpose_valid", sql`${t.purpose} in ('password_reset', 'email_verification', 'email_change')`),
  ],
);

export const IDEA_STATUSES = ["open", "under_review", "planned", "in_progress", "adopted", "declined", "duplicate"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const categories = sqliteTable(
  "categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** "#rrggbb"; shown as a swatch beside the name, never behind text. */
    colour: text("colour").notNull(),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("categories_name_unique").on(sql`lower(${t.name})`)],
);

export const ideas = sqliteTable(
  "ideas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    /** The editor's JSON (validated), the HTML rendered from it, and its plain text. */
    bodyJson: text("body_json").notNull(),
    bodyHtml: text("body_html").$type<SafeHtml>().notNull(),
    bodyText: text("body_text").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "set null" }),
    status: text("status", { enum: IDEA_STATUSES }).notNull().default("open"),
    /** Kept in the row, changed in the same transaction as the votes it counts. */
    voteCount: integer("vote_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    /** See docs/trending.md: fixed at each vote, so "trending" is an indexed sort. */
    trendingScore: real("trending_score").notNull().default(0),
    lastActivityAt: integer("last_activity_at", { mode: "timestamp_ms" }).notNull(),
    firstResponseAt: integer("first_response_at", { mode: "timestamp_ms" }),
    firstResponderId: text("first_responder_id").references(() => users.id, { onDelete: "set null" }),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** Set when staff merge this idea into another as a duplicate. */
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => ideas.id, { onDelete: "set null" }),
    statusChangedAt: integer("status_changed_at", { mode: "timestamp_ms" }),
    adoptedAt: integer("adopted_at", { mode: "timestamp_ms" }),
    adoptedById: text("adopted_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Moderation: others see a placeholder; the author and staff still see the idea. */
    hiddenAt: integer("hidden_at", { mode: "timestamp_ms" }),
    hiddenReason: text("hidden_reason"),
    /** The staff comment pinned under the idea as the team's official response. */
    officialCommentId: integer("official_comment_id").references((): AnySQLiteColumn => comments.id, { onDelete: "set null" }),
    /** Set when the idea was submitted to an open-innovation challenge. */
    challengeId: integer("challenge_id").references((): AnySQLiteColumn => challenges.id, { onDelete: "restrict" }),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * What search matches: the title's and the text's terms (app/domain/search-terms.server.ts),
     * written with them. Null until computed: ideas written before search had terms, or copied
     * in by a script, get theirs from a background job.
     */
    searchTitle: text("search_title"),
    searchBody: text("search_body"),
  },
  (t) => [
    check("ideas_status_valid", sql`${t.status} in ('open', 'under_review', 'planned', 'in_progress', 'adopted', 'declined', 'duplicate')`),
    check("ideas_counts_non_negative", sql`${t.voteCount} >= 0 and ${t.commentCount} >= 0`),
    index("ideas_author_idx").on(t.authorId, t.id),
    // The triage inbox: ideas still waiting for a first reply, oldest first.
    index("ideas_waiting_idx").on(t.createdAt).where(sql`${t.firstResponseAt} is null`),
    // Ideas whose search terms are still to be computed: empty but for a moment after an upgrade.
    index("ideas_search_pending_idx").on(t.id).where(sql`${t.searchTitle} is null`),
    index("ideas_assignee_idx").on(t.assigneeId, t.createdAt),
    index("ideas_adopted_idx").on(t.adoptedAt).where(sql`${t.status} = 'adopted'`),
    // Insights: the ideas first answered in a period (per staff member).
    index("ideas_first_response_idx").on(t.firstResponseAt),
    // A challenge's ideas: by votes once voting opens, and everyone's votes in it (the budget).
    index("ideas_challenge_votes_idx").on(t.challengeId, t.voteCount, t.id).where(sql`${t.challengeId} is not null`),
    // One index per sort, alone and behind each filter, so every list is an index walk.
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

/** One vote per person per idea: the primary key is the rule. */
export const votes = sqliteTable(
  "votes",
  {
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Staff who recorded this vote for the customer (heard on a call, at a visit); null when they voted themselves. */
    recordedById: text("recorded_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Where a recorded vote came from ("call with Ana, 12 May"), for staff eyes. */
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

export const COMMENT_KINDS = ["public", "internal"] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** Threaded discussion. Internal notes (kind "internal") are for staff eyes only. */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => comments.id, { onDelete: "cascade" }),
    /** 0 for a reply to the idea, parent's depth + 1 for a reply to a comment. */
    depth: integer("depth").notNull().default(0),
    kind: text("kind", { enum: COMMENT_KINDS }).notNull().default("public"),
    bodyJson: text("body_json").notNull(),
    bodyHtml: text("body_html").$type<SafeHtml>().notNull(),
    bodyText: text("body_text").notNull(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    /** Soft delete: a deleted comment with replies keeps its place. */
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    hiddenAt: integer("hidden_at", { mode: "timestamp_ms" }),
    hiddenReason: text("hidden_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
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

export const IDEA_EVENT_KINDS = ["official_response", "status_change", "merged_into", "merged_from", "unmerged", "challenge_results", "assigned"] as const;
export type IdeaEventKind = (typeof IDEA_EVENT_KINDS)[number];

/** The idea's timeline: what staff did to it, shown in the thread in time order. */
export const ideaEvents = sqliteTable(
  "idea_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    /** The signed public note of a status change, rendered from the editor's JSON. */
    noteHtml: text("note_html").$type<SafeHtml>(),
    noteText: text("note_text"),
    relatedIdeaId: integer("related_idea_id").references(() => ideas.id, { onDelete: "set null" }),
    /** For an assignment: the staff member now looking after the idea (null: nobody). */
    relatedUserId: text("related_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("idea_events_idea_idx").on(t.ideaId, t.createdAt), index("idea_events_actor_idx").on(t.actorId, t.createdAt)],
);

/** Who follows which idea. Authors, voters and commenters follow automatically. */
export const follows = sqliteTable(
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

export const NOTIFICATION_KINDS = [
  "reply",
  "staff_reply",
  "official_response",
  "status_change",
  "adopted",
  "merged",
  "challenge_voting",
  "challenge_results",
  "vote_recorded",
  "assigned",
  "mention",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_CADENCES = ["immediate", "daily", "weekly"] as const;
export type EmailCadence = (typeof EMAIL_CADENCES)[number];

/** In-app notifications: each reports what a person did. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What the notification is about: an idea, or (for challenge news) a challenge. */
    ideaId: integer("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    challengeId: integer("challenge_id").references(() => challenges.id, { onDelete: "cascade" }),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    /** For status changes: the status the idea moved to. */
    status: text("status", { enum: IDEA_STATUSES }),
    /** What the email quotes: the words of a status note (a comment's are read from the comment). */
    excerpt: text("excerpt"),
    /** For "merged": the duplicate it came from, and what moved (MERGE_MOVES). */
    relatedIdeaId: integer("related_idea_id").references((): AnySQLiteColumn => ideas.id, { onDelete: "set null" }),
    detail: text("detail"),
    /** How it is emailed: alone (with what else happens on the idea in the next minutes) or in a digest; null: not emailed. */
    emailCadence: text("email_cadence", { enum: EMAIL_CADENCES }),
    /** When its email is due; cleared when sent (the job reads what is due through its index). */
    emailDueAt: integer("email_due_at", { mode: "timestamp_ms" }),
    emailedAt: integer("emailed_at", { mode: "timestamp_ms" }),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("notifications_recipient_idx").on(t.recipientId, t.id),
    index("notifications_email_due_idx").on(t.emailDueAt),
    index("notifications_unread_idx").on(t.recipientId, t.readAt),
    check("notifications_subject", sql`${t.ideaId} is not null or ${t.challengeId} is not null`),
  ],
);

/** Email choices per kind of notification; no row means "email me" (in-app is always on). */
export const emailPreferences = sqliteTable(
  "email_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * How often a person gets email about ideas they proposed (or were asked to look after, or
 * replied to) and about ideas they only follow: right away, or in a daily or weekly digest.
 * No row means the defaults: right away for their own, a daily digest for the rest.
 */
export const emailSchedules = sqliteTable(
  "email_schedules",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    own: text("own", { enum: EMAIL_CADENCES }).notNull().default("immediate"),
    followed: text("followed", { enum: EMAIL_CADENCES }).notNull().default("daily"),
  },
);

/** Every email goes through here, so a down SMTP server delays mail but loses none. */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipientId: text("recipient_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").$type<SafeHtml>().notNull(),
    /** JSON object of extra headers (List-Unsubscribe…). */
    headers: text("headers").notNull().default("{}"),
    /** The sender's name (the site's); the address is MAIL_FROM's. */
    fromName: text("from_name"),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** What a merge moved, so that staff can undo it exactly. */
export const ideaMerges = sqliteTable(
  "idea_merges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    /** JSON arrays of user ids whose vote or follow was added to the target by the merge. */
    movedVoterIds: text("moved_voter_ids").notNull(),
    movedFollowerIds: text("moved_follower_ids").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("idea_merges_source_idx").on(t.sourceId), index("idea_merges_target_idx").on(t.targetId)],
);

export const REPORT_STATUSES = ["open", "hidden", "dismissed"] as const;

/** Anyone logged in may report an idea or a comment; staff handle the queue. */
export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("reports_status_idx").on(t.status, t.createdAt)],
);

/** Who did what, when: status changes, merges, hides, role changes, blocks, invitations. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** JSON with what changed (from/to, reason…). */
    details: text("details").notNull().default("{}"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_actor_idx").on(t.actorId, t.createdAt), index("audit_log_action_idx").on(t.action, t.createdAt)],
);

/**
 * An open-innovation challenge: staff pose a question, customers submit ideas within the
 * submission window and vote within the voting window (at most `voteBudget` ideas each, when
 * set), then staff announce the winners. A challenge without `publishedAt` is a draft.
 */
export const challenges = sqliteTable(
  "challenges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    briefJson: text("brief_json").notNull(),
    briefHtml: text("brief_html").$type<SafeHtml>().notNull(),
    briefText: text("brief_text").notNull(),
    submissionOpensAt: integer("submission_opens_at", { mode: "timestamp_ms" }).notNull(),
    submissionClosesAt: integer("submission_closes_at", { mode: "timestamp_ms" }).notNull(),
    votingOpensAt: integer("voting_opens_at", { mode: "timestamp_ms" }).notNull(),
    votingClosesAt: integer("voting_closes_at", { mode: "timestamp_ms" }).notNull(),
    voteBudget: integer("vote_budget"),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    /** The staff member who published it: the person who invites participants to vote. */
    publishedById: text("published_by_id").references(() => users.id, { onDelete: "set null" }),
    /** When participants were told that voting opened (once). */
    votingAnnouncedAt: integer("voting_announced_at", { mode: "timestamp_ms" }),
    resultsPublishedAt: integer("results_published_at", { mode: "timestamp_ms" }),
    resultsById: text("results_by_id").references(() => users.id, { onDelete: "set null" }),
    resultsNoteHtml: text("results_note_html").$type<SafeHtml>(),
    resultsNoteText: text("results_note_text"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** Optional cover image (kind "cover"). */
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

/** The announced results: ranked winners (1, 2, 3…) or ideas "selected" without a rank. */
export const challengeWinners = sqliteTable(
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

/**
 * Rate limits (app/domain/rate-limits.server.ts): how many hits a key (a bucket and who, such
 * as "search:203.0.113.7") made in its current fixed window, which ends at `resetAt`. Kept in
 * the database so a limit survives a restart and holds across processes and servers.
 */
/**
 * Who a person is at a company's OpenID Connect provider (its `iss` id in OIDC_PROVIDERS and
 * the `sub` it gives them): a later sign-in through it finds them by this, whatever their email.
 */
export const identities = sqliteTable(
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

/**
 * The company's own product signs its customers in with a short-lived token signed with this
 * secret (`/sso`, docs/signed-token-sso.md). One row; none until an admin makes the secret.
 */
export const ssoSecrets = sqliteTable(
  "sso_secrets",
  {
    id: integer("id").primaryKey(),
    secret: text("secret").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("sso_secrets_single_row", sql`${t.id} = 1`)],
);

/** Tokens already used at `/sso` (by their `jti`), kept until they expire: a token works once. */
export const ssoTokenUses = sqliteTable(
  "sso_token_uses",
  {
    jti: text("jti").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sso_token_uses_expires_idx").on(t.expiresAt)],
);

export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    resetAt: integer("reset_at", { mode: "timestamp_ms" }).notNull(),
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
export const insightsFigures = sqliteTable(
  "insights_figures",
  {
    ask: text("ask").primaryKey(),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
    countedFor: text("counted_for"),
    countedAt: integer("counted_at", { mode: "timestamp_ms" }),
    figures: text("figures"),
  },
  (t) => [index("insights_figures_asked_idx").on(t.askedAt)],
);

export const API_KEY_SCOPES = ["read", "read_write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Keys of the REST API (app/domain/api-keys.server.ts): made by an admin, acting as that admin.
 * Only the SHA-256 of the key is kept; `prefix` (its first characters) tells keys apart on the
 * admin page. `lastUsedAt` is written at most once a minute.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("api_keys_token_unique").on(t.tokenHash),
    index("api_keys_created_idx").on(t.createdAt),
    check("api_keys_scope_valid", sql`${t.scope} in ('read', 'read_write')`),
  ],
);

export const WEBHOOK_EVENTS = [
  "idea.posted",
  "idea.status_changed",
  "idea.adopted",
  "comment.posted",
  "comment.official_response",
  "vote.added",
  "vote.removed",
  "challenge.phase_changed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ["json", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * Addresses an admin registered to be told of events (app/domain/webhooks.server.ts). The
 * secret signs every delivery (HMAC-SHA256), so it is kept as is. A webhook that keeps failing
 * is disabled (`disabledAt`) and its maker emailed.
 */
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    url: text("url").notNull(),
    /** JSON array of WebhookEvent. */
    events: text("events").notNull(),
    format: text("format", { enum: WEBHOOK_FORMATS }).notNull().default("json"),
    secret: text("secret").notNull(),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Failed deliveries in a row; a success sets it back to 0. */
    failureCount: integer("failure_count").notNull().default(0),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("webhooks_created_idx").on(t.createdAt), check("webhooks_format_valid", sql`${t.format} in ('json', 'slack')`)],
);

/**
 * The webhooks' outbox: one row per webhook and event, written in the transaction of the event,
 * sent by the background jobs with retries (app/lib/webhooks/outbox.server.ts). A sender claims
 * a row until `claimedUntil`, so two processes do not send it twice and a crashed one's claim runs out.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    /** The JSON body as signed and sent. */
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    claimedUntil: integer("claimed_until", { mode: "timestamp_ms" }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_webhook_idx").on(t.webhookId, t.id)],
);

export type Webhook = typeof webhooks.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Challenge = typeof challenges.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Idea = typeof ideas.$inferSelect;
export type User = typeof users.$inferSelect;
export type Site = typeof site.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AccountToken = typeof accountTokens.$inferSelect;
export type Upload = typeof uploads.$inferSelect;
