import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "#db/tables";
import { createApiKey, revokeApiKey } from "~/domain/api-keys.server";
import { changeRole, findPersonByEmail } from "~/domain/people.server";
import { deleteAccount } from "~/domain/personal-data.server";
import { consume } from "~/domain/rate-limits.server";
import { setVote } from "~/domain/votes.server";
import { API_RATE_LIMIT } from "~/web/api/handler.server";
import { apiClient, errorOf } from "#tests/support/api-client";
import { startApiServer } from "#tests/support/api-server";
import { makeChallenge } from "#tests/support/challenges";
import { comment } from "#tests/support/comments";
import { row } from "#tests/support/db";
import { accepted, ensureSite, makePerson, PASSWORD_HASH, sessionCookieFor } from "#tests/support/fixtures";
import { seedIdeaList } from "#tests/support/idea-list";
import { sql } from "drizzle-orm";

let server: Awaited<ReturnType<typeof startApiServer>>;
let api: ReturnType<typeof apiClient>;
let admin: Awaited<ReturnType<typeof makePerson>>;
let readKey = "";
let seeded: Awaited<ReturnType<typeof seedIdeaList>>;

type Page = { data: Array<{ id: number; title: string }>; nextCursor: string | null };

beforeAll(async () => {
  await ensureSite();
  admin = await makePerson("admin", { displayName: "Api Admin" });
  readKey = accepted(await createApiKey({ name: "Reader", scope: "read", adminId: admin.id })).token;
  seeded = await seedIdeaList();
  server = await startApiServer();
  api = apiClient(server.url);
});

afterAll(async () => {
  await server.close();
});

