import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { configuredStoreName, contentTypeOf, databaseStore, localStore, type UploadStore } from "~/lib/uploads/store.server";
import { ensureSite } from "#tests/support/fixtures";

beforeAll(ensureSite);

const stores: Array<[string, () => UploadStore]> = [
  ["local directory", () => localStore(fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-store-")))],
  ["database", () => databaseStore()],
];

describe.each(stores)("the %s upload store", (_name, make) => {
  it("keeps, gives back and removes files by key", async () => {
    const store = make();
    const key = "AbCdEfGhIjKlMnOpQrSt/800.webp";
    expect(await store.get(key)).toBeNull();
    await store.put(key, Buffer.from("first"));
    await store.put(key, Buffer.from("second"));
    expect((await store.get(key))?.toString()).toBe("second");
    await store.remove([key, "AbCdEfGhIjKlMnOpQrSt/1600.webp"]);
    expect(await store.get(key)).toBeNull();
  });

  it("takes only keys the app makes", async () => {
    const store = make();
    await expect(store.put("../../etc/passwd", Buffer.from("x"))).rejects.toThrow(/Not an upload key/);
    await expect(store.get("a/../b/1.webp")).rejects.toThrow(/Not an upload key/);
  });
});

describe("choosing the store", () => {
  it("is the local directory unless UPLOADS_STORE says database, and refuses anything else", () => {
    expect(configuredStoreName({} as NodeJS.ProcessEnv)).toBe("local");
    expect(configuredStoreName({ UPLOADS_STORE: "database" } as unknown as NodeJS.ProcessEnv)).toBe("database");
    expect(() => configuredStoreName({ UPLOADS_STORE: "s3" } as unknown as NodeJS.ProcessEnv)).toThrow(/UPLOADS_STORE/);
  });

  it("serves stored files as the format they were stored in", () => {
    expect(contentTypeOf("AbCdEfGhIjKlMnOpQrSt/64.webp")).toBe("image/webp");
  });
});
