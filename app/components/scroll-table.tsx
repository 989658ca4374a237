import type { ReactNode } from "react";

/**
 * A table that may be wider than a phone: it scrolls sideways in its own box (a labelled region
 * that takes the focus, so the keyboard can scroll it too), and the cells marked with
 * STICKY_CELL — the column that names each row — stay in view while the others pass under them.
 */
export function ScrollTable({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto rounded ${className ?? ""}`}>
      {children}
    </div>
  );
}

/** The first column's cells: pinned to the left edge, on the row's own background, with a shadow where the others scroll under. */
export const STICKY_CELL = "sticky left-0 z-10 bg-inherit shadow-[6px_0_6px_-6px_rgb(0_0_0/0.25)] sm:static sm:shadow-none";
