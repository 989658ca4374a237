import { beforeAll, describe, expect, it } from "vitest";
import { uploads } from "#db/tables";
import { setBlocked } from "~/domain/moderation.server";
import { db } from "~/lib/db.server";
import { CONTENT_IMAGE_SRC } from "~/lib/upload-paths";
import { action } from "~/routes/uploads._index";
import { accepted, answerOf, args, call, ensureSite, makeMultipartRequest, makePerson, signedIn } from "#tests/support/fixtures";
import { NOT_AN_IMAGE, plainPng } from "#tests/support/images";

beforeAll(ensureSite);

const upload = (cookie: string | undefined, bytes: Buffer, type = "image/png") =>
  call(() => action(args(makeMultipartRequest("/uploads", { cookie, files: { file: { bytes, filename: "pasted.png", type } } }))));
/** The action's JSON answer (refusals of who may upload are thrown by the guard instead). */
const jsonAnswer = async (response: unknown) => ({ status: (response as Response).status, body: await (response as Response).json() });

describe("POST /uploads (images in ideas and comments)", () => {
  it("stores an image for a rich-text body and answers the address its node takes", async () => {
    const { cookie } = await signedIn();
    const answer = await jsonAnswer(await upload(cookie, await plainPng(1000, 500)));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ src: expect.stringMatching(CONTENT_IMAGE_SRC), width: 1000, height: 500 });
    expect(await db.select({ kind: uploads.kind }).from(uploads)).toContainEqual({ kind: "image" });
  });

  it("refuses what is not an image, visitors and blocked people", async () => {
    const { cookie } = await signedIn();
    expect(await jsonAnswer(await upload(cookie, NOT_AN_IMAGE))).toEqual({ status: 400, body: { error: "errors.upload.notAnImage" } });
    expect(((await upload(undefined, await plainPng())) as Response).headers.get("Location")).toMatch(/^\/login/);
    const admin = await makePerson("admin");
    const { person, cookie: blockedCookie } = await signedIn();
    accepted(await setBlocked({ personId: person.id, adminId: admin.id, reason: "spam spam" }));
    expect(answerOf(await upload(blockedCookie, await plainPng())).status).toBe(403);
  });
});
