import { beforeAll, describe, expect, it } from "vitest";
import { getPerson } from "~/domain/people.server";
import { setPhoto } from "~/domain/photos.server";
import { action as listAction, loader as listLoader } from "~/routes/admin.people._index";
import { action as personAction, loader as personLoader } from "~/routes/admin.people.$id";
import { accepted, answerOf, args, call, ensureSite, makePerson, makeRequest, signedIn } from "#tests/support/fixtures";
import { phoneJpeg } from "#tests/support/images";

beforeAll(ensureSite);

type Outcome = { done?: string; error?: string; personId: string };

describe("/admin/people", () => {
  it("lets staff read the directory and a person's page, with their search", async () => {
    const { cookie } = await signedIn("staff");
    const customer = await makePerson("customer", { displayName: "Searchable Sam" });
    const list = answerOf(await listLoader(args(makeRequest("/admin/people?q=searchable", { cookie })))).body as { people: Array<{ id: string }>; isAdmin: boolean };
    expect(list.people.map((person) => person.id)).toEqual([customer.id]);
    expect(list.isAdmin).toBe(false);
    const page = answerOf(await personLoader(args(makeRequest(`/admin/people/${customer.id}`, { cookie }), { id: customer.id }))).body as { person: { email: string } };
    expect(page.person.email).toBe(customer.email);
    expect(((await call(() => personLoader(args(makeRequest("/admin/people/nobody", { cookie }), { id: "nobody" })))) as Response).status).toBe(404);
  });

  it("lets an admin block a customer with a reason, and unblock them, from the list and from their page", async () => {
    const { cookie } = await signedIn("admin");
    const customer = await makePerson();
    const blocked = answerOf(await listAction(args(makeRequest("/admin/people", { cookie, form: { intent: "block", personId: customer.id, reason: "Spam, again" } }))));
    expect(blocked.body).toEqual({ done: "block", personId: customer.id });
    expect(await getPerson(customer.id)).toMatchObject({ blockedReason: "Spam, again" });
    const unblocked = answerOf(await personAction(args(makeRequest(`/admin/people/${customer.id}`, { cookie, form: { intent: "unblock", personId: customer.id } }), { id: customer.id })));
    expect(unblocked.body).toEqual({ done: "unblock", personId: customer.id });
    expect(await getPerson(customer.id)).toMatchObject({ blockedAt: null });
  });

  it("does not block staff or admins until their role is removed, nor demote the last admin", async () => {
    const { person: admin, cookie } = await signedIn("admin");
    const staff = await makePerson("staff");
    const refused = answerOf(await listAction(args(makeRequest("/admin/people", { cookie, form: { intent: "block", personId: staff.id, reason: "Trying anyway" } }))));
    expect(refused).toEqual({ status: 400, body: { error: "errors.people.blockStaff", personId: staff.id } });
    expect((await getPerson(staff.id))?.blockedAt).toBeNull();

    expect(answerOf(await listAction(args(makeRequest("/admin/people", { cookie, form: { intent: "role", personId: staff.id, role: "customer" } })))).body).toEqual({ done: "role", personId: staff.id });
    expect((answerOf(await listAction(args(makeRequest("/admin/people", { cookie, form: { intent: "block", personId: staff.id, reason: "Now it works" } })))).body as Outcome).done).toBe("block");

    const own = answerOf(await listAction(args(makeRequest("/admin/people", { cookie, form: { intent: "role", personId: admin.id, role: "customer" } }))));
    expect((own.body as Outcome).error).toBe("errors.people.ownRole");
    const short = answerOf(await listAction(args(makeRequest("/admin/people", { cookie, form: { intent: "block", personId: staff.id, reason: "x" } }))));
    expect(short).toEqual({ status: 400, body: { error: "errors.field.tooShort:3", personId: staff.id } });
  });

  it("lets an admin remove someone's photo", async () => {
    const { cookie } = await signedIn("admin");
    const customer = await makePerson();
    accepted(await setPhoto({ personId: customer.id, bytes: await phoneJpeg(300, 300) }));
    const removed = answerOf(await personAction(args(makeRequest(`/admin/people/${customer.id}`, { cookie, form: { intent: "remove-photo", personId: customer.id } }), { id: customer.id })));
    expect(removed.body).toEqual({ done: "remove-photo", personId: customer.id });
    expect((await getPerson(customer.id))?.photoId).toBeNull();
  });

  it("refuses every action to staff and customers, and the directory to customers", async () => {
    const target = await makePerson();
    accepted(await setPhoto({ personId: target.id, bytes: await phoneJpeg(200, 200) }));
    const forms: Array<Record<string, string>> = [
      { intent: "block", personId: target.id, reason: "Not allowed" },
      { intent: "unblock", personId: target.id },
      { intent: "role", personId: target.id, role: "admin" },
      { intent: "remove-photo", personId: target.id },
    ];
    for (const role of ["staff", "customer"] as const) {
      const { cookie } = await signedIn(role);
      for (const form of forms) {
        expect(((await call(() => listAction(args(makeRequest("/admin/people", { cookie, form }))))) as Response).status, `${role} ${form.intent}`).toBe(403);
        const onPage = (await call(() => personAction(args(makeRequest(`/admin/people/${target.id}`, { cookie, form }), { id: target.id })))) as Response;
        expect(onPage.status, `${role} ${form.intent} on the page`).toBe(403);
      }
    }
    expect(await getPerson(target.id)).toMatchObject({ role: "customer", blockedAt: null, photoId: expect.any(String) });
    const { cookie } = await signedIn("customer");
    expect(((await call(() => listLoader(args(makeRequest("/admin/people", { cookie }))))) as Response).status).toBe(403);
  });
});
