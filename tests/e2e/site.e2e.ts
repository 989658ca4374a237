import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { ADMIN_STATE, expectNoA11yViolations, logIn, postIdea, signUp, switchLanguage, typeInEditor, uniqueEmail } from "./support";

const copy = {
  en: {
    siteName: "Site name",
    replyPromise: "Reply promise (days)",
    saveSettings: "Save settings",
    saved: "Settings saved.",
    waiting: (days: number) => `we reply within ${days} days`,
    roleOf: (name: string) => `Role of ${name}`,
    staffRole: "Staff",
    changeRole: "Change role",
    roleChanged: "Role changed.",
    block: "Block",
    blockReason: (name: string) => `Why block ${name}?`,
    confirmBlock: "Block this person",
    blocked: "Blocked.",
    notBlockable: "Staff members and admins cannot be blocked: remove their role first.",
    displayName: "Display name",
    photo: "Photo",
    saveProfile: "Save profile",
    notAnImage: "This file is not an image we can read.",
    tooLarge: "This file is larger than 5 MB.",
    profileSaved: "Your profile is saved.",
    comment: "Your comment",
    postComment: "Post comment",
    ideaBody: "Describe it",
    pictureAlt: "A sketch of the new checkout",
  },
  es: {
    siteName: "Nombre del sitio",
    replyPromise: "Promesa de respuesta (días)",
    saveSettings: "Guardar los ajustes",
    saved: "Ajustes guardados.",
    waiting: (days: number) => `respondemos en ${days} días como máximo`,
    roleOf: (name: string) => `Rol de ${name}`,
    staffRole: "Equipo",
    changeRole: "Cambiar rol",
    roleChanged: "Rol cambiado.",
    block: "Bloquear",
    blockReason: (name: string) => `¿Por qué bloqueas a ${name}?`,
    confirmBlock: "Bloquear a esta persona",
    blocked: "Bloqueada.",
    notBlockable: "No se puede bloquear a personas del equipo ni a administradores: quítales el rol primero.",
    displayName: "Nombre visible",
    photo: "Foto",
    saveProfile: "Guardar perfil",
    notAnImage: "Este archivo no es una imagen que podamos leer.",
    tooLarge: "Este archivo pesa más de 5 MB.",
    profileSaved: "Tu perfil está guardado.",
    comment: "Tu comentario",
    postComment: "Publicar comentario",
    ideaBody: "Descríbela",
    pictureAlt: "Un boceto del nuevo pago",
  },
} as const;

/** The people directory, searched: `text` is in the names of the people the journey acts on. */
async function findPeople(page: Page, text: string, count: number) {
  await page.goto(`/admin/people?${new URLSearchParams({ q: text })}`);
  await expect(page.getByRole("row")).toHaveCount(count + 1);
}

const photoFile = async () => ({
  name: "me.jpg",
  mimeType: "image/jpeg",
  buffer: await sharp({ create: { width: 640, height: 480, channels: 3, background: "#1e40af" } }).jpeg().toBuffer(),
});

const signedOut = { cookies: [], origins: [] };
const BROWSER_LOCALE = { en: "en-US", es: "es-ES" } as const;

