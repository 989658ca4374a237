import { beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, listApiKeys } from "~/domain/api-keys.server";
import { action, loader } from "~/routes/admin.api-keys";
import { answerOf, args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

let cookie = "";
beforeAll(async () => {
  await ensureSite();
  cookie = await sessionCookieFor((await makePerson("admin", { displayName: "Ada Admin" })).id);
});

const post = (form: Record<string, string>) => call(() => action(args(makeRequest("/admin/api-keys", { cookie, form }))));

describe("/admin/api-keys", () => {
  it("creates a named key, shows it once, lists it by its first characters, and revokes it", async () => {
    const created = answerOf(await post({ intent: "create", name: "  CRM sync  ", scope: "read_write" }));
    const { token, name } = (created.body as { created: { token: string; name: string } }).created;
    expect(name).toBe("CRM sync");
    expect((await authenticateApiKey(token)).ok).toBe(true);

    const { keys } = (await loader(args(makeRequest("/admin/api-keys", { cookie })))) as { keys: Awaited<ReturnType<typeof listApiKeys>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ name: "CRM sync", scope: "read_write", prefix: token.slice(0, 10), revokedAt: null, createdBy: { displayName: "Ada Admin" } });
    expect(JSON.stringify(keys)).not.toContain(token);

    await post({ intent: "revoke", keyId: String(keys[0]!.id) });
    expect(await authenticateApiKey(token)).toEqual({ ok: false, reason: "revokedKey" });
    expect((answerOf(await post({ intent: "revoke", keyId: String(keys[0]!.id) }))).status).toBe(404);
  });

  it("keeps what was typed and says what is wrong with a nameless key or an unknown scope", async () => {
    const answer = answerOf(await post({ intent: "create", name: " ", scope: "everything" }));
    expect(answer.status).toBe(400);
    const { result } = answer.body as { result: { error: Record<string, string[]> } };
    expect(result.error).toEqual({ name: ["errors.field.required"], scope: ["errors.field.required"] });
  });
});
