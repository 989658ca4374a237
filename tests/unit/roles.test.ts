import { describe, expect, it } from "vitest";
import { hasRole, isStaff } from "~/domain/roles";

describe("roles", () => {
  it("rank: admin includes staff, staff includes customer", () => {
    expect(hasRole({ role: "admin" }, "staff")).toBe(true);
    expect(hasRole({ role: "staff" }, "admin")).toBe(false);
    expect(hasRole({ role: "customer" }, "staff")).toBe(false);
    expect(hasRole(null, "customer")).toBe(false);
  });

  it("call staff and admins staff, and nobody else", () => {
    expect([{ role: "admin" as const }, { role: "staff" as const }].every(isStaff)).toBe(true);
    expect([{ role: "customer" as const }, null, undefined].some(isStaff)).toBe(false);
  });
});
