import { Form, useNavigation } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";

/** What a page opened from an emailed link says once that link is used or expired, with the way to a new one. */
export function UsedUpLink({ page, title, body, action }: { page: string; title: string; body: string; action: { to: string; label: string } }) {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="sr-only">{page}</h1>
      <EmptyState title={title} body={body} action={action} />
    </div>
  );
}

/**
 * A page opened from an emailed link: opening it only shows the button (mail scanners open
 * links too), and pressing the button uses the link.
 */
export function UseLinkForm({ title, intro, submit }: { title: string; intro: string; submit: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{title}</h1>
      <Form method="post" className="card mt-6 space-y-4">
        <p>{intro}</p>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {submit}
        </button>
      </Form>
    </div>
  );
}
