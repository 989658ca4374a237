import { Form } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import type { Role } from "#db/schema";
import { useErrorText } from "~/components/error-text";
import { isStaff } from "~/domain/roles";

type Person = { id: string; displayName: string; role: Role; blockedAt: Date | string | null; photoId: string | null };
type Outcome = { error?: string; done?: string; personId: string } | undefined;

/**
 * An admin's actions on a person: change their role, block or unblock them (with a reason),
 * remove their photo. Staff and admins are not offered a block: their role goes first, as the
 * server also insists. Plain forms: they work without JavaScript.
 */
export function PersonAdminActions({
  person,
  roles,
  me,
  outcome,
  compact = false,
}: {
  person: Person;
  /** ROLES, sent by the loader (the database schema stays out of the browser). */
  roles: readonly Role[];
  me: string;
  outcome: Outcome;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mine = outcome?.personId === person.id ? outcome : undefined;
  if (person.id === me) return <p className="text-sm text-muted">{t("admin.people.itsYou")}</p>;
  return (
    <div className="flex flex-col gap-2">
      <Form method="post" className="flex items-center gap-2">
        <input type="hidden" name="intent" value="role" />
        <input type="hidden" name="personId" value={person.id} />
        <label htmlFor={`role-${person.id}`} className={compact ? "sr-only" : "text-sm font-semibold"}>
          {t("admin.people.roleOf", { name: person.displayName })}
        </label>
        <select id={`role-${person.id}`} name="role" defaultValue={person.role} className="input w-auto py-1">
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-secondary py-1">
          {t("admin.people.changeRole")}
          <span className="sr-only"> {person.displayName}</span>
        </button>
      </Form>
      {person.blockedAt ? (
        <ActionButton intent="unblock" person={person} label={t("admin.people.unblock")} />
      ) : isStaff(person) ? (
        <p className="text-sm text-muted">{t("admin.people.staffNotBlockable")}</p>
      ) : (
        <details>
          <summary className="btn-danger cursor-pointer py-1">
            {t("admin.people.block")}
            <span className="sr-only"> {person.displayName}</span>
          </summary>
          <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="block" />
            <input type="hidden" name="personId" value={person.id} />
            <div>
              <label htmlFor={`block-reason-${person.id}`} className="block text-sm font-semibold">
                {t("admin.people.blockReason", { name: person.displayName })}
              </label>
              <input id={`block-reason-${person.id}`} name="reason" required minLength={3} maxLength={300} className="input mt-1 py-1" />
            </div>
            <button type="submit" className="btn-danger py-1">
              {t("admin.people.confirmBlock")}
            </button>
          </Form>
        </details>
      )}
      {person.photoId ? (
        <ActionButton intent="remove-photo" person={person} label={t("admin.people.removePhoto")} />
      ) : null}
      {mine?.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
          {errorText(mine.error)}
        </p>
      ) : null}
      {mine?.done ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 p-2 text-sm text-green-900">
          {t(`admin.people.done.${mine.done}`)}
        </p>
      ) : null}
    </div>
  );
}

/** One action that needs nothing but the person: a form of one button, named with them for screen readers. */
function ActionButton({ intent, person, label }: { intent: string; person: Person; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="personId" value={person.id} />
      <button type="submit" className="btn-secondary py-1">
        {label}
        <span className="sr-only"> {person.displayName}</span>
      </button>
    </Form>
  );
}
