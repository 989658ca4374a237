import { beforeAll, describe, expect, it } from "vitest";
import { unsubscribeToken } from "~/domain/notification-emails.server";
import { getEmailPreferences } from "~/domain/notifications.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe";
import { args, call, ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";

beforeAll(ensureSite);

describe("unsubscribe links", () => {
  it("work without logging in, for the kind they name, and refuse a forged token", async () => {
    const person = await makePerson();
    const token = unsubscribeToken(person.id, "staff_reply");
    expect(await unsubscribeLoader(args(makeRequest(`/unsubscribe?token=${token}`)))).toEqual({ token, kind: "staff_reply" });
    await unsubscribeAction(args(makeRequest(`/unsubscribe?token=${token}`, { form: { "List-Unsubscribe": "One-Click" } })));
    expect(await getEmailPreferences(person.id)).toMatchObject({ reply: true, staff_reply: false, official_response: true, adopted: true });

    const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
    expect(await unsubscribeLoader(args(makeRequest(`/unsubscribe?token=${forged}`)))).toEqual({ token: null, kind: null });
    const refused = (await call(() => unsubscribeAction(args(makeRequest(`/unsubscribe?token=${forged}`, { form: {} }))))) as Response;
    expect(refused.status).toBe(400);
  });
});
