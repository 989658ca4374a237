import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import type { User } from "#db/schema";
import { authenticateApiKey } from "~/domain/api-keys.server";
import { consume, type RateRule } from "~/domain/rate-limits.server";
import { translatorFor } from "~/lib/i18n";
import { refused } from "~/lib/result";
import type { ApiErrorCode, ApiMethod, Operation } from "~/web/api/contract";
import { readBody } from "~/web/form-body.server";
import { retryAfterHeader } from "~/web/throttle.server";

/**
 * How the API's routes answer: one helper per route module turns the operations of the
 * contract into its loader and action. Each request is authenticated by its key (never by a
 * session cookie: the API's answers are not for browsers on other sites, so no CORS headers
 * are sent), counted against the key's rate limit, checked against the key's scope, and its
 * parameters and body parsed by the operation's schemas before the route's function runs.
 * Every refusal is JSON of one shape (ErrorBody in the contract).
 */

/** Every operation may answer these: no or a bad key (401), a key whose maker lost the right (403), too many requests (429). */
export const COMMON_REFUSALS = [401, 403, 429] as const;

/** Requests per key per minute; a client past it gets 429 with Retry-After. */
export const API_RATE_LIMIT: RateRule = { limit: 600, windowMs: 60_000 };
/** Bodies larger than this are refused unread (413). */
export const API_MAX_BODY_BYTES = 64 * 1024;

const NO_STORE = { "Cache-Control": "no-store" };

/** A refusal in the API's one error shape. Thrown by routes and helpers; answered as is. */
export function apiError(status: number, code: ApiErrorCode, message: string, fields?: Record<string, string[]>, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: { ...NO_STORE, ...headers } });
}

/** The domain's refusals the API can meet: status, code, message, and the body field at fault. */
const REFUSALS: Record<string, [number, ApiErrorCode, string, string?]> = {
  forbidden: [403, "forbidden", "The key's owner may not do this."],
  personNotFound: [404, "not_found", "Nobody has this email.", "email"],
  sameStatus: [409, "conflict", "The idea already has this status.", "status"],
  merged: [409, "conflict", "The idea was merged into another, or the other idea was."],
  emailTaken: [409, "conflict", "An account with this email already exists.", "email"],
  noteRequired: [400, "invalid_request", "This status needs a public note saying why.", "note"],
  selfMerge: [400, "invalid_request", "An idea cannot be merged into itself.", "targetId"],
  badParent: [400, "invalid_request", "The comment replied to is not on this idea, or not of the same kind.", "parentId"],
  notCustomer: [400, "invalid_request", "This email belongs to a staff member; only customers' votes are recorded.", "email"],
  blocked: [400, "invalid_request", "This customer is blocked from voting."],
  votingNotOpen: [400, "invalid_request", "This idea's challenge is not taking votes now."],
  budgetSpent: [400, "invalid_request", "The customer has spent their votes in this challenge."],
  notOpenForIdeas: [400, "invalid_request", "This challenge is not taking ideas now.", "challengeId"],
  categoryUnavailable: [400, "invalid_request", "No such category, or it is archived.", "categoryId"],
};

/**
 * A domain refusal as an API error (notFound names the `subject`); a rich-text refusal (an
 * i18n key) becomes an English message on `field`.
 */
export function refusalError(reason: string, subject = "resource", field = "body") {
  if (reason === "notFound") return apiError(404, "not_found", `No such ${subject}.`);
  if (reason.startsWith("errors.")) {
    const message = englishText(reason);
    return apiError(400, "invalid_request", message, { [field]: [message] });
  }
  const known = REFUSALS[reason];
  if (!known) return apiError(400, "invalid_request", `Refused: ${reason}.`);
  const [status, code, message, at] = known;
  return apiError(status, code, message, at ? { [at]: [message] } : undefined);
}

const englishText = translatorFor("en");

type Caller = { user: User; keyId: number; scope: "read" | "read_write" };

const KEY_REFUSALS = {
  unknownKey: [401, "invalid_key", "This API key is not valid."],
  revokedKey: [401, "revoked_key", "This API key was revoked."],
  makerNotAdmin: [403, "key_owner_not_admin", "The admin who made this key is no longer an admin."],
} as const;

