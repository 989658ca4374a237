/**
 * The one line a Slack-compatible "incoming webhook" shows for an event (format "slack"):
 * `{ "text": … }` instead of the JSON event. In English: the receiving channel's language is
 * not known. Slack's own markup (<url|label>) with its three special characters escaped.
 */
export type WebhookPayload = { event: string; data: Record<string, unknown> & { idea?: { title: string; url: string }; challenge?: { title: string; url: string } } };

const escapeSlack = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const link = (subject: { title: string; url: string } | undefined) => (subject ? `<${subject.url}|${escapeSlack(subject.title)}>` : "");

const SENTENCES: Record<string, (data: WebhookPayload["data"]) => string> = {
  ping: () => "Test event from Tertulia: this webhook works.",
  "idea.posted": (data) => `New idea: ${link(data.idea)}`,
  "idea.status_changed": (data) => `${link(data.idea)} is now ${String(data.to).replace(/_/g, " ")}`,
  "idea.adopted": (data) => `Adopted: ${link(data.idea)}`,
  "comment.posted": (data) => `New comment on ${link(data.idea)}`,
  "comment.official_response": (data) => `Official response on ${link(data.idea)}`,
  "vote.added": (data) => `A vote for ${link(data.idea)}`,
  "vote.removed": (data) => `A vote taken back from ${link(data.idea)}`,
  "challenge.phase_changed": (data) => `Challenge ${link(data.challenge)} is now in its ${String(data.phase)} phase`,
};

export function slackText(payload: WebhookPayload) {
  return (SENTENCES[payload.event] ?? (() => `Tertulia: ${payload.event}`))(payload.data);
}
