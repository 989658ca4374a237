import { expect, test } from "@playwright/test";
import { ADMIN_STATE, expectNoA11yViolations, postIdea, signUp, switchLanguage, uniqueEmail } from "./support";

const copy = {
  en: {
    mergeInto: "Merge into idea",
    merge: "Merge as duplicate",
    mergedBanner: "This idea is a duplicate. Its votes and followers moved to:",
    follow: "Follow",
    waiting: "Waiting for a reply",
  },
  es: {
    mergeInto: "Fusionar con la idea",
    merge: "Fusionar como duplicada",
    mergedBanner: "Esta idea está duplicada. Sus votos y seguidores pasaron a:",
    follow: "Seguir",
    waiting: "Esperando respuesta",
  },
} as const;

const idOf = (url: string) => Number(/\/ideas\/(\d+)/.exec(url)![1]);

test.use({ storageState: { cookies: [], origins: [] } });

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] the team closes the loop: a duplicate merged away`, async ({ page, browser }) => {
    const t = copy[locale];
    const stamp = `${locale}${Date.now() % 100000}`;
    const original = `Dark mode everywhere ${stamp}`;
    const repeat = `Dark mode on the website ${stamp}`;

    // A customer posts an idea, and then the same idea again.
    await signUp(page, { email: uniqueEmail(`loop-${locale}`), name: `Loop customer ${stamp}` });
    await switchLanguage(page, locale);
    await page.goto("/");
    await postIdea(page, locale, original, async (current) => {
      await current.keyboard.type("At night the white pages hurt.");
    });
    const originalUrl = page.url();
    await page.goto("/");
    await postIdea(page, locale, repeat, async (current) => {
      await current.keyboard.type("The app has it; the website should too.");
    });
    const repeatUrl = page.url();

    // Staff merge the repeat into the original.
    const staffContext = await browser.newContext({ storageState: ADMIN_STATE });
    const staff = await staffContext.newPage();
    await staff.goto(repeatUrl);
    await switchLanguage(staff, locale);
    await staff.getByLabel(t.mergeInto).fill(String(idOf(originalUrl)));
    await staff.getByRole("button", { name: t.merge }).click();
    await expect(staff.getByText(t.mergedBanner)).toBeVisible();

    // Everyone: the duplicate has left the list; its page points to the idea it joined, waits for nothing and offers no Follow.
    await page.goto("/?sort=new");
    const results = page.getByRole("main").getByRole("list").first();
    await expect(results.getByRole("link", { name: original, exact: true })).toBeVisible();
    await expect(results.getByRole("link", { name: repeat, exact: true })).toHaveCount(0);
    await page.goto(repeatUrl);
    await expect(page.getByRole("note").filter({ hasText: t.mergedBanner }).getByRole("link", { name: original })).toHaveAttribute("href", new URL(originalUrl).pathname);
    await expect(page.getByRole("button", { name: t.follow, exact: true })).toHaveCount(0);
    await expect(page.getByText(t.waiting)).toHaveCount(0);
    await expectNoA11yViolations(page);
    await staffContext.close();
  });
}
