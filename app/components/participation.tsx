import { lazy, Suspense, type ComponentProps, type ComponentType } from "react";
import { CommentForm as CommentFormNow } from "~/components/comment-form";
import { ReportForm as ReportFormNow } from "~/components/report-form";
import { StaffPanel as StaffPanelNow } from "~/components/staff-panel";

// The forms of people taking part in a discussion (commenting, reporting, staff actions), kept
// out of the idea page's first download: a visitor never sees them, and they bring the form
// library along. The server renders them at once, as plain forms that work without JavaScript;
// the browser fetches their code when it has one to hydrate, and until then the server's HTML
// stays in place (React leaves a suspended boundary as it was rendered).
//
// `import.meta.env.SSR` is a literal in each build, so the browser bundle keeps only the
// dynamic imports and the server bundle only the static ones.

function bounded<Props extends object>(Form: ComponentType<Props>) {
  function Bounded(props: Props) {
    return (
      <Suspense fallback={null}>
        <Form {...props} />
      </Suspense>
    );
  }
  Bounded.displayName = `Deferred(${Form.displayName ?? Form.name})`;
  return Bounded;
}

export const CommentForm = bounded<ComponentProps<typeof CommentFormNow>>(
  import.meta.env.SSR ? CommentFormNow : lazy(() => import("~/components/comment-form").then((module) => ({ default: module.CommentForm }))),
);

export const ReportForm = bounded<ComponentProps<typeof ReportFormNow>>(
  import.meta.env.SSR ? ReportFormNow : lazy(() => import("~/components/report-form").then((module) => ({ default: module.ReportForm }))),
);

export const StaffPanel = bounded<ComponentProps<typeof StaffPanelNow>>(
  import.meta.env.SSR ? StaffPanelNow : lazy(() => import("~/components/staff-panel").then((module) => ({ default: module.StaffPanel }))),
);

