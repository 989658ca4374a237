import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, confirmAddress, expectNoA11yViolations, linkInEmail, logIn, logOut, PASSWORD, postIdea, signUp, switchLanguage, uniqueEmail } from "./support";

const copy = {
  en: {
    signup: "Sign up",
    login: "Log in",
    checkEmail: "Check your email",
    badCredentials: "The email or the password is not right.",
    reminder: "Confirm your email address to post ideas, vote and comment",
    voteRefused: "Confirm your email address to vote.",
    commentRefused: "To comment, first confirm your email address",
    forgot: "Forgot your password?",
    sendLink: "Send me a link",
    newPassword: "New password",
    savePassword: "Save the new password",
    sessions: "Where you are signed in",
    thisBrowser: "This browser",
    signOutOther: "Sign out the other session",
    password: "Password",
    currentPassword: "Current password",
    changePassword: "Change my password",
    downloadData: "Download my data",
    confirmDeletion: "To confirm, type your address",
    deleteAccount: "Delete my account for good",
    deleted: "Your account was deleted",
  },
  es: {
    signup: "Crear cuenta",
    login: "Entrar",
    checkEmail: "Revisa tu correo",
    badCredentials: "El correo o la contraseña no son correctos.",
    reminder: "Confirma tu correo para proponer ideas, votar y comentar",
    voteRefused: "Confirma tu correo para votar.",
    commentRefused: "Para comentar, confirma primero tu correo",
    forgot: "¿Has olvidado tu contraseña?",
    sendLink: "Envíame un enlace",
    newPassword: "Contraseña nueva",
    savePassword: "Guardar la contraseña nueva",
    sessions: "Dónde tienes la sesión abierta",
    thisBrowser: "Este navegador",
    signOutOther: "Cerrar la otra sesión",
    password: "Contraseña",
    currentPassword: "Contraseña actual",
    changePassword: "Cambiar mi contraseña",
    downloadData: "Descargar mis datos",
    confirmDeletion: "Para confirmar, escribe tu dirección",
    deleteAccount: "Eliminar mi cuenta para siempre",
    deleted: "Tu cuenta se ha eliminado",
  },
} as const;

const NEW_PASSWORD = "a fresh long passphrase";
const voteButton = (page: Page) => page.locator("main form[action$='/vote'] button").first();

