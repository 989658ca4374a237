import { eq, sql } from "drizzle-orm";
import { site, type Locale } from "#db/tables";
import { insertPerson, preparePerson } from "~/domain/people.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared-query.server";
import { refused } from "~/lib/result";

const readSettingsVersion = preparedQuery("site_settings_version", db.select({ version: site.settingsVersion }).from(site).where(eq(site.id, 1)).limit(1));

/**
 * Something made from the site's settings or its categories (which every page reads and
 * hardly anyone changes), kept in memory until they change. Each call reads one number, the
 * site row's settings version, and loads afresh when it moved: every change raises it in its
 * own transaction (`settingsChanged`), so a change made through any server process, or any
 * server, shows in all of them on their next request. (A time-to-live would save that read
 * but show stale settings for its length on every other process; the read is one indexed row.)
 * Before the site exists the version is -1.
 */
export function keptUntilSettingsChange<T>(load: () => Promise<T>) {
  let kept: { version: number; value: Promise<T> } | null = null;
  everyKept.push(() => (kept = null));
  return async () => {
    const [row] = await readSettingsVersion();
    const version = row?.version ?? -1;
    if (kept?.version !== version) {
      // Settled once (a query builder given as is would run again at every await).
      const value = Promise.resolve(load());
      kept = { version, value };
      // A failed load is not kept: the next call tries again.
      value.catch(() => {
        if (kept?.value === value) kept = null;
      });
    }
    return kept.value;
  };
}

const everyKept: Array<() => void> = [];

/**
 * Forgets everything kept: for a database replaced behind the app's back, where the version
 * may start again from 0 (tests empty the database between files; a restored backup needs a
 * restart anyway).
 */
export function forgetKeptSettings() {
  for (const forget of everyKept) forget();
}

/** Tells every process that the settings or categories changed; inside the transaction that changed them. */
export async function settingsChanged(tx: Tx) {
  await tx.update(site).set({ settingsVersion: sql`${site.settingsVersion} + 1` }).where(eq(site.id, 1));
}

const keptSite = keptUntilSettingsChange(async () => {
  const [row] = await db.select().from(site).where(eq(site.id, 1)).limit(1);
  return row ?? null;
});

/** The site's settings, or null before the first run's setup. The row is shared: do not change it. */
export async function getSite() {
  return keptSite();
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
  // The first admin's address counts as theirs: no mail may be set up yet, and they own the site.
  const admin = await preparePerson({ ...input.admin, role: "admin", locale: input.defaultLocale, emailVerified: true });
  return transaction(async (tx) => {
    const [existing] = await tx.select({ id: site.id }).from(site).limit(1);
    if (existing) return refused("alreadySetUp");
    await tx.insert(site).values({ id: 1, name: input.siteName.trim(), defaultLocale: input.defaultLocale, replyPromiseDays: input.replyPromiseDays });
    return insertPerson(tx, admin);
  });
}
