import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Webhooks may not point into the server's own network: an address that resolves to a
 * private, loopback, link-local or otherwise non-public range is refused when it is saved
 * (here) and again when a delivery connects (request-filtering-agent, in the outbox), which
 * also defeats a name that resolves differently later. Tests, and a site whose receivers are
 * on its own network, allow private addresses with WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=1.
 */
export function privateAddressesAllowed(env = process.env) {
  return env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES === "1";
}

function isPublic(address: string) {
  return ipaddr.process(address).range() === "unicast";
}

export type WebhookUrlProblem = "invalidUrl" | "privateAddress" | "unresolvable";

/** Whether a webhook may be sent to `raw`: an http(s) URL without credentials whose host is public. No connection is made. */
export async function checkWebhookUrl(raw: string): Promise<{ ok: true; url: string } | { ok: false; reason: WebhookUrlProblem }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalidUrl" };
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) return { ok: false, reason: "invalidUrl" };
  if (privateAddressesAllowed()) return { ok: true, url: url.toString() };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true })).map((entry) => entry.address);
    } catch {
      return { ok: false, reason: "unresolvable" };
    }
  }
  return addresses.every(isPublic) ? { ok: true, url: url.toString() } : { ok: false, reason: "privateAddress" };
}