for (const [locale, days] of [["en", 2], ["es", 4]] as const) {
  test.describe(() => {
    // Each person's browser asks for the journey's language: their pages are in it from the
    // first one, and their accounts keep it (the admin's is switched once, as other journeys
    // leave it as they like).
    test.use({ storageState: signedOut, locale: BROWSER_LOCALE[locale] });

    test(`[${locale}] the admin renames the site, sets the reply promise, makes a staff member and blocks a customer; the staff member's photo shows`, async ({ page, browser }) => {
      const t = copy[locale];
      const stamp = `${locale}${Date.now() % 100000}`;
      const customer = { email: uniqueEmail(`site-customer-${locale}`), name: `Bea ${stamp}` };
      const colleague = { email: uniqueEmail(`site-staff-${locale}`), name: `Pat ${stamp}` };

      // A customer posts an idea with a picture pasted into it: uploaded, its alt text asked
      // for, shown on the idea.
      await signUp(page, customer);
      const picture = (await sharp({ create: { width: 900, height: 500, channels: 3, background: "#0f766e" } }).png().toBuffer()).toString("base64");
      page.once("dialog", (dialog) => void dialog.accept(t.pictureAlt));
      await postIdea(page, locale, `Settings show here ${stamp}`, async (current) => {
        await current.keyboard.type("Does the promise show?");
        await current.getByRole("textbox", { name: t.ideaBody }).evaluate((editor, base64) => {
          const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
          const clipboardData = new DataTransfer();
          clipboardData.items.add(new File([bytes], "screenshot.png", { type: "image/png" }));
          editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
        }, picture);
        await expect(current.getByRole("textbox", { name: t.ideaBody }).locator("img[src^='/uploads/']")).toHaveAttribute("alt", t.pictureAlt);
      });
      // Loaded (the image is lazy: it loads once scrolled to).
      const pasted = page.getByRole("img", { name: t.pictureAlt });
      await pasted.scrollIntoViewIfNeeded();
      await expect.poll(() => pasted.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
      const ideaUrl = page.url();

      // Someone who will join the team signs up.
      const staffContext = await browser.newContext({ storageState: signedOut, locale: BROWSER_LOCALE[locale] });
      const staff = await staffContext.newPage();
      await signUp(staff, colleague);

      // The admin renames the site and changes the promise; the idea page follows at once.
      const adminContext = await browser.newContext({ storageState: ADMIN_STATE, locale: BROWSER_LOCALE[locale] });
      const admin = await adminContext.newPage();
      await admin.goto("/admin/settings");
      if ((await admin.locator("html").getAttribute("lang")) !== locale) await switchLanguage(admin, locale);
      await expectNoA11yViolations(admin);
      await admin.getByLabel(t.siteName).fill(`Portal ${stamp}`);
      await admin.getByLabel(t.replyPromise).fill(String(days));
      await admin.getByRole("button", { name: t.saveSettings }).click();
      await expect(admin.getByRole("status")).toHaveText(t.saved);
      await admin.goto(ideaUrl);
      await expect(admin.locator("header")).toContainText(`Portal ${stamp}`);
      await expect(admin.getByText(t.waiting(days))).toBeVisible();

      // The people directory: one joins the team, the other is blocked; staff cannot be.
      await findPeople(admin, stamp, 2);
      await expectNoA11yViolations(admin);
      const colleagueRow = admin.getByRole("row").filter({ hasText: colleague.email });
      await colleagueRow.getByLabel(t.roleOf(colleague.name)).selectOption({ label: t.staffRole });
      await colleagueRow.getByRole("button", { name: t.changeRole }).click();
      await expect(colleagueRow.getByRole("status")).toContainText(t.roleChanged);
      await expect(colleagueRow).toContainText(t.notBlockable);
      await expect(colleagueRow.locator("summary")).toHaveCount(0);
      const customerRow = admin.getByRole("row").filter({ hasText: customer.email });
      await customerRow.locator("summary", { hasText: t.block }).click();
      await customerRow.getByLabel(t.blockReason(customer.name)).fill("Posting spam");
      await customerRow.getByRole("button", { name: t.confirmBlock }).click();
      await expect(customerRow.getByRole("status")).toContainText(t.blocked);

      // The new staff member signs in again (a new role ends one's sessions) and sets a photo:
      // a file that is no image is refused and what was typed stays; so is one too large; a real
      // photo then shows on the team page and beside their reply.
      await staff.goto(`/login?${new URLSearchParams({ redirectTo: "/settings/profile" })}`);
      await logIn(staff, colleague.email);
      await expect(staff).toHaveURL(/\/settings\/profile$/);
      await staff.getByLabel(t.displayName).fill(`${colleague.name} Jr`);
      await staff.getByLabel(t.photo).setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not really a picture") });
      await staff.getByRole("button", { name: t.saveProfile }).click();
      await expect(staff.getByText(t.notAnImage)).toBeVisible();
      await expect(staff.getByLabel(t.displayName)).toHaveValue(`${colleague.name} Jr`);
      await expectNoA11yViolations(staff);
      await staff.getByLabel(t.photo).setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
      await expect(staff.getByRole("alert")).toContainText(t.tooLarge);
      await staff.getByLabel(t.photo).setInputFiles(await photoFile());
      await staff.getByRole("button", { name: t.saveProfile }).click();
      await expect(staff.getByRole("status")).toHaveText(t.profileSaved);

      await staff.goto("/team");
      // The face is the avatar's background (app/components/avatar.tsx), served as an image.
      const face = staff.getByRole("listitem").filter({ hasText: `${colleague.name} Jr` }).locator(".avatar[style*='/uploads/']");
      const faceUrl = await face.evaluate((avatar) => getComputedStyle(avatar).backgroundImage.replace(/^url\("?|"?\)$/g, ""));
      expect((await staff.request.get(faceUrl)).headers()["content-type"]).toBe("image/webp");
      await expectNoA11yViolations(staff);
      await staff.goto(ideaUrl);
      await typeInEditor(staff, t.comment, `Answer with a face ${stamp}`);
      await staff.getByRole("button", { name: t.postComment }).click();
      const reply = staff.locator("li[id^=comment-]").filter({ hasText: `Answer with a face ${stamp}` });
      await expect(reply.locator(".avatar[style*='/uploads/']")).toBeVisible();
      await expectNoA11yViolations(staff);
      await staffContext.close();
      await adminContext.close();
    });
  });
}
