import fs from "node:fs";
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// The house rules that a tool can check (docs/architecture.md). The layers themselves (what may
// import what, no circles) are checked by dependency-cruiser: .dependency-cruiser.cjs.

/** Sync executors of drizzle's query builders: the domain awaits the builders instead, so it runs unchanged on an async driver. */
const SYNC_EXECUTORS = "/^(all|get|run|values)$/";

/** The tables of db/schema.ts, by their export names: SQLite's, which the app must not query directly. */
const SQLITE_TABLES = [...fs.readFileSync(new URL("db/schema.ts", import.meta.url), "utf8").matchAll(/^export const (\w+) = sqliteTable\(/gm)].map((match) => match[1]);

const APP_IMPORT_RULES = [
  { name: "~/lib/safe-html", importNames: ["markSafeHtml"], message: "Only the sanitiser, escapeHtml and the email template make SafeHtml." },
  { name: "~/lib/db.server", importNames: ["driver"], message: "Read through `db`, write through `transaction()`." },
  // Types and constants of the schema are fine; its tables are SQLite's, and on PostgreSQL the
  // app must query PostgreSQL's: #db/tables holds the engine's (docs/decisions/0007).
  { name: "#db/schema", importNames: SQLITE_TABLES, message: "Import tables from #db/tables: it holds this engine's (decision 0007)." },
  { name: "#db/schema.pg", message: "Import tables from #db/tables: it holds this engine's (decision 0007)." },
  // The app mounts its own translations provider: react-i18next's hook would find none and show keys.
  { name: "react-i18next", message: "Import useTranslation from ~/lib/use-translation (decision 0025)." },
  { name: "remix-i18next/react", message: "root follows the loader's language with useFollowLanguage from ~/lib/use-translation (decision 0025)." },
];
const DOMAIN_IMPORT_RULES = [{ name: "zod", message: "Request parsing lives in app/web or beside its route." }];
const DOMAIN_IMPORT_PATTERNS = [
  { group: ["@remix-run/*"], message: "The domain speaks no HTTP: return a refusal, let app/web answer." },
  { group: ["@conform-to/*"], message: "Forms are parsed in app/web or beside their route." },
  { group: ["~/web/*", "~/routes/*", "~/components/*", "~/jobs/*"], message: "The domain sits below the web layer, the pages and the jobs." },
];
const CLOCK_RULES = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Read the time with now() from ~/lib/clock.server, so tests can move it." },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Read the time with now() from ~/lib/clock.server, so tests can move it." },
];

const BODY_RULES = [
  {
    selector: "CallExpression[callee.property.name=/^(formData|json|text|arrayBuffer|blob)$/][callee.object.name='request']",
    message: "Read a form with readForm(request) from ~/web/form-body.server: within the body limit, and a 4xx for a body that is not a form.",
  },
];

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "test-results/", "playwright-report/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits is a write that may not have happened.
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // React calls event handlers and ignores what they return; elsewhere a promise where a
      // void callback is expected is still an error.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    settings: { react: { version: "18" } },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off",
      // Inner HTML only through <RichText>, which takes nothing but sanitised SafeHtml.
      "react/no-danger": "error",
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  {
    // The app: SafeHtml is made only by its three producers; the connections underneath are for
    // tests, benchmarks and scripts; tables come from #db/tables. The database modules
    // themselves, and lucia's adapter (its own dialect's tables, decision 0007), are the exceptions.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/domain/**", "app/lib/rich-body.server.ts", "app/lib/html.ts", "app/lib/mail/email-template.tsx", "app/lib/db.server.ts", "app/lib/sqlite.server.ts", "app/lib/postgres.server.ts", "app/lib/session-adapter.server.ts"],
    rules: { "no-restricted-imports": ["error", { paths: APP_IMPORT_RULES }] },
  },
  {
    // Tests, seeds and scripts run on either engine too (npm run test:pg): the same tables as the
    // app. Those that compare the two schemas, copy one into the other, or run on PostgreSQL
    // only (tests/postgres) may name either.
    files: ["tests/**/*.ts", "scripts/**/*.ts"],
    ignores: ["tests/unit/schema-pg.test*.ts", "tests/integration/tables.test.ts", "tests/postgres/**", "scripts/export-to-postgres.ts"],
    rules: { "no-restricted-imports": ["error", { paths: APP_IMPORT_RULES.slice(2) }] },
  },
  {
    files: ["app/lib/rich-body.server.ts", "app/lib/html.ts", "app/lib/mail/email-template.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: APP_IMPORT_RULES.slice(1) }] },
  },
  {
    // The domain speaks no HTTP, parses no forms, knows no sessions, and reads the time from the clock.
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { paths: [...DOMAIN_IMPORT_RULES, ...APP_IMPORT_RULES], patterns: DOMAIN_IMPORT_PATTERNS }],
      "no-restricted-syntax": [
        "error",
        ...CLOCK_RULES,
        {
          selector: `CallExpression[arguments.length=0][callee.property.name=${SYNC_EXECUTORS}]`,
          message: "Await the query builder (`await tx.select()…`, `const [row] = await …limit(1)`) instead of a synchronous executor.",
        },
        { selector: "MemberExpression[property.name='prepare']", message: "No raw statements in the domain: use the query builders (SQLite-only SQL lives in search.server.ts)." },
      ],
    },
  },
  {
    // The account emails' template escapes every value it writes (a producer of SafeHtml, like
    // app/lib/mail/email-template.tsx for notifications).
    files: ["app/domain/account-emails.server.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [...DOMAIN_IMPORT_RULES, ...APP_IMPORT_RULES.slice(1)], patterns: DOMAIN_IMPORT_PATTERNS }],
    },
  },
  {
    // Components run in the browser: forms are validated on the server, and the schemas (zod,
    // drizzle's tables) stay out of its bundle (decision 0012). Their types are welcome.
    files: ["app/components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "zod", allowTypeImports: true, message: "Validate on the server; a loader can send getZodConstraint(schema)." },
            { name: "#db/schema", allowTypeImports: true, message: "The database schema brings drizzle into the browser: let the loader send the values." },
          ],
          patterns: [{ group: ["~/web/*"], allowTypeImports: true, message: "Form schemas bring zod into the browser: let the loader send what the page needs." }],
        },
      ],
    },
  },
  {
    // Routes, route helpers and jobs take the time from the clock too (tests move it), and
    // actions read their body within limits, a bad one answered with a 4xx (readForm).
    files: ["app/routes/**/*.{ts,tsx}", "app/web/**/*.{ts,tsx}", "app/jobs/**/*.{ts,tsx}"],
    ignores: ["app/web/form-body.server.ts"],
    rules: { "no-restricted-syntax": ["error", ...CLOCK_RULES, ...BODY_RULES] },
  },
);
