import { beforeAll, describe, expect, it } from "vitest";
import { getPerson } from "~/domain/people.server";
import { action as profileAction, loader as profileLoader } from "~/routes/settings.profile";
import { loader as uploadLoader } from "~/routes/uploads.$id.$file";
import { answerOf, args, call, ensureSite, makeMultipartRequest, makePerson, makeRequest, sessionCookieFor, signedIn } from "#tests/support/fixtures";
import { NOT_AN_IMAGE, phoneJpeg, PLANTED, webpChunks } from "#tests/support/images";
import { PHOTO_SIZES } from "~/lib/upload-paths";

beforeAll(ensureSite);

type Reply = { status: string; error?: Record<string, string[] | null> };

describe("profile settings", () => {
  it("is for signed-in people only", async () => {
    const response = (await call(() => profileLoader(args(makeRequest("/settings/profile"))))) as Response;
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fprofile");
  });

  it("lets staff set a title and bio, but not customers", async () => {
    const staff = await makePerson("staff");
    const customer = await makePerson("customer");
    const form = { displayName: "Renamed", locale: "auto", jobTitle: "Support lead", bio: "Answers fast.", company: "Acme" };
    await profileAction(args(makeRequest("/settings/profile", { cookie: await sessionCookieFor(staff.id), form })));
    await profileAction(args(makeRequest("/settings/profile", { cookie: await sessionCookieFor(customer.id), form })));
    expect(await getPerson(staff.id)).toMatchObject({ displayName: "Renamed", jobTitle: "Support lead", bio: "Answers fast.", company: null, locale: null });
    expect(await getPerson(customer.id)).toMatchObject({ jobTitle: null, bio: null, company: "Acme" });
  });

  it("answers bad input with field errors", async () => {
    const person = await makePerson();
    const response = (await profileAction(
      args(makeRequest("/settings/profile", { cookie: await sessionCookieFor(person.id), form: { displayName: "", locale: "fr" } })),
    )) as unknown as { data: Reply; init: { status: number } };
    expect(response.init.status).toBe(400);
    expect(response.data.error?.displayName).toEqual(["errors.field.required"]);
    expect(response.data.error?.locale).toBeTruthy();
  });

  it("takes a photo and serves it re-encoded, square, without the phone's metadata", async () => {
    const { person, cookie } = await signedIn();
    const jpeg = await phoneJpeg(1200, 800);
    const saved = answerOf(
      await profileAction(
        args(makeMultipartRequest("/settings/profile", { cookie, fields: { displayName: "With a face", locale: "auto" }, files: { photo: { bytes: jpeg, filename: "IMG_0001.jpg", type: "image/jpeg" } } })),
      ),
    );
    expect(saved.status).toBe(200);
    const stored = await getPerson(person.id);
    expect(stored).toMatchObject({ displayName: "With a face", photoId: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });

    for (const size of Object.values(PHOTO_SIZES)) {
      const response = (await uploadLoader(args(makeRequest(`/uploads/${stored!.photoId}/${size}.webp`), { id: stored!.photoId!, file: `${size}.webp` }))) as Response;
      expect(response.headers.get("Content-Type")).toBe("image/webp");
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(jpeg)).toBe(false);
      // Only image data: no EXIF, XMP or ICC chunk, and none of the planted words anywhere.
      expect(webpChunks(bytes)).toEqual(["VP8 "]);
      for (const word of Object.values(PLANTED)) expect(bytes.includes(word)).toBe(false);
      expect(bytes.readUInt32LE(4) + 8).toBe(bytes.length);
    }
  });

  it("refuses a file that claims to be an image but is not, or is too large, and keeps the rest of the form", async () => {
    const { person, cookie } = await signedIn();
    const before = { ...(await getPerson(person.id)), lastSeenAt: expect.any(Date) };
    for (const [bytes, error] of [
      [NOT_AN_IMAGE, "errors.upload.notAnImage"],
      [Buffer.concat([await phoneJpeg(200, 200), Buffer.alloc(5 * 1024 * 1024)]), "errors.upload.tooLarge:5"],
    ] as const) {
      const refused = answerOf(
        await profileAction(args(makeMultipartRequest("/settings/profile", { cookie, fields: { displayName: "Typed name", locale: "es", company: "Typed Co" }, files: { photo: { bytes, filename: "photo.jpg", type: "image/jpeg" } } }))),
      );
      expect(refused.status).toBe(400);
      const reply = refused.body as Reply & { initialValue: Record<string, string> };
      expect(reply.error?.photo).toEqual([error]);
      expect(reply.initialValue).toMatchObject({ displayName: "Typed name", locale: "es", company: "Typed Co" });
    }
    expect(await getPerson(person.id)).toEqual(before);
  });

  it("serves no file it does not have, and nothing outside the uploads", async () => {
    for (const [id, file] of [["AbCdEfGhIjKlMnOpQrSt", "64.webp"], ["..", "64.webp"], ["AbCdEfGhIjKlMnOpQrSt", "64.svg"]]) {
      const response = (await call(() => uploadLoader(args(makeRequest(`/uploads/${id}/${file}`), { id: id!, file: file! })))) as Response;
      expect(response.status).toBe(404);
    }
  });
});
