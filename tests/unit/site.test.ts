import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createCategory, getActiveCategory, listCategories, setCategoryArchived, updateCategory } from "~/domain/categories.server";
import { getSite } from "~/domain/site.server";
import { exec } from "#tests/support/db";
import { accepted, ensureSite } from "#tests/support/fixtures";

beforeAll(ensureSite);

const colour = "#336699";

describe("settings and categories kept in memory", () => {
  it("are read once while nothing changes", async () => {
    expect(await listCategories()).toBe(await listCategories());
    expect(await getSite()).toBe(await getSite());
  });

  it("show a change made through the domain at once", async () => {
    const category = accepted(await createCategory({ name: "Delivery", description: "", colour }));
    expect((await listCategories()).map(({ name }) => name)).toContain("Delivery");
    accepted(await updateCategory(category.id, { name: "Shipping", description: "", colour }));
    expect((await listCategories()).map(({ name }) => name)).toContain("Shipping");
    expect((await getActiveCategory(category.id))?.name).toBe("Shipping");
    accepted(await setCategoryArchived(category.id, true));
    expect(await getActiveCategory(category.id)).toBeNull();
    expect((await listCategories({ includeArchived: true })).map(({ name }) => name)).toContain("Shipping");
  });

  it("show a change another process made, once its settings version moved", async () => {
    const category = accepted(await createCategory({ name: "Payments", description: "", colour }));
    expect((await getActiveCategory(category.id))?.name).toBe("Payments");
    // As another server process would: the change and the version raised in one transaction.
    await exec(sql`update categories set name = 'Billing' where id = ${category.id}`);
    expect((await getActiveCategory(category.id))?.name).toBe("Payments");
    await exec(sql`update site set settings_version = settings_version + 1, name = 'Renamed portal'`);
    expect((await getActiveCategory(category.id))?.name).toBe("Billing");
    expect((await getSite())?.name).toBe("Renamed portal");
  });
});
