import type { Locale } from "#db/schema";
import { appUrl } from "~/lib/app-url.server";
import { escapeHtml } from "~/lib/html";
import { translatorFor } from "~/lib/i18n.server";
import type { OutgoingEmail } from "~/lib/mail/outbox.server";
import { markSafeHtml } from "~/lib/safe-html";

/**
 * The emails about a person's account (recovery, confirmation, invitations, address changes):
 * written in the recipient's language, one button-like link each, no unsubscribe (they are the
 * account's own mail, sent only when someone asks for them). Every value is escaped.
 */
type Recipient = { id: string | null; email: string; locale: Locale };

type AccountEmailKind = "passwordReset" | "confirmAddress" | "signUpAttempt" | "invitation" | "emailChange" | "emailChanged";

function compose(kind: AccountEmailKind, recipient: Recipient, values: Record<string, string | number>, link: string): OutgoingEmail {
  const t = translatorFor(recipient.locale);
  const subject = t(`accountEmail.${kind}.subject`, values);
  const lead = t(`accountEmail.${kind}.lead`, values);
  const action = t(`accountEmail.${kind}.action`, values);
  const note = t(`accountEmail.${kind}.note`, values);
  const signature = t("accountEmail.signature", values);
  const text = [lead, "", `${action}: ${link}`, "", note, "", "—", signature].join("\n");
  const html = markSafeHtml(`<!doctype html><html lang="${recipient.locale}"><body style="font-family:system-ui,sans-serif;color:#1c1917">
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>
<p style="font-size:13px;color:#57534e">${escapeHtml(link)}</p>
<p>${escapeHtml(note)}</p>
<hr><p style="font-size:12px;color:#57534e">${escapeHtml(signature)}</p>
</body></html>`);
  return { recipientId: recipient.id, to: recipient.email, subject, text, html, headers: { "Content-Language": recipient.locale } };
}

/** The link to choose a new password (single use, one hour). */
export function passwordResetEmail(recipient: Recipient, input: { site: string; token: string }) {
  return compose("passwordReset", recipient, { site: input.site }, appUrl(`/reset-password/${input.token}`));
}

/** The link that confirms a new account's address; `redirectTo` is where it leads afterwards. */
export function confirmAddressEmail(recipient: Recipient, input: { site: string; name: string; token: string; redirectTo?: string | null }) {
  const query = input.redirectTo ? `?${new URLSearchParams({ redirectTo: input.redirectTo })}` : "";
  return compose("confirmAddress", recipient, { site: input.site, name: input.name }, appUrl(`/verify-email/${input.token}${query}`));
}

/**
 * To the owner of an address someone tried to sign up with: no second account was made, and
 * here is a way back in (a reset link) if it was them who forgot.
 */
export function signUpAttemptEmail(recipient: Recipient, input: { site: string; token: string }) {
  return compose("signUpAttempt", recipient, { site: input.site }, appUrl(`/reset-password/${input.token}`));
}

/** An invitation to the team, in the site's default language (the invitee may have no account yet). */
export function invitationEmail(recipient: Recipient, input: { site: string; inviter: string; token: string; days: number }) {
  return compose("invitation", recipient, { site: input.site, inviter: input.inviter, count: input.days }, appUrl(`/invitations/${input.token}`));
}

/** To the address a person wants to move their account to: the link that makes the change. */
export function emailChangeEmail(recipient: Recipient, input: { site: string; previous: string; token: string }) {
  return compose("emailChange", recipient, { site: input.site, previous: input.previous }, appUrl(`/change-email/${input.token}`));
}

/** To the address an account has just left: what happened, in case it was not its owner. */
export function emailChangedEmail(recipient: Recipient, input: { site: string; next: string }) {
  return compose("emailChanged", recipient, { site: input.site, next: input.next }, appUrl("/login"));
}

/**
 * An email with a person's name replaced (their account was deleted): in its text as written,
 * and in its HTML as escaped, so the HTML stays as safe as it was.
 */
export function renamedInEmail(email: { subject: string; text: string; html: string }, name: string, replacement: string) {
  const swap = (value: string, from: string, to: string) => value.split(from).join(to);
  return {
    subject: swap(email.subject, name, replacement),
    text: swap(email.text, name, replacement),
    html: markSafeHtml(swap(email.html, escapeHtml(name), escapeHtml(replacement))),
  };
}
