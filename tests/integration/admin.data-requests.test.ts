import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getPerson } from "~/domain/people.server";
import { action as requestAction } from "~/routes/admin.data-requests";
import { rows } from "#tests/support/db";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

const post = (cookie: string, form: Record<string, string>) => call(() => requestAction(args(makeRequest("/admin/data-requests", { cookie, form }))));

describe("/admin/data-requests", () => {
  it("exports a person's data for them, and deletes their account, both in the audit log", async () => {
    const admin = await makePerson("admin");
    const cookie = await sessionCookieFor(admin.id);
    const person = await makePerson("customer", { displayName: "Rita Request" });

    const file = (await post(cookie, { intent: "export", email: person.email.toUpperCase(), requested: "on" })) as Response;
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(((await file.json()) as { profile: { id: string } }).profile.id).toBe(person.id);

    expect(await post(cookie, { intent: "delete", email: person.email, requested: "on" })).toMatchObject({ deleted: person.email });
    expect(await getPerson(person.id)).toMatchObject({ displayName: "Former member", deletedAt: expect.any(Date) });
    expect(await rows(sql`select action, actor_id as "actorId" from audit_log where target_id = ${person.id} order by id`)).toEqual([
      { action: "person.export", actorId: admin.id },
      { action: "person.delete", actorId: admin.id },
    ]);
  });

  it("asks the admin to confirm the person asked, and says when no account uses the address", async () => {
    const admin = await makePerson("admin");
    const cookie = await sessionCookieFor(admin.id);
    const person = await makePerson();
    const unconfirmed = answerOf(await post(cookie, { intent: "delete", email: person.email }));
    expect(unconfirmed).toMatchObject({ status: 400, body: { result: { error: { requested: ["errors.dataRequest.confirmRequested"] } } } });
    expect((await getPerson(person.id))?.deletedAt).toBeNull();
    const unknown = answerOf(await post(cookie, { intent: "export", email: "nobody-here@example.com", requested: "on" }));
    expect(unknown).toMatchObject({ status: 400, body: { result: { error: { email: ["errors.dataRequest.noSuchPerson"] }, initialValue: { email: "nobody-here@example.com" } } } });
  });
});