describe("authentication", () => {
  it("asks for a key when there is none, in the error shape, with WWW-Authenticate", async () => {
    const answer = await api.call("listIdeas", "/api/v1/ideas");
    expect(answer.status).toBe(401);
    expect(errorOf(answer).code).toBe("missing_key");
    expect(answer.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  });

  it("refuses an unknown key and a revoked one", async () => {
    expect(errorOf(await api.call("listIdeas", "/api/v1/ideas", { key: "trt_not-a-real-key" })).code).toBe("invalid_key");
    expect(errorOf(await api.call("listIdeas", "/api/v1/ideas", { key: "something else" })).code).toBe("invalid_key");
    const revoked = accepted(await createApiKey({ name: "Old", scope: "read", adminId: admin.id }));
    expect((await api.call("listIdeas", "/api/v1/ideas", { key: revoked.token })).status).toBe(200);
    accepted(await revokeApiKey({ id: revoked.id, adminId: admin.id }));
    const answer = await api.call("listIdeas", "/api/v1/ideas", { key: revoked.token });
    expect([answer.status, errorOf(answer).code]).toEqual([401, "revoked_key"]);
  });

  it("stops a key whose maker is no longer an admin: a key never has more rights than its maker", async () => {
    const former = await makePerson("admin");
    const key = accepted(await createApiKey({ name: "Former", scope: "read_write", adminId: former.id })).token;
    accepted(await changeRole({ personId: former.id, role: "customer", actorId: admin.id }));
    const answer = await api.call("listIdeas", "/api/v1/ideas", { key });
    expect([answer.status, errorOf(answer).code]).toEqual([403, "key_owner_not_admin"]);
  });

  it("ignores the session cookie and sends no CORS headers to another site", async () => {
    const answer = await api.request("/api/v1/ideas", { headers: { Origin: "https://elsewhere.example", Cookie: "auth_session=whatever" } });
    expect(answer.status).toBe(401);
    const allowed = await api.request("/api/v1/ideas", { key: readKey, headers: { Origin: "https://elsewhere.example" } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("records when a key was last used", async () => {
    const key = accepted(await createApiKey({ name: "Fresh", scope: "read", adminId: admin.id }));
    await api.call("listCategories", "/api/v1/categories", { key: key.token });
    const used = await row<{ used: number }>(sql`select count(*) as used from ${apiKeys} where id = ${key.id} and last_used_at is not null`);
    expect(used?.used).toBe(1);
  });

  it("answers 429 with Retry-After once a key has made its requests of the minute", async () => {
    const key = accepted(await createApiKey({ name: "Busy", scope: "read", adminId: admin.id }));
    for (let i = 1; i < API_RATE_LIMIT.limit; i++) await consume(`api:${key.id}`, API_RATE_LIMIT);
    expect((await api.call("listCategories", "/api/v1/categories", { key: key.token })).status).toBe(200);
    const limited = await api.call("listCategories", "/api/v1/categories", { key: key.token });
    expect([limited.status, errorOf(limited).code]).toEqual([429, "rate_limited"]);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another key is not held back by this one.
    expect((await api.call("listCategories", "/api/v1/categories", { key: readKey })).status).toBe(200);
  });
});

describe("paths and methods", () => {
  it("answers an unknown path with a JSON 404, and a method a path lacks with 405 and Allow", async () => {
    const missing = await api.request("/api/v1/nothing/here", { key: readKey });
    expect([missing.status, errorOf(missing).code]).toEqual([404, "not_found"]);
    const wrongMethod = await api.request("/api/v1/categories", { key: readKey, method: "DELETE" });
    expect([wrongMethod.status, errorOf(wrongMethod).code]).toEqual([405, "method_not_allowed"]);
    expect(wrongMethod.headers.get("Allow")).toBe("GET");
  });
});

describe("ideas", () => {
  it("lists ideas with the site's sorts, filters and search, in cursor pages", async () => {
    const newest = (await api.call("listIdeas", "/api/v1/ideas?sort=new&limit=2", { key: readKey })).body as Page;
    expect(newest.data.map((idea) => idea.title)).toEqual(["Café gratis para clientes fieles", "Track my parcel"]);
    const next = (await api.call("listIdeas", `/api/v1/ideas?sort=new&limit=2&after=${newest.nextCursor}`, { key: readKey })).body as Page;
    expect(next.data.map((idea) => idea.title)).toEqual(["Entrega en el mismo día", "Faster checkout"]);
    const last = (await api.call("listIdeas", `/api/v1/ideas?sort=new&limit=2&after=${next.nextCursor}`, { key: readKey })).body as Page;
    expect([last.data.length, last.nextCursor]).toEqual([1, null]);

    const billing = (await api.call("listIdeas", `/api/v1/ideas?category=${seeded.billing}&sort=new`, { key: readKey })).body as Page;
    expect(billing.data.map((idea) => idea.title)).toEqual(["Faster checkout", "Adopción de pagos con tarjeta"]);
    const found = (await api.call("listIdeas", "/api/v1/ideas?q=parcel", { key: readKey })).body as Page;
    expect(found.data.map((idea) => idea.title)).toEqual(["Track my parcel"]);
    const open = (await api.call("listIdeas", "/api/v1/ideas?status=adopted", { key: readKey })).body as Page;
    expect(open.data).toEqual([]);
  });

  it("refuses a bad query string with the fields at fault, not a guess", async () => {
    const answer = await api.call("listIdeas", "/api/v1/ideas?sort=sideways&limit=1000&colour=red", { key: readKey });
    expect(answer.status).toBe(400);
    expect(Object.keys(errorOf(answer).fields ?? {}).sort()).toEqual(["(root)", "limit", "sort"]);
  });

  it("gets one idea with its body, and 404 for one that is not there or a path that is not an id", async () => {
    const page = (await api.call("listIdeas", "/api/v1/ideas?q=parcel", { key: readKey })).body as Page;
    const idea = (await api.call("getIdea", `/api/v1/ideas/${page.data[0]!.id}`, { key: readKey })).body as { bodyText: string; url: string };
    expect(idea.bodyText).toBe("A live map of the DELIVERY van");
    expect(idea.url).toMatch(/\/ideas\/\d+-track-my-parcel$/);
    expect((await api.call("getIdea", "/api/v1/ideas/999999", { key: readKey })).status).toBe(404);
    expect((await api.call("getIdea", "/api/v1/ideas/abc", { key: readKey })).status).toBe(404);
  });
});

describe("comments, voters, people, categories, challenges", () => {
  it("lists an idea's discussion, internal notes included for a key (it acts as an admin)", async () => {
    const staff = await makePerson("staff");
    const page = (await api.call("listIdeas", "/api/v1/ideas?q=parcel", { key: readKey })).body as Page;
    const ideaId = page.data[0]!.id;
    const question = await comment(ideaId, { id: seeded.authorId, role: "customer" }, "Will it show the driver?");
    await comment(ideaId, staff, "Yes, soon.", { parentId: question.id });
    await comment(ideaId, staff, "Ask the carrier first.", { kind: "internal" });
    const answer = await api.call("listComments", `/api/v1/ideas/${ideaId}/comments`, { key: readKey });
    const comments = (answer.body as { data: Array<{ kind: string; parentId: number | null; html: string }> }).data;
    expect(comments.map((c) => [c.kind, c.parentId === null ? "top" : "reply", c.html])).toEqual([
      ["public", "top", "<p>Will it show the driver?</p>"],
      ["public", "reply", "<p>Yes, soon.</p>"],
      ["internal", "top", "<p>Ask the carrier first.</p>"],
    ]);
    expect((await api.call("listComments", "/api/v1/ideas/999999/comments", { key: readKey })).status).toBe(404);
  });

  it("lists an idea's voters, newest first, in cursor pages", async () => {
    const page = (await api.call("listIdeas", "/api/v1/ideas?q=checkout", { key: readKey })).body as Page;
    const ideaId = page.data[0]!.id;
    for (const name of ["Vera Voter", "Walt Voter"]) {
      const voter = await makePerson("customer", { displayName: name });
      accepted(await setVote(ideaId, voter.id, true));
    }
    const first = (await api.call("listVoters", `/api/v1/ideas/${ideaId}/votes?limit=2`, { key: readKey })).body as {
      data: Array<{ person: { displayName: string } }>;
      nextCursor: string;
    };
    expect(first.data.map((vote) => vote.person.displayName)).toEqual(["Walt Voter", "Vera Voter"]);
    const rest = (await api.call("listVoters", `/api/v1/ideas/${ideaId}/votes?limit=2&after=${first.nextCursor}`, { key: readKey })).body as typeof first;
    expect(rest.data.map((vote) => vote.person.displayName)).toEqual(["Ana Author"]);
  });

  it("finds a person by email, whatever its case; 404 for nobody, 400 for no email", async () => {
    const person = await makePerson("customer", { email: "lucia@example.com", displayName: "Lucía" });
    const found = await api.call("findPerson", "/api/v1/people?email=LUCIA%40example.com", { key: readKey });
    expect(found.body).toMatchObject({ id: person.id, displayName: "Lucía", role: "customer" });
    expect((await api.call("findPerson", "/api/v1/people?email=nobody%40example.com", { key: readKey })).status).toBe(404);
    expect((await api.call("findPerson", "/api/v1/people?email=nope", { key: readKey })).status).toBe(400);
  });

  it("keeps what only a customer may see to themself: no hash, no session, no email beside their words; a deleted account is found no more", async () => {
    const customer = await makePerson("customer", { email: "private.paz@example.com", displayName: "Paz Private" });
    const token = await sessionCookieFor(customer.id);
    const page = (await api.call("listIdeas", "/api/v1/ideas?q=parcel", { key: readKey })).body as Page;
    const ideaId = page.data[0]!.id;
    await comment(ideaId, customer, "Mine is late too.");
    accepted(await setVote(ideaId, customer.id, true));
    const everything = JSON.stringify(
      await Promise.all([
        api.call("listIdeas", "/api/v1/ideas?sort=new", { key: readKey }),
        api.call("getIdea", `/api/v1/ideas/${ideaId}`, { key: readKey }),
        api.call("listComments", `/api/v1/ideas/${ideaId}/comments`, { key: readKey }),
        api.call("listVoters", `/api/v1/ideas/${ideaId}/votes`, { key: readKey }),
        api.call("findPerson", "/api/v1/people?email=private.paz%40example.com", { key: readKey }),
      ]).then((answers) => answers.map((answer) => answer.body)),
    );
    expect(everything).toContain("Paz Private");
    expect(everything).not.toContain(PASSWORD_HASH);
    expect(everything).not.toContain(token.split("=")[1]);
    expect(everything).not.toMatch(/password|session/i);
    // The address is the admin's to look up (people, voters), never printed beside what a person wrote.
    const words = await Promise.all([
      api.call("listIdeas", "/api/v1/ideas?sort=new", { key: readKey }),
      api.call("getIdea", `/api/v1/ideas/${ideaId}`, { key: readKey }),
      api.call("listComments", `/api/v1/ideas/${ideaId}/comments`, { key: readKey }),
    ]);
    for (const answer of words) expect(JSON.stringify(answer.body)).not.toContain("private.paz@example.com");

    accepted(await deleteAccount({ personId: customer.id, actorId: customer.id, formerName: "Former member" }));
    expect((await api.call("findPerson", "/api/v1/people?email=private.paz%40example.com", { key: readKey })).status).toBe(404);
    const after = JSON.stringify((await api.call("listComments", `/api/v1/ideas/${ideaId}/comments`, { key: readKey })).body);
    expect(after).toContain("Former member");
    expect(after).not.toContain("Paz Private");
  });

  it("lists categories and challenges", async () => {
    const categories = (await api.call("listCategories", "/api/v1/categories", { key: readKey })).body as { data: Array<{ name: string }> };
    expect(categories.data.map((category) => category.name)).toEqual(["Billing", "Delivery"]);
    await makeChallenge(admin.id, new Date(Date.UTC(2026, 0, 1)), { title: "Faster check-out" });
    const challenges = (await api.call("listChallenges", "/api/v1/challenges", { key: readKey })).body as { data: Array<{ title: string; phase: string }> };
    expect(challenges.data.map((challenge) => challenge.title)).toEqual(["Faster check-out"]);
  });
});

describe("writing", () => {
  let writeKey = "";
  let ideaId = 0;
  beforeAll(async () => {
    writeKey = accepted(await createApiKey({ name: "Writer", scope: "read_write", adminId: admin.id })).token;
    const page = (await api.call("listIdeas", "/api/v1/ideas?q=parcel", { key: readKey })).body as Page;
    ideaId = page.data[0]!.id;
  });

  it("refuses every write to a read-only key, and changes nothing", async () => {
    const attempts = [
      api.call("createIdea", "/api/v1/ideas", { key: readKey, json: { authorEmail: "x@example.com", title: "Sneaky idea", body: "x" } }),
      api.call("changeStatus", `/api/v1/ideas/${ideaId}/status`, { key: readKey, json: { status: "planned" } }),
      api.call("recordVote", `/api/v1/ideas/${ideaId}/votes`, { key: readKey, json: { email: "sneaky@example.com" } }),
      api.call("removeVote", `/api/v1/ideas/${ideaId}/votes?email=sneaky%40example.com`, { key: readKey }),
      api.call("createPerson", "/api/v1/people", { key: readKey, json: { email: "sneaky@example.com", displayName: "Sneaky" } }),
    ];
    for (const answer of await Promise.all(attempts)) expect([answer.status, errorOf(answer).code]).toEqual([403, "read_only_key"]);
    expect(await findPersonByEmail("sneaky@example.com")).toBeNull();
  });

  it("refuses bodies that are not JSON, broken JSON, and unknown fields", async () => {
    const form = await api.call("createPerson", "/api/v1/people", { key: writeKey, body: "email=a@b.co", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect([form.status, errorOf(form).code]).toEqual([415, "unsupported_media_type"]);
    const broken = await api.call("createPerson", "/api/v1/people", { key: writeKey, body: "{", headers: { "Content-Type": "application/json" } });
    expect([broken.status, errorOf(broken).code]).toEqual([400, "invalid_request"]);
    const extra = await api.call("createPerson", "/api/v1/people", { key: writeKey, json: { email: "ok@example.com", displayName: "Ok", role: "admin" } });
    expect(errorOf(extra).fields).toHaveProperty("(root)");
    const huge = await api.call("createPerson", "/api/v1/people", { key: writeKey, json: { email: "ok@example.com", displayName: "x".repeat(70_000) } });
    expect([huge.status, errorOf(huge).code]).toEqual([413, "payload_too_large"]);
  });

  it("makes a customer, then posts an idea on their behalf with their vote", async () => {
    const person = await api.call("createPerson", "/api/v1/people", { key: writeKey, json: { email: "Rosa@Example.com", displayName: "Rosa Ruiz", company: "Ruiz SL" } });
    expect([person.status, person.body]).toMatchObject([201, { email: "rosa@example.com", role: "customer", company: "Ruiz SL" }]);
    const again = await api.call("createPerson", "/api/v1/people", { key: writeKey, json: { email: "rosa@example.com", displayName: "Rosa" } });
    expect([again.status, errorOf(again).code]).toEqual([409, "conflict"]);

    const posted = await api.call("createIdea", "/api/v1/ideas", { key: writeKey, json: { authorEmail: "rosa@example.com", title: "Invoices by email", body: "Send them monthly.\n\nAs PDF.", categoryId: seeded.billing } });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ title: "Invoices by email", bodyHtml: "<p>Send them monthly.</p><p>As PDF.</p>", voteCount: 1, author: { displayName: "Rosa Ruiz" }, category: { name: "Billing" } });
    const nobody = await api.call("createIdea", "/api/v1/ideas", { key: writeKey, json: { authorEmail: "nobody@example.com", title: "Orphan idea", body: "x" } });
    expect([nobody.status, errorOf(nobody).fields]).toEqual([404, { authorEmail: ["Nobody has this email."] }]);
    const short = await api.call("createIdea", "/api/v1/ideas", { key: writeKey, json: { authorEmail: "rosa@example.com", title: "No", body: "x" } });
    expect(Object.keys(errorOf(short).fields ?? {})).toEqual(["title"]);
  });

  it("changes an idea's status with a note, and says when a note is missing or nothing changes", async () => {
    const noNote = await api.call("changeStatus", `/api/v1/ideas/${ideaId}/status`, { key: writeKey, json: { status: "declined" } });
    expect([noNote.status, Object.keys(errorOf(noNote).fields ?? {})]).toEqual([400, ["note"]]);
    const planned = await api.call("changeStatus", `/api/v1/ideas/${ideaId}/status`, { key: writeKey, json: { status: "planned", note: "Next quarter." } });
    expect(planned.body).toMatchObject({ status: "planned" });
    const same = await api.call("changeStatus", `/api/v1/ideas/${ideaId}/status`, { key: writeKey, json: { status: "planned" } });
    expect([same.status, errorOf(same).code]).toEqual([409, "conflict"]);
    expect((await api.call("changeStatus", "/api/v1/ideas/999999/status", { key: writeKey, json: { status: "planned" } })).status).toBe(404);
  });

  it("comments, replies, pins an official response, and keeps notes internal", async () => {
    const official = await api.call("createComment", `/api/v1/ideas/${ideaId}/comments`, { key: writeKey, json: { body: "We are on it.", official: true } });
    expect([official.status, official.body]).toMatchObject([201, { official: true, kind: "public", author: { id: admin.id } }]);
    const idea = (await api.call("getIdea", `/api/v1/ideas/${ideaId}`, { key: writeKey })).body as { officialCommentId: number };
    expect(idea.officialCommentId).toBe((official.body as { id: number }).id);
    const reply = await api.call("createComment", `/api/v1/ideas/${ideaId}/comments`, { key: writeKey, json: { body: "Details soon.", parentId: (official.body as { id: number }).id } });
    expect(reply.status).toBe(201);
    const badParent = await api.call("createComment", `/api/v1/ideas/${ideaId}/comments`, { key: writeKey, json: { body: "A note", kind: "internal", parentId: (official.body as { id: number }).id } });
    expect(Object.keys(errorOf(badParent).fields ?? {})).toEqual(["parentId"]);
    const officialNote = await api.call("createComment", `/api/v1/ideas/${ideaId}/comments`, { key: writeKey, json: { body: "x", kind: "internal", official: true } });
    expect(officialNote.status).toBe(400);
  });

  it("records a customer's vote by email once, making their account, and takes it back", async () => {
    const before = ((await api.call("getIdea", `/api/v1/ideas/${ideaId}`, { key: writeKey })).body as { voteCount: number }).voteCount;
    const json = { email: "pablo@example.com", displayName: "Pablo Pérez", company: "Pérez y Cía", note: "call with Pablo, 12 May" };
    const recorded = await api.call("recordVote", `/api/v1/ideas/${ideaId}/votes`, { key: writeKey, json });
    expect(recorded.body).toMatchObject({ accountCreated: true, alreadyVoted: false, voteCount: before + 1, person: { displayName: "Pablo Pérez", company: "Pérez y Cía", role: "customer" } });
    const twice = await api.call("recordVote", `/api/v1/ideas/${ideaId}/votes`, { key: writeKey, json });
    expect(twice.body).toMatchObject({ accountCreated: false, alreadyVoted: true, voteCount: before + 1 });
    const voters = (await api.call("listVoters", `/api/v1/ideas/${ideaId}/votes?limit=1`, { key: writeKey })).body as { data: unknown[] };
    expect(voters.data[0]).toMatchObject({ person: { email: "pablo@example.com" }, recordedBy: { id: admin.id }, recordedNote: "call with Pablo, 12 May" });

    const staffVote = await api.call("recordVote", `/api/v1/ideas/${ideaId}/votes`, { key: writeKey, json: { email: admin.email } });
    expect([staffVote.status, Object.keys(errorOf(staffVote).fields ?? {})]).toEqual([400, ["email"]]);
    expect((await api.call("recordVote", "/api/v1/ideas/999999/votes", { key: writeKey, json: { email: "new-one@example.com" } })).status).toBe(404);
    expect(await findPersonByEmail("new-one@example.com")).toBeNull();

    const removed = await api.call("removeVote", `/api/v1/ideas/${ideaId}/votes?email=pablo%40example.com`, { key: writeKey });
    expect(removed.body).toEqual({ removed: true, voteCount: before });
    expect((await api.call("removeVote", `/api/v1/ideas/${ideaId}/votes?email=pablo%40example.com`, { key: writeKey })).body).toEqual({ removed: false, voteCount: before });
    expect((await api.call("removeVote", `/api/v1/ideas/${ideaId}/votes?email=ghost%40example.com`, { key: writeKey })).status).toBe(404);
  });

  it("merges an idea into another", async () => {
    const page = (await api.call("listIdeas", "/api/v1/ideas?q=checkout", { key: writeKey })).body as Page;
    const merged = await api.call("mergeIdea", `/api/v1/ideas/${page.data[0]!.id}/merge`, { key: writeKey, json: { targetId: ideaId } });
    expect(merged.body).toMatchObject({ status: "duplicate", mergedIntoId: ideaId });
    const self = await api.call("mergeIdea", `/api/v1/ideas/${ideaId}/merge`, { key: writeKey, json: { targetId: ideaId } });
    expect(Object.keys(errorOf(self).fields ?? {})).toEqual(["targetId"]);
    const again = await api.call("mergeIdea", `/api/v1/ideas/${page.data[0]!.id}/merge`, { key: writeKey, json: { targetId: ideaId } });
    expect([again.status, errorOf(again).code]).toEqual([409, "conflict"]);
  });
});
