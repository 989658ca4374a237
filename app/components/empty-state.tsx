import { Link } from "@remix-run/react";

/** What a list shows when it has nothing yet: say why, and offer the next step. */
export function EmptyState({ title, body, action }: { title: string; body: string; action?: { to: string; label: string } }) {
  return (
    <div className="rounded-lg border-2 border-dashed border-stone-300 bg-white px-6 py-12 text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mx-auto mt-2 max-w-prose text-muted">{body}</p>
      {action ? (
        <Link to={action.to} className="btn-primary mt-6">
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
