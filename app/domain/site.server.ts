import { eq, sql } from "drizzle-orm";
import { site, uploads, type Locale, type SignupMode, type Site } from "#db/tables";
import { audit } from "~/domain/audit.server";
import { insertPerson, preparePerson } from "~/domain/people.server";
import { deleteUploads } from "~/domain/uploads.server";
import { db, transaction, type Tx } from "~/lib/db.server";
import { preparedQuery } from "~/lib/prepared-query.server";
import { ok, refused } from "~/lib/result";

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
  // With the logo's proportions, which every page's header needs (setSiteLogo raises the version too).
  const [row] = await db
    .select({ site, logoWidth: uploads.width, logoHeight: uploads.height })
    .from(site)
    .leftJoin(uploads, eq(uploads.id, site.logoId))
    .where(eq(site.id, 1))
    .limit(1);
  if (!row) return null;
  const logo = row.site.logoId && row.logoWidth && row.logoHeight ? { id: row.site.logoId, width: row.logoWidth, height: row.logoHeight } : null;
  return { ...row.site, logo };
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

/** What an admin changes in /admin/settings (the logo has its own action: it is a file). */
export type SiteSettings = {
  name: string;
  description: string;
  welcomeText: string;
  /** "#rrggbb", already checked for contrast by the form; null keeps the default colours. */
  accentColour: string | null;
  defaultLocale: Locale;
  replyPromiseDays: number;
  signupMode: SignupMode;
  /** Lower-case domains; empty admits every domain. */
  signupDomains: string[];
  /** Null: emails come from the site's name. */
  senderName: string | null;
  listeningPublic: boolean;
};

/** The settings as the form shows them. */
export function settingsOf(row: Site): SiteSettings {
  return {
    name: row.name,
    description: row.description,
    welcomeText: row.welcomeText,
    accentColour: row.accentColour,
    defaultLocale: row.defaultLocale,
    replyPromiseDays: row.replyPromiseDays,
    signupMode: row.signupMode,
    signupDomains: row.signupDomains ? row.signupDomains.split(" ") : [],
    senderName: row.senderName,
    listeningPublic: row.listeningPublic,
  };
}

/**
 * Saves the site's settings. Every field that changed is recorded in one audit entry with its
 * value before and after; saving without a change records nothing. Answers the fields that changed.
 */
export async function updateSiteSettings(input: { actorId: string; settings: SiteSettings }) {
  return transaction(async (tx) => {
    const [row] = await tx.select().from(site).where(eq(site.id, 1)).limit(1);
    if (!row) return refused("notFound");
    const before = settingsOf(row);
    const after: SiteSettings = { ...input.settings, name: input.settings.name.trim(), senderName: input.settings.senderName?.trim() || null };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(after) as Array<keyof SiteSettings>) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
    }
    if (Object.keys(changes).length === 0) return ok([] as string[]);
    await tx
      .update(site)
      .set({ ...after, signupDomains: after.signupDomains.join(" ") })
      .where(eq(site.id, 1));
    await settingsChanged(tx);
    await audit(tx, { actorId: input.actorId, action: "site.settings", targetType: "site", targetId: 1, details: changes });
    return ok(Object.keys(changes));
  });
}

/**
 * Puts an uploaded logo in place (or removes it: null), audited; the old logo's files go once
 * the change is committed.
 */
export async function setSiteLogo(input: { actorId: string; logoId: string | null }) {
  const done = await transaction(async (tx) => {
    const [row] = await tx.select({ logoId: site.logoId }).from(site).where(eq(site.id, 1)).limit(1);
    if (!row) return refused("notFound");
    if (row.logoId === input.logoId) return ok(async () => undefined);
    await tx.update(site).set({ logoId: input.logoId }).where(eq(site.id, 1));
    await settingsChanged(tx);
    await audit(tx, { actorId: input.actorId, action: "site.logo", targetType: "site", targetId: 1, details: { logo: { from: row.logoId, to: input.logoId } } });
    return ok(await deleteUploads(tx, [row.logoId]));
  });
  if (!done.ok) return done;
  await done.value();
  return ok();
}
