import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS } from "~/lib/body-limits.mjs";
import { action as setLanguageAction } from "~/routes/set-language";
import { action as signupAction } from "~/routes/signup";
import { RATE_LIMITS } from "~/web/throttle.server";
import { ECHO_MAX } from "~/web/submission.server";
import { args, BASE_URL, call, answerOf, ensureSite, makeRequest, signedIn } from "#tests/support/fixtures";
import { makeChallenge } from "#tests/support/challenges";
import { comment } from "#tests/support/comments";
import { makeIdea } from "#tests/support/ideas";

// Every action of every route, sent what a client can send but no form of ours does (issue 11
// found ~190 such requests answering 500). The routes are found on disk, so an action added
// later is tested too. Nothing may answer 5xx, nor throw anything but an HTTP answer.

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
type RouteModule = { action?: Action };

const ROUTES_DIRECTORY = path.resolve("app/routes");
const modules = import.meta.glob<RouteModule>(["/app/routes/*.{ts,tsx}", "/app/routes/*/route.tsx"], { eager: true });
const actionRoutes = Object.entries(modules)
  .filter(([, module]) => typeof module.action === "function")
  .map(([file, module]) => ({ file, name: path.relative("/app/routes", file).replace(/(\/route)?\.tsx?$/, ""), action: module.action! }));

/** The route's own source (the folder's files for a folder route): where its intents and field names are read. */
function sourceOf(file: string) {
  const absolute = path.join(ROUTES_DIRECTORY, path.relative("/app/routes", file));
  const files = absolute.endsWith("/route.tsx") ? fs.readdirSync(path.dirname(absolute)).map((name) => path.join(path.dirname(absolute), name)) : [absolute];
  return files.map((name) => fs.readFileSync(name, "utf8")).join("\n");
}

const matches = (source: string, pattern: RegExp) => [...source.matchAll(pattern)].map((match) => match[1]!);

