import { useTranslation } from "~/lib/use-translation";

/**
 * Zod messages are i18n keys ("errors.field.tooShort"); some carry a count after a colon
 * ("errors.field.tooShort:10"). Translate them here, in the reader's language. Its own module,
 * so the root's error page can use it without pulling the form library into every page.
 */
export function useErrorText() {
  const { t } = useTranslation();
  return (message: string) => {
    const [key, count] = message.split(":");
    return t(key!, { count: count === undefined ? undefined : Number(count) });
  };
}
