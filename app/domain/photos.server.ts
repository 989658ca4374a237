import { eq } from "drizzle-orm";
import { users } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { deleteUploads, storeImage } from "~/domain/uploads.server";
import { transaction } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/**
 * A person's photo: re-encoded into its square sizes (storeImage), put in place of the old one,
 * whose files go once the change is committed.
 */
export async function setPhoto(input: { personId: string; bytes: Buffer }) {
  const stored = await storeImage({ bytes: input.bytes, kind: "photo", uploaderId: input.personId });
  if (!stored.ok) return stored;
  const photoId = stored.value.id;
  const done = await transaction(async (tx) => {
    const [person] = await tx.select({ photoId: users.photoId }).from(users).where(eq(users.id, input.personId)).limit(1);
    if (!person) return refused("notFound");
    await tx.update(users).set({ photoId }).where(eq(users.id, input.personId));
    return ok(await deleteUploads(tx, [person.photoId]));
  });
  if (!done.ok) {
    const removeNew = await transaction((tx) => deleteUploads(tx, [photoId]));
    await removeNew();
    return done;
  }
  await done.value();
  return ok({ photoId });
}

/**
 * Removes a person's photo: their own doing, or an admin's (the route checks the role), which
 * the audit log records. Nothing to remove is not an error.
 */
export async function removePhoto(input: { personId: string; actorId: string }) {
  const done = await transaction(async (tx) => {
    const [person] = await tx.select({ photoId: users.photoId }).from(users).where(eq(users.id, input.personId)).limit(1);
    if (!person) return refused("notFound");
    if (!person.photoId) return ok(async () => undefined);
    await tx.update(users).set({ photoId: null }).where(eq(users.id, input.personId));
    if (input.actorId !== input.personId) {
      await audit(tx, { actorId: input.actorId, action: "person.photo.remove", targetType: "person", targetId: input.personId });
    }
    return ok(await deleteUploads(tx, [person.photoId]));
  });
  if (!done.ok) return done;
  await done.value();
  return ok();
}
