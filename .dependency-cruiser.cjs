// The layers of the house (docs/architecture.md), checked on every `npm run lint`:
//
//   routes/ (+ components/, root.tsx)  →  web/  →  domain/  →  lib/  →  db/
//   jobs/ at the top, started only by entry.server.tsx; scripts/ use the app, the app never uses scripts/.
//
// An arrow may only point down, and no import circle is allowed anywhere.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other cannot be understood, tested or moved apart.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      comment: "An import that names nothing is a typo or a missing dependency.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "db-is-the-ground",
      severity: "error",
      comment: "db/ holds the schemas and their migrations; it imports nothing of the app.",
      from: { path: "^db/" },
      to: { path: "^(app|scripts)/" },
    },
    {
      name: "lib-is-infrastructure",
      severity: "error",
      comment: "lib/ (database, clock, mail, rich text, i18n…) knows nothing of the domain, the HTTP layer or the pages.",
      from: { path: "^app/lib/" },
      to: { path: "^app/(domain|web|routes|components|jobs)/|^app/(root|entry\\.server|entry\\.client)\\.tsx$" },
    },
    {
      name: "domain-speaks-no-http",
      severity: "error",
      comment: "The domain is called by the web layer and the jobs; it never calls up into them or into pages.",
      from: { path: "^app/domain/" },
      to: { path: "^app/(web|routes|components|jobs)/|^app/(root|entry\\.server|entry\\.client)\\.tsx$" },
    },
    {
      name: "web-below-routes",
      severity: "error",
      comment: "web/ holds what several routes share; routes and components use it, not the other way round.",
      from: { path: "^app/web/" },
      to: { path: "^app/(routes|components|jobs)/|^app/(root|entry\\.server|entry\\.client)\\.tsx$" },
    },
    {
      name: "components-render-only",
      severity: "error",
      comment: "Components run in the browser too: no server modules (types aside), no routes, no jobs.",
      from: { path: "^app/components/" },
      to: { path: "^app/(routes|jobs)/|^app/(root|entry\\.server|entry\\.client)\\.tsx$" },
    },
    {
      name: "components-no-server-code",
      severity: "error",
      comment: "A component may take a type from a *.server module, never code: it would be bundled for the browser.",
      from: { path: "^app/components/" },
      to: { path: "\\.server\\.tsx?$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "routes-stand-alone",
      severity: "error",
      comment: "A route file does not import another route; shared code goes to web/ or components/.",
      from: { path: "^app/routes/[^/]+$" },
      to: { path: "^app/routes/" },
    },
    {
      name: "jobs-start-in-one-place",
      severity: "error",
      comment: "Background jobs start once per server process, from entry.server.tsx (reached by server.mjs), never from a loader.",
      from: { path: "^app/", pathNot: "^app/(jobs/|entry\\.server\\.tsx$)" },
      to: { path: "^app/jobs/" },
    },
    {
      name: "app-never-uses-scripts",
      severity: "error",
      comment: "scripts/ (the demo seed) use the app; the app does not depend on them.",
      from: { path: "^(app|db)/" },
      to: { path: "^scripts/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|build|tests|bench)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
