import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ADMIN_STATE, expectNoA11yViolations, postIdea, signUp, switchLanguage, typeInEditor, uniqueEmail } from "./support";

const copy = {
  en: {
    overdue: "Overdue",
    select: (title: string) => `Select “${title}”`,
    assignTo: "Assign to",
    apply: "Apply to selected",
    assignee: "Assigned to",
    assignedToMe: "Assigned to me",
    newStatus: "New status",
    planned: "Planned",
    adopted: "Adopted",
    note: "Public note, signed with your name",
    changeStatus: "Change status",
    bell: /Notifications \(\d+ unread\)/,
    movedTo: "to Planned",
    answeredBy: "Answered by",
    adoptedTitle: "Adopted ideas",
    recentlyAdopted: "Recently adopted",
    newComment: "Your comment",
    send: "Post comment",
    report: "Report",
    reason: "Why are you reporting it?",
    sendReport: "Send report",
    thanks: "Thank you. The team will look at your report.",
    hideReason: "Reason for hiding",
    hide: "Hide",
    hidden: "This comment was hidden by the moderators.",
  },
  es: {
    overdue: "Atrasada",
    select: (title: string) => `Seleccionar «${title}»`,
    assignTo: "Asignar a",
    apply: "Aplicar a las seleccionadas",
    assignee: "Asignada a",
    assignedToMe: "Asignadas a mí",
    newStatus: "Nuevo estado",
    planned: "Planificada",
    adopted: "Adoptada",
    note: "Nota pública, firmada con tu nombre",
    changeStatus: "Cambiar estado",
    bell: /Avisos \(\d+ sin leer\)/,
    movedTo: "a Planificada",
    answeredBy: "Respondida por",
    adoptedTitle: "Ideas adoptadas",
    recentlyAdopted: "Adoptadas hace poco",
    newComment: "Tu comentario",
    send: "Publicar comentario",
    report: "Denunciar",
    reason: "¿Por qué la denuncias?",
    sendReport: "Enviar denuncia",
    thanks: "Gracias. El equipo revisará tu denuncia.",
    hideReason: "Motivo para ocultar",
    hide: "Ocultar",
    hidden: "La moderación ocultó este comentario.",
  },
} as const;

/** Test set-up only: makes an idea look five days old, past the reply promise. */
function backdate(ideaUrl: string) {
  const id = Number(/\/ideas\/(\d+)/.exec(ideaUrl)![1]);
  const database = new Database(path.join(process.env.TERTULIA_E2E_RUN_DIR!, "tertulia.db"));
  database.pragma("busy_timeout = 5000");
  database.prepare("update ideas set created_at = ? where id = ?").run(Date.now() - 5 * 24 * 3600_000, id);
  database.close();
}

async function setStatus(page: Page, t: (typeof copy)["en" | "es"], status: string, note: string) {
  await page.getByLabel(t.newStatus).selectOption({ label: status });
  await typeInEditor(page, t.note, note);
  await page.getByRole("button", { name: t.changeStatus }).click();
  await expect(page.locator("#discussion").getByText(note)).toBeVisible();
}

