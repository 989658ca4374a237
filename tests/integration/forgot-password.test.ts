import { beforeAll, describe, expect, it } from "vitest";
import { action as forgotAction } from "~/routes/forgot-password";
import { answerOf, args, call, ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";
import { emailsTo } from "#tests/support/mail";

beforeAll(ensureSite);

const ask = (email: string, clientAddress = "198.51.100.40") => call(() => forgotAction(args(makeRequest("/forgot-password", { form: { email } }), {}, { clientAddress })));

describe("POST /forgot-password", () => {
  it("says the same for an address with an account and one without", async () => {
    const person = await makePerson();
    expect(answerOf(await ask(person.email))).toEqual({ status: 200, body: { sentTo: person.email } });
    expect(answerOf(await ask("no-account@example.com"))).toEqual({ status: 200, body: { sentTo: "no-account@example.com" } });
    expect(await emailsTo(person.email)).toHaveLength(1);
    expect(await emailsTo("no-account@example.com")).toHaveLength(0);
  });

  it("refuses what is not an email address, keeping it in the form", async () => {
    const answer = answerOf(await ask("who?"));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { email: ["errors.field.email"] }, initialValue: { email: "who?" } });
  });

  it("limits the links asked for one address, whether or not it has an account, and per client address", async () => {
    const person = await makePerson();
    for (const email of [person.email, "nobody-at-all@example.com"]) {
      for (let i = 0; i < 5; i++) expect(answerOf(await ask(email, `198.51.100.${41 + i}`)).status).toBe(200);
      const refused = answerOf(await ask(email, "198.51.100.50"));
      expect(refused).toMatchObject({ status: 429, body: { error: { "": ["errors.rateLimited.minutes:60"] }, initialValue: { email } } });
    }
    expect(await emailsTo(person.email)).toHaveLength(5);
    for (let i = 0; i < 10; i++) await ask(`someone${i}@example.com`, "198.51.100.60");
    expect(answerOf(await ask("someone-else@example.com", "198.51.100.60")).status).toBe(429);
  });
});
