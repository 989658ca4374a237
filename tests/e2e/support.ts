import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

import { linkInEmail } from "./support/mail";

export { expectNoA11yViolations } from "./support/axe";
export { linkInEmail } from "./support/mail";

export const ADMIN = { email: "admin@e2e.example", password: "admin password 123", name: "Ada Admin" };
/** The admin's saved session, written by the setup test, in this run's folder (see playwright.config.ts). */
export const ADMIN_STATE = path.join(process.env.TERTULIA_E2E_RUN_DIR ?? ".cache", "admin-state.json");
export const PASSWORD = "a good long password";

/** The file the test server reads its clock offset from (CLOCK_OFFSET_FILE in playwright.config.ts). */
const CLOCK_OFFSET_FILE = path.join(process.env.TERTULIA_E2E_RUN_DIR ?? ".cache", "clock-offset");

/** Moves the server's clock `ms` milliseconds ahead of the real time (not cumulative). Undo it with resetClock. */
export function moveClock(ms: number) {
  fs.mkdirSync(path.dirname(CLOCK_OFFSET_FILE), { recursive: true });
  // Written aside and renamed, so the server never reads a half-written number.
  fs.writeFileSync(`${CLOCK_OFFSET_FILE}.tmp`, String(Math.round(ms)));
  fs.renameSync(`${CLOCK_OFFSET_FILE}.tmp`, CLOCK_OFFSET_FILE);
}

/** Puts the server's clock back to the real time. */
export function resetClock() {
  fs.rmSync(CLOCK_OFFSET_FILE, { force: true });
}

let counter = 0;
/** An email no other test uses, even across retries. */
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@e2e.example`;
}

/** Switches the interface language with the footer's switcher. */
export async function switchLanguage(page: Page, locale: "en" | "es") {
  await page.getByRole("button", { name: locale === "es" ? "Español" : "English", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/**
 * Signs up through the form and confirms the address with the link from the email file, as a
 * person would: they end signed in, able to take part.
 */
export async function signUp(page: Page, person: { email: string; name: string; password?: string }) {
  await page.goto("/signup");
  await page.locator("input[name=displayName]").fill(person.name);
  await page.locator("input[name=email]").fill(person.email);
  await page.locator("input[name=password]").fill(person.password ?? PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await expect(page.getByRole("status")).toContainText(person.email);
  await confirmAddress(page, person.email);
  await expect(page.locator("header")).toContainText(person.name);
}

/** Opens the `nth` confirmation link sent to this address and presses its button. */
export async function confirmAddress(page: Page, email: string, nth = 1) {
  await page.goto(await linkInEmail(email, "/verify-email/", nth));
  await page.locator("main form button[type=submit]").click();
  await expect(page).not.toHaveURL(/\/verify-email\//);
}

export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.locator("main form button[type=submit]").click();
}

export async function logOut(page: Page) {
  await page.locator("header summary").click();
  await page.locator("header form[action='/logout'] button").click();
  await expect(page.locator("header")).toContainText(/Log in|Entrar/);
}

const IDEA_FORM = {
  en: { post: "Post an idea", title: "Title", body: "Describe it", submit: "Post idea" },
  es: { post: "Proponer una idea", title: "Título", body: "Descríbela", submit: "Publicar idea" },
} as const;

/** Posts an idea through the form; `write` types the body in the editor. */
export async function postIdea(page: Page, locale: "en" | "es", title: string, write: (page: Page) => Promise<void>) {
  const text = IDEA_FORM[locale];
  await page.getByRole("link", { name: text.post }).click();
  await expect(page).toHaveURL(/\/ideas\/new$/);
  await page.getByLabel(text.title, { exact: true }).fill(title);
  await typeInEditor(page, text.body, "");
  await write(page);
  await page.getByRole("button", { name: text.submit }).click();
  await expect(page).toHaveURL(/\/ideas\/\d+-/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

/**
 * Types into a rich-text field: clicking the box (a plain textarea until then) fetches the
 * editor, which takes over with the caret at the end of the text.
 */
export async function typeInEditor(page: Page, label: string | RegExp, text: string) {
  const box = page.getByRole("textbox", { name: label });
  await box.click();
  await expect(box).toHaveAttribute("contenteditable", "true");
  await expect(box).toBeFocused();
  await page.keyboard.type(text);
}
