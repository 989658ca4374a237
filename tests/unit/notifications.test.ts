import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { postComment, setOfficialResponse } from "~/domain/comments.server";
import { emailDueAt, getEmailPreferences, listNotifications, markAllRead, markRead, setEmailPreferences, setEmailSchedule, unreadCount } from "~/domain/notifications.server";
import { follow } from "~/domain/follows.server";
import { changeStatus } from "~/domain/workflow.server";
import { setPhoto } from "~/domain/photos.server";
import { setVote } from "~/domain/votes.server";
import { comment } from "#tests/support/comments";
import { exec } from "#tests/support/db";
import { notificationEmailsTo as emailsTo } from "#tests/support/mail";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { plainPng } from "#tests/support/images";
import { makeIdea, plainBody } from "#tests/support/ideas";

beforeAll(ensureSite);

describe("notification emails", () => {
  it("show the face of the person who acted when they have a photo, at an absolute address", async () => {
    const staff = await makePerson("staff", { displayName: "Foto Staff" });
    accepted(await setPhoto({ personId: staff.id, bytes: await plainPng() }));
    const author = await makePerson();
    await comment((await makeIdea(author.id, "Faces in emails")).id, staff, "With my face");
    const [email] = await emailsTo(author.email);
    expect(email?.html).toMatch(/<img[^>]+src="https?:\/\/[^"]+\/uploads\/[A-Za-z0-9]{20}\/160\.webp"/);

    const other = await makePerson();
    await comment((await makeIdea(other.id, "No face in emails")).id, await makePerson("staff", { displayName: "No Photo" }), "Without a face");
    const [plain] = await emailsTo(other.email);
    expect(plain?.html).not.toContain("<img");
  });
});

