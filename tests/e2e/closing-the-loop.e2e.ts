import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { subjectsOfEmailsTo } from "./support/mail";
import { ADMIN_STATE, expectNoA11yViolations, moveClock, postIdea, resetClock, signUp, switchLanguage, typeInEditor, uniqueEmail } from "./support";

const copy = {
  en: {
    mergeInto: "Merge into idea",
    merge: "Merge as duplicate",
    mergedBanner: "This idea is a duplicate. Its votes and followers moved to:",
    follow: "Follow",
    waiting: "Waiting for a reply",
    comment: "Your comment",
    send: "Post comment",
    markOfficial: "Mark as official response",
    newStatus: "New status",
    planned: "Planned",
    changeStatus: "Change status",
    assignee: "Assigned to",
    assign: "Assign",
    lookedAfterBy: "Looked after by",
    jobTitle: "Support Engineer",
    assigned: (idea: string) => `asked you to look after “${idea}”`,
    oneEmail: (idea: string) => `3 updates on “${idea}”`,
  },
  es: {
    mergeInto: "Fusionar con la idea",
    merge: "Fusionar como duplicada",
    mergedBanner: "Esta idea está duplicada. Sus votos y seguidores pasaron a:",
    follow: "Seguir",
    waiting: "Esperando respuesta",
    comment: "Tu comentario",
    send: "Publicar comentario",
    markOfficial: "Marcar como respuesta oficial",
    newStatus: "Nuevo estado",
    planned: "Planificada",
    changeStatus: "Cambiar estado",
    assignee: "Asignada a",
    assign: "Asignar",
    lookedAfterBy: "La atiende",
    jobTitle: "Ingeniera de soporte",
    assigned: (idea: string) => `te encargó atender «${idea}»`,
    oneEmail: (idea: string) => `3 novedades en «${idea}»`,
  },
} as const;

const RUN_DIRECTORY = process.env.TERTULIA_E2E_RUN_DIR!;

/** Test set-up only: makes a signed-up person a staff member with a job title. */
function makeStaff(email: string, jobTitle: string) {
  const database = new Database(path.join(RUN_DIRECTORY, "tertulia.db"));
  database.pragma("busy_timeout = 5000");
  database.prepare("update users set role = 'staff', job_title = ? where email = ?").run(jobTitle, email);
  database.close();
}

const idOf = (url: string) => Number(/\/ideas\/(\d+)/.exec(url)![1]);

test.use({ storageState: { cookies: [], origins: [] } });

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] the team closes the loop: a duplicate merged away, an owner in public, one email for three actions`, async ({ page, browser }) => {
    const t = copy[locale];
    const stamp = `${locale}${Date.now() % 100000}`;
    const original = `Dark mode everywhere ${stamp}`;
    const repeat = `Dark mode on the website ${stamp}`;
    const customerEmail = uniqueEmail(`loop-${locale}`);
    const ownerEmail = uniqueEmail(`owner-${locale}`);
    const ownerName = `Marta Ruiz ${stamp}`;

    // A customer posts an idea, and then the same idea again.
    await signUp(page, { email: customerEmail, name: `Loop customer ${stamp}` });
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

    // A colleague who will look after the idea.
    const ownerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const owner = await ownerContext.newPage();
    await signUp(owner, { email: ownerEmail, name: ownerName });
    await switchLanguage(owner, locale);
    makeStaff(ownerEmail, t.jobTitle);

    // Staff merge the repeat into the original, then answer it in three quick steps and assign it.
    const staffContext = await browser.newContext({ storageState: ADMIN_STATE });
    const staff = await staffContext.newPage();
    await staff.goto(repeatUrl);
    await switchLanguage(staff, locale);
    await staff.getByLabel(t.mergeInto).fill(String(idOf(originalUrl)));
    await staff.getByRole("button", { name: t.merge }).click();
    await expect(staff.getByText(t.mergedBanner)).toBeVisible();
    await staff.goto(originalUrl);
    await typeInEditor(staff, t.comment, `We are on it ${stamp}.`);
    await staff.getByRole("button", { name: t.send }).click();
    await staff.getByRole("button", { name: t.markOfficial }).click();
    await expect(staff.getByRole("button", { name: t.markOfficial })).toHaveCount(0);
    await staff.getByLabel(t.newStatus).selectOption({ label: t.planned });
    await staff.getByRole("button", { name: t.changeStatus }).click();
    await expect(staff.locator("#discussion").getByText(t.planned).first()).toBeVisible();
    await staff.getByLabel(t.assignee).selectOption({ label: ownerName });
    await staff.getByRole("button", { name: t.assign, exact: true }).click();
    await expect(staff.getByText(t.lookedAfterBy)).toBeVisible();

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

    // The idea says who looks after it, to everyone; the owner was told.
    await page.goto(originalUrl);
    await expect(page.getByText(t.lookedAfterBy)).toContainText(`${ownerName}, ${t.jobTitle}`);
    await expectNoA11yViolations(page);
    await owner.goto("/notifications");
    await expect(owner.getByRole("main")).toContainText(t.assigned(original));
    await expectNoA11yViolations(owner);

    // Two minutes later the customer gets one email for the reply, the official mark and the new
    // status, and none about the merge: their vote and follow were on the target already.
    try {
      moveClock(3 * 60_000);
      const aboutTheseIdeas = () => subjectsOfEmailsTo(customerEmail).filter((subject) => subject.includes(stamp));
      await expect.poll(aboutTheseIdeas, { timeout: 15_000 }).toEqual([t.oneEmail(original)]);
    } finally {
      resetClock();
      await staffContext.close();
      await ownerContext.close();
    }
  });
}
