import { z } from "zod";
import { LOCALES } from "#db/schema";

// Shared by the browser (instant feedback) and the server (the rule that counts).
// Messages are i18n keys; a number after the colon is the limit shown to the reader.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const required = { error: "errors.field.required" };

export const emailField = z
  .string(required)
  .trim()
  .max(254, "errors.field.tooLong:254")
  .pipe(z.email("errors.field.email"));

export const passwordField = z
  .string(required)
  .min(PASSWORD_MIN, `errors.field.passwordTooShort:${PASSWORD_MIN}`)
  .max(PASSWORD_MAX, `errors.field.tooLong:${PASSWORD_MAX}`);

export const displayNameField = z
  .string(required)
  .trim()
  .min(2, "errors.field.tooShort:2")
  .max(60, "errors.field.tooLong:60");

const optionalText = (max: number) => z.string().trim().max(max, `errors.field.tooLong:${max}`).optional();

export const localeField = z.enum(LOCALES, required);

export const signupSchema = z.object({
  email: emailField,
  displayName: displayNameField,
  password: passwordField,
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const newPasswordSchema = z.object({ password: passwordField });

export const changePasswordSchema = z.object({
  intent: z.literal("change-password"),
  currentPassword: z.string(required),
  newPassword: passwordField,
});

export const changeEmailSchema = z.object({
  intent: z.literal("change-email"),
  email: emailField,
  password: z.string(required),
});

export const deleteAccountSchema = z.object({
  intent: z.literal("delete-account"),
  // Typing one's address is the confirmation (it works for people without a password, too).
  confirmEmail: z.string(required).trim(),
});

export const dataRequestSchema = z.object({
  intent: z.enum(["export", "delete"]),
  email: emailField,
  // The person asked for it: an admin confirms so, for the audit log.
  requested: z.literal("on", { error: "errors.dataRequest.confirmRequested" }),
});

export const loginSchema = z.object({
  email: z.string(required).trim().max(254, "errors.field.tooLong:254"),
  password: z.string(required).max(PASSWORD_MAX, `errors.field.tooLong:${PASSWORD_MAX}`),
});

export const setupSchema = z.object({
  siteName: z.string(required).trim().min(2, "errors.field.tooShort:2").max(80, "errors.field.tooLong:80"),
  defaultLocale: localeField,
  replyPromiseDays: z.coerce
    .number(required)
    .int("errors.field.wholeNumber")
    .min(1, "errors.field.atLeast:1")
    .max(60, "errors.field.atMost:60"),
  email: emailField,
  displayName: displayNameField,
  password: passwordField,
});

export const profileSchema = z.object({
  displayName: displayNameField,
  // "auto" follows the browser and the site default.
  locale: z.enum([...LOCALES, "auto"], required),
  jobTitle: optionalText(80),
  bio: optionalText(500),
  company: optionalText(80),
});

export const inviteSchema = z.object({ intent: z.literal("invite"), email: emailField });

export const acceptInvitationSchema = z.object({
  displayName: displayNameField,
  jobTitle: optionalText(80),
  password: passwordField,
});
