import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Scans the page as it is now for WCAG 2.1 A and AA problems and fails listing each one:
 * the rule, what it asks for, and the elements that break it.
 */
export async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map((violation) =>
    [
      `${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help}`,
      ...violation.nodes.map((node) => `    ${node.target.join(" ")}  ${node.html.slice(0, 160)}`),
    ].join("\n"),
  );
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}
