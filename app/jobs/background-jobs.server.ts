import { announceOpenedVoting } from "~/domain/challenges.server";
import { countAskedInsights } from "~/domain/insights.server";
import { sendNotificationEmails } from "~/domain/notifications.server";
import { deleteEndedRateLimits } from "~/domain/rate-limits.server";
import { computeMissingSearchTerms } from "~/domain/search.server";
import { deleteExpiredSsoTokenUses } from "~/domain/signed-token-sso.server";
import { getSite } from "~/domain/site.server";
import { exclusively } from "~/lib/db.server";
import { deliverDueEmails } from "~/lib/mail/outbox.server";
import { deliverDueWebhooks } from "~/lib/webhooks/outbox.server";

/**
 * The server process's background work: turning notifications into emails (coalesced per idea,
 * or gathered in digests), delivering the email and webhook outboxes, telling challenge
 * participants that voting opened, deleting rate-limit windows that have ended, and giving
 * search terms to ideas that have none (after an upgrade or an import), and keeping counted the
 * insights' figures that pages asked for (decision 0024). Started by
 * server.mjs (through entry.server.tsx) in one process only, never by a page: when the server
 * runs one process per core, in the worker the cluster's primary chose (server-cluster.mjs).
 * JOBS_INTERVAL_MS shortens every interval (the browser
 * tests use it so they need not wait 15 s after moving the clock).
 *
 * Several servers on one PostgreSQL database each run these timers. Email delivery runs on all
 * of them at once: each server claims the emails it sends (outbox.server.ts). The other jobs
 * run under an advisory lock (`exclusively`): while one server does a job, another's tick
 * finds the lock taken and leaves it to that one.
 */
const JOBS = [
  { name: "notification emails", intervalMs: 5_000, run: () => exclusively("job:notification emails", () => sendNotificationEmails()) },
  { name: "email delivery", intervalMs: 5_000, run: () => deliverDueEmails() },
  // Like email, webhook deliveries are claimed by the server that sends them (outbox.server.ts).
  { name: "webhook delivery", intervalMs: 5_000, run: () => deliverDueWebhooks() },
  { name: "challenge voting announcements", intervalMs: 15_000, run: () => exclusively("job:challenge voting announcements", announceOpenedVoting) },
  { name: "ended rate limits", intervalMs: 60_000, run: () => exclusively("job:ended rate limits", deleteEndedRateLimits) },
  // Idle, this costs one look at an empty index; after an upgrade, search misses the ideas not
  // done yet, so it comes round soon.
  { name: "missing search terms", intervalMs: 5_000, run: () => exclusively("job:missing search terms", computeMissingSearchTerms) },
  // A count reads on a worker thread (SQLite) or in the database (PostgreSQL), never on this event loop.
  { name: "insights figures", intervalMs: 60_000, run: () => exclusively("job:insights figures", keepInsightsCounted) },
  { name: "expired single sign-on tokens", intervalMs: 60_000, run: () => exclusively("job:expired single sign-on tokens", deleteExpiredSsoTokenUses) },
];

async function keepInsightsCounted() {
  const site = await getSite();
  return site ? countAskedInsights(site.replyPromiseDays) : 0;
}

export function startBackgroundJobs() {
  const state = globalThis as { __tertuliaJobs?: NodeJS.Timeout[] };
  if (state.__tertuliaJobs) return;
  const override = Number(process.env.JOBS_INTERVAL_MS);
  state.__tertuliaJobs = JOBS.map((job) => every(Number.isFinite(override) && override > 0 ? override : job.intervalMs, job.name, job.run));
}

/** Stops the jobs started in this process (graceful shutdown): a run under way finishes on its own. */
export function stopBackgroundJobs() {
  const state = globalThis as { __tertuliaJobs?: NodeJS.Timeout[] };
  for (const timer of state.__tertuliaJobs ?? []) clearInterval(timer);
  delete state.__tertuliaJobs;
}

/** Runs `run` every `intervalMs`, never two at once; a failure is logged and the next tick tries again. */
function every(intervalMs: number, name: string, run: () => Promise<unknown>) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    run()
      .catch((error: unknown) => console.error(`Background job "${name}" failed:`, error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  // The jobs never keep a process alive on their own (tests, scripts).
  timer.unref();
  return timer;
}
