import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { ADMIN_STATE, expectNoA11yViolations, signUp, switchLanguage, typeInEditor, uniqueEmail } from "./support";

// The main pages on a small phone (360 px), in both languages and both themes: nothing wider
// than the screen, filters folded, the idea's title with room, the editor arriving without
// moving the page, the triage table scrolling with its ideas kept in view. axe scans each page
// in the light and the dark theme; the screenshots are kept with the test's results.

const PHONE = { width: 360, height: 780 };

const copy = {
  en: {
    filter: "Filter",
    status: "Status",
    post: "Post an idea",
    title: "Title",
    body: "Describe it",
    submit: "Post idea",
    comment: "Your comment",
    note: "Public note, signed with your name",
    send: "Post comment",
    toolbar: "Formatting",
    triage: "Ideas waiting for a first reply",
    dark: "Dark",
    system: "System",
  },
  es: {
    filter: "Filtrar",
    status: "Estado",
    post: "Proponer una idea",
    title: "Título",
    body: "Descríbela",
    submit: "Publicar idea",
    comment: "Tu comentario",
    note: "Nota pública, firmada con tu nombre",
    send: "Publicar comentario",
    toolbar: "Formato",
    triage: "Ideas que esperan una primera respuesta",
    dark: "Oscuro",
    system: "Sistema",
  },
} as const;

/** Screenshots go to the test's output folder and are attached to its results. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} is ${width} px wide on a ${PHONE.width} px screen`).toBeLessThanOrEqual(PHONE.width);
}

/** The page as it is, in the system's light and then dark preference: fits, passes axe, is kept. */
async function checkInBothThemes(page: Page, testInfo: TestInfo, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSidewaysScroll(page);
    // Buttons fade to the other theme's colours (transition-colors): axe may first catch them
    // half-way, so it looks again until they have arrived.
    await expect(() => expectNoA11yViolations(page)).toPass({ timeout: 5_000 });
    await keepScreenshot(page, testInfo, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, storageState: { cookies: [], origins: [] } });

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] on a phone: list and filters, posting, the idea, triage; both themes`, async ({ page, browser }, testInfo) => {
    const t = copy[locale];
    const stamp = `${locale}${Date.now() % 100000}`;
    // No warnings or errors in the console (each editor made after another had been used warned).
    const complaints: string[] = [];
    const listen = (on: Page) =>
      on.on("console", (message) => {
        if (message.type() === "warning" || message.type() === "error") complaints.push(`${message.type()}: ${message.text()}`);
      });
    listen(page);
    await signUp(page, { email: uniqueEmail(`phone-${locale}`), name: `Pia Phone ${locale}` });
    await switchLanguage(page, locale);

    // The list: search in view, the other filters behind "Filter".
    await page.goto("/");
    const status = page.getByLabel(t.status, { exact: true });
    await expect(status).toBeHidden();
    await checkInBothThemes(page, testInfo, `${locale}-list`);
    await page.locator("summary", { hasText: t.filter }).click();
    await expect(status).toBeVisible();
    await expectNoSidewaysScroll(page);

    // Posting: the editor comes when the box is touched, the page does not move, its toolbar is one row.
    await page.getByRole("link", { name: t.post }).click();
    await page.getByLabel(t.title, { exact: true }).fill(`Pay with a tap ${stamp}`);
    const submit = page.getByRole("button", { name: t.submit });
    // From the field's label to the button below it: the box's height, textarea or editor.
    const label = page.getByText(t.body, { exact: true });
    const fieldHeight = async () => (await submit.boundingBox())!.y - (await label.boundingBox())!.y;
    const heightBefore = await fieldHeight();
    await typeInEditor(page, t.body, "Paying on the phone takes too many steps.");
    expect(await fieldHeight()).toBe(heightBefore);
    const toolbar = page.getByRole("toolbar", { name: t.toolbar });
    expect((await toolbar.boundingBox())!.height).toBeLessThan(48);
    await checkInBothThemes(page, testInfo, `${locale}-new-idea`);
    await submit.click();
    await expect(page).toHaveURL(/\/ideas\/\d+-/);

    // The idea: the title has the page's width, the vote and Follow come below it.
    const title = page.getByRole("heading", { level: 1 });
    const titleBox = (await title.boundingBox())!;
    const mainBox = (await page.locator("main").boundingBox())!;
    expect(titleBox.width).toBeGreaterThan(mainBox.width * 0.8);
    const followBox = (await page.locator("form:has(input[name=intent][value$=follow]) button").boundingBox())!;
    expect(followBox.y).toBeGreaterThan(titleBox.y + titleBox.height);
    await typeInEditor(page, t.comment, `Same here ${stamp}`);
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByText(`Same here ${stamp}`)).toBeVisible();
    await checkInBothThemes(page, testInfo, `${locale}-idea`);

    // The footer's switch: a chosen theme wins over the system's and is in the page from the start.
    await page.getByRole("button", { name: t.dark, exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await keepScreenshot(page, testInfo, `${locale}-idea-chosen-dark`);
    await page.getByRole("button", { name: t.system, exact: true }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme");
    const ideaUrl = page.url();

    // Triage: the table scrolls sideways in its box; the ideas' column stays in view.
    const staff = await browser.newContext({ storageState: ADMIN_STATE, viewport: PHONE, isMobile: true, hasTouch: true });
    const admin = await staff.newPage();
    listen(admin);
    await admin.goto("/");
    await switchLanguage(admin, locale);

    // A staff idea page has two editors: the status note's and the comment's, one after the other.
    await admin.goto(ideaUrl);
    await typeInEditor(admin, t.note, "Looking into it: https://example.com/plan");
    await typeInEditor(admin, t.comment, "Thanks for the idea");
    await expectNoSidewaysScroll(admin);
    expect(complaints).toEqual([]);
    await admin.goto("/admin/triage");
    const table = admin.getByRole("region", { name: t.triage });
    const firstCell = table.locator("tbody tr").first().locator("td").first();
    const cellX = (await firstCell.boundingBox())!.x;
    const scrollable = await table.evaluate((box) => box.scrollWidth > box.clientWidth);
    expect(scrollable).toBe(true);
    await table.evaluate((box) => box.scrollTo({ left: box.scrollWidth }));
    expect((await firstCell.boundingBox())!.x).toBe(cellX);
    await checkInBothThemes(admin, testInfo, `${locale}-triage`);
    await staff.close();
  });
}
