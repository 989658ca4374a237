import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, expectNoA11yViolations, switchLanguage, uniqueEmail } from "./support";

// Issue 15 in one journey per language, as the admin: an API key made, used over HTTP and
// revoked; the reference; a customer's vote recorded from the idea page; the feeds each page
// links to, read as a feed reader would.

const copy = {
  en: {
    staffArea: "Staff area",
    apiKeys: "API keys",
    name: "Name",
    access: "Access",
    readOnly: "Read only",
    create: "Create key",
    revoke: "Revoke",
    reference: "Read the API reference.",
    title: "API reference",
    email: "Customer's email",
    company: "Company",
    note: "Where it came from",
    submit: "Record vote",
    recorded: "vote is recorded",
    recordedBy: "recorded by Ada Admin",
  },
  es: {
    staffArea: "Área del equipo",
    apiKeys: "Claves de API",
    name: "Nombre",
    access: "Acceso",
    readOnly: "Solo lectura",
    create: "Crear clave",
    revoke: "Revocar",
    reference: "Consulta la referencia de la API.",
    title: "Referencia de la API",
    email: "Correo del cliente",
    company: "Empresa",
    note: "De dónde viene",
    submit: "Registrar voto",
    recorded: "registrado",
    recordedBy: "registrado por Ada Admin",
  },
} as const;

/** The page's Atom link, fetched and parsed by the browser: well-formed XML whose root is an Atom feed, titled as the link is. */
async function expectAtomFeed(page: Page) {
  const link = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
  const title = (await link.getAttribute("title")) ?? "";
  const parsed = await page.evaluate(async (url) => {
    const response = await fetch(url);
    const document = new DOMParser().parseFromString(await response.text(), "application/xml");
    return {
      type: response.headers.get("Content-Type"),
      error: document.querySelector("parsererror")?.textContent ?? null,
      root: `${document.documentElement.namespaceURI} ${document.documentElement.localName}`,
      title: document.querySelector("feed > title")?.textContent ?? "",
    };
  }, (await link.getAttribute("href"))!);
  expect(parsed).toMatchObject({ type: "application/atom+xml; charset=utf-8", error: null, root: "http://www.w3.org/2005/Atom feed" });
  expect(parsed.title).not.toBe("");
  expect(parsed.title).toBe(title);
}

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN_STATE });

  for (const locale of ["en", "es"] as const) {
    test(`[${locale}] makes an API key and uses it, records a customer's vote from the idea page, and reads the feeds`, async ({ page, request, baseURL }) => {
      const text = copy[locale];
      await page.goto("/admin");
      await switchLanguage(page, locale);

      // An API key: made, shown once, used over HTTP, revoked.
      await page.getByRole("navigation", { name: text.staffArea }).getByRole("link", { name: text.apiKeys }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.apiKeys);
      const name = `Browser key ${locale} ${Date.now()}`;
      await page.getByLabel(text.name).fill(name);
      await page.getByLabel(text.access).selectOption({ label: text.readOnly });
      await page.getByRole("button", { name: text.create }).click();
      const key = await page.getByRole("status").getByRole("textbox").inputValue();
      expect(key).toMatch(/^trt_/);
      await expectNoA11yViolations(page);

      const ideas = await request.get("/api/v1/ideas?sort=new&limit=1", { headers: { Authorization: `Bearer ${key}` } });
      expect(ideas.status()).toBe(200);
      expect(await ideas.json()).toHaveProperty("nextCursor");
      const notAnId = await request.get("/api/v1/ideas/abc", { headers: { Authorization: `Bearer ${key}` } });
      expect(notAnId.status()).toBe(404);
      // Past the server's own body limit the request guard refuses it unread, in the API's JSON too.
      const tooLarge = await request.post("/api/v1/people", { data: "x".repeat(1_100_000), headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" } });
      expect([tooLarge.status(), ((await tooLarge.json()) as { error: { code: string } }).error.code]).toEqual([413, "payload_too_large"]);

      await page.getByRole("button", { name: `${text.revoke} ${name}` }).click();
      await expect(page.getByRole("button", { name: `${text.revoke} ${name}` })).toHaveCount(0);
      const revoked = await request.get("/api/v1/ideas", { headers: { Authorization: `Bearer ${key}` } });
      expect([revoked.status(), (await revoked.json()) as unknown]).toEqual([401, { error: { code: "revoked_key", message: "This API key was revoked." } }]);

      await page.getByRole("link", { name: text.reference }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.title);
      await expect(page.getByRole("heading", { name: "GET /api/v1/ideas", exact: true })).toBeVisible();
      await expectNoA11yViolations(page);

      // A customer's vote heard on the phone, recorded from the idea page: the count moves by one.
      const title = `Heard on the phone ${locale} ${Date.now()}`;
      const posted = await page.request.post("/ideas/new", { form: { title, body: "Customers keep asking for this." }, headers: { Origin: baseURL! } });
      expect(posted.ok()).toBe(true);
      await page.goto(posted.url());
      const voteButton = page.locator("main form[action$='/vote'] button[type=submit]").first();
      await expect(voteButton).toContainText("1");
      await page.getByLabel(text.email).fill(uniqueEmail(`phone-${locale}`));
      await page.getByLabel(text.name, { exact: true }).fill("Pat Phone");
      await page.getByLabel(text.company).fill("Phone & Co");
      await page.getByLabel(text.note).fill("call with Pat, 12 May");
      await page.getByRole("button", { name: text.submit }).click();
      await expect(page.getByRole("status").filter({ hasText: text.recorded })).toBeVisible();
      await expect(voteButton).toContainText("2");
      await expect(page.getByText(text.recordedBy)).toBeVisible();
      await expectNoA11yViolations(page);

      // The feeds: this idea's updates, the newest ideas, the adopted ones.
      await expectAtomFeed(page);
      for (const path of ["/", "/adopted"]) {
        await page.goto(path);
        await expectAtomFeed(page);
      }
      await expectNoA11yViolations(page);
    });
  }
});
