import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ADMIN_STATE, expectNoA11yViolations, postIdea, signUp, switchLanguage, typeInEditor, uniqueEmail } from "./support";

const copy = {
  en: {
    newComment: "Your comment",
    send: "Post comment",
    reply: "Reply",
    replyTo: "Your reply to",
    sendReply: "Post reply",
    markOfficial: "Mark as official response",
    official: "Official response from the team",
    internal: "Internal note (staff only)",
    team: "Team",
    bell: /Notifications \(\d+ unread\)/,
    mentionedYou: "mentioned you on",
    edit: "Edit",
    editLabel: "Edit your comment",
    save: "Save",
    edited: "edited",
    delete: "Delete",
    deleteConfirm: "Delete this comment? This cannot be undone.",
    deleteYes: "Yes, delete it",
    cancel: "Cancel",
  },
  es: {
    newComment: "Tu comentario",
    send: "Publicar comentario",
    reply: "Responder",
    replyTo: "Tu respuesta a",
    sendReply: "Publicar respuesta",
    markOfficial: "Marcar como respuesta oficial",
    official: "Respuesta oficial del equipo",
    internal: "Nota interna (solo el equipo)",
    team: "Equipo",
    bell: /Avisos \(\d+ sin leer\)/,
    mentionedYou: "te mencionó en",
    edit: "Editar",
    editLabel: "Edita tu comentario",
    save: "Guardar",
    edited: "editado",
    delete: "Borrar",
    deleteConfirm: "¿Borrar este comentario? No se puede deshacer.",
    deleteYes: "Sí, borrarlo",
    cancel: "Cancelar",
  },
} as const;

type Copy = (typeof copy)["en" | "es"];

const commentBy = (page: Page, text: string) => page.locator("li[id^=comment-]").filter({ has: page.locator("article", { hasText: text }) }).last();


async function replyTo(page: Page, t: Copy, parentText: string, text: string) {
  await commentBy(page, parentText).getByRole("link", { name: t.reply, exact: true }).first().click();
  await typeInEditor(page, new RegExp(t.replyTo), text);
  await page.getByRole("button", { name: t.sendReply }).click();
  await expect(page.getByText(text)).toBeVisible();
}

test.use({ storageState: { cookies: [], origins: [] } });

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] a customer and a named staff member talk it through`, async ({ page, browser }) => {
    const t = copy[locale];
    const stamp = `${locale}${Date.now() % 100000}`;
    await signUp(page, { email: uniqueEmail(`talk-${locale}`), name: `Carmen ${locale}` });
    await switchLanguage(page, locale);
    await postIdea(page, locale, `Talk about it ${stamp}`, async (current) => {
      await current.keyboard.type("Let us discuss.");
    });
    const ideaUrl = page.url();
    await typeInEditor(page, t.newComment, `Question ${stamp}`);
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByText(`Question ${stamp}`)).toBeVisible();
    await expectNoA11yViolations(page);

    // Staff answer under their own name, photo and title, mentioning the customer ("@" offers the
    // people taking part), mark the official response, add a note.
    const staffContext = await browser.newContext({ storageState: ADMIN_STATE });
    const staff = await staffContext.newPage();
    await staff.goto("/settings/profile");
    await switchLanguage(staff, locale);
    await staff.locator("input[name=jobTitle]").fill("Head of Listening");
    await staff.locator("main form button[type=submit]").click();
    await staff.goto(ideaUrl);
    await commentBy(staff, `Question ${stamp}`).getByRole("link", { name: t.reply, exact: true }).first().click();
    await typeInEditor(staff, new RegExp(t.replyTo), `Answer ${stamp} @carm`);
    await expect(staff.getByRole("option", { name: `Carmen ${locale}` })).toHaveAttribute("aria-selected", "true");
    await expectNoA11yViolations(staff);
    await staff.keyboard.press("Enter");
    await staff.getByRole("button", { name: t.sendReply }).click();
    const answer = commentBy(staff, `Answer ${stamp}`);
    await expect(answer.getByRole("link", { name: `@Carmen ${locale}` })).toHaveAttribute("href", /^\/people\/\w+/);
    await expect(answer).toContainText(ADMIN.name);
    await expect(answer).toContainText("Head of Listening");
    await expect(answer.getByText(t.team, { exact: true })).toBeVisible();
    await answer.getByRole("button", { name: t.markOfficial }).click();
    const pinned = staff.getByRole("region", { name: t.official });
    await expect(pinned).toContainText(`Answer ${stamp}`);
    await expect(pinned).toContainText(ADMIN.name);
    await typeInEditor(staff, t.newComment, `Staff-only note ${stamp}`);
    await staff.getByLabel(t.internal).check();
    await staff.getByRole("button", { name: t.send }).click();
    await expect(staff.getByText(`Staff-only note ${stamp}`)).toBeVisible();
    await expectNoA11yViolations(staff);
    await staffContext.close();

    // The customer hears about it from the person (mentioned, so told once), sees the pinned answer, never the note.
    await page.goto("/");
    await page.getByRole("link", { name: t.bell }).click();
    await expect(page).toHaveURL(/\/notifications$/);
    const notice = page.getByRole("link", { name: new RegExp(`${ADMIN.name} \\(Head of Listening\\) ${t.mentionedYou}`) }).first();
    await expect(notice).toBeVisible();
    await expectNoA11yViolations(page);
    await notice.click();
    await expect(page.getByRole("region", { name: t.official })).toContainText(`Answer ${stamp}`);
    expect(await page.content()).not.toContain(`Staff-only note ${stamp}`);
    const html = await (await page.request.get(ideaUrl)).text();
    expect(html).not.toContain(`Staff-only note ${stamp}`);
    const data = await (await page.request.get(`${new URL(ideaUrl).pathname}.data`)).text();
    expect(data).toContain(`Answer ${stamp}`);
    expect(data).not.toContain(`Staff-only note ${stamp}`);

    // Replies three levels deep, then edit and delete the last one.
    await replyTo(page, t, `Answer ${stamp}`, `Follow-up ${stamp}`);
    await replyTo(page, t, `Follow-up ${stamp}`, `Third level ${stamp}`);
    await expect(commentBy(page, `Third level ${stamp}`)).toHaveClass(/ml-12/);
    await commentBy(page, `Third level ${stamp}`).getByRole("link", { name: t.edit, exact: true }).click();
    await typeInEditor(page, t.editLabel, "");
    await page.keyboard.press("End");
    await page.keyboard.type(" (clarified)");
    await page.getByRole("button", { name: t.save, exact: true }).click();
    await expect(page.getByText(`Third level ${stamp} (clarified)`)).toBeVisible();
    await expect(commentBy(page, `Third level ${stamp}`)).toContainText(t.edited);
    await expectNoA11yViolations(page);
    // Deleting asks first (a second step that works without JavaScript); cancelling keeps the comment.
    await commentBy(page, `Third level ${stamp}`).getByRole("link", { name: t.delete, exact: true }).click();
    await expect(page.getByText(t.deleteConfirm)).toBeFocused();
    await page.getByRole("link", { name: t.cancel, exact: true }).click();
    await expect(page.getByText(t.deleteConfirm)).toHaveCount(0);
    await commentBy(page, `Third level ${stamp}`).getByRole("link", { name: t.delete, exact: true }).click();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: t.deleteYes, exact: true }).click();
    await expect(page.getByText(`Third level ${stamp}`)).toHaveCount(0);
    await expect(page.getByText(`Follow-up ${stamp}`)).toBeVisible();
  });
}
