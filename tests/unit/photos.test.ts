import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, uploads } from "#db/tables";
import { getPerson } from "~/domain/people.server";
import { removePhoto, setPhoto } from "~/domain/photos.server";
import { db } from "~/lib/db.server";
import { uploadStore } from "~/lib/uploads/store.server";
import { UPLOAD_WIDTHS } from "~/lib/upload-paths";
import { accepted, ensureSite, makePerson } from "#tests/support/fixtures";
import { NOT_AN_IMAGE, phoneJpeg } from "#tests/support/images";

beforeAll(ensureSite);

const filesOf = (id: string) => Promise.all(UPLOAD_WIDTHS.photo.map((width) => uploadStore().get(`${id}/${width}.webp`)));

describe("photos", () => {
  it("stores every size of a new photo, and a second photo replaces the first, files and all", async () => {
    const person = await makePerson();
    const first = accepted(await setPhoto({ personId: person.id, bytes: await phoneJpeg(600, 600) }));
    expect((await getPerson(person.id))?.photoId).toBe(first.photoId);
    expect((await filesOf(first.photoId)).every(Boolean)).toBe(true);

    const second = accepted(await setPhoto({ personId: person.id, bytes: await phoneJpeg(500, 900) }));
    expect((await getPerson(person.id))?.photoId).toBe(second.photoId);
    expect(await filesOf(first.photoId)).toEqual([null, null, null]);
    expect(await db.select().from(uploads).where(eq(uploads.id, first.photoId))).toEqual([]);
    expect(await db.select({ kind: uploads.kind, uploaderId: uploads.uploaderId, width: uploads.width, height: uploads.height }).from(uploads).where(eq(uploads.id, second.photoId))).toEqual([
      { kind: "photo", uploaderId: person.id, width: 400, height: 400 },
    ]);
  });

  it("refuses a file that is not an image and keeps the photo there was", async () => {
    const person = await makePerson();
    const kept = accepted(await setPhoto({ personId: person.id, bytes: await phoneJpeg(300, 300) }));
    expect(await setPhoto({ personId: person.id, bytes: NOT_AN_IMAGE })).toEqual({ ok: false, reason: "notAnImage" });
    expect((await getPerson(person.id))?.photoId).toBe(kept.photoId);
  });

  it("removes a photo; an admin's removal of someone else's is in the audit log", async () => {
    const person = await makePerson();
    const admin = await makePerson("admin");
    const own = accepted(await setPhoto({ personId: person.id, bytes: await phoneJpeg(300, 300) }));
    accepted(await removePhoto({ personId: person.id, actorId: person.id }));
    expect((await getPerson(person.id))?.photoId).toBeNull();
    expect(await filesOf(own.photoId)).toEqual([null, null, null]);

    accepted(await setPhoto({ personId: person.id, bytes: await phoneJpeg(300, 300) }));
    accepted(await removePhoto({ personId: person.id, actorId: admin.id }));
    const entries = await db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.targetId, person.id));
    expect(entries).toEqual([{ action: "person.photo.remove", actorId: admin.id }]);
    expect(await removePhoto({ personId: "nobody", actorId: admin.id })).toEqual({ ok: false, reason: "notFound" });
  });
});
