import { expect, test } from "@playwright/test";
import { JAVASCRIPT_BUDGET_BYTES, routeJavaScript } from "../../bench/route-javascript";

// The JavaScript budget (docs/performance.md), read from the production build that
// `npm run test:e2e` has just made: the build's manifests say what each page loads.
test("the ideas list and an idea's page load at most 100 kB of gzipped JavaScript, the editor only on demand", () => {
  const routes = routeJavaScript();
  for (const url of ["/", "/ideas/:id"]) {
    const route = routes.find((candidate) => candidate.url === url);
    if (!route) throw new Error(`${url} is not in the build`);
    expect(route.initial, `${url} loads ${route.initial} bytes of gzipped JavaScript`).toBeLessThanOrEqual(JAVASCRIPT_BUDGET_BYTES);
  }
  // The editor comes when someone starts to write: fetched later, not with the page.
  const ideaPage = routes.find((route) => route.url === "/ideas/:id")!;
  const editor = ideaPage.later.find((entry) => entry.module === "app/components/rich-text-editor.tsx");
  expect(editor?.added ?? 0).toBeGreaterThan(50_000);
});
