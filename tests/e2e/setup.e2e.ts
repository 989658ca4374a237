import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, expectNoA11yViolations } from "./support";

test("first run: every page leads to /setup, which creates the site and its admin, then closes", async ({ page }) => {
  await page.goto("/team");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up your portal");
  // Nothing to navigate to yet: every link would lead back here.
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(page.locator("header a")).toHaveCount(0);
  await expectNoA11yViolations(page);

  // A mistake comes back with a translated error and keeps what was typed.
  await page.getByLabel("Portal name").fill("Tertulia E2E");
  await page.getByLabel("Default language").selectOption("en");
  await page.getByLabel("Reply promise (days)").fill("3");
  await page.getByLabel("Display name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create the portal" }).click();
  await expect(page.getByText("The password needs at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Portal name")).toHaveValue("Tertulia E2E");
  await expect(page.getByLabel("Default language")).toHaveValue("en");
  await expect(page.getByLabel("Reply promise (days)")).toHaveValue("3");
  await expectNoA11yViolations(page);

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create the portal" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff area");
  await expect(page.locator("header")).toContainText(ADMIN.name);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectNoA11yViolations(page);
  fs.mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });

  // Setup is closed now.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("header")).toContainText("Tertulia E2E");
  await expectNoA11yViolations(page);
});
