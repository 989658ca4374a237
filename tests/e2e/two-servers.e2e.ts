import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { plainPng } from "../support/images";
import { ADMIN, postIdea, signUp, typeInEditor, uniqueEmail } from "./support";

// The two-server run (playwright.pg.config.ts): two app servers on one PostgreSQL database
// behind a balancer that hands each request to the other server than the last. One walk through
// the main journeys, in English (the SQLite run walks them in both languages and scans every
// page with axe; here the pages are the same, what is tested is that nothing a request leaves
// behind lives in one server: sessions, settings, counts, notifications, the outbox,
// uploaded images).

const voteButton = (page: Page) => page.locator("article form[action$='/vote'] button");
const commentBy = (page: Page, text: string) => page.locator("li[id^=comment-]").filter({ has: page.locator("article", { hasText: text }) }).last();

test.use({ storageState: { cookies: [], origins: [] } });

test("set up, a customer posts, votes, comments and uploads an image, staff answer: both servers serve it and each email goes out once", async ({ page: staff, browser }) => {
  const stamp = String(Date.now() % 100000);

  // First run: the site and its admin (the form's errors are the SQLite run's).
  await staff.goto("/setup");
  await staff.getByLabel("Portal name").fill("Two servers");
  await staff.getByLabel("Default language").selectOption("en");
  await staff.getByLabel("Display name").fill(ADMIN.name);
  await staff.getByLabel("Email").fill(ADMIN.email);
  await staff.getByLabel("Password").fill(ADMIN.password);
  await staff.getByRole("button", { name: "Create the portal" }).click();
  await expect(staff).toHaveURL(/\/admin$/);

  // A customer signs up (the confirmation email sent by whichever server's job claimed it),
  // posts an idea, takes back the vote that came with it and gives it again, and asks.
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await signUp(customer, { email: uniqueEmail("two-servers"), name: `Carmen ${stamp}` });
  await postIdea(customer, "en", `Shared by two servers ${stamp}`, async (current) => {
    await current.keyboard.type("Whichever server answers, this stays.");
  });
  const ideaUrl = customer.url();
  await expect(voteButton(customer)).toHaveAttribute("aria-pressed", "true");
  await voteButton(customer).click();
  await expect(voteButton(customer)).toHaveText(/0/);
  await voteButton(customer).click();
  await expect(voteButton(customer)).toHaveText(/1/);
  await customer.reload();
  await expect(voteButton(customer)).toHaveAttribute("aria-pressed", "true");
  await typeInEditor(customer, "Your comment", `Question ${stamp}`);
  await customer.getByRole("button", { name: "Post comment" }).click();
  await expect(customer.getByText(`Question ${stamp}`)).toBeVisible();

  // An image as the editor sends it, stored by one server and served by both (UPLOADS_STORE=database;
  // each server's own folder, UPLOADS_DIR, would have it on one of them only).
  const uploaded = await customer.request.post("/uploads", {
    headers: { origin: new URL(ideaUrl).origin },
    multipart: { file: { name: "pasted.png", mimeType: "image/png", buffer: await plainPng() } },
  });
  expect(uploaded.status()).toBe(200);
  const { src } = (await uploaded.json()) as { src: string };
  const servedBy = new Map<string, Buffer>();
  for (let attempt = 0; attempt < 4 && servedBy.size < 2; attempt++) {
    const image = await customer.request.get(src);
    expect(image.status()).toBe(200);
    servedBy.set(image.headers()["x-served-by"]!, await image.body());
  }
  const [fromOne, fromOther] = [...servedBy.values()];
  expect(fromOther?.equals(fromOne!)).toBe(true);

  // Staff answer under their name, mark it official and plan the idea with a signed note.
  await staff.goto(ideaUrl);
  await commentBy(staff, `Question ${stamp}`).getByRole("link", { name: "Reply", exact: true }).click();
  await typeInEditor(staff, /Your reply to/, `Answer ${stamp}`);
  await staff.getByRole("button", { name: "Post reply" }).click();
  await commentBy(staff, `Answer ${stamp}`).getByRole("button", { name: "Mark as official response" }).click();
  await expect(staff.getByRole("region", { name: "Official response from the team" })).toContainText(`Answer ${stamp}`);
  await staff.getByLabel("New status").selectOption({ label: "Planned" });
  await typeInEditor(staff, "Public note, signed with your name", `Planned for spring ${stamp}`);
  await staff.getByRole("button", { name: "Change status" }).click();
  await expect(staff.locator("#discussion").getByText(`Planned for spring ${stamp}`)).toBeVisible();

  // The customer hears about it from the person and reads the answer.
  await customer.goto("/notifications");
  await expect(customer.getByRole("link", { name: new RegExp(`${ADMIN.name} replied to you on`) }).first()).toBeVisible();
  await customer.goto(ideaUrl);
  await expect(customer.getByRole("region", { name: "Official response from the team" })).toContainText(`Answer ${stamp}`);
  await expect(customer.getByText(`Planned for spring ${stamp}`)).toBeVisible();
  await customerContext.close();

  // Alternated request by request: neither server did the walk alone.
  const answered = (await (await staff.request.get("/__balancer")).json()) as Record<string, number>;
  expect(Object.values(answered)).toHaveLength(2);
  for (const count of Object.values(answered)) expect(count).toBeGreaterThan(10);

  // Both servers' email jobs (every half second) run until nothing is left to send; each email
  // is one .eml file in the folder both share (<time>-<outbox id>.eml).
  const database = new pg.Client({ connectionString: process.env.POSTGRES_TEST_URL });
  await database.connect();
  try {
    const outbox = async () =>
      (
        await database.query<{ sent: number; waiting: number }>(
          "select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'pending' and (next_attempt_at <= now() or (attempts > 0 and last_error is null)))::int as waiting from email_outbox",
        )
      ).rows[0]!;
    await expect.poll(async () => (await outbox()).waiting, { timeout: 20_000 }).toBe(0);
    const { sent } = await outbox();
    expect(sent).toBeGreaterThan(0);
    const files = fs.readdirSync(path.join(process.env.TERTULIA_E2E_RUN_DIR!, "mail"));
    const ids = new Set(files.map((name) => name.replace(/^\d+-|\.eml$/g, "")));
    expect({ files: files.length, emails: ids.size }).toEqual({ files: sent, emails: sent });
  } finally {
    await database.end();
  }
});
