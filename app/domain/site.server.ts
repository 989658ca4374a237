import { eq } from "drizzle-orm";
import { site, type Locale } from "#db/schema";
import { insertPerson, preparePerson } from "~/domain/people.server";
import { db, transaction } from "~/lib/db.server";
import { refused } from "~/lib/result";

export async function getSite() {
  const [row] = await db.select().from(site).where(eq(site.id, 1)).limit(1);
  return row ?? null;
}

/**
 * First run: creates the site row and its first admin in one transaction. The single-row
 * check on `site` makes a second setup fail even when two requests race.
 */
export async function setUpSite(input: {
  siteName: string;
  defaultLocale: Locale;
  replyPromiseDays: number;
  admin: { email: string; displayName: string; password: string };
}) {
  const admin = await preparePerson({ ...input.admin, role: "admin", locale: input.defaultLocale });
  return transaction(async (tx) => {
    const [existing] = await tx.select({ id: site.id }).from(site).limit(1);
    if (existing) return refused("alreadySetUp");
    await tx.insert(site).values({ id: 1, name: input.siteName.trim(), defaultLocale: input.defaultLocale, replyPromiseDays: input.replyPromiseDays });
    return insertPerson(tx, admin);
  });
}
