import fs from "node:fs";
import path from "node:path";

export type MailMessage = { to: string; fromName: string | null; subject: string; text: string; html: string; headers: Record<string, string> };

/** The address of `MAIL_FROM` ("Name <address>" or a bare address), without its name. */
export function senderAddress(mailFrom = process.env.MAIL_FROM ?? "Tertulia <no-reply@tertulia.localhost>") {
  return /<([^<>]+)>\s*$/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
}

/**
 * Where email goes: `SMTP_URL` sends for real; without it each email becomes a .eml file under
 * `MAIL_DIRECTORY` (default data/mail), and its path is logged, so development needs no mail server.
 * Mail comes from MAIL_FROM's address under `senderName` (the site's setting), or under the
 * message's own `fromName` when it has one.
 */
export async function openMailTransport(options: { senderName: string }) {
  // Loaded when there is mail to send, not by every module that queues one.
  const { default: nodemailer } = await import("nodemailer");
  const smtp = process.env.SMTP_URL;
  const transport = smtp ? nodemailer.createTransport(smtp) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const from = { name: options.senderName, address: senderAddress() };
  const directory = path.resolve(process.env.MAIL_DIRECTORY ?? "data/mail");
  return {
    /** Sends one message; `name` names its .eml file when there is no SMTP server. */
    async send(message: MailMessage, name: string) {
      const { fromName, ...rest } = message;
      const info = await transport.sendMail({ from: fromName ? { ...from, name: fromName } : from, ...rest });
      if (!smtp && "message" in info && Buffer.isBuffer(info.message)) {
        fs.mkdirSync(directory, { recursive: true });
        const file = path.join(directory, `${name}.eml`);
        fs.writeFileSync(file, info.message);
        console.log(`Email to ${message.to} written to ${file}`);
      }
    },
    close() {
      transport.close();
    },
  };
}
