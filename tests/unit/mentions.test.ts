import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { editComment, getThread, postComment } from "~/domain/comments.server";
import { commentBodyFrom, suggestMentions } from "~/domain/mentions.server";
import { hideReported, reportContent } from "~/domain/moderation.server";
import { listNotifications, setEmailPreferences } from "~/domain/notifications.server";
import { updateProfile } from "~/domain/people.server";
import { deleteAccount } from "~/domain/personal-data.server";
import { comment } from "#tests/support/comments";
import { exec } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";
import { notificationEmailsTo } from "#tests/support/mail";

beforeAll(ensureSite);

type Person = Awaited<ReturnType<typeof makePerson>>;

/** A comment's body as the editor sends it: words, and a mention of each person named. */
function mentioning(words: string, ...people: Array<{ id: string; label?: string }>) {
  const content: unknown[] = [{ type: "text", text: words }];
  for (const person of people) content.push({ type: "text", text: " " }, { type: "mention", attrs: { id: person.id, label: person.label ?? "whoever" } });
  return JSON.stringify({ type: "doc", content: [{ type: "paragraph", content }] });
}

async function post(ideaId: number, author: Person, body: string, options: { kind?: "public" | "internal"; parentId?: number } = {}) {
  const parsed = accepted(await commentBodyFrom(body));
  return accepted(await postComment({ ideaId, author, parentId: options.parentId ?? null, kind: options.kind ?? "public", body: parsed }));
}

const kindsFor = async (person: Person) => (await listNotifications(person.id)).notifications.map((n) => n.kind);

describe("commentBodyFrom", () => {
  it("keeps a mention of someone who exists, with the name they have (not the one the document claims)", async () => {
    const ana = await makePerson("customer", { displayName: "Ana Álvarez" });
    const body = accepted(await commentBodyFrom(mentioning("Thanks", { id: ana.id, label: "<b>Boss</b>" })));
    expect(body.html).toBe(`<p>Thanks <a class="mention" href="/people/${ana.id}">@Ana Álvarez</a></p>`);
    expect(body.text).toBe("Thanks @Ana Álvarez");
    expect(JSON.parse(body.json).content[0].content[1]).toEqual({ type: "mention", attrs: { id: ana.id, label: "Ana Álvarez", mentionSuggestionChar: "@" } });
  });

  it("keeps the words of a mention of nobody, or of a deleted account, as text", async () => {
    const gone = await makePerson("customer", { displayName: "Gone Soon" });
    accepted(await deleteAccount({ personId: gone.id, actorId: gone.id, formerName: "Former member" }));
    const body = accepted(await commentBodyFrom(mentioning("Hi", { id: "nobody-at-all", label: "Ghost <i>" }, { id: gone.id, label: "Gone Soon" })));
    expect(body.html).toBe("<p>Hi @Ghost &lt;i&gt; @Gone Soon</p>");
  });
});

