import { expect, test, type Browser } from "@playwright/test";
import { SignJWT } from "jose";
import { ADMIN_STATE, expectNoA11yViolations, switchLanguage } from "./support";

const copy = {
  en: { title: "Sign-in from your product", create: "Make a secret", replayed: "already used", invalid: "not valid", expired: "has expired" },
  es: { title: "Acceso desde tu producto", create: "Crear un secreto", replayed: "ya se usó", invalid: "no es válido", expired: "ha caducado" },
} as const;

/** The secret shown to the admin at /admin/sso (made on the first visit that finds none). */
async function ssoSecret(browser: Browser, locale: "en" | "es") {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/admin/sso");
  await switchLanguage(page, locale);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(copy[locale].title);
  if ((await page.locator("#sso-secret").count()) === 0) await page.getByRole("button", { name: copy[locale].create }).click();
  const secret = await page.locator("#sso-secret").inputValue();
  await expectNoA11yViolations(page);
  await context.close();
  return secret;
}

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] a customer signs in through the company's OpenID Connect provider, then with a token the company's product signed; forged, expired and replayed tokens are refused`, async ({ browser, baseURL }) => {
    const text = copy[locale];
    const secret = await ssoSecret(browser, locale);
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/roadmap");
    await switchLanguage(page, locale);

    // OpenID Connect: the local provider (tests/e2e/support/oidc-provider.mjs) signs everyone in as Olga.
    await page.goto("/login?redirectTo=%2Froadmap");
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Acme sign-in" }).click();
    await expect(page).toHaveURL(/\/roadmap$/);
    await expect(page.locator("header")).toContainText("Olga Oidc");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await context.clearCookies({ name: "tertulia_session" });

    // A signed token: good once, then refused as replayed; forged and expired ones are refused too.
    const email = `sso-${locale}-${Date.now()}@company.example`;
    const name = `Token Customer ${locale}`;
    const sign = (key: string, expiresAt: number | string = "5m", issuedAt = Math.floor(Date.now() / 1000)) =>
      new SignJWT({ email, name, company: "Company S.A." })
        .setProtectedHeader({ alg: "HS256" })
        .setAudience(new URL(baseURL!).origin)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(`${email}-${Math.random()}`)
        .sign(new TextEncoder().encode(key));
    const token = await sign(secret);
    await page.goto(`/sso?${new URLSearchParams({ token, redirectTo: "/roadmap" })}`);
    await expect(page).toHaveURL(/\/roadmap$/);
    await expect(page.locator("header")).toContainText(name);
    await context.clearCookies({ name: "tertulia_session" });

    await page.goto(`/sso?${new URLSearchParams({ token })}`);
    await expect(page.getByRole("main")).toContainText(text.replayed);
    await expectNoA11yViolations(page);
    await page.goto(`/sso?${new URLSearchParams({ token: await sign("a forged secret that is long enough") })}`);
    await expect(page.getByRole("main")).toContainText(text.invalid);
    const past = Math.floor(Date.now() / 1000) - 3600;
    await page.goto(`/sso?${new URLSearchParams({ token: await sign(secret, past + 300, past) })}`);
    await expect(page.getByRole("main")).toContainText(text.expired);
    await expect(page.locator("header")).not.toContainText(name);
    await context.close();
  });
}
