import { z } from "zod";
import { COMMENT_KINDS, IDEA_STATUSES, ROLES } from "#db/schema";
import { CHALLENGE_PHASES } from "~/domain/challenge-phases";
import { SETTABLE_STATUSES } from "~/domain/idea-lifecycle";
import { IDEA_SORTS } from "~/domain/idea-list";
import { TITLE_MAX, TITLE_MIN } from "~/web/idea-form";

/**
 * The REST API's contract: every operation with its path, the key scope it needs, the
 * parameters and body it accepts and the body it answers. The routes parse their input with
 * these schemas, `openapi.server.ts` writes the OpenAPI document from them, and
 * tests/integration/api.v1.test.ts checks every route and every answer against the document.
 */

/** The named schemas: they become the document's `components.schemas`. */
export const schemas = z.registry<{ id: string }>();
/** Each named schema's description, by name (zod's registry is not iterable). */
export const schemaDescriptions = new Map<string, string>();

const timestamp = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
function named<Schema extends z.ZodType>(id: string, description: string, schema: Schema) {
  schemas.add(schema, { id });
  schemaDescriptions.set(id, description);
  return schema;
}

export const ErrorBody = named(
  "Error",
  "Every refusal: a stable machine-readable code, a message for people, and the fields at fault when the input was invalid.",
  z
    .object({
      error: z
        .object({
          code: z.enum([
            "missing_key",
            "invalid_key",
            "revoked_key",
            "key_owner_not_admin",
            "read_only_key",
            "conflict",
            "forbidden",
            "not_found",
            "invalid_request",
            "unsupported_media_type",
            "payload_too_large",
            "length_required",
            "method_not_allowed",
            "rate_limited",
          ]),
          message: z.string(),
          fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "For invalid_request: each faulty field and what is wrong with it" }),
        })
        .strict(),
    })
    .strict(),
);
export type ApiErrorCode = z.infer<typeof ErrorBody>["error"]["code"];

const PersonRef = named(
  "PersonRef",
  "A person as others see them.",
  z.object({ id: z.string(), displayName: z.string() }).strict(),
);

const CategoryRef = named(
  "CategoryRef",
  "The category an idea is filed under.",
  z.object({ id: z.number().int(), name: z.string(), colour: z.string() }).strict(),
);

const IdeaSummary = named(
  "IdeaSummary",
  "An idea as lists show it.",
  z
    .object({
      id: z.number().int(),
      title: z.string(),
      excerpt: z.string().meta({ description: "The first 240 characters of its text" }),
      status: z.enum(IDEA_STATUSES),
      voteCount: z.number().int(),
      commentCount: z.number().int(),
      createdAt: timestamp,
      url: z.url().meta({ description: "The idea's page" }),
      author: PersonRef,
      category: CategoryRef.nullable(),
      challenge: z.object({ slug: z.string(), title: z.string() }).strict().nullable(),
    })
    .strict(),
);

const Idea = named(
  "Idea",
  "An idea with its body and the team's answer.",
  IdeaSummary.extend({
    bodyHtml: z.string().meta({ description: "The body as sanitised HTML" }),
    bodyText: z.string(),
    editedAt: timestamp.nullable(),
    firstResponse: z
      .object({ at: timestamp, by: PersonRef })
      .strict()
      .nullable()
      .meta({ description: "When the team first answered, and who" }),
    officialCommentId: z.number().int().nullable(),
    assigneeId: z.string().nullable(),
    mergedIntoId: z.number().int().nullable().meta({ description: "Set when this idea was merged into another as a duplicate" }),
    hidden: z.boolean().meta({ description: "Hidden by moderation: lists leave it out" }),
  }).strict(),
);

const IdeaPage = named(
  "IdeaPage",
  "A page of ideas and the cursor of the next one.",
  z.object({ data: z.array(IdeaSummary), nextCursor: z.string().nullable().meta({ description: "Pass as `after` for the next page; null on the last page" }) }).strict(),
);

