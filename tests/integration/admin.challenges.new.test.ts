import { beforeAll, describe, expect, it } from "vitest";
import { getChallenge } from "~/domain/challenges.server";
import { action as createAction } from "~/routes/admin.challenges.new";
import { uploadStore } from "~/lib/uploads/store.server";
import { args, call, ensureSite, makeMultipartRequest, makePerson, makeRequest, sessionCookieFor } from "#tests/support/fixtures";
import { NOT_AN_IMAGE, plainPng } from "#tests/support/images";

type Reply = { status: string; error: Record<string, string[] | null>; initialValue: Record<string, string> };
type DataResult<T> = { data: T; init: { status: number } | null };

let staffCookie = "";
beforeAll(async () => {
  await ensureSite();
  staffCookie = await sessionCookieFor((await makePerson("staff")).id);
});

const challengeForm = {
  intent: "save",
  title: "How could returns be painless?",
  slug: "",
  brief: "Tell us how returns should work.",
  submissionOpensAt: "2032-07-01T09:00",
  submissionClosesAt: "2032-07-15T18:00",
  votingOpensAt: "2032-07-16T09:00",
  votingClosesAt: "2032-07-23T18:00",
  voteBudget: "3",
  timeZone: "Europe/Madrid",
};

const create = (form: Record<string, string>) => createAction(args(makeRequest("/admin/challenges/new", { cookie: staffCookie, form })));

describe("staff creating a challenge", () => {
  it("reads the windows in the form's time zone and makes the address from the question", async () => {
    const response = (await call(() => create(challengeForm))) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/admin\/challenges\/\d+\?created=1$/);
    const challenge = (await getChallenge("how-could-returns-be-painless", { includeDrafts: true }))!;
    // 09:00 in Madrid in July is 07:00 UTC (summer time).
    expect(challenge.submissionOpensAt.toISOString()).toBe("2032-07-01T07:00:00.000Z");
    expect(challenge.votingClosesAt.toISOString()).toBe("2032-07-23T16:00:00.000Z");
    expect(challenge).toMatchObject({ voteBudget: 3, publishedAt: null, briefHtml: "<p>Tell us how returns should work.</p>" });
  });

  it("refuses windows in the wrong order with a field error each, keeping what was typed", async () => {
    const form = { ...challengeForm, title: "Windows out of order", submissionClosesAt: "2032-06-30T09:00", votingOpensAt: "2032-06-29T09:00", votingClosesAt: "2032-06-28T09:00" };
    const result = (await create(form)) as unknown as DataResult<Reply>;
    expect(result.init?.status).toBe(400);
    expect(result.data.error).toMatchObject({
      submissionClosesAt: ["errors.challenge.submissionClosesBeforeOpens"],
      votingOpensAt: ["errors.challenge.votingBeforeSubmissionCloses"],
      votingClosesAt: ["errors.challenge.votingClosesBeforeOpens"],
    });
    expect(result.data.initialValue).toMatchObject({ title: "Windows out of order", brief: "Tell us how returns should work.", voteBudget: "3" });
  });

  it("refuses a taken address, a bad budget and a missing time", async () => {
    await call(() => create({ ...challengeForm, title: "Taken address", slug: "taken-address" }));
    const taken = (await create({ ...challengeForm, slug: "taken-address" })) as unknown as DataResult<Reply>;
    expect(taken.data.error.slug).toEqual(["errors.challenge.slugTaken"]);
    const bad = (await create({ ...challengeForm, voteBudget: "0", votingOpensAt: "soon", slug: "Not A Slug!" })) as unknown as DataResult<Reply>;
    expect(bad.data.error).toMatchObject({ voteBudget: ["errors.field.atLeast:1"], votingOpensAt: ["errors.challenge.dateTime"], slug: ["errors.challenge.slug"] });
  });

  it("takes a cover image, re-encoded; a file that only claims to be an image is refused with the form kept", async () => {
    const withCover = (title: string, bytes: Buffer) =>
      createAction(args(makeMultipartRequest("/admin/challenges/new", { cookie: staffCookie, fields: { ...challengeForm, title }, files: { cover: { bytes, filename: "cover.png", type: "image/png" } } })));
    const refused = (await withCover("Not a picture", NOT_AN_IMAGE)) as unknown as DataResult<Reply>;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.error.cover).toEqual(["errors.upload.notAnImage"]);
    expect(refused.data.initialValue).toMatchObject({ title: "Not a picture", brief: "Tell us how returns should work." });
    expect(await getChallenge("not-a-picture", { includeDrafts: true })).toBeNull();

    const picture = await plainPng(1200, 400);
    expect(((await call(() => withCover("With a cover", picture))) as Response).status).toBe(302);
    const { coverId } = (await getChallenge("with-a-cover", { includeDrafts: true }))!;
    const stored = await uploadStore().get(`${coverId}/800.webp`);
    expect(stored?.subarray(8, 12).toString()).toBe("WEBP");
  });
});
