import { beforeAll, describe, expect, it } from "vitest";
import { unsubscribeToken } from "~/domain/notification-emails.server";
import { getEmailPreferences } from "~/domain/notifications.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe";
import { args, call, ensureSite, makePerson, makeRequest } from "#tests/support/fixtures";

beforeAll(ensureSite);

describe("unsubscribe links", () => {
  it("work without logging in, for the kinds they name, and refuse a forged token", async () => {
    const person = await makePerson();
    const token = unsubscribeToken(person.id, "staff_reply");
    expect(await unsubscribeLoader(args(makeRequest(`/unsubscribe?token=${token}`)))).toEqual({ token, kinds: ["staff_reply"] });
    await unsubscribeAction(args(makeRequest(`/unsubscribe?token=${token}`, { form: { "List-Unsubscribe": "One-Click" } })));
    expect(await getEmailPreferences(person.id)).toMatchObject({ reply: true, staff_reply: false, official_response: true, adopted: true });

    // An email made of several kinds (a reply, then the status change) stops them all.
    const several = unsubscribeToken(person.id, ["official_response", "status_change"]);
    await unsubscribeAction(args(makeRequest(`/unsubscribe?token=${several}`, { form: { "List-Unsubscribe": "One-Click" } })));
    expect(await getEmailPreferences(person.id)).toMatchObject({ reply: true, staff_reply: false, official_response: false, status_change: false, adopted: true });

    const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
    expect(await unsubscribeLoader(args(makeRequest(`/unsubscribe?token=${forged}`)))).toEqual({ token: null, kinds: null });
    const refused = (await call(() => unsubscribeAction(args(makeRequest(`/unsubscribe?token=${forged}`, { form: {} }))))) as Response;
    expect(refused.status).toBe(400);
  });
});
