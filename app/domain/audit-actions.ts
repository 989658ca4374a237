// What the audit log records, kept apart from audit.server.ts so that the page's action filter
// can list them in the browser. A new action needs its sentence in audit.server.ts (SENTENCES;
// tsc says so) and its label and sentence in both locale files.

/** Every kind of entry. */
export const AUDIT_ACTIONS = [
  "idea.status",
  "idea.merge",
  "idea.unmerge",
  "idea.assign",
  "idea.category",
  "idea.hide",
  "comment.hide",
  "report.dismiss",
  "person.role",
  "person.block",
  "person.unblock",
  "person.export",
  "person.delete",
  "sso.secret",
  "invitation.create",
  "invitation.resend",
  "invitation.revoke",
  "challenge.create",
  "challenge.update",
  "challenge.publish",
  "challenge.unpublish",
  "challenge.results",
  "apiKey.create",
  "apiKey.revoke",
  "vote.record",
  "vote.remove",
  "webhook.create",
  "webhook.delete",
  "site.settings",
  "site.logo",
  "person.photo.remove",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