describe("suggestMentions", () => {
  it("offers the team first, then those taking part in the public discussion, matching what was typed, never an address", async () => {
    const author = await makePerson("customer", { displayName: "Zoe Author" });
    const staff = await makePerson("staff", { displayName: "Lucía Staff" });
    await exec(sql`update users set job_title = 'Support' where id = ${staff.id}`);
    await makePerson("admin", { displayName: "Luis Admin" });
    const talker = await makePerson("customer", { displayName: "Lucas Talker" });
    const quiet = await makePerson("customer", { displayName: "Lucio Outsider" });
    const idea = await makeIdea(author.id, "Who can I mention");
    await comment(idea.id, talker, "I agree");
    const asker = await makePerson("customer", { displayName: "Asker" });

    const all = accepted(await suggestMentions({ ideaId: idea.id, viewer: asker, query: "" }));
    const names = all.map((person) => person.displayName);
    expect(names.indexOf("Lucía Staff")).toBeLessThan(names.indexOf("Lucas Talker"));
    expect(names.indexOf("Luis Admin")).toBeLessThan(names.indexOf("Zoe Author"));
    expect(names).not.toContain("Lucio Outsider");
    expect(names).not.toContain("Asker");
    expect(all.find((person) => person.id === staff.id)).toEqual({ id: staff.id, displayName: "Lucía Staff", photoId: null, team: true, jobTitle: "Support" });
    expect(all.find((person) => person.id === talker.id)).toEqual({ id: talker.id, displayName: "Lucas Talker", photoId: null, team: false, jobTitle: null });
    expect(JSON.stringify(all)).not.toContain("@example");

    const typed = accepted(await suggestMentions({ ideaId: idea.id, viewer: asker, query: "luci" }));
    expect(typed.map((person) => person.displayName)).toEqual(["Lucía Staff"]);
    const bySurname = accepted(await suggestMentions({ ideaId: idea.id, viewer: asker, query: "TALK" }));
    expect(bySurname.map((person) => person.id)).toEqual([talker.id]);
    expect(quiet.id).not.toBe(talker.id);
  });

  it("leaves out people whose only words there are hidden, deleted or internal, and refuses a hidden idea to a customer", async () => {
    const author = await makePerson("customer", { displayName: "Hilda Author" });
    const hiddenTalker = await makePerson("customer", { displayName: "Hidden Talker" });
    const staff = await makePerson("staff", { displayName: "Moderating Staff" });
    const idea = await makeIdea(author.id, "Moderated thread");
    const words = await comment(idea.id, hiddenTalker, "Spam words");
    const report = accepted(await reportContent({ reporterId: staff.id, ideaId: idea.id, commentId: words.id, reason: "Spam" }));
    accepted(await hideReported({ reportId: report.id, staffId: staff.id, reason: "Spam" }));
    const customer = await makePerson();
    const names = accepted(await suggestMentions({ ideaId: idea.id, viewer: customer, query: "" })).map((person) => person.displayName);
    expect(names).toContain("Hilda Author");
    expect(names).not.toContain("Hidden Talker");

    expect(await suggestMentions({ ideaId: 999_999, viewer: customer, query: "" })).toEqual({ ok: false, reason: "notFound" });
    const hiddenIdea = await makeIdea(author.id, "Hidden idea");
    const ideaReport = accepted(await reportContent({ reporterId: staff.id, ideaId: hiddenIdea.id, commentId: null, reason: "Spam" }));
    accepted(await hideReported({ reportId: ideaReport.id, staffId: staff.id, reason: "Spam" }));
    expect(await suggestMentions({ ideaId: hiddenIdea.id, viewer: customer, query: "" })).toEqual({ ok: false, reason: "notFound" });
    expect(await suggestMentions({ ideaId: hiddenIdea.id, viewer: author, query: "" })).toEqual({ ok: false, reason: "notFound" });
    expect((await suggestMentions({ ideaId: hiddenIdea.id, viewer: staff, query: "" })).ok).toBe(true);
  });
});

