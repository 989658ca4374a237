import type { EmailCadence, IdeaStatus, Locale, NotificationKind } from "#db/schema";
import { appUrl, photoUrl } from "~/lib/app-url.server";
import { signValue } from "~/lib/crypto.server";
import { translatorFor } from "~/lib/i18n.server";
import { renderEmail, type EmailItem } from "~/lib/mail/email-template";
import type { OutgoingEmail } from "~/lib/mail/outbox.server";
import { anchorFor, challengePath, ideaPath } from "~/lib/paths";

/** What a merge moved for one person: the email tells them exactly that. */
export const MERGE_MOVES = ["voteAndFollow", "vote", "follow"] as const;
export type MergeMove = (typeof MERGE_MOVES)[number];

/** The token in an unsubscribe link: who, and from which kinds of email (those the email was made of). */
export function unsubscribeToken(userId: string, kinds: NotificationKind | NotificationKind[]) {
  return signValue(`${userId}:${[kinds].flat().join(",")}`);
}

/** A notification waiting for its email, with what the email says about it. */
export type PendingNotification = {
  id: number;
  kind: NotificationKind;
  actorId: string;
  actorName: string;
  actorTitle: string | null;
  actorPhotoId: string | null;
  ideaId: number | null;
  ideaTitle: string | null;
  challengeSlug: string | null;
  challengeTitle: string | null;
  commentId: number | null;
  commentText: string | null;
  status: IdeaStatus | null;
  excerpt: string | null;
  relatedIdeaTitle: string | null;
  detail: string | null;
};

const QUOTE_LENGTH = 500;

/**
 * One email for what happened, in the recipient's language: a single event, several on the
 * same idea within minutes (coalesced), or a digest. Each event names the person who acted; a
 * comment is quoted once, never again in a later event or email (an official response marks a
 * reply the person may already have read).
 */
export async function composeNotificationEmail(input: {
  recipient: { id: string; email: string; locale: Locale };
  items: PendingNotification[];
  /** Comments this person was already sent. */
  quotedBefore: ReadonlySet<number>;
  /** A digest's cadence, or null for an email about one idea. */
  digest: Exclude<EmailCadence, "immediate"> | null;
  siteName: string;
  /** The name the email comes from: the site's sender name (its name unless the admin set one). */
  senderName: string;
}): Promise<OutgoingEmail> {
  const t = translatorFor(input.recipient.locale);
  const quoted = new Set(input.quotedBefore);
  const items: EmailItem[] = input.items.map((item) => {
    const title = item.ideaTitle ?? item.challengeTitle ?? "";
    const values = {
      actor: item.actorName,
      idea: title,
      challenge: title,
      from: item.relatedIdeaTitle ?? "",
      status: item.status ? t(`statuses.${item.status}.label`) : "",
    };
    const lead = item.kind === "merged" ? t(`email.merged.lead.${(item.detail ?? "follow") as MergeMove}`, values) : t(`email.${item.kind}.lead`, values);
    let quote = item.excerpt;
    if (item.commentId && item.commentText !== null) {
      quote = quoted.has(item.commentId) ? null : item.commentText;
      quoted.add(item.commentId);
    }
    const path = item.ideaId !== null ? ideaPath({ id: item.ideaId, title }) : challengePath({ slug: item.challengeSlug ?? "" });
    return {
      actor: { id: item.actorId, name: item.actorName, title: item.actorTitle, photo: photoUrl({ photoId: item.actorPhotoId }) },
      lead,
      quote: quote ? (quote.length > QUOTE_LENGTH ? `${quote.slice(0, QUOTE_LENGTH)}…` : quote) : null,
      link: { href: appUrl(path + anchorFor(item.kind, item.commentId)), label: t("email.open") },
    };
  });

  const first = input.items[0]!;
  const kinds = [...new Set(input.items.map((item) => item.kind))];
  const actor = first.actorTitle ? `${first.actorName} (${first.actorTitle})` : first.actorName;
  const about = { idea: first.ideaTitle ?? first.challengeTitle ?? "", challenge: first.challengeTitle ?? "", actor, site: input.siteName };
  const subject = input.digest
    ? t(`email.digest.subject.${input.digest}`, { site: input.siteName, count: items.length })
    : items.length === 1
      ? t(`email.${first.kind}.subject`, { ...about, status: first.status ? t(`statuses.${first.status}.label`) : "" })
      : t("email.several.subject", { ...about, count: items.length });
  const why = input.digest
    ? t(`email.digest.why.${input.digest}`, { site: input.siteName })
    : kinds.length === 1
      ? t([`email.${first.kind}.why`, "email.why"], { site: input.siteName })
      : t("email.why", { site: input.siteName });
  const unsubscribe = appUrl(`/unsubscribe?token=${unsubscribeToken(input.recipient.id, kinds)}`);
  const { html, text } = await renderEmail({
    locale: input.recipient.locale,
    siteName: input.siteName,
    siteUrl: appUrl("/"),
    preview: items.length === 1 ? items[0]!.lead : subject,
    heading: input.digest ? t(`email.digest.heading.${input.digest}`) : null,
    items,
    why,
    unsubscribe: { href: unsubscribe, label: t("email.unsubscribe") },
    settings: { href: appUrl("/settings/notifications"), label: t("email.settings") },
  });

  return {
    recipientId: input.recipient.id,
    to: input.recipient.email,
    fromName: input.senderName,
    subject,
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Content-Language": input.recipient.locale,
    },
  };
}
