import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ADMIN_STATE, expectNoA11yViolations, moveClock, resetClock, signUp, switchLanguage, typeInEditor, uniqueEmail } from "./support";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const copy = {
  en: {
    adminTitle: "Challenges",
    newChallenge: "New challenge",
    timeZone: "Times are in your time zone (UTC).",
    question: "Question",
    address: "Address",
    brief: "Brief",
    ideasFrom: "Ideas from",
    ideasUntil: "Ideas until",
    votingFrom: "Voting from",
    votingUntil: "Voting until",
    budget: "Votes per person",
    create: "Create challenge",
    created: "The challenge is created as a draft. Publish it when it is ready.",
    publish: "Publish",
    unpublish: "Back to draft",
    publicTitle: "Challenges",
    openForIdeas: "Open for ideas",
    phaseSubmission: "Open for ideas",
    phaseVoting: "Voting open",
    phaseCounting: "Results soon",
    phaseFinished: "Results announced",
    submitIdea: "Submit an idea to this challenge",
    ideaFor: (challenge: string) => `Your idea for “${challenge}”`,
    ideaTitle: "Title",
    ideaBody: "Describe it",
    postIdea: "Post idea",
    tag: (challenge: string) => `Challenge: ${challenge}`,
    budgetLeft: (left: number, total: number) => `You have ${left} of ${total} votes left.`,
    vote: (title: string, count: number) => `Vote for “${title}” (${count} ${count === 1 ? "vote" : "votes"})`,
    unvote: (title: string, count: number) => `Take back your vote for “${title}” (${count} ${count === 1 ? "vote" : "votes"})`,
    noVotesLeft: "No votes left",
    budgetSpent: "You have used all your votes in this challenge: take one back to vote for this idea",
    votingNotice: (challenge: string) => `invites you to vote: voting is open in “${challenge}”`,
    resultsNotice: (challenge: string) => `announced the results of “${challenge}”`,
    announceHeading: "Announce the results",
    placeFor: (title: string) => `Place for “${title}”`,
    firstPlace: "1st place",
    selected: "Selected",
    note: "Note to the participants, signed with your name",
    announce: "Announce the results",
    results: "Results",
    ideasHeading: "Ideas submitted",
    winnerMark: "Winner · 1st place",
    selectedMark: "Selected in the challenge",
    answeredIn: (name: string) => `Answered in 3 days by ${name}`,
    answeredBy: "Answered by",
    openAnswered: "Open: the team has replied",
  },
  es: {
    adminTitle: "Retos",
    newChallenge: "Nuevo reto",
    timeZone: "Las horas están en tu zona horaria (UTC).",
    question: "Pregunta",
    address: "Dirección",
    brief: "Planteamiento",
    ideasFrom: "Ideas desde",
    ideasUntil: "Ideas hasta",
    votingFrom: "Votación desde",
    votingUntil: "Votación hasta",
    budget: "Votos por persona",
    create: "Crear reto",
    created: "El reto se ha creado como borrador. Publícalo cuando esté listo.",
    publish: "Publicar",
    unpublish: "Volver a borrador",
    publicTitle: "Retos",
    openForIdeas: "Abiertos a ideas",
    phaseSubmission: "Abierto a ideas",
    phaseVoting: "Votación abierta",
    phaseCounting: "Resultados pronto",
    phaseFinished: "Resultados anunciados",
    submitIdea: "Proponer una idea para este reto",
    ideaFor: (challenge: string) => `Tu idea para «${challenge}»`,
    ideaTitle: "Título",
    ideaBody: "Descríbela",
    postIdea: "Publicar idea",
    tag: (challenge: string) => `Reto: ${challenge}`,
    budgetLeft: (left: number, total: number) => `${left === 1 ? "Te queda" : "Te quedan"} ${left} de ${total} votos.`,
    vote: (title: string, count: number) => `Votar «${title}» (${count} ${count === 1 ? "voto" : "votos"})`,
    unvote: (title: string, count: number) => `Retirar tu voto de «${title}» (${count} ${count === 1 ? "voto" : "votos"})`,
    noVotesLeft: "Sin votos",
    budgetSpent: "Has usado todos tus votos de este reto: retira uno para votar esta idea",
    votingNotice: (challenge: string) => `te invita a votar: la votación está abierta en «${challenge}»`,
    resultsNotice: (challenge: string) => `anunció los resultados de «${challenge}»`,
    announceHeading: "Anunciar los resultados",
    placeFor: (title: string) => `Puesto de «${title}»`,
    firstPlace: "1.º puesto",
    selected: "Seleccionada",
    note: "Nota para quienes participaron, firmada con tu nombre",
    announce: "Anunciar los resultados",
    results: "Resultados",
    ideasHeading: "Ideas presentadas",
    winnerMark: "Ganadora · 1.º puesto",
    selectedMark: "Seleccionada en el reto",
    answeredIn: (name: string) => `Respondida en 3 días por ${name}`,
    answeredBy: "Respondida por",
    openAnswered: "Abierta: el equipo ya ha respondido",
  },
} as const;

