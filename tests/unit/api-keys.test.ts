import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "#db/tables";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "~/domain/api-keys.server";
import { changeRole } from "~/domain/people.server";
import { rows } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";

let adminId = "";
beforeAll(async () => {
  await ensureSite();
  adminId = (await makePerson("admin", { displayName: "Key Maker" })).id;
});

describe("createApiKey", () => {
  it("returns the key once and keeps only its hash and first characters", async () => {
    const created = accepted(await createApiKey({ name: "CRM sync", scope: "read_write", adminId }));
    expect(created.token).toMatch(/^trt_[\w-]{27}$/);
    const stored = await rows<Record<string, unknown>>(sql`select * from ${apiKeys} where id = ${created.id}`);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect(stored[0]).toMatchObject({ name: "CRM sync", scope: "read_write", prefix: created.token.slice(0, 10) });
  });

  it("is for admins only", async () => {
    const staff = await makePerson("staff");
    expect(await createApiKey({ name: "Mine", scope: "read", adminId: staff.id })).toEqual({ ok: false, reason: "forbidden" });
  });
});

describe("authenticateApiKey", () => {
  it("answers the key's scope and its maker, and notes the use at most once a minute", async () => {
    const created = accepted(await createApiKey({ name: "Reader", scope: "read", adminId }));
    const at = new Date("2026-05-12T10:00:00Z");
    const authenticated = accepted(await authenticateApiKey(created.token, at));
    expect([authenticated.scope, authenticated.user.id]).toEqual(["read", adminId]);
    accepted(await authenticateApiKey(created.token, new Date(at.getTime() + 30_000)));
    const lastUsed = async () => (await listApiKeys()).find((key) => key.id === created.id)!.lastUsedAt;
    expect(await lastUsed()).toEqual(at);
    const later = new Date(at.getTime() + 61_000);
    accepted(await authenticateApiKey(created.token, later));
    expect(await lastUsed()).toEqual(later);
  });

  it("refuses made-up, revoked and orphaned keys", async () => {
    expect(await authenticateApiKey("trt_madeup")).toEqual({ ok: false, reason: "unknownKey" });
    expect(await authenticateApiKey("")).toEqual({ ok: false, reason: "unknownKey" });
    const created = accepted(await createApiKey({ name: "Short-lived", scope: "read", adminId }));
    accepted(await revokeApiKey({ id: created.id, adminId }));
    expect(await authenticateApiKey(created.token)).toEqual({ ok: false, reason: "revokedKey" });
    expect(await revokeApiKey({ id: created.id, adminId })).toEqual({ ok: false, reason: "notFound" });

    const formerAdmin = await makePerson("admin");
    const theirs = accepted(await createApiKey({ name: "Theirs", scope: "read", adminId: formerAdmin.id }));
    accepted(await changeRole({ personId: formerAdmin.id, role: "staff", actorId: adminId }));
    expect(await authenticateApiKey(theirs.token)).toEqual({ ok: false, reason: "makerNotAdmin" });
  });
});
