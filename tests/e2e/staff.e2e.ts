import { expect, test } from "@playwright/test";
import { ADMIN_STATE, expectNoA11yViolations, PASSWORD, signUp, uniqueEmail } from "./support";

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("invites a staff member, who accepts and appears on the team page", async ({ page, browser }) => {
    const email = uniqueEmail("staff");
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Staff area" }).getByRole("link", { name: "Team" }).click();
    await expect(page).toHaveURL(/\/admin\/team$/);
    await expectNoA11yViolations(page);

    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = await page.locator("#invitation-link").inputValue();
    expect(link).toMatch(/\/invitations\/[\w-]+$/);
    await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(email);
    await expectNoA11yViolations(page);

    const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const newcomer = await invitee.newPage();
    await newcomer.goto(link);
    await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Join the team");
    await expectNoA11yViolations(newcomer);
    await newcomer.getByLabel("Display name").fill("Sam Staff");
    await newcomer.getByLabel("Job title").fill("Support Lead");
    await newcomer.getByLabel("Password").fill(PASSWORD);
    await newcomer.getByRole("button", { name: "Accept the invitation" }).click();
    await expect(newcomer).toHaveURL(/\/admin$/);
    await expect(newcomer.locator("header")).toContainText("Sam Staff");

    await newcomer.goto("/team");
    await expect(newcomer.getByRole("listitem").filter({ hasText: "Sam Staff" })).toContainText("Support Lead");
    await expectNoA11yViolations(newcomer);

    // The link worked once.
    await newcomer.goto(link);
    await expect(newcomer.getByRole("heading", { level: 2 })).toHaveText("This invitation cannot be used");
    await invitee.close();

    await page.reload();
    await expect(page.getByRole("region", { name: "Staff members" })).toContainText("Sam Staff");
  });
});

test.describe("as a customer", () => {
  test("the staff area is refused, pages and actions", async ({ page, baseURL }) => {
    await signUp(page, { email: uniqueEmail("nosy"), name: "Nosy Customer" });
    for (const path of ["/admin", "/admin/team", "/admin/categories"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
    }
    await expectNoA11yViolations(page);
    const post = await page.request.post("/admin/team", {
      form: { intent: "invite", email: "me-as-staff@example.com" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
  });
});

test("a POST from another site is refused, one from this site is not", async ({ request, baseURL }) => {
  const foreign = await request.post("/login", {
    form: { email: "x@example.com", password: "whatever" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  const own = await request.post("/login", {
    form: { email: "x@example.com", password: "whatever" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(own.status()).not.toBe(403);
});
