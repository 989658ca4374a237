import { beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/admin.categories";
import { getActiveCategory, listCategories } from "~/domain/categories.server";
import { args, call, ensureSite, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";

beforeAll(ensureSite);

type Result = { formId: string; result: { status: string; error?: Record<string, string[]> } | null };

describe("/admin/categories", () => {
  it("is refused to visitors and customers, page and actions", async () => {
    const visitor = (await call(() => loader(args(makeRequest("/admin/categories"))))) as Response;
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const cookie = await sessionCookieFor((await makePerson("customer")).id);
    expect(((await call(() => loader(args(makeRequest("/admin/categories", { cookie }))))) as Response).status).toBe(403);
    const form = { intent: "create", formId: "new", name: "Sneaky", colour: "#000000" };
    expect(((await call(() => action(args(makeRequest("/admin/categories", { cookie, form }))))) as Response).status).toBe(403);
    expect((await listCategories()).map((category) => category.name)).not.toContain("Sneaky");
  });

  it("lets staff create, rename, archive and restore", async () => {
    const cookie = await sessionCookieFor((await makePerson("staff")).id);
    const post = (form: Record<string, string>) => action(args(makeRequest("/admin/categories", { cookie, form }))) as Promise<unknown>;

    await post({ intent: "create", formId: "new", name: "Payments", description: "Paying and refunds", colour: "#1E40AF" });
    const created = (await listCategories()).find((category) => category.name === "Payments")!;
    expect(created).toMatchObject({ description: "Paying and refunds", colour: "#1e40af", archivedAt: null });

    await post({ intent: "update", formId: `edit-${created.id}`, id: String(created.id), name: "Pagos", description: "", colour: "#1e40af" });
    expect((await getActiveCategory(created.id))?.name).toBe("Pagos");

    await post({ intent: "archive", id: String(created.id), archived: "true" });
    expect(await getActiveCategory(created.id)).toBeNull();
    expect((await listCategories()).map((category) => category.id)).not.toContain(created.id);
    expect((await listCategories({ includeArchived: true })).map((category) => category.id)).toContain(created.id);

    await post({ intent: "archive", id: String(created.id), archived: "false" });
    expect((await getActiveCategory(created.id))?.name).toBe("Pagos");
  });

  it("refuses a duplicate name (any case) and a bad colour with field errors", async () => {
    const cookie = await sessionCookieFor((await makePerson("staff")).id);
    const post = async (form: Record<string, string>) =>
      ((await action(args(makeRequest("/admin/categories", { cookie, form })))) as unknown as { data: Result }).data;
    await post({ intent: "create", formId: "new", name: "Delivery", colour: "#166534" });
    const duplicate = await post({ intent: "create", formId: "new", name: "DELIVERY", colour: "#166534" });
    expect(duplicate.result?.error?.name).toEqual(["errors.category.nameTaken"]);
    const badColour = await post({ intent: "create", formId: "new", name: "Mobile", colour: "red" });
    expect(badColour.result?.error?.colour).toEqual(["errors.category.colour"]);
  });
});