type Copy = (typeof copy)["en" | "es"];

/** A datetime-local value `offset` ms from the real time now, in UTC (the test browser's and so the form's zone). */
function utcDateTimeLocal(offset: number) {
  return new Date(Date.now() + offset).toISOString().slice(0, 16);
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A notification's link: the actor's name (maybe with their job title), then what happened. */
function notice(page: Page, text: string) {
  return page.getByRole("link", { name: new RegExp(`^${escapeRegExp(ADMIN.name)}.* ${escapeRegExp(text)}$`) });
}

/** From a challenge's public page: its "submit an idea" link, the form, and the new idea's page with the challenge tag. */
async function submitIdeaToChallenge(page: Page, t: Copy, challenge: { title: string; slug: string }, idea: { title: string; body: string }, scan: boolean) {
  await page.getByRole("link", { name: t.submitIdea }).click();
  await expect(page).toHaveURL(new RegExp(`/ideas/new\\?challenge=${escapeRegExp(challenge.slug)}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.ideaFor(challenge.title));
  await page.getByLabel(t.ideaTitle, { exact: true }).fill(idea.title);
  await typeInEditor(page, t.ideaBody, idea.body);
  if (scan) await expectNoA11yViolations(page);
  await page.getByRole("button", { name: t.postIdea }).click();
  await expect(page).toHaveURL(/\/ideas\/\d+-/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(idea.title);
  await expect(page.getByRole("link", { name: t.tag(challenge.title), exact: true })).toHaveAttribute("href", `/challenges/${challenge.slug}`);
  if (scan) await expectNoA11yViolations(page);
}

// The windows are typed in UTC, the zone the form says it reads them in for this browser.
test.use({ storageState: { cookies: [], origins: [] }, timezoneId: "UTC" });

// The server's clock is shared by every journey: always give it back.
test.afterEach(() => resetClock());

for (const locale of ["en", "es"] as const) {
  test(`[${locale}] a challenge: staff pose it, customers answer and vote within their budget, staff announce the winners`, async ({ page, browser }) => {
    test.slow();
    const t = copy[locale];
    const stamp = `${Date.now() % 100000}`;
    const challenge = {
      title: locale === "en" ? `How could we ship faster ${stamp}?` : `¿Cómo podríamos entregar antes ${stamp}?`,
      slug: `ship-faster-${locale}-${stamp}`,
    };
    const customerIdea = { title: `Overnight delivery ${locale}${stamp}`, body: "Ship at night so it arrives by breakfast." };
    const adminIdea = { title: `Warehouses near cities ${locale}${stamp}`, body: "Keep the best sellers close to the customers." };
    const customerName = `Challenger ${locale}${stamp}`;
    const noteText = `Thanks to everyone ${stamp}: the warehouses come first.`;

    const adminContext = await browser.newContext({ storageState: ADMIN_STATE, timezoneId: "UTC" });
    try {
      const admin = await adminContext.newPage();

      // 1. Staff pose the challenge (windows from the real time: ideas now, voting tomorrow for two days) and publish it.
      await admin.goto("/admin/challenges");
      await switchLanguage(admin, locale);
      await expect(admin.getByRole("heading", { level: 1 })).toHaveText(t.adminTitle);
      await expectNoA11yViolations(admin);
      await admin.getByRole("link", { name: t.newChallenge }).click();
      await expect(admin).toHaveURL(/\/admin\/challenges\/new$/);
      await expect(admin.getByText(t.timeZone)).toBeVisible();
      await expectNoA11yViolations(admin);
      await admin.getByLabel(t.question, { exact: true }).fill(challenge.title);
      await admin.getByLabel(t.address, { exact: true }).fill(challenge.slug);
      await typeInEditor(admin, t.brief, "Orders take four days to arrive. What would bring them sooner?");
      await admin.getByLabel(t.ideasFrom, { exact: true }).fill(utcDateTimeLocal(-HOUR));
      await admin.getByLabel(t.ideasUntil, { exact: true }).fill(utcDateTimeLocal(DAY));
      await admin.getByLabel(t.votingFrom, { exact: true }).fill(utcDateTimeLocal(DAY));
      await admin.getByLabel(t.votingUntil, { exact: true }).fill(utcDateTimeLocal(3 * DAY));
      await admin.getByLabel(t.budget, { exact: true }).fill("1");
      await admin.getByRole("button", { name: t.create }).click();
      await expect(admin).toHaveURL(/\/admin\/challenges\/\d+\?created=1$/);
      const challengeId = Number(/\/admin\/challenges\/(\d+)/.exec(admin.url())![1]);
      await expect(admin.getByRole("status")).toHaveText(t.created);
      await admin.getByRole("button", { name: t.publish, exact: true }).click();
      await expect(admin.getByRole("button", { name: t.unpublish })).toBeVisible();
      await expect(admin.getByText(t.phaseSubmission, { exact: true })).toBeVisible();
      // Once published, the page no longer says it is a draft waiting to be published.
      await expect(admin.getByText(t.created)).toHaveCount(0);
      await expectNoA11yViolations(admin);

      // 2. A customer finds it open for ideas and answers it.
      await signUp(page, { email: uniqueEmail(`challenger-${locale}`), name: customerName });
      await switchLanguage(page, locale);
      await page.goto("/challenges");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.publicTitle);
      const openGroup = page.getByRole("region", { name: t.openForIdeas, exact: true });
      await expect(openGroup.getByRole("link", { name: challenge.title })).toBeVisible();
      await expectNoA11yViolations(page);
      await openGroup.getByRole("link", { name: challenge.title }).click();
      await expect(page).toHaveURL(`/challenges/${challenge.slug}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(challenge.title);
      await expect(page.getByText(t.phaseSubmission, { exact: true })).toBeVisible();
      await expectNoA11yViolations(page);
      await submitIdeaToChallenge(page, t, challenge, customerIdea, true);

      // The admin answers it too, so there are two ideas to vote on.
      await admin.goto(`/challenges/${challenge.slug}`);
      await submitIdeaToChallenge(admin, t, challenge, adminIdea, false);

      // 3. Voting opens: one vote each, so the second is refused and nothing changes.
      moveClock(DAY + HOUR);
      await page.goto(`/challenges/${challenge.slug}`);
      await expect(page.getByText(t.phaseVoting, { exact: true })).toBeVisible();
      await expect(page.getByText(t.budgetLeft(1, 1))).toBeVisible();
      await expect(page.getByRole("link", { name: t.submitIdea })).toHaveCount(0);
      await expectNoA11yViolations(page);

      await page.getByRole("button", { name: t.vote(adminIdea.title, 0), exact: true }).click();
      const adminIdeaVoted = page.getByRole("button", { name: t.unvote(adminIdea.title, 1), exact: true });
      await expect(adminIdeaVoted).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByText(t.budgetLeft(0, 1))).toBeVisible();

      // The budget is spent: the other ideas' buttons are disabled, and say why.
      const ownVote = page.getByRole("button", { name: `${t.vote(customerIdea.title, 0)}. ${t.budgetSpent}`, exact: true });
      await expect(ownVote).toBeDisabled();
      const ownRow = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: customerIdea.title, exact: true }) });
      await expect(ownRow).toContainText(t.noVotesLeft);
      await expect(ownVote).toHaveAttribute("aria-pressed", "false");
      await expect(page.getByText(t.budgetLeft(0, 1))).toBeVisible();
      await expectNoA11yViolations(page);
      // The server agrees: one vote, on the admin's idea; and refuses a second one sent anyway.
      const customerIdeaPath = await ownRow.getByRole("link", { name: customerIdea.title, exact: true }).getAttribute("href");
      const refused = await page.request.post(`${customerIdeaPath}/vote`, { form: { wanted: "true", enhanced: "1" }, headers: { Origin: new URL(page.url()).origin } });
      expect(await refused.json()).toEqual({ refused: "budgetSpent" });
      await page.reload();
      await expect(adminIdeaVoted).toHaveAttribute("aria-pressed", "true");
      await expect(ownVote).toHaveAttribute("aria-pressed", "false");
      await expect(page.getByText(t.budgetLeft(0, 1))).toBeVisible();

      // The "voting is open" news comes from the server's background job (JOBS_INTERVAL_MS in
      // playwright.config.ts), not from reading a page: look until it has run.
      await expect(async () => {
        await page.goto("/notifications");
        await expect(notice(page, t.votingNotice(challenge.title))).toBeVisible({ timeout: 1_000 });
      }).toPass();
      await expectNoA11yViolations(page);

      // 4. Voting has closed: staff give the places and sign a note; the public page shows the results.
      moveClock(3 * DAY + HOUR);
      await admin.goto(`/admin/challenges/${challengeId}`);
      await expect(admin.getByText(t.phaseCounting, { exact: true })).toBeVisible();
      await expect(admin.getByRole("heading", { name: t.announceHeading })).toBeVisible();
      await admin.getByLabel(t.placeFor(adminIdea.title), { exact: true }).selectOption({ label: t.firstPlace });
      await admin.getByLabel(t.placeFor(customerIdea.title), { exact: true }).selectOption({ label: t.selected });
      await typeInEditor(admin, t.note, noteText);
      await expectNoA11yViolations(admin);
      await admin.getByRole("button", { name: t.announce }).click();
      await expect(admin).toHaveURL(`/challenges/${challenge.slug}#results`);
      await expect(admin.getByText(t.phaseFinished, { exact: true })).toBeVisible();
      const results = admin.getByRole("region", { name: t.results, exact: true });
      await expect(results).toContainText(noteText);
      await expect(results.getByRole("link", { name: ADMIN.name, exact: true })).toBeVisible();
      const winners = results.getByRole("listitem");
      await expect(winners).toHaveCount(2);
      await expect(winners.nth(0)).toContainText(t.firstPlace);
      await expect(winners.nth(0)).toContainText(adminIdea.title);
      await expect(winners.nth(1)).toContainText(t.selected);
      await expect(winners.nth(1)).toContainText(customerIdea.title);
      await expectNoA11yViolations(admin);

      // 5. The customer hears about it and follows the notice to the results.
      await page.goto("/notifications");
      const resultsNotice = notice(page, t.resultsNotice(challenge.title));
      await expect(resultsNotice).toBeVisible();
      await expectNoA11yViolations(page);
      await resultsNotice.click();
      await expect(page).toHaveURL(new RegExp(`/challenges/${escapeRegExp(challenge.slug)}(#results)?$`));
      await expect(page.getByRole("region", { name: t.results, exact: true })).toContainText(noteText);
      await expectNoA11yViolations(page);

      // 6. The results answered the winners: each is marked with its place and no longer waits for the team.
      const ideasList = page.getByRole("region", { name: t.ideasHeading });
      const winnerRow = ideasList.getByRole("listitem").filter({ has: page.getByRole("link", { name: adminIdea.title, exact: true }) });
      await expect(winnerRow).toContainText(t.winnerMark);
      await expect(winnerRow).toContainText(t.answeredIn(ADMIN.name));
      const ownIdeaRow = ideasList.getByRole("listitem").filter({ has: page.getByRole("link", { name: customerIdea.title, exact: true }) });
      await expect(ownIdeaRow).toContainText(t.selectedMark);
      await ownIdeaRow.getByRole("link", { name: customerIdea.title, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(customerIdea.title);
      await expect(page.getByText(t.selectedMark)).toBeVisible();
      await expect(page.getByText(t.openAnswered)).toBeVisible();
      await expect(page.getByRole("main").getByText(t.answeredBy).first()).toContainText(ADMIN.name);
      await expectNoA11yViolations(page);
    } finally {
      resetClock();
      await adminContext.close();
    }
  });
}
