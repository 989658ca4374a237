import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, expectNoA11yViolations, linkInEmail, PASSWORD, signUp, switchLanguage, uniqueEmail } from "./support";

const copy = {
  en: {
    staffArea: "Staff area",
    team: "Team",
    email: "Email",
    invite: "Create invitation",
    pending: "Pending invitations",
    join: "Join the team",
    displayName: "Display name",
    jobTitle: "Job title",
    password: "Password",
    accept: "Accept the invitation",
    unusable: "This invitation cannot be used",
    staffMembers: "Staff members",
    teamPage: "The team",
    audit: "Audit log",
    what: "What",
    invited: "Invited a staff member",
    filter: "Filter",
    sentence: (email: string) => `${ADMIN.name} invited ${email} to join the team`,
  },
  es: {
    staffArea: "Área del equipo",
    team: "Equipo",
    email: "Correo electrónico",
    invite: "Crear invitación",
    pending: "Invitaciones pendientes",
    join: "Únete al equipo",
    displayName: "Nombre visible",
    jobTitle: "Cargo",
    password: "Contraseña",
    accept: "Aceptar la invitación",
    unusable: "Esta invitación no se puede usar",
    staffMembers: "Personas del equipo",
    teamPage: "El equipo",
    audit: "Registro",
    what: "Qué",
    invited: "Invitó a alguien al equipo",
    filter: "Filtrar",
    sentence: (email: string) => `${ADMIN.name} invitó a ${email} a unirse al equipo`,
  },
} as const;

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN_STATE });

  for (const locale of ["en", "es"] as const) {
    test(`[${locale}] invites a staff member by email, who accepts and appears on the team page`, async ({ page, browser }) => {
      const text = copy[locale];
      const email = uniqueEmail(`staff-${locale}`);
      const name = `Sam Staff ${locale}`;
      const title = locale === "es" ? "Responsable de soporte" : "Support Lead";
      await page.goto("/admin");
      await switchLanguage(page, locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.staffArea);
      await expectNoA11yViolations(page);
      await page.getByRole("navigation", { name: text.staffArea }).getByRole("link", { name: text.team }).click();
      await expect(page).toHaveURL(/\/admin\/team$/);
      await expectNoA11yViolations(page);

      await page.getByLabel(text.email).fill(email);
      await page.getByRole("button", { name: text.invite }).click();
      await expect(page.getByRole("region", { name: text.pending })).toContainText(email);
      await expectNoA11yViolations(page);
      // The invitation arrives by email; the admin sees the same link, for other channels.
      const link = await linkInEmail(email, "/invitations/");
      await expect(page.locator("input#invitation-link")).toHaveValue(link);

      // The invitee opens the link in a browser of their own, in the same language.
      const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const newcomer = await invitee.newPage();
      await newcomer.goto(link);
      await switchLanguage(newcomer, locale);
      await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText(text.join);
      await expectNoA11yViolations(newcomer);
      await newcomer.getByLabel(text.displayName).fill(name);
      await newcomer.getByLabel(text.jobTitle).fill(title);
      await newcomer.getByLabel(text.password).fill(PASSWORD);
      await newcomer.getByRole("button", { name: text.accept }).click();
      await expect(newcomer).toHaveURL(/\/admin$/);
      await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText(text.staffArea);
      await expect(newcomer.locator("header")).toContainText(name);
      await expectNoA11yViolations(newcomer);

      await newcomer.goto("/team");
      await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText(text.teamPage);
      await expect(newcomer.getByRole("listitem").filter({ hasText: name })).toContainText(title);
      await expectNoA11yViolations(newcomer);

      // The link worked once.
      await newcomer.goto(link);
      await expect(newcomer.getByRole("heading", { level: 2 })).toHaveText(text.unusable);
      await expectNoA11yViolations(newcomer);
      await invitee.close();

      await page.reload();
      await expect(page.getByRole("region", { name: text.staffMembers })).toContainText(name);
      await expect(page.getByRole("region", { name: text.pending }).filter({ hasText: email })).toHaveCount(0);

      // The audit log says it in a sentence, found by filtering on the action.
      await page.getByRole("navigation", { name: text.staffArea }).getByRole("link", { name: text.audit }).click();
      await page.getByLabel(text.what).selectOption({ label: text.invited });
      await page.getByRole("button", { name: text.filter }).click();
      await expect(page).toHaveURL(/action=invitation\.create/);
      await expect(page.getByRole("listitem").filter({ hasText: text.sentence(email) })).toHaveCount(1);
      await expectNoA11yViolations(page);
    });
  }
});

test.describe("as a customer", () => {
  test("the staff area is refused, pages and actions", async ({ page, baseURL }) => {
    await signUp(page, { email: uniqueEmail("nosy"), name: "Nosy Customer" });
    for (const path of ["/admin", "/admin/team", "/admin/categories"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
      await expectNoA11yViolations(page);
    }
    const post = await page.request.post("/admin/team", {
      form: { intent: "invite", email: "me-as-staff@example.com" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    const promote = await page.request.post("/admin/team", {
      form: { intent: "change-role", personId: "1", role: "admin" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(promote.status()).toBe(403);
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

test("a signed-in person's session is not usable from another site", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("guarded"), name: "Guarded Customer" });
  const forged = await page.request.post("/logout", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  const noOrigin = await page.request.post("/set-language", { form: { locale: "es", redirectTo: "/" }, maxRedirects: 0 });
  expect(noOrigin.status()).toBe(403);
  await page.goto("/");
  await expect(page.locator("header")).toContainText("Guarded Customer");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
