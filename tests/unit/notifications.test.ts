import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "#db/tables";
import { getEmailPreferences, listNotifications, markAllRead, markRead, setEmailPreferences, unreadCount } from "~/domain/notifications.server";
import { setVote } from "~/domain/votes.server";
import { db } from "~/lib/db.server";
import { comment } from "#tests/support/comments";
import { exec } from "#tests/support/db";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { makeIdea } from "#tests/support/ideas";

beforeAll(ensureSite);

const outbox = (to: string) =>
  db.select({ subject: emailOutbox.subject, text: emailOutbox.text, headers: emailOutbox.headers }).from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(asc(emailOutbox.id));

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
    expect(await outbox(quiet.email)).toEqual([]);
    expect((await listNotifications(quiet.id)).notifications).toHaveLength(1);
    const [email] = await outbox(author.email);
    expect(email!.subject).toBe("Marta Ruiz (Support Engineer) te respondió en «Correo en español»");
    expect(email!.text).toContain("Respuesta del equipo");
    expect(JSON.parse(email!.headers)["List-Unsubscribe"]).toMatch(/^<http:\/\/tertulia\.test\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
  });
});