describe("notifications", () => {
  it("tell the person replied to, tell followers of a staff reply once, never the actor", async () => {
    const author = await makePerson();
    const follower = await makePerson();
    const staff = await makePerson("staff", { displayName: "Sofía Staff" });
    const idea = await makeIdea(author.id, "Notify me");
    accepted(await setVote(idea.id, follower.id, true));
    const question = await comment(idea.id, follower, "A question");
    const kinds = async (personId: string) => (await listNotifications(personId)).notifications.map((n) => n.kind);
    expect(await kinds(author.id)).toEqual(["reply"]);

    await comment(idea.id, staff, "The answer", { parentId: question.id });
    expect(await kinds(follower.id)).toEqual(["reply"]);
    expect(await kinds(author.id)).toEqual(["staff_reply", "reply"]);
    expect(await kinds(staff.id)).toEqual([]);
    expect(await unreadCount(author.id)).toBe(2);
    expect((await listNotifications(author.id)).notifications[0]).toMatchObject({ actorName: "Sofía Staff", ideaTitle: "Notify me" });
  });

  it("are marked read one by one or all at once, only by their recipient", async () => {
    const author = await makePerson();
    const idea = await makeIdea(author.id, "Read me");
    for (const text of ["one", "two", "three"]) await comment(idea.id, await makePerson(), text);
    const [first] = (await listNotifications(author.id)).notifications;
    await markRead((await makePerson()).id, first!.id);
    expect(await unreadCount(author.id)).toBe(3);
    await markRead(author.id, first!.id);
    expect(await unreadCount(author.id)).toBe(2);
    await markAllRead(author.id);
    expect(await unreadCount(author.id)).toBe(0);
  });

  it("email only the kinds a person wants, in their language", async () => {
    const author = await makePerson();
    await exec(sql`update users set locale = 'es' where id = ${author.id}`);
    const quiet = await makePerson();
    const staff = await makePerson("staff", { displayName: "Marta Ruiz" });
    await exec(sql`update users set job_title = 'Support Engineer' where id = ${staff.id}`);
    const idea = await makeIdea(author.id, "Correo en español");
    accepted(await setVote(idea.id, quiet.id, true));
    await setEmailPreferences(quiet.id, { staff_reply: false });
    expect(await getEmailPreferences(quiet.id)).toMatchObject({ reply: true, staff_reply: false });
    await comment(idea.id, staff, "Respuesta del equipo");
    expect(await emailsTo(quiet.email)).toEqual([]);
    expect((await listNotifications(quiet.id)).notifications).toHaveLength(1);
    const [email] = await emailsTo(author.email);
    expect(email!.subject).toBe("Marta Ruiz (Support Engineer) te respondió en «Correo en español»");
    expect(email!.text).toContain("Respuesta del equipo");
    expect(JSON.parse(email!.headers)["List-Unsubscribe"]).toMatch(/^<http:\/\/tertulia\.test\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
  });
});

const at = (iso: string) => new Date(iso);
const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

describe("notification emails", () => {
  it("turn three quick staff actions on an idea into one email, quoting the reply once, with HTML, text and unsubscribe headers", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff", { displayName: "Lucía Fernández" });
    await exec(sql`update users set job_title = 'Product Manager' where id = ${staff.id}`);
    const idea = await makeIdea(author.id, "Dark mode");
    const start = at("2031-03-04T10:00:00Z");
    const reply = await postComment({ ideaId: idea.id, author: staff, parentId: null, kind: "public", body: plainBody("We are on it."), now: start });
    if (!reply.ok) throw new Error(reply.reason);
    accepted(await setOfficialResponse({ ideaId: idea.id, commentId: reply.value.id, staffId: staff.id, now: new Date(start.getTime() + 5_000) }));
    accepted(await changeStatus({ ideaId: idea.id, staffId: staff.id, to: "planned", note: plainBody("Planned for the spring."), now: new Date(start.getTime() + 15_000) }));

    expect(await emailsTo(author.email, minutesAfter(start, 1))).toEqual([]);
    const emails = await emailsTo(author.email, minutesAfter(start, 3));
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email!.subject).toBe("3 updates on “Dark mode”");
    expect(email!.fromName).toBe("Test portal");
    expect(email!.text.match(/We are on it\./g)).toHaveLength(1);
    expect(email!.text).toContain("Lucía Fernández · Product Manager");
    expect(email!.text).toContain("Lucía Fernández gave the team's official response on “Dark mode”.");
    expect(email!.text).toContain("Planned for the spring.");
    expect(email!.html).toMatch(/^<!DOCTYPE html/i);
    expect(email!.html).toContain("Test portal");
    expect(email!.html).toContain("Product Manager");
    const headers = JSON.parse(email!.headers) as Record<string, string>;
    expect(headers["List-Unsubscribe"]).toMatch(/^<http:\/\/tertulia\.test\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(email!.text).toMatch(/You get this email because you follow this idea on Test portal\.\nUnsubscribe from these emails: http/);

    // Sent once: the job finds nothing more to send.
    expect(await emailsTo(author.email)).toHaveLength(1);
  });

  it("do not repeat a reply already emailed when it later becomes the official response", async () => {
    const author = await makePerson();
    const staff = await makePerson("staff", { displayName: "Iker Soto" });
    const idea = await makeIdea(author.id, "Invoices in PDF");
    const start = at("2031-03-05T10:00:00Z");
    const reply = await postComment({ ideaId: idea.id, author: staff, parentId: null, kind: "public", body: plainBody("PDF invoices are coming."), now: start });
    if (!reply.ok) throw new Error(reply.reason);
    expect(await emailsTo(author.email, minutesAfter(start, 3))).toHaveLength(1);
    accepted(await setOfficialResponse({ ideaId: idea.id, commentId: reply.value.id, staffId: staff.id, now: minutesAfter(start, 30) }));
    const emails = await emailsTo(author.email, minutesAfter(start, 33));
    expect(emails).toHaveLength(2);
    expect(emails[1]!.subject).toBe("Official response on “Invoices in PDF”");
    expect(emails[1]!.text).not.toContain("PDF invoices are coming.");
  });

  it("gather followed ideas into a daily digest at the digest hour, each event once; a weekly one waits for Monday", async () => {
    const [author, follower, weekly] = [await makePerson(), await makePerson(), await makePerson()];
    const staff = await makePerson("staff", { displayName: "Ana Digest" });
    const first = await makeIdea(author.id, "Digest one");
    const second = await makeIdea(author.id, "Digest two");
    for (const idea of [first, second]) for (const person of [follower, weekly]) accepted(await follow(idea.id, person.id));
    await setEmailSchedule(weekly.id, { own: "immediate", followed: "weekly" });
    const wednesday = at("2031-03-05T10:00:00Z");
    const reply = await postComment({ ideaId: first.id, author: staff, parentId: null, kind: "public", body: plainBody("Looking into it."), now: wednesday });
    if (!reply.ok) throw new Error(reply.reason);
    accepted(await changeStatus({ ideaId: second.id, staffId: staff.id, to: "under_review", note: null, now: minutesAfter(wednesday, 300) }));

    expect(emailDueAt("daily", wednesday)).toEqual(at("2031-03-06T07:00:00Z"));
    expect(emailDueAt("weekly", wednesday)).toEqual(at("2031-03-10T07:00:00Z"));
    // The author hears right away (their own ideas); the follower not before the digest hour.
    expect(await emailsTo(follower.email, at("2031-03-06T06:59:00Z"))).toEqual([]);
    const digests = await emailsTo(follower.email, at("2031-03-06T07:00:00Z"));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("Your daily digest from Test portal: 2 updates");
    expect(digests[0]!.text).toContain("Looking into it.");
    expect(digests[0]!.text).toContain("Ana Digest moved “Digest two” to Under review.");
    expect(digests[0]!.text).toContain("You get this daily digest because you follow these ideas on Test portal.");
    // React's streaming renderer leaves NUL bytes in long HTML; PostgreSQL would refuse the email.
    expect(digests[0]!.html).not.toContain("\0");
    expect(await emailsTo(follower.email, at("2031-03-07T07:00:00Z"))).toHaveLength(1);

    expect(await emailsTo(weekly.email, at("2031-03-09T07:00:00Z"))).toEqual([]);
    const weeklyDigest = await emailsTo(weekly.email, at("2031-03-10T07:00:00Z"));
    expect(weeklyDigest.map((email) => email.subject)).toEqual(["Your weekly digest from Test portal: 2 updates"]);
    expect((await emailsTo(author.email, minutesAfter(wednesday, 310))).map((email) => email.subject)).toEqual([
      "Ana Digest replied to you on “Digest one”",
      "“Digest two” is now Under review",
    ]);
  });
});

