import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text, render } from "@react-email/components";
import { avatarColour, initialsOf } from "~/lib/avatar";
import { markSafeHtml, type SafeHtml } from "~/lib/safe-html";

/** One thing a person did, as an email tells it: who (with their face and title), what, their words, and where to see it. */
export type EmailItem = {
  /** photo: the absolute address of their photo, or null for their initials. */
  actor: { id: string; name: string; title: string | null; photo: string | null };
  lead: string;
  quote: string | null;
  link: { href: string; label: string };
};

/** What an email says; the template gives it the site's look. Every string is already in the reader's language. */
export type EmailContent = {
  locale: string;
  siteName: string;
  siteUrl: string;
  /** The line mail clients show after the subject. */
  preview: string;
  heading: string | null;
  items: EmailItem[];
  /** Why the person got it, and how to stop it. */
  why: string;
  unsubscribe: { href: string; label: string };
  settings: { href: string; label: string };
};

const BRAND = "#9a3412";
const INK = "#1c1917";
const MUTED = "#57534e";

function Face({ actor }: { actor: EmailItem["actor"] }) {
  if (actor.photo) return <img src={actor.photo} alt="" width={36} height={36} style={{ borderRadius: 18, verticalAlign: "middle" }} />;
  // A table cell rather than a flex box: mail clients draw tables alike.
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ display: "inline-table", verticalAlign: "middle" }}>
      <tbody>
        <tr>
          <td
            style={{
              width: 36,
              height: 36,
              borderRadius: 18,
              backgroundColor: avatarColour(actor.id),
              color: "#ffffff",
              fontWeight: 700,
              fontSize: 14,
              textAlign: "center",
              verticalAlign: "middle",
            }}
          >
            {initialsOf(actor.name)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function NotificationEmail({ content }: { content: EmailContent }) {
  return (
    <Html lang={content.locale}>
      <Head />
      <Preview>{content.preview}</Preview>
      <Body style={{ backgroundColor: "#f5f5f4", fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif", color: INK, margin: 0 }}>
        <Container style={{ maxWidth: 600, margin: "0 auto", padding: "24px 16px" }}>
          <Section style={{ paddingBottom: 12 }}>
            <Link href={content.siteUrl} style={{ color: BRAND, fontSize: 20, fontWeight: 800, textDecoration: "none" }}>
              {content.siteName}
            </Link>
          </Section>
          <Section style={{ backgroundColor: "#ffffff", borderRadius: 12, border: "1px solid #e7e5e4", padding: "8px 24px" }}>
            {content.heading ? <Heading style={{ fontSize: 20, margin: "16px 0 4px" }}>{content.heading}</Heading> : null}
            {content.items.map((item, index) => (
              <Section key={index} style={{ padding: "16px 0", borderTop: index > 0 ? "1px solid #e7e5e4" : undefined }}>
                <Text style={{ margin: 0, fontSize: 14 }}>
                  <Face actor={item.actor} /> <strong>{item.actor.name}</strong>
                  {item.actor.title ? <span style={{ color: BRAND }}> · {item.actor.title}</span> : null}
                </Text>
                <Text style={{ fontSize: 16, lineHeight: "24px", margin: "12px 0 8px" }}>{item.lead}</Text>
                {item.quote ? (
                  <Text style={{ borderLeft: "4px solid #d6d3d1", margin: "0 0 8px", padding: "0 0 0 12px", color: MUTED, whiteSpace: "pre-line" }}>{item.quote}</Text>
                ) : null}
                <Link href={item.link.href} style={{ color: BRAND, fontWeight: 600 }}>
                  {item.link.label} →
                </Link>
              </Section>
            ))}
          </Section>
          <Hr style={{ borderColor: "#e7e5e4", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: 12, lineHeight: "18px", color: MUTED, margin: 0 }}>
            {content.why}{" "}
            <Link href={content.unsubscribe.href} style={{ color: MUTED, textDecoration: "underline" }}>
              {content.unsubscribe.label}
            </Link>
            {" · "}
            <Link href={content.settings.href} style={{ color: MUTED, textDecoration: "underline" }}>
              {content.settings.label}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The plain-text part: the same words, links written out. */
function plainText(content: EmailContent) {
  const blocks = content.items.map((item) =>
    [`${item.actor.name}${item.actor.title ? ` · ${item.actor.title}` : ""}`, item.lead, item.quote ? `“${item.quote}”` : null, `${item.link.label}: ${item.link.href}`]
      .filter((line) => line !== null)
      .join("\n"),
  );
  return [content.siteName, content.heading, "", blocks.join("\n\n"), "", "—", content.why, `${content.unsubscribe.label}: ${content.unsubscribe.href}`, `${content.settings.label}: ${content.settings.href}`]
    .filter((line) => line !== null)
    .join("\n");
}

/**
 * An email in the site's colours with its plain-text twin (react-email renders the HTML; React
 * escapes every value in it, which is why this is one of the three places that make SafeHtml).
 */
export async function renderEmail(content: EmailContent): Promise<{ html: SafeHtml; text: string }> {
  const html = await render(<NotificationEmail content={content} />);
  // React 18's streaming renderer (which react-email reads) can leave NUL bytes where a multi-byte
  // character meets the end of its buffer: never valid in an email, and PostgreSQL refuses them.
  return { html: markSafeHtml(html.replaceAll("\0", "")), text: plainText(content) };
}
