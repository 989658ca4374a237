import { beforeAll, describe, expect, it } from "vitest";
import { listWebhooks } from "~/domain/webhooks.server";
import { action, loader } from "~/routes/admin.webhooks";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

let cookie = "";
beforeAll(async () => {
  await ensureSite();
  cookie = await sessionCookieFor((await makePerson("admin")).id);
});

/** The form as the browser sends it: one `events` entry per ticked box. */
function post(fields: Array<[string, string]>) {
  const request = new Request("http://tertulia.test/admin/webhooks", {
    method: "POST",
    headers: { Cookie: cookie, Origin: "http://tertulia.test" },
    body: new URLSearchParams(fields),
  });
  return call(() => action(args(request)));
}

describe("/admin/webhooks", () => {
  it("registers a webhook with the events ticked, shows its secret once, queues a test event, and deletes it", async () => {
    process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = "1";
    try {
      const created = answerOf(await post([["intent", "create"], ["url", "http://127.0.0.1:9/hook"], ["format", "slack"], ["events", "idea.posted"], ["events", "vote.added"]]));
      expect((created.body as { created: { secret: string } }).created.secret).toMatch(/^whsec_/);
    } finally {
      delete process.env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES;
    }
    const { webhooks } = (await loader(args(makeRequest("/admin/webhooks", { cookie })))) as { webhooks: Awaited<ReturnType<typeof listWebhooks>> };
    expect(webhooks[0]).toMatchObject({ url: "http://127.0.0.1:9/hook", format: "slack", events: ["idea.posted", "vote.added"], deliveries: [] });
    expect(JSON.stringify(webhooks)).not.toContain("whsec_");

    await post([["intent", "test"], ["webhookId", String(webhooks[0]!.id)]]);
    expect((await listWebhooks())[0]!.deliveries).toMatchObject([{ event: "ping", status: "pending" }]);
    await post([["intent", "delete"], ["webhookId", String(webhooks[0]!.id)]]);
    expect(await listWebhooks()).toEqual([]);
  });

  it("says why an address is refused and keeps what was typed", async () => {
    const refused = answerOf(await post([["intent", "create"], ["url", "http://10.0.0.1/hook"], ["format", "json"], ["events", "idea.posted"]]));
    const { result } = refused.body as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
    expect([refused.status, result.error]).toEqual([400, { url: ["errors.webhooks.privateAddress"] }]);
    expect(result.initialValue.url).toBe("http://10.0.0.1/hook");
    const noEvents = answerOf(await post([["intent", "create"], ["url", "https://example.com/hook"], ["format", "json"]]));
    expect((noEvents.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ events: ["errors.webhooks.noEvents"] });
  });
});