let ideaPath = "";
test.beforeAll(async ({ browser }) => {
  // Something to vote on, posted by the admin.
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/");
  await switchLanguage(page, "en");
  await postIdea(page, "en", `Accounts journey ${Date.now()}`, (current) => current.keyboard.type("Vote for me."));
  ideaPath = new URL(page.url()).pathname;
  await context.close();
});

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] sign up, cannot vote until the address is confirmed; forgot the password, reset it, the other session ends; sessions and password in account settings; their data, and leaving`, async ({ page, browser }) => {
    const text = copy[locale];
    const email = uniqueEmail(`account-${locale}`);
    const name = `Cliente ${locale}`;
    await page.goto("/");
    await switchLanguage(page, locale);
    await page.getByRole("link", { name: text.signup }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await expectNoA11yViolations(page);
    await page.locator("input[name=displayName]").fill(name);
    await page.locator("input[name=email]").fill(email);
    await page.locator("input[name=password]").fill(PASSWORD);
    await page.locator("main form button[type=submit]").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.checkEmail);
    await expect(page.getByRole("status")).toContainText(email);
    await expectNoA11yViolations(page);

    // Before confirming: they may log in and read, are reminded, and cannot vote or comment.
    await page.getByRole("link", { name: text.login, exact: true }).first().click();
    await logIn(page, email, "not my password");
    await expect(page.getByRole("alert")).toHaveText(text.badCredentials);
    await expect(page.locator("input[name=email]")).toHaveValue(email);
    await logIn(page, email);
    await expect(page.locator("header")).toContainText(name);
    await page.goto(ideaPath);
    await expect(page.getByRole("note").filter({ hasText: text.reminder })).toBeVisible();
    await expect(page.getByText(text.commentRefused)).toBeVisible();
    await voteButton(page).click();
    await expect(page.getByText(text.voteRefused)).toBeVisible();
    await expect(voteButton(page)).toHaveAttribute("aria-pressed", "false");
    await expectNoA11yViolations(page);

    // The link in the email confirms the address: now the vote counts.
    await confirmAddress(page, email);
    await page.goto(ideaPath);
    await expect(page.getByRole("note").filter({ hasText: text.reminder })).toHaveCount(0);
    // The button changes at once (optimistic); wait for the server's answer before reloading.
    const voted = page.waitForResponse((response) => response.request().method() === "POST" && /\/vote/.test(response.url()));
    await voteButton(page).click();
    await expect(voteButton(page)).toHaveAttribute("aria-pressed", "true");
    await voted;
    await page.reload();
    await expect(voteButton(page)).toHaveAttribute("aria-pressed", "true");

    // On another device they forgot the password: a link by email sets a new one and signs them in there.
    const otherDevice = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const phone = await otherDevice.newPage();
    await phone.goto("/login");
    await switchLanguage(phone, locale);
    await phone.getByRole("link", { name: text.forgot }).click();
    await expectNoA11yViolations(phone);
    await phone.getByLabel("Email").or(phone.getByLabel("Correo electrónico")).fill(email);
    await phone.getByRole("button", { name: text.sendLink }).click();
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText(text.checkEmail);
    await expectNoA11yViolations(phone);
    await phone.goto(await linkInEmail(email, "/reset-password/"));
    await expectNoA11yViolations(phone);
    await phone.getByLabel(text.newPassword).fill(NEW_PASSWORD);
    await phone.getByRole("button", { name: text.savePassword }).click();
    await expect(phone).toHaveURL(/\/$/);
    await expect(phone.locator("header")).toContainText(name);

    // The first browser's session ended with the reset.
    await page.reload();
    await expect(page.locator("header")).not.toContainText(name);
    await page.getByRole("link", { name: text.login, exact: true }).first().click();
    await logIn(page, email, NEW_PASSWORD);
    await expect(page.locator("header")).toContainText(name);

    // Back at the first browser, they see both sessions and sign the phone out, then change the password.
    await page.goto("/settings/account");
    const sessions = page.getByRole("region", { name: text.sessions });
    await expect(sessions.getByRole("listitem")).toHaveCount(2);
    await expect(sessions.getByRole("listitem").filter({ hasText: text.thisBrowser })).toHaveCount(1);
    await sessions.getByRole("button", { name: text.signOutOther }).click();
    await expect(sessions.getByRole("status")).toBeVisible();
    await expect(sessions.getByRole("listitem")).toHaveCount(1);
    await phone.reload();
    await expect(phone.locator("header")).not.toContainText(name);
    await otherDevice.close();
    // (A wrong current password, and the throttle on it, are tested in tests/integration/settings.account.test.ts.)
    const passwordSection = page.getByRole("region", { name: text.password, exact: true });
    await passwordSection.getByLabel(text.currentPassword).fill(NEW_PASSWORD);
    await passwordSection.getByLabel(text.newPassword).fill("yet another long passphrase");
    await passwordSection.getByRole("button", { name: text.changePassword }).click();
    await expect(passwordSection.getByRole("status")).toBeVisible();
    await expectNoA11yViolations(page);

    // Their data, as a file; then they leave for good, and their vote stays counted.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: text.downloadData }).click();
    const file = JSON.parse(fs.readFileSync(await (await download).path(), "utf8")) as { profile: { email: string }; votes: unknown[] };
    expect(file.profile.email).toBe(email);
    expect(file.votes).toHaveLength(1);
    await page.getByLabel(text.confirmDeletion).fill(email);
    await page.getByRole("button", { name: text.deleteAccount }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.deleted);
    await expect(page.locator("header")).not.toContainText(name);
    await expectNoA11yViolations(page);
    await page.goto(ideaPath);
    await expect(voteButton(page)).toContainText(/[1-9]/);
  });
}

test("after log-in, the session cookie is new, HttpOnly, SameSite=Lax, and Secure only where the site is served over HTTPS", async ({ page, context }) => {
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
  // The tests' APP_URL is http://localhost (as the default): a Secure cookie follows APP_URL, not NODE_ENV.
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
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
