import { describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { getSite } from "~/domain/site.server";
import { listStaff, verifyCredentials } from "~/domain/people.server";
import { sqlite } from "~/lib/db.server";
import { DEMO_PASSWORD } from "#db/seed/demo";

describe("demo seed", () => {
  it("creates the site, an admin, three staff with titles and thirty customers", async () => {
    await seedDemo();
    expect(getSite()?.name).toBe("Tertulia Demo");
    const staff = listStaff();
    expect(staff.map((person) => person.role).sort()).toEqual(["admin", "staff", "staff", "staff"]);
    expect(staff.every((person) => person.jobTitle && person.bio)).toBe(true);
    expect(sqlite.prepare("select count(*) as n from users where role = 'customer'").get()).toEqual({ n: 30 });
    expect(await verifyCredentials("customer7@demo.example", DEMO_PASSWORD)).toMatchObject({ id: "customer7" });
  });
});