describe("who a mention tells", () => {
  it("tells the team and those taking part, in-app and by email; not someone from outside the thread, nor the author", async () => {
    const author = await makePerson("customer", { displayName: "Irene Author" });
    const staff = await makePerson("staff", { displayName: "Sam Staff" });
    const talker = await makePerson("customer", { displayName: "Tomás Talker" });
    const outsider = await makePerson("customer", { displayName: "Olga Outsider" });
    const idea = await makeIdea(author.id, "Mentions tell people");
    await comment(idea.id, talker, "Me too");
    const writer = await makePerson("customer", { displayName: "Wanda Writer" });
    await post(idea.id, writer, mentioning("Asking", staff, talker, outsider, writer));

    expect(await kindsFor(staff)).toEqual(["mention"]);
    expect(await kindsFor(talker)).toEqual(["mention"]);
    expect(await kindsFor(outsider)).toEqual([]);
    expect(await kindsFor(writer)).toEqual([]);
    const [email] = await notificationEmailsTo(talker.email);
    expect(email!.subject).toBe("Wanda Writer mentioned you on “Mentions tell people”");
    expect(email!.text).toContain("Asking @Sam Staff @Tomás Talker @Olga Outsider @Wanda Writer");
  });

  it("tells the person replied to once, as a mention; honours their email choice while keeping the in-app notice", async () => {
    const author = await makePerson("customer", { displayName: "Quique Asker" });
    const staff = await makePerson("staff", { displayName: "Rita Replier" });
    const idea = await makeIdea(author.id, "One notice each");
    const question = await comment(idea.id, author, "Any news?");
    await setEmailPreferences(author.id, { mention: false });
    await post(idea.id, staff, mentioning("Yes, soon,", author), { parentId: question.id });
    expect(await kindsFor(author)).toEqual(["mention"]);
    expect(await notificationEmailsTo(author.email)).toEqual([]);
  });

  it("tells no customer of an internal note, and no one but staff and its author of a hidden idea", async () => {
    const author = await makePerson("customer", { displayName: "Nina Noted" });
    const staff = await makePerson("staff", { displayName: "Nora Notes" });
    const colleague = await makePerson("staff", { displayName: "Colin Colleague" });
    const idea = await makeIdea(author.id, "Internal mentions");
    await post(idea.id, staff, mentioning("Between us:", author, colleague), { kind: "internal" });
    expect(await kindsFor(author)).toEqual([]);
    expect(await kindsFor(colleague)).toEqual(["mention"]);

    const talker = await makePerson("customer", { displayName: "Hugo Hidden" });
    const hidden = await makeIdea(author.id, "Hidden mentions");
    await comment(hidden.id, talker, "Before it was hidden");
    const report = accepted(await reportContent({ reporterId: staff.id, ideaId: hidden.id, commentId: null, reason: "Spam" }));
    accepted(await hideReported({ reportId: report.id, staffId: staff.id, reason: "Spam" }));
    await post(hidden.id, staff, mentioning("About this:", talker, author));
    expect(await kindsFor(talker)).toEqual([]);
    expect((await kindsFor(author)).filter((kind) => kind === "mention")).toHaveLength(1);
  });

  it("tells on an edit only those the edit adds", async () => {
    const author = await makePerson("customer", { displayName: "Edna Editor" });
    const first = await makePerson("staff", { displayName: "First Staff" });
    const second = await makePerson("staff", { displayName: "Second Staff" });
    const idea = await makeIdea(author.id, "Edited mentions");
    const posted = await post(idea.id, author, mentioning("Hello", first));
    accepted(await editComment(posted.id, author.id, accepted(await commentBodyFrom(mentioning("Hello again", first, second)))));
    expect(await kindsFor(first)).toEqual(["mention"]);
    expect(await kindsFor(second)).toEqual(["mention"]);
  });
});

describe("the names mentions show", () => {
  it("are the names people have now; a deleted account keeps its former name, without a link", async () => {
    const author = await makePerson("customer", { displayName: "Pepa Poster" });
    const renamed = await makePerson("staff", { displayName: "Old Name" });
    const leaving = await makePerson("customer", { displayName: "Leaving Soon" });
    const idea = await makeIdea(author.id, "Names change");
    await comment(idea.id, leaving, "Hi");
    await post(idea.id, author, mentioning("Thanks", renamed, leaving));
    accepted(await updateProfile(renamed.id, { displayName: "New Name", locale: null }));
    accepted(await deleteAccount({ personId: leaving.id, actorId: leaving.id, formerName: "Former member" }));
    const thread = await getThread(idea.id, null);
    const shown = thread.flatMap((item) => (item.type === "comment" && item.html?.includes("Thanks") ? [item.html] : []));
    expect(shown).toEqual([`<p>Thanks <a class="mention" href="/people/${renamed.id}">@New Name</a> <span class="mention">@Former member</span></p>`]);
  });
});