const Comment = named(
  "Comment",
  "A comment in an idea's discussion. Replies name their parent; the list is in thread order.",
  z
    .object({
      id: z.number().int(),
      parentId: z.number().int().nullable(),
      kind: z.enum(COMMENT_KINDS).meta({ description: "internal: a staff note customers never see" }),
      official: z.boolean().meta({ description: "The team's official response to the idea" }),
      html: z.string().nullable().meta({ description: "Null when the comment was deleted (it stays to hold its replies)" }),
      author: PersonRef.extend({ role: z.enum(ROLES), jobTitle: z.string().nullable() }).strict().nullable(),
      deleted: z.boolean(),
      hidden: z.boolean(),
      editedAt: timestamp.nullable(),
      createdAt: timestamp,
    })
    .strict(),
);

const Voter = named(
  "Voter",
  "A vote on an idea and who cast it; `recordedBy` is the staff member who recorded it for the customer, if any.",
  z
    .object({
      person: PersonRef.extend({ email: z.email(), company: z.string().nullable() }).strict(),
      votedAt: timestamp,
      recordedBy: PersonRef.nullable(),
      recordedNote: z.string().nullable(),
    })
    .strict(),
);

const VoterPage = named(
  "VoterPage",
  "A page of an idea's voters, newest first.",
  z.object({ data: z.array(Voter), nextCursor: z.string().nullable() }).strict(),
);

const Person = named(
  "Person",
  "A person with an account.",
  z
    .object({
      id: z.string(),
      email: z.email(),
      displayName: z.string(),
      role: z.enum(ROLES),
      company: z.string().nullable(),
      jobTitle: z.string().nullable(),
      blocked: z.boolean(),
      createdAt: timestamp,
      url: z.url().meta({ description: "Their public profile" }),
    })
    .strict(),
);

const Category = named(
  "Category",
  "A category ideas are filed under.",
  z.object({ id: z.number().int(), name: z.string(), description: z.string(), colour: z.string(), archived: z.boolean() }).strict(),
);

const Challenge = named(
  "Challenge",
  "An open-innovation challenge and its phase now.",
  z
    .object({
      id: z.number().int(),
      slug: z.string(),
      title: z.string(),
      phase: z.enum(CHALLENGE_PHASES),
      submissionOpensAt: timestamp,
      submissionClosesAt: timestamp,
      votingOpensAt: timestamp,
      votingClosesAt: timestamp,
      voteBudget: z.number().int().nullable(),
      ideaCount: z.number().int(),
      published: z.boolean(),
      resultsPublished: z.boolean(),
      url: z.url(),
    })
    .strict(),
);

const RecordedVote = named(
  "RecordedVote",
  "A customer's vote recorded by the key's admin: the customer (made now when `accountCreated`) and the idea's vote count.",
  z.object({ person: Person, accountCreated: z.boolean(), alreadyVoted: z.boolean().meta({ description: "The customer had already voted: nothing changed" }), voteCount: z.number().int() }).strict(),
);

const RemovedVote = named(
  "RemovedVote",
  "The idea's vote count after the customer's vote was taken back (`removed` is false when there was none).",
  z.object({ removed: z.boolean(), voteCount: z.number().int() }).strict(),
);

const list = <Item extends z.ZodType>(id: string, description: string, item: Item) => named(id, description, z.object({ data: z.array(item) }).strict());
const CommentList = list("CommentList", "An idea's discussion, in thread order.", Comment);
const CategoryList = list("CategoryList", "Categories by name; archived ones last.", Category);
const ChallengeList = list("ChallengeList", "Challenges, newest first, drafts included.", Challenge);

const positiveId = z.coerce.number().int().positive().max(2 ** 31 - 1);
const bodyId = z.number().int().positive().max(2 ** 31 - 1);
const email = z.email().max(254);
const richText = (description: string) =>
  z.string().min(1).max(200_000).meta({ description: `${description}: plain text (a blank line between paragraphs), or the editor's JSON document as a string; at most 20,000 characters of text` });
const idParams = z.object({ id: positiveId.meta({ description: "The idea's id" }) });
const cursorPage = {
  after: z.string().max(100).optional().meta({ description: "The `nextCursor` of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Items per page, 1–100" }),
};

export type ApiMethod = "get" | "post" | "put" | "patch" | "delete";