test.use({ storageState: { cookies: [], origins: [] } });

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] a product manager triages, plans and adopts an idea; the customer hears about it; a report is handled`, async ({ page, browser }) => {
    const t = copy[locale];
    const stamp = `${locale}${Date.now() % 100000}`;
    const title = `Overdue idea ${stamp}`;
    await signUp(page, { email: uniqueEmail(`flow-${locale}`), name: `Customer ${stamp}` });
    await switchLanguage(page, locale);
    await postIdea(page, locale, title, async (current) => {
      await current.keyboard.type("Please look at this.");
    });
    const ideaUrl = page.url();
    backdate(ideaUrl);

    // The product manager's inbox: overdue first, assign it, then filter "assigned to me".
    const pmContext = await browser.newContext({ storageState: ADMIN_STATE });
    const pm = await pmContext.newPage();
    await pm.goto("/admin/triage");
    await switchLanguage(pm, locale);
    const row = pm.getByRole("row").filter({ hasText: title });
    await expect(row).toContainText(t.overdue);
    await expectNoA11yViolations(pm);
    await row.getByRole("checkbox", { name: t.select(title) }).check();
    await pm.getByLabel(t.assignTo).selectOption({ label: ADMIN.name });
    await pm.getByRole("button", { name: t.apply }).click();
    await expect(pm.getByRole("status")).toBeVisible();
    await pm.getByLabel(t.assignee).first().selectOption({ label: t.assignedToMe });
    await expect(pm.getByRole("row").filter({ hasText: title })).toContainText(ADMIN.name);

    // Planned, with a note signed by the PM.
    await pm.getByRole("link", { name: title }).click();
    await setStatus(pm, t, t.planned, `Planned for spring ${stamp}`);
    await expectNoA11yViolations(pm);

    // The customer gets the notification and sees the signed note and who answered.
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name: new RegExp(`${ADMIN.name}.*${title}.*${t.movedTo}`) })).toBeVisible();
    await page.getByRole("link", { name: new RegExp(title) }).first().click();
    await expect(page.getByText(`Planned for spring ${stamp}`)).toBeVisible();
    await expect(page.getByRole("main").getByText(t.answeredBy, { exact: false }).first()).toContainText(ADMIN.name);
    await expectNoA11yViolations(page);

    // Adopted: it appears on /adopted and on the roadmap.
    await setStatus(pm, t, t.adopted, `Live everywhere ${stamp}`);
    await pm.goto("/adopted");
    await expect(pm.getByRole("heading", { level: 1 })).toHaveText(t.adoptedTitle);
    await expect(pm.getByRole("listitem").filter({ hasText: title })).toContainText(`Customer ${stamp}`);
    await expectNoA11yViolations(pm);
    await pm.goto("/roadmap");
    await expect(pm.getByRole("region", { name: new RegExp(t.recentlyAdopted) })).toContainText(title);
    await expectNoA11yViolations(pm);

    // A rude comment is reported and hidden from the moderation queue.
    const rudeContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const rude = await rudeContext.newPage();
    await signUp(rude, { email: uniqueEmail(`rude-${locale}`), name: `Rude ${stamp}` });
    await switchLanguage(rude, locale);
    await rude.goto(ideaUrl);
    await typeInEditor(rude, t.newComment, `Rude words ${stamp}`);
    await rude.getByRole("button", { name: t.send }).click();
    await expect(rude.getByText(`Rude words ${stamp}`)).toBeVisible();
    await rudeContext.close();

    await page.reload();
    const rudeComment = page.locator("li[id^=comment-]").filter({ hasText: `Rude words ${stamp}` });
    await rudeComment.getByRole("link", { name: t.report }).click();
    await page.getByLabel(t.reason).fill("Insults");
    await page.getByRole("button", { name: t.sendReport }).click();
    // The thanks take the form's place, in the comment, with the focus: where the reporter is looking.
    await expect(rudeComment.getByText(t.thanks)).toBeFocused();
    await expect(rudeComment.getByRole("button", { name: t.sendReport })).toHaveCount(0);
    await expect(rudeComment.getByText(t.thanks)).toBeInViewport();

    await pm.goto("/admin/moderation");
    const report = pm.getByRole("listitem").filter({ hasText: `Rude words ${stamp}` });
    await expectNoA11yViolations(pm);
    await report.getByLabel(t.hideReason).fill("Insults are not welcome");
    await report.getByRole("button", { name: t.hide, exact: true }).click();
    await expect(pm.getByRole("status")).toBeVisible();
    await pmContext.close();

    await page.goto(ideaUrl);
    await expect(page.getByText(t.hidden)).toBeVisible();
    await expect(page.getByText(`Rude words ${stamp}`)).toHaveCount(0);
  });
}
