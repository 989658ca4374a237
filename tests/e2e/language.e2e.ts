import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, logIn, signUp, switchLanguage, uniqueEmail } from "./support";

test("the footer switches the language, and it sticks on the next page", async ({ page }) => {
  await page.goto("/team");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Roadmap");
  await expectNoA11yViolations(page);

  await switchLanguage(page, "es");
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("El equipo");
  await expect(page.getByRole("navigation", { name: "Principal" })).toContainText("Hoja de ruta");
  await expectNoA11yViolations(page);

  await page.getByRole("link", { name: "Retos" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Retos");
  await expectNoA11yViolations(page);
  await page.getByRole("link", { name: "Hoja de ruta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hoja de ruta");
  await expectNoA11yViolations(page);

  await switchLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Roadmap");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Challenges");
  await page.getByRole("link", { name: "Team" }).first().click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The team");
});

test("a signed-in person's choice is stored with their account", async ({ page, browser }) => {
  const email = uniqueEmail("polyglot");
  await signUp(page, { email, name: "Polyglot" });
  await switchLanguage(page, "es");
  await expectNoA11yViolations(page);

  // A new browser, with an English Accept-Language and no cookie: the account's choice wins.
  const fresh = await browser.newContext({ locale: "en-US" });
  const other = await fresh.newPage();
  await other.goto("/login");
  await expect(other.locator("html")).toHaveAttribute("lang", "en");
  await expectNoA11yViolations(other);
  await logIn(other, email);
  await expect(other.locator("html")).toHaveAttribute("lang", "es");
  await expect(other.getByRole("navigation", { name: "Principal" })).toContainText("Hoja de ruta");
  await expectNoA11yViolations(other);
  await fresh.close();
});

test("an unknown page answers 404 in the reader's language", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectNoA11yViolations(page);
  await switchLanguage(page, "es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Página no encontrada");
  await expectNoA11yViolations(page);
  const again = await page.goto("/otra/pagina/que/no/existe");
  expect(again?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Página no encontrada");
});
