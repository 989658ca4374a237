import type { IdeaStatus, Locale, NotificationKind } from "#db/schema";
import type { OutgoingEmail } from "~/lib/mail/outbox.server";
import { appUrl } from "~/lib/app-url.server";
import { signValue } from "~/lib/crypto.server";
import { escapeHtml } from "~/lib/html";
import { translatorFor } from "~/lib/i18n.server";
import { markSafeHtml } from "~/lib/safe-html";

/** What a merge moved for one person: the email tells them exactly that. */
export const MERGE_MOVES = ["voteAndFollow", "vote", "follow"] as const;
export type MergeMove = (typeof MERGE_MOVES)[number];

/** The token in an unsubscribe link: who, and from which kind of email. */
export function unsubscribeToken(userId: string, kind: NotificationKind) {
  return signValue(`${userId}:${kind}`);
}

/** An email in the recipient's language that names the person who acted. */
export function composeNotificationEmail(input: {
  kind: NotificationKind;
  recipient: { id: string; email: string; locale: Locale };
  actor: { name: string; title: string | null };
  /** The idea or challenge it is about, and the page to open. */
  subject: { title: string; path: string };
  status?: IdeaStatus;
  excerpt: string;
  merge?: { from: { title: string }; moved: MergeMove };
  siteName: string;
}): OutgoingEmail {
  const t = translatorFor(input.recipient.locale);
  const actor = input.actor.title ? `${input.actor.name} (${input.actor.title})` : input.actor.name;
  const status = input.status ? t(`statuses.${input.status}.label`) : "";
  const values = { actor, idea: input.subject.title, challenge: input.subject.title, site: input.siteName, status, from: input.merge?.from.title ?? "" };
  const link = appUrl(input.subject.path);
  const unsubscribe = appUrl(`/unsubscribe?token=${unsubscribeToken(input.recipient.id, input.kind)}`);
  const subject = t(`email.${input.kind}.subject`, values);
  const lead = input.merge ? t(`email.merged.lead.${input.merge.moved}`, values) : t(`email.${input.kind}.lead`, values);
  const excerpt = input.excerpt.length > 500 ? `${input.excerpt.slice(0, 500)}…` : input.excerpt;

  const text = [lead, "", excerpt ? `“${excerpt}”` : null, "", `${t("email.open")}: ${link}`, "", "—", t([`email.${input.kind}.why`, "email.why"], values), `${t("email.unsubscribe")}: ${unsubscribe}`]
    .filter((line) => line !== null)
    .join("\n");
  // Every value in the template is escaped; the rest is this fixed markup.
  const html = markSafeHtml(`<!doctype html><html lang="${input.recipient.locale}"><body style="font-family:system-ui,sans-serif;color:#1c1917">
<p>${escapeHtml(lead)}</p>
${excerpt ? `<blockquote style="border-left:4px solid #d6d3d1;margin:0;padding-left:12px;color:#57534e">${escapeHtml(excerpt)}</blockquote>` : ""}
<p><a href="${escapeHtml(link)}">${escapeHtml(t("email.open"))}</a></p>
<hr><p style="font-size:12px;color:#57534e">${escapeHtml(t([`email.${input.kind}.why`, "email.why"], values))} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(t("email.unsubscribe"))}</a></p>
</body></html>`);

  return {
    recipientId: input.recipient.id,
    to: input.recipient.email,
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
