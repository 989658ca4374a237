import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { decodeQuotedPrintable } from "../../support/mime";

/** Where the test server writes each email it sends (MAIL_DIRECTORY in playwright.config.ts). */
const MAIL_DIRECTORY = path.join(process.env.TERTULIA_E2E_RUN_DIR ?? ".cache", "mail");

/** Every email written so far to this address, oldest first, decoded. */
function emailsTo(address: string) {
  if (!fs.existsSync(MAIL_DIRECTORY)) return [];
  const wanted = new RegExp(`^To: ${address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "im");
  return fs
    .readdirSync(MAIL_DIRECTORY)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b, "en", { numeric: true }))
    .map((name) => decodeQuotedPrintable(fs.readFileSync(path.join(MAIL_DIRECTORY, name), "utf8")))
    .filter((message) => wanted.test(message));
}

/**
 * Waits for the `nth` email (1 for the first) to this address with a link whose path starts
 * with `prefix` — the server's outbox job writes it within a second — and returns that link.
 */
export async function linkInEmail(address: string, prefix: string, nth = 1) {
  const pattern = new RegExp(`https?://[^\\s"<>]+${prefix}[^\\s"<>]*`);
  const links = () => emailsTo(address).flatMap((message) => pattern.exec(message)?.[0] ?? []);
  await expect.poll(() => links().length, { message: `${prefix} link ${nth} to ${address}`, timeout: 10_000 }).toBeGreaterThanOrEqual(nth);
  return links()[nth - 1]!.replace(/&amp;/g, "&");
}

/** The subjects of the emails written for an address (the server writes each as a .eml file), RFC 2047 words decoded. */
export function subjectsOfEmailsTo(address: string) {
  if (!fs.existsSync(MAIL_DIRECTORY)) return [];
  return fs
    .readdirSync(MAIL_DIRECTORY)
    .map((file) => fs.readFileSync(path.join(MAIL_DIRECTORY, file), "utf8"))
    .filter((message) => message.split(/\r?\n/).includes(`To: ${address}`))
    .map((message) => {
      const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(message)?.[1] ?? "";
      return header
        .replace(/\r?\n[ \t]/g, " ")
        .replace(/\?=\s+=\?/g, "?==?")
        .replace(/=\?UTF-8\?B\?(.*?)\?=/gi, (_, word: string) => Buffer.from(word, "base64").toString("utf8"))
        .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, word: string) =>
          Buffer.from(word.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))), "latin1").toString("utf8"),
        );
    });
}
