import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, logIn, logOut, PASSWORD, signUp, switchLanguage, uniqueEmail } from "./support";

const copy = {
  en: { signup: "Sign up", login: "Log in", badCredentials: "The email or the password is not right.", emailTaken: "An account with this email already exists." },
  es: { signup: "Crear cuenta", login: "Entrar", badCredentials: "El correo o la contraseña no son correctos.", emailTaken: "Ya existe una cuenta con este correo." },
} as const;

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] sign up, log out, a wrong password, log in`, async ({ page }) => {
    const text = copy[locale];
    const email = uniqueEmail(`account-${locale}`);
    await page.goto("/");
    await switchLanguage(page, locale);
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: text.signup }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await expectNoA11yViolations(page);
    await page.locator("input[name=displayName]").fill(`Cliente ${locale}`);
    await page.locator("input[name=email]").fill(email);
    await page.locator("input[name=password]").fill(PASSWORD);
    await page.locator("main form button[type=submit]").click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("header")).toContainText(`Cliente ${locale}`);
    await expectNoA11yViolations(page);

    await logOut(page);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: text.signup }).click();
    await page.locator("input[name=displayName]").fill("Someone else");
    await page.locator("input[name=email]").fill(email.toUpperCase());
    await page.locator("input[name=password]").fill(PASSWORD);
    await page.locator("main form button[type=submit]").click();
    await expect(page.getByText(text.emailTaken)).toBeVisible();
    await expect(page.locator("input[name=displayName]")).toHaveValue("Someone else");
    await expectNoA11yViolations(page);

    await page.getByRole("link", { name: text.login, exact: true }).first().click();
    await expect(page).toHaveURL(/\/login/);
    await expectNoA11yViolations(page);
    await logIn(page, email, "not my password");
    await expect(page.getByRole("alert")).toHaveText(text.badCredentials);
    await expect(page.locator("input[name=email]")).toHaveValue(email);
    await expectNoA11yViolations(page);

    await logIn(page, email);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("header")).toContainText(`Cliente ${locale}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectNoA11yViolations(page);
  });
}

test("after log-in, the session cookie is new, HttpOnly, SameSite=Lax and Secure", async ({ page, context }) => {
  const email = uniqueEmail("cookie");
  await signUp(page, { email, name: "Cookie Checker" });
  await expectNoA11yViolations(page);
  const sessionCookie = async () => (await context.cookies()).find((cookie) => cookie.name === "tertulia_session");
  const first = await sessionCookie();
  expect(first).toBeDefined();

  await logOut(page);
  await page.getByRole("link", { name: "Log in", exact: true }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await logIn(page, email);
  await expect(page.locator("header")).toContainText("Cookie Checker");
  const session = await sessionCookie();
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
  expect(session?.value).not.toBe(first?.value);
});

test("a visitor is sent to log in and comes back where they were", async ({ page }) => {
  const email = uniqueEmail("returning");
  await signUp(page, { email, name: "Returning Customer" });
  await logOut(page);

  await page.goto("/settings/profile");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Fprofile$/);
  await expectNoA11yViolations(page);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expectNoA11yViolations(page);
});
