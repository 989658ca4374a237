import { eq } from "drizzle-orm";
import { site, type Locale } from "#db/schema";
import { db } from "~/lib/db.server";
import { insertPerson, preparePerson } from "~/domain/people.server";

export function getSite() {
  return db.select().from(site).where(eq(site.id, 1)).get() ?? null;
}

export class SiteAlreadySetUpError extends Error {}

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
  return db.transaction((tx) => {
    if (tx.select({ id: site.id }).from(site).get()) throw new SiteAlreadySetUpError();
    tx.insert(site)
      .values({ id: 1, name: input.siteName.trim(), defaultLocale: input.defaultLocale, replyPromiseDays: input.replyPromiseDays })
      .run();
    return insertPerson(tx, admin);
  });
}
