import { eq } from "drizzle-orm";
import { users } from "#db/tables";
import { canActOnIdea } from "~/domain/idea-visibility";
import type { Tx } from "~/lib/db.server";
import { ok, refused } from "~/lib/result";

/**
 * Inside a domain write: refuses (as "notFound", so nothing is confirmed) when someone other
 * than staff acts on a hidden idea. Asks the actor's role only when the idea is hidden.
 */
export async function checkMayActOn(tx: Tx, idea: { hiddenAt: Date | null }, actorId: string) {
  if (!idea.hiddenAt) return ok();
  const [actor] = await tx.select({ role: users.role }).from(users).where(eq(users.id, actorId)).limit(1);
  return canActOnIdea(actor, { hidden: true }) ? ok() : refused("notFound");
}
