import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/use-translation";
import { requireUser } from "~/web/guards.server";
import { clsx } from "~/lib/clsx";
import { hasRole } from "~/domain/roles";

// The staff area. This layout's check is a convenience for navigation; every child loader
// and action checks its own role as well, because a layout loader does not guard actions.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "staff" });
  return { isAdmin: hasRole(user, "admin") };
}

export default function AdminLayout() {
  const { t } = useTranslation();
  const { isAdmin } = useLoaderData<typeof loader>();
  const links = [
    { to: "/admin", key: "admin.nav.overview", end: true },
    { to: "/admin/triage", key: "admin.nav.triage", end: false },
    { to: "/admin/insights", key: "admin.nav.insights", end: false },
    { to: "/admin/moderation", key: "admin.nav.moderation", end: false },
    { to: "/admin/challenges", key: "admin.nav.challenges", end: false },
    { to: "/admin/categories", key: "admin.nav.categories", end: false },
    { to: "/admin/people", key: "admin.nav.people", end: false },
    ...(isAdmin
      ? [
          { to: "/admin/team", key: "admin.nav.team", end: false },
          { to: "/admin/settings", key: "admin.nav.settings", end: false },
          { to: "/admin/audit", key: "admin.nav.audit", end: false },
          { to: "/admin/data-requests", key: "admin.nav.dataRequests", end: false },
          { to: "/admin/sso", key: "admin.nav.sso", end: false },
          { to: "/admin/api-keys", key: "admin.nav.apiKeys", end: false },
          { to: "/admin/webhooks", key: "admin.nav.webhooks", end: false },
        ]
      : []),
  ];
  return (
    <div className="flex flex-col gap-8 md:flex-row">
      <nav aria-label={t("admin.nav.label")} className="md:w-48">
        <ul className="flex flex-wrap gap-2 md:flex-col">
          {links.map((link) => (
            <li key={link.to}>
              <NavLink
                to={link.to}
                end={link.end}
                className={({ isActive }) =>
                  clsx("block rounded px-3 py-2 text-sm font-medium", isActive ? "bg-brand-50 text-brand-800" : "text-stone-700 hover:bg-stone-100")
                }
              >
                {t(link.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}
