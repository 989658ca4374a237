import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import type { Role } from "#db/schema";
import { Avatar } from "~/components/avatar";
import { clsx } from "~/lib/clsx";
import { isStaff } from "~/domain/roles";

type HeaderUser = { id: string; displayName: string; role: Role; photoId: string | null; unread: number } | null;

const NAV = [
  { to: "/", key: "nav.ideas", end: true },
  { to: "/roadmap", key: "nav.roadmap", end: false },
  { to: "/challenges", key: "nav.challenges", end: false },
  { to: "/team", key: "nav.team", end: false },
] as const;

/** `settingUp`: the site does not exist yet (/setup): no navigation, as every link would lead back there. */
export function SiteHeader({ siteName, user, settingUp }: { siteName?: string; user: HeaderUser; settingUp: boolean }) {
  const { t } = useTranslation();
  if (settingUp) {
    return (
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 py-3">
          <span className="text-lg font-bold text-brand-700">Tertulia</span>
        </div>
      </header>
    );
  }
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        {/* The logo, when there is one, is drawn by the stylesheet (.site-logo, app/tailwind.css). */}
        <Link to="/" className="site-logo text-lg font-bold text-brand-700">
          {siteName ?? "Tertulia"}
        </Link>
        <nav aria-label={t("nav.main")} className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) =>
                    clsx("rounded px-1 py-1 hover:text-brand-700", isActive ? "text-brand-700 underline" : "text-stone-700")
                  }
                >
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user ? (
            <>
              <NotificationBell unread={user.unread} />
              <AccountMenu user={user} />
            </>
          ) : (
            <>
              <Link to="/login" className="font-medium text-stone-700 hover:text-brand-700">
                {t("nav.login")}
              </Link>
              <Link to="/signup" className="btn-primary">
                {t("nav.signup")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  return (
    <Link to="/notifications" className="relative rounded-full p-2 text-stone-700 hover:bg-stone-100" aria-label={t("notifications.bell", { count: unread })}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {unread > 0 ? (
        <span aria-hidden="true" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-brand-700 px-1 text-center text-xs font-bold leading-5 text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

/** A disclosure built on <details>, so it opens without JavaScript and with the keyboard. */
function AccountMenu({ user }: { user: NonNullable<HeaderUser> }) {
  const { t } = useTranslation();
  const staff = isStaff(user);
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 hover:bg-stone-100">
        <Avatar person={user} size="sm" />
        {/* On a phone the avatar stands for the name, so the header keeps to one row. */}
        <span className="sr-only max-w-40 truncate font-medium sm:not-sr-only">{user.displayName}</span>
        <span className="sr-only">{t("nav.accountMenu")}</span>
      </summary>
      <ul className="absolute right-0 z-20 mt-2 w-56 rounded-md border border-stone-200 bg-white py-1 shadow-lg">
        <li>
          <Link className="block px-4 py-2 hover:bg-stone-100" to={`/people/${user.id}`}>
            {t("nav.myProfile")}
          </Link>
        </li>
        <li>
          <Link className="block px-4 py-2 hover:bg-stone-100" to="/settings/profile">
            {t("nav.settings")}
          </Link>
        </li>
        <li>
          <Link className="block px-4 py-2 hover:bg-stone-100" to="/settings/notifications">
            {t("nav.notificationSettings")}
          </Link>
        </li>
        <li>
          <Link className="block px-4 py-2 hover:bg-stone-100" to="/settings/account">
            {t("nav.accountSettings")}
          </Link>
        </li>
        {staff ? (
          <li>
            <Link className="block px-4 py-2 hover:bg-stone-100" to="/admin">
              {t("nav.admin")}
            </Link>
          </li>
        ) : null}
        <li>
          <Form method="post" action="/logout">
            <button type="submit" className="block w-full px-4 py-2 text-left hover:bg-stone-100">
              {t("nav.logout")}
            </button>
          </Form>
        </li>
      </ul>
    </details>
  );
}