export type Operation = {
  operationId: string;
  method: ApiMethod;
  /** The path under /api/v1, with OpenAPI's {placeholders}. */
  path: string;
  tag: "Ideas" | "Comments" | "Votes" | "People" | "Categories" | "Challenges";
  summary: string;
  description?: string;
  /** The key scope the operation needs: read keys may only call "read" operations. */
  scope: "read" | "read_write";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodObject;
  response: { status: 200 | 201; schema: z.ZodType; description: string };
  /** The refusals worth documenting beyond the ones every operation has (401, 403, 429: COMMON_REFUSALS). */
  refusals: Array<400 | 403 | 404 | 409 | 413 | 415>;
};

const operation = <const Op extends Operation>(op: Op) => op;

export const operations = {
  listIdeas: operation({
    operationId: "listIdeas",
    method: "get",
    path: "/ideas",
    tag: "Ideas",
    summary: "List ideas",
    description: "The ideas list of the site, with the same sorts, filters and search, a page at a time. Hidden ideas are left out.",
    scope: "read",
    query: z
      .object({
        sort: z.enum(IDEA_SORTS).default("trending"),
        status: z.enum(IDEA_STATUSES).optional(),
        category: positiveId.optional().meta({ description: "A category id" }),
        q: z.string().trim().min(1).max(200).optional().meta({ description: "Words to search for in titles and bodies" }),
        ...cursorPage,
      })
      .strict(),
    response: { status: 200, schema: IdeaPage, description: "A page of ideas" },
    refusals: [400],
  }),
  getIdea: operation({
    operationId: "getIdea",
    method: "get",
    path: "/ideas/{id}",
    tag: "Ideas",
    summary: "Get an idea",
    scope: "read",
    params: idParams,
    response: { status: 200, schema: Idea, description: "The idea" },
    refusals: [404],
  }),
  listComments: operation({
    operationId: "listComments",
    method: "get",
    path: "/ideas/{id}/comments",
    tag: "Comments",
    summary: "List an idea's comments",
    description: "The whole discussion in thread order, internal notes included (keys act as an admin).",
    scope: "read",
    params: idParams,
    response: { status: 200, schema: CommentList, description: "The comments" },
    refusals: [404],
  }),
  listVoters: operation({
    operationId: "listVoters",
    method: "get",
    path: "/ideas/{id}/votes",
    tag: "Votes",
    summary: "List an idea's voters",
    scope: "read",
    params: idParams,
    query: z.object(cursorPage).strict(),
    response: { status: 200, schema: VoterPage, description: "A page of voters" },
    refusals: [400, 404],
  }),
  findPerson: operation({
    operationId: "findPerson",
    method: "get",
    path: "/people",
    tag: "People",
    summary: "Find a person by email",
    scope: "read",
    query: z.object({ email: z.email().max(254).meta({ description: "Their email address (case does not matter)" }) }).strict(),
    response: { status: 200, schema: Person, description: "The person with that email" },
    refusals: [400, 404],
  }),
  listCategories: operation({
    operationId: "listCategories",
    method: "get",
    path: "/categories",
    tag: "Categories",
    summary: "List categories",
    scope: "read",
    query: z.object({ archived: z.enum(["true", "false"]).default("false").meta({ description: "Include archived categories" }) }).strict(),
    response: { status: 200, schema: CategoryList, description: "The categories" },
    refusals: [400],
  }),
  listChallenges: operation({
    operationId: "listChallenges",
    method: "get",
    path: "/challenges",
    tag: "Challenges",
    summary: "List challenges",
    scope: "read",
    response: { status: 200, schema: ChallengeList, description: "The challenges" },
    refusals: [],
  }),
  createIdea: operation({
    operationId: "createIdea",
    method: "post",
    path: "/ideas",
    tag: "Ideas",
    summary: "Post an idea on behalf of a person",
    description: "Posted under the person's name (find or make them with /people first); their vote comes with it, as on the site.",
    scope: "read_write",
    body: z
      .object({
        authorEmail: email.meta({ description: "The email of the person the idea is from" }),
        title: z.string().trim().min(TITLE_MIN).max(TITLE_MAX),
        body: richText("The idea"),
        categoryId: bodyId.nullable().default(null),
        challengeId: bodyId.nullable().default(null).meta({ description: "A challenge taking ideas now" }),
      })
      .strict(),
    response: { status: 201, schema: Idea, description: "The idea as posted" },
    refusals: [400, 404, 413, 415],
  }),
  changeStatus: operation({
    operationId: "changeStatus",
    method: "post",
    path: "/ideas/{id}/status",
    tag: "Ideas",
    summary: "Change an idea's status",
    description: "With a public note signed by the key's admin; adopting and declining need one. Followers are told.",
    scope: "read_write",
    params: idParams,
    body: z.object({ status: z.enum(SETTABLE_STATUSES), note: richText("The public note").optional() }).strict(),
    response: { status: 200, schema: Idea, description: "The idea in its new status" },
    refusals: [400, 404, 409, 413, 415],
  }),
  mergeIdea: operation({
    operationId: "mergeIdea",
    method: "post",
    path: "/ideas/{id}/merge",
    tag: "Ideas",
    summary: "Merge an idea into another as a duplicate",
    description: "Its votes and followers move to the other idea (each person counted once).",
    scope: "read_write",
    params: idParams,
    body: z.object({ targetId: bodyId.meta({ description: "The idea this one repeats" }) }).strict(),
    response: { status: 200, schema: Idea, description: "The merged idea (now a duplicate)" },
    refusals: [400, 404, 409, 413, 415],
  }),
  createComment: operation({
    operationId: "createComment",
    method: "post",
    path: "/ideas/{id}/comments",
    tag: "Comments",
    summary: "Comment on an idea",
    description: "Signed by the key's admin. `official: true` pins it as the team's official response; `kind: internal` makes a staff-only note.",
    scope: "read_write",
    params: idParams,
    body: z
      .object({
        body: richText("The comment"),
        parentId: bodyId.nullable().default(null).meta({ description: "The comment this one replies to" }),
        kind: z.enum(COMMENT_KINDS).default("public"),
        official: z.boolean().default(false),
      })
      .strict(),
    response: { status: 201, schema: Comment, description: "The comment" },
    refusals: [400, 404, 413, 415],
  }),
  recordVote: operation({
    operationId: "recordVote",
    method: "post",
    path: "/ideas/{id}/votes",
    tag: "Votes",
    summary: "Record a customer's vote",
    description: "For a customer heard elsewhere (a call, a visit), by email: a customer account is made when there is none. The vote counts once, shows who recorded it, and the customer is told by email, signed by the key's admin.",
    scope: "read_write",
    params: idParams,
    body: z
      .object({
        email: email.meta({ description: "The customer's email" }),
        displayName: z.string().trim().min(2).max(60).optional().meta({ description: "Their name, for a new account (else the email's first part)" }),
        company: z.string().trim().max(120).optional().meta({ description: "Their company, for a new account" }),
        note: z.string().trim().max(500).optional().meta({ description: "Where the vote came from, e.g. “call with Ana, 12 May” (staff see it)" }),
      })
      .strict(),
    response: { status: 200, schema: RecordedVote, description: "The vote is there" },
    refusals: [400, 404, 413, 415],
  }),
  removeVote: operation({
    operationId: "removeVote",
    method: "delete",
    path: "/ideas/{id}/votes",
    tag: "Votes",
    summary: "Take back a customer's vote",
    scope: "read_write",
    params: idParams,
    query: z.object({ email: email.meta({ description: "The customer's email" }) }).strict(),
    response: { status: 200, schema: RemovedVote, description: "The vote is gone" },
    refusals: [400, 404],
  }),
  createPerson: operation({
    operationId: "createPerson",
    method: "post",
    path: "/people",
    tag: "People",
    summary: "Make a customer account",
    description: "For someone who has not signed up: they claim the account by resetting its password.",
    scope: "read_write",
    body: z.object({ email, displayName: z.string().trim().min(2).max(60), company: z.string().trim().max(120).nullable().default(null) }).strict(),
    response: { status: 201, schema: Person, description: "The new customer" },
    refusals: [400, 409, 413, 415],
  }),
} satisfies Record<string, Operation>;