/** The key of `Authorization: Bearer <key>`, its owner, and one more hit on its rate limit. */
async function authenticate(request: Request): Promise<Caller> {
  const header = request.headers.get("Authorization");
  if (!header) throw apiError(401, "missing_key", "Send an API key: Authorization: Bearer <key>.", undefined, { "WWW-Authenticate": 'Bearer realm="api"' });
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const authenticated = match ? await authenticateApiKey(match[1]!) : refused("unknownKey");
  if (!authenticated.ok) {
    const [status, code, message] = KEY_REFUSALS[authenticated.reason];
    throw apiError(status, code, message, undefined, status === 401 ? { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' } : {});
  }
  const counted = await consume(`api:${authenticated.value.keyId}`, API_RATE_LIMIT);
  if (!counted.ok) throw apiError(429, "rate_limited", "Too many requests for this key; try again after the Retry-After seconds.", undefined, retryAfterHeader(counted));
  return authenticated.value;
}

/** zod's issues as `{ field: [messages] }`; the whole body or query is "(root)". */
function fieldErrors(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const name = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    (fields[name] ??= []).push(issue.message);
  }
  return fields;
}

function parsed<Schema extends z.ZodType>(schema: Schema | undefined, input: unknown, where: string): z.output<Schema> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (!result.success) throw apiError(400, "invalid_request", `The ${where} is not valid.`, fieldErrors(result.error));
  return result.data;
}

/** A path whose ids are not ids names nothing: 404, like an id that is not there. */
function pathParams<Schema extends z.ZodType>(schema: Schema | undefined, params: unknown): z.output<Schema> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(params);
  if (!result.success) throw apiError(404, "not_found", "Nothing is at this path.");
  return result.data;
}

async function readJsonBody(request: Request) {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw apiError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  let body: Blob;
  try {
    body = await readBody(request, API_MAX_BODY_BYTES);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 413) throw apiError(413, "payload_too_large", `The body may be at most ${API_MAX_BODY_BYTES} bytes.`);
    throw apiError(400, "invalid_request", "The body could not be read.");
  }
  try {
    return JSON.parse(await body.text()) as unknown;
  } catch {
    throw apiError(400, "invalid_request", "The body is not valid JSON.");
  }
}

type Input<Op extends Operation> = {
  caller: Caller;
  params: Op["params"] extends z.ZodType ? z.output<Op["params"]> : undefined;
  query: Op["query"] extends z.ZodType ? z.output<Op["query"]> : undefined;
  body: Op["body"] extends z.ZodType ? z.output<Op["body"]> : undefined;
  request: Request;
};

/** An operation and what the route does with its parsed input: the JSON to answer, or a thrown apiError. */
export type Handler<Op extends Operation> = readonly [Op, (input: Input<Op>) => Promise<unknown>];

async function run<Op extends Operation>([operation, handle]: Handler<Op>, { request, params }: LoaderFunctionArgs | ActionFunctionArgs) {
  try {
    const caller = await authenticate(request);
    if (operation.scope === "read_write" && caller.scope !== "read_write") {
      throw apiError(403, "read_only_key", "This key may only read; make a read-write key to change things.");
    }
    const input = {
      caller,
      request,
      params: pathParams(operation.params, params),
      query: parsed(operation.query, Object.fromEntries(new URL(request.url).searchParams), "query string"),
      body: operation.body ? parsed(operation.body, await readJsonBody(request), "body") : undefined,
    } as Input<Op>;
    const result = await handle(input);
    return Response.json(result, { status: operation.response.status, headers: NO_STORE });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/**
 * A route module's loader and action from its operations, one per method. A method the route
 * does not have gets 405 with `Allow`; HEAD is answered like GET.
 */
export function apiRoute(handlers: Partial<Record<ApiMethod, Handler<Operation>>>) {
  const allowed = Object.keys(handlers)
    .map((method) => method.toUpperCase())
    .join(", ");
  const dispatch = (args: LoaderFunctionArgs | ActionFunctionArgs) => {
    const method = args.request.method.toLowerCase() === "head" ? "get" : (args.request.method.toLowerCase() as ApiMethod);
    const handler = handlers[method];
    if (!handler) return Promise.resolve(apiError(405, "method_not_allowed", `This path answers ${allowed}.`, undefined, { Allow: allowed }));
    return run(handler, args);
  };
  return { loader: (args: LoaderFunctionArgs) => dispatch(args), action: (args: ActionFunctionArgs) => dispatch(args), methods: Object.keys(handlers) as ApiMethod[] };
}

/** Pairs an operation with its handler, typing the handler's input from the operation's schemas. */
export function handle<Op extends Operation>(operation: Op, fn: (input: Input<Op>) => Promise<unknown>): Handler<Operation> {
  return [operation, fn] as unknown as Handler<Operation>;
}
