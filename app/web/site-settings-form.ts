import { z } from "zod";
import { LOCALES, SIGNUP_MODES } from "#db/schema";
import { accentReadable, HEX_COLOUR } from "~/lib/colour";

// /admin/settings. Messages are i18n keys; a number after the colon is the limit shown.

const required = { error: "errors.field.required" };
const text = (max: number) => z.string().trim().max(max, `errors.field.tooLong:${max}`).default("");

/** A domain name as people write it ("example.com", "Example.COM."): lower-cased, final dot dropped. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const SITE_DESCRIPTION_MAX = 200;
export const WELCOME_TEXT_MAX = 2000;

export const siteSettingsSchema = z.object({
  name: z.string(required).trim().min(2, "errors.field.tooShort:2").max(80, "errors.field.tooLong:80"),
  description: text(SITE_DESCRIPTION_MAX),
  welcomeText: text(WELCOME_TEXT_MAX),
  // Empty keeps the default colours.
  accentColour: z
    .string()
    .trim()
    .toLowerCase()
    .default("")
    .refine((value) => value === "" || HEX_COLOUR.test(value), "errors.settings.colourFormat")
    .refine((value) => value === "" || accentReadable(value), "errors.settings.lowContrast")
    .transform((value) => value || null),
  defaultLocale: z.enum(LOCALES, required),
  replyPromiseDays: z.coerce.number(required).int("errors.field.wholeNumber").min(1, "errors.field.atLeast:1").max(60, "errors.field.atMost:60"),
  signupMode: z.enum(SIGNUP_MODES, required),
  // One domain per line, or separated by spaces or commas.
  signupDomains: z
    .string()
    .max(2000, "errors.field.tooLong:2000")
    .default("")
    .transform((value) => [...new Set(value.toLowerCase().split(/[\s,;]+/).map((domain) => domain.replace(/^@/, "").replace(/\.$/, "")).filter(Boolean))])
    .refine((domains) => domains.every((domain) => DOMAIN.test(domain)), "errors.settings.domainFormat")
    .refine((domains) => domains.length <= 50, "errors.settings.tooManyDomains:50"),
  senderName: z
    .string()
    .trim()
    .max(80, "errors.field.tooLong:80")
    .default("")
    .transform((value) => value || null),
  listeningPublic: z.boolean().default(false),
});

export type SiteSettingsInput = z.infer<typeof siteSettingsSchema>;