function intentsOf(source: string) {
  return new Set([
    ...matches(source, /intent\s*[!=]==\s*"([\w-]+)"/g),
    ...matches(source, /literal\("([\w-]+)"\)/g),
    ...matches(source, /name="intent" value="([\w-]+)"/g),
    ...matches(source, /case "([\w-]+)"/g),
    ...matches(source, /^\s+"?([\w-]+)"?: \{ (?:role|participate|handle)/gm),
  ]);
}

function fieldsOf(source: string) {
  return new Set([
    ...matches(source, /\bname="(\w+)"/g),
    ...matches(source, /formData\.get\("(\w+)"\)/g),
    ...matches(source, /formIdField\(formData, "(\w+)"\)/g),
    ...matches(source, /^\s+(\w+): (?:idField|z\.)/gm),
    // The shared forms' fields (ideas, comments, challenges, accounts).
    "title",
    "body",
    "brief",
    "note",
    "parentId",
    "commentId",
    "categoryId",
    "challengeId",
    "email",
    "password",
    "displayName",
  ]);
}

/** Route parameters named in the file name, filled with the test's own records where one is needed. */
function paramsFor(name: string, ids: { idea: number; challenge: number }) {
  const params: Record<string, string> = {};
  if (name.includes("$id")) params.id = String(name.startsWith("admin.challenges") ? ids.challenge : ids.idea);
  if (name.includes("$token")) params.token = "not-a-token";
  if (name.includes("$slug")) params.slug = "no-such-challenge";
  if (/(^|\.)\$$/.test(name)) params["*"] = "anything";
  return params;
}

const urlOf = (name: string, params: Record<string, string>) =>
  BASE_URL +
  "/" +
  name
    .split(".")
    .filter((segment) => !segment.startsWith("_"))
    .map((segment) => (segment.startsWith("$") ? (params[segment.slice(1)] ?? params["*"]) : segment))
    .join("/");

function request(url: string, cookie: string | null, body: BodyInit | null, contentType: string | null, method = "POST") {
  const headers = new Headers({ Origin: BASE_URL });
  if (cookie) headers.set("Cookie", cookie);
  if (contentType) headers.set("Content-Type", contentType);
  return new Request(url, { method, headers, body });
}

const noType = (text: string) => new TextEncoder().encode(text);

/** Bodies that are not a form, with the answer each must get once the action reads it. */
const BAD_BODIES: Array<{ what: string; body: () => BodyInit; type: string | null; status: number }> = [
  { what: "JSON", body: () => JSON.stringify({ intent: "comment", body: "x" }), type: "application/json", status: 415 },
  { what: "text", body: () => "intent=comment", type: "text/plain", status: 415 },
  { what: "no content type", body: () => noType("intent=comment"), type: null, status: 415 },
  { what: "multipart without a boundary", body: () => "intent=comment", type: "multipart/form-data", status: 400 },
  { what: "broken multipart", body: () => '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncomm', type: "multipart/form-data; boundary=x", status: 400 },
  { what: "a form past the limit, sent without a length", body: () => `intent=comment&body=${"a".repeat(BODY_LIMITS.form)}`, type: "application/x-www-form-urlencoded", status: 413 },
];

/** Values no form of ours sends: not numbers, numbers of nothing, rich text that is not a document. */
const BAD_VALUES = ["", "abc", "-1", "1e400", "99999999", "0x10", '{"type":"doc","content":"not nodes"}', '{"type":"doc","content":[{"type":"paragraph","content":{"0":{"type":"text"}}}]}'];

let ids: { idea: number; challenge: number };
let cookies: Array<{ who: string; cookie: string | null }>;

beforeAll(async () => {
  await ensureSite();
  const admin = await signedIn("admin");
  const customer = await signedIn("customer");
  const idea = await makeIdea(customer.person.id, "An idea for bad requests");
  await comment(idea.id, customer.person, "A comment to report");
  const challenge = await makeChallenge(admin.person.id, new Date());
  ids = { idea: idea.id, challenge: challenge.id };
  cookies = [
    { who: "visitor", cookie: null },
    { who: "customer", cookie: customer.cookie },
    { who: "admin", cookie: admin.cookie },
  ];
});

let address = 0;
/** The status of what the action answered; an error that is not an HTTP answer fails the test. */
async function statusOf(action: Action, url: string, params: Record<string, string>, make: () => Request) {
  // Each from an address of its own: this file sends more writes than one address may.
  address += 1;
  const answer = await call(() => action(args(make(), params, { clientAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` })));
  return answerOf(answer).status;
}

describe("every action", () => {
  it("has been found", () => {
    expect(actionRoutes.map((route) => route.name)).toEqual(expect.arrayContaining(["login", "ideas.$id._index", "admin.team"]));
  });

  it.each(actionRoutes)("$name: a body that is not a form is a 4xx (415, 400 or 413 once read)", async ({ name, action }) => {
    const params = paramsFor(name, ids);
    const url = urlOf(name, params);
    for (const { cookie, who } of cookies) {
      for (const bad of BAD_BODIES) {
        const status = await statusOf(action, url, params, () => request(url, cookie, bad.body(), bad.type));
        expect(status, `${who}, ${bad.what}`).toBeLessThan(500);
        // Refused, redirected to log in, asked for an API key (the REST API reads its JSON bodies
        // only once a key is good: tests/integration/api.v1.test.ts sends it bad ones), or
        // answered before the body mattered: never taken as a form.
        expect([bad.status, 302, 303, 401, 403, 404, 405], `${who}, ${bad.what}`).toContain(status);
      }
    }
  });

  it.each(actionRoutes)("$name: bad ids, numbers and rich text in every field are a 4xx or a form error", async ({ name, file, action }) => {
    const source = sourceOf(file);
    const fields = [...fieldsOf(source)];
    const params = paramsFor(name, ids);
    const url = urlOf(name, params);
    for (const intent of ["", "no-such-intent", ...intentsOf(source)]) {
      for (const value of BAD_VALUES) {
        for (const { cookie, who } of cookies) {
          const form = new URLSearchParams(fields.map((field) => [field, value]));
          form.set("intent", intent);
          const status = await statusOf(action, url, params, () => request(url, cookie, form, "application/x-www-form-urlencoded"));
          expect(status, `${who}, intent ${JSON.stringify(intent)}, value ${JSON.stringify(value)}`).toBeLessThan(500);
        }
      }
    }
  });
});

describe("limits", () => {
  it("a refused form gets back what was typed, but no value longer than ECHO_MAX", async () => {
    const typed = { email: "not an email", displayName: "x".repeat(BODY_LIMITS.form - 1000), password: "short" };
    const answer = answerOf(await call(() => signupAction(args(makeRequest("/signup", { form: typed }), {}, { clientAddress: "192.0.2.1" }))));
    const echoed = (answer.body as { status: string; initialValue: Record<string, string> }).initialValue;
    expect((answer.body as { status: string }).status).toBe("error");
    expect(echoed.email).toBe("not an email");
    expect(echoed.displayName).toHaveLength(ECHO_MAX);
  });

  it("every write counts against the client's write limit, then 429 with Retry-After", async () => {
    const context = { clientAddress: "192.0.2.2" };
    const write = () => call(() => setLanguageAction(args(makeRequest("/set-language", { form: { locale: "es" } }), {}, context)));
    for (let hit = 0; hit < RATE_LIMITS.write.limit; hit += 1) expect(answerOf(await write()).status).toBe(302);
    const refused = await write();
    expect(answerOf(refused).status).toBe(429);
    expect((refused as unknown as { init: { headers: Record<string, string> } }).init.headers["Retry-After"]).toMatch(/^\d+$/);
    // Another address is not held back.
    expect(answerOf(await call(() => setLanguageAction(args(makeRequest("/set-language", { form: { locale: "es" } }), {}, { clientAddress: "192.0.2.3" }))))).toMatchObject({ status: 302 });
  });
});
