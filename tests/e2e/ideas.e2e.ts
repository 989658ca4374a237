import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, confirmAddress, expectNoA11yViolations, PASSWORD, postIdea, signUp, switchLanguage, typeInEditor, uniqueEmail } from "./support";

const copy = {
  en: { post: "Post an idea", title: "Title", body: "Describe it", submit: "Post idea", bold: "Bold", link: "Link", similar: "Similar ideas already exist", search: "Search" },
  es: { post: "Proponer una idea", title: "Título", body: "Descríbela", submit: "Publicar idea", bold: "Negrita", link: "Enlace", similar: "Ya hay ideas parecidas", search: "Buscar" },
} as const;

const voteButton = (page: Page) => page.locator("article form[action$='/vote'] button");

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] a customer posts an idea with bold text and a link, sees similar ideas, votes and searches`, async ({ page }) => {
    const text = copy[locale];
    const tag = `Kappa${Date.now() % 100000}${locale}`;
    await signUp(page, { email: uniqueEmail(`ideas-${locale}`), name: `Idea Author ${locale}` });
    await switchLanguage(page, locale);
    await expectNoA11yViolations(page);

    // First idea: rich text, written with the editor's toolbar.
    const first = `Pagar con Bizum exprés ${tag}`;
    await postIdea(page, locale, first, async (current) => {
      const bold = current.getByRole("button", { name: text.bold });
      const editor = current.getByRole("textbox", { name: text.body });
      // The toolbar hands the focus back to the editor a frame later: type only once it has it.
      const toggleBold = async (on: boolean) => {
        await bold.click();
        await expect(bold).toHaveAttribute("aria-pressed", String(on));
        await expect(editor).toBeFocused();
      };
      await current.keyboard.type("Plain and ");
      await toggleBold(true);
      await current.keyboard.type("bold");
      await toggleBold(false);
      await current.keyboard.type(" with a link");
      for (let i = 0; i < 4; i++) await current.keyboard.press("Shift+ArrowLeft");
      current.once("dialog", (dialog) => dialog.accept("https://example.com/docs"));
      await current.getByRole("button", { name: text.link }).click();
    });
    const body = page.locator("article .rich-text");
    await expect(body.locator("strong")).toHaveText("bold");
    await expect(body.locator("a")).toHaveAttribute("href", "https://example.com/docs");
    await expect(body.locator("a")).toHaveAttribute("rel", "nofollow ugc noopener");
    await expect(body.locator("a")).toHaveText("link");
    await expectNoA11yViolations(page);

    // The author's vote comes with the idea; take it back and give it again.
    await expect(voteButton(page)).toHaveAttribute("aria-pressed", "true");
    await expect(voteButton(page)).toHaveText(/1/);
    // The count changes at once (optimistic); wait for the server's answer before reloading.
    const unvoted = page.waitForResponse((response) => response.request().method() === "POST" && /\/vote/.test(response.url()));
    await voteButton(page).click();
    await expect(voteButton(page)).toHaveAttribute("aria-pressed", "false");
    await expect(voteButton(page)).toHaveText(/0/);
    expect((await unvoted).ok()).toBe(true);
    await page.reload();
    await expect(voteButton(page)).toHaveText(/0/);
    await voteButton(page).click();
    await expect(voteButton(page)).toHaveAttribute("aria-pressed", "true");
    await expect(voteButton(page)).toHaveText(/1/);

    // Typing a similar title suggests the existing idea before posting a duplicate.
    await page.goto("/");
    await page.getByRole("link", { name: text.post }).click();
    await page.getByLabel(text.title, { exact: true }).fill(`pago expres ${tag}`);
    const hint = page.getByText(text.similar);
    await expect(hint).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(first) })).toBeVisible();
    await expectNoA11yViolations(page);

    // Search understands words: "pagos" finds "Pagar", and "expres" the accented "exprés".
    await page.goto("/");
    await page.getByRole("searchbox", { name: text.search }).fill(`pagos expres ${tag.toLowerCase()}`);
    await page.getByRole("searchbox", { name: text.search }).press("Enter");
    await expect(page).toHaveURL(/q=pagos/);
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(1);
    await expect(page.getByRole("link", { name: first })).toBeVisible();
    await expectNoA11yViolations(page);
  });
}

test("a bad idea comes back with errors and keeps what was typed", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("sloppy"), name: "Sloppy Writer" });
  await page.goto("/ideas/new");
  await page.getByLabel("Title", { exact: true }).fill("Hi");
  await typeInEditor(page, "Describe it", "Some details I do not want to lose.");
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByText("Use at least 4 characters.")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Hi");
  await expect(page.getByRole("textbox", { name: "Describe it" })).toContainText("Some details I do not want to lose.");
  await expectNoA11yViolations(page);
});

test("a visitor who votes is sent to log in and comes back to the idea", async ({ page, browser }) => {
  const email = uniqueEmail("voter");
  await signUp(page, { email, name: "Late Voter" });
  await postIdea(page, "en", `Visitor votes ${Date.now()}`, async (current) => {
    await current.keyboard.type("Votes from people who were not logged in yet.");
  });
  const ideaUrl = page.url();

  const visitorContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(ideaUrl);
  await expectNoA11yViolations(visitor);
  await voteButton(visitor).click();
  await expect(visitor).toHaveURL(/\/login\?redirectTo=%2Fideas%2F\d+-/);
  await expect(visitor.getByText("Log in to continue")).toBeVisible();
  await visitor.getByRole("link", { name: "Sign up" }).last().click();
  const voterEmail = uniqueEmail("new-voter");
  await visitor.locator("input[name=displayName]").fill("New Voter");
  await visitor.locator("input[name=email]").fill(voterEmail);
  await visitor.locator("input[name=password]").fill(PASSWORD);
  await visitor.locator("main form button[type=submit]").click();
  // The confirmation link in the email brings them back to the idea, signed in.
  await confirmAddress(visitor, voterEmail);
  await expect(visitor).toHaveURL(ideaUrl);
  const voted = visitor.waitForResponse((response) => response.request().method() === "POST" && /\/vote/.test(response.url()));
  await voteButton(visitor).click();
  await expect(voteButton(visitor)).toHaveText(/2/);
  await voted;
  await visitorContext.close();

  await page.reload();
  await expect(voteButton(page)).toHaveText(/2/);
});

test.describe("as staff", () => {
  test.use({ storageState: ADMIN_STATE });

  test("manages categories, which customers then file ideas under", async ({ page }) => {
    await page.goto("/admin/categories");
    await switchLanguage(page, "en"); // the admin's language is stored with the account: other tests change it
    await expectNoA11yViolations(page);
    await page.getByLabel("Name").first().fill("Checkout");
    await page.getByLabel("Description").first().fill("Paying and receipts");
    await page.getByRole("button", { name: "Add category" }).click();
    await expect(page.getByRole("region", { name: "All categories" })).toContainText("Checkout");
    await page.getByLabel("Name").first().fill("checkout");
    await page.getByRole("button", { name: "Add category" }).click();
    await expect(page.getByText("A category with this name already exists.")).toBeVisible();
    await expectNoA11yViolations(page);

    await page.goto("/?category=1");
    await expect(page.getByLabel("Category")).toHaveValue("1");
    await expectNoA11yViolations(page);
  });
});
