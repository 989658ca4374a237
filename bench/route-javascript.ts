// How much JavaScript each page makes the browser download, gzipped, read from a production
// build (`npm run build`): `npx tsx bench/route-javascript.ts`.
//
// Pages only: layouts are counted with their child routes, resource routes load no script.
// "initial" is what a first visit loads: the client entry, and each route module from the root
// down with the chunks it imports (Remix preloads them all); and Remix's route manifest, unless
// routes are discovered lazily (then the page carries the part it needs inline).
// "later" is what the page fetches on demand (dynamic imports, read from Vite's client
// manifest): the rich-text editor, once someone starts to write.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import remixConfig from "../remix.config.js";

type RemixRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: string; imports?: string[] };
type RemixManifest = { entry: { module: string; imports: string[] }; routes: Record<string, RemixRoute> };
type ViteChunk = { file: string; imports?: string[]; dynamicImports?: string[] };

export type RouteJavaScript = {
  id: string;
  url: string;
  /** Gzipped bytes loaded on a first visit. */
  initial: number;
  /**
   * What the page fetches on demand (dynamic imports, followed through each other): for each
   * module, the gzipped bytes it adds to what was loaded before it, and the page's total then.
   */
  later: Array<{ module: string; added: number; total: number }>;
};

/** The first visit to the ideas list and to an idea's page may load at most this much (gzipped). */
export const JAVASCRIPT_BUDGET_BYTES = 100_000;

function remixManifest(clientDirectory: string): { file: string; manifest: RemixManifest } {
  const assets = path.join(clientDirectory, "assets");
  const candidates = fs.readdirSync(assets).filter((name) => /^manifest-[0-9a-f]+\.js$/.test(name));
  if (candidates.length !== 1) throw new Error(`Expected one Remix manifest in ${assets}, found ${candidates.length}: run \`npm run build\`.`);
  const source = fs.readFileSync(path.join(assets, candidates[0]!), "utf8");
  const json = source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1);
  return { file: `/assets/${candidates[0]}`, manifest: JSON.parse(json) as RemixManifest };
}

function urlOf(route: RemixRoute, routes: Record<string, RemixRoute>): string {
  const segments: string[] = [];
  for (let current: RemixRoute | undefined = route; current; current = current.parentId ? routes[current.parentId] : undefined) {
    if (current.path) segments.unshift(current.path);
  }
  return `/${segments.join("/")}`;
}

/** The gzipped size of every JavaScript file each route loads, from the build in `buildDirectory`. */
export function routeJavaScript(buildDirectory = "build"): RouteJavaScript[] {
  const clientDirectory = path.join(buildDirectory, "client");
  const { file: manifestFile, manifest } = remixManifest(clientDirectory);
  const viteManifest = JSON.parse(fs.readFileSync(path.join(buildDirectory, ".vite", "client-manifest.json"), "utf8")) as Record<string, ViteChunk>;
  const chunkByFile = new Map(Object.values(viteManifest).map((chunk) => [`/${chunk.file}`, chunk]));

  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) {
      size = gzipSync(fs.readFileSync(path.join(clientDirectory, file))).length;
      gzipped.set(file, size);
    }
    return size;
  };
  const total = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + sizeOf(file), 0);

  /** A chunk and everything it imports statically. */
  const withImports = (key: string, into: Set<string>) => {
    const chunk = viteManifest[key];
    if (!chunk || into.has(`/${chunk.file}`)) return;
    into.add(`/${chunk.file}`);
    for (const imported of chunk.imports ?? []) withImports(imported, into);
  };

  const routes = Object.values(manifest.routes);
  const isLayout = (route: RemixRoute) => routes.some((other) => other.parentId === route.id);
  // A resource route (no component: /healthz, /logout…) builds to an empty module.
  const isResource = (route: RemixRoute) => fs.readFileSync(path.join(clientDirectory, route.module), "utf8").trim() === "";

  return routes
    .filter((route) => !isLayout(route) && !isResource(route))
    .map((route) => {
      const initial = new Set([manifest.entry.module, ...manifest.entry.imports]);
      if (!remixConfig.future?.v3_lazyRouteDiscovery) initial.add(manifestFile);
      for (let current: RemixRoute | undefined = route; current; current = current.parentId ? manifest.routes[current.parentId] : undefined) {
        for (const file of [current.module, ...(current.imports ?? [])]) initial.add(file);
      }
      const later: RouteJavaScript["later"] = [];
      const visit = (files: Iterable<string>, loaded: Set<string>) => {
        for (const file of files) {
          for (const dynamic of chunkByFile.get(file)?.dynamicImports ?? []) {
            if (later.some((entry) => entry.module === dynamic)) continue;
            const fetched = new Set<string>();
            withImports(dynamic, fetched);
            const added = [...fetched].filter((chunk) => !loaded.has(chunk));
            const nowLoaded = new Set([...loaded, ...added]);
            later.push({ module: dynamic, added: total(added), total: total(nowLoaded) });
            visit(added, nowLoaded);
          }
        }
      };
      visit(initial, initial);
      return { id: route.id, url: urlOf(route, manifest.routes), initial: total(initial), later };
    })
    .sort((a, b) => a.url.localeCompare(b.url));
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const routes = routeJavaScript();
  console.log(`${"route".padEnd(34)} ${"initial".padStart(9)}   later, on demand: +added module (page total then)`);
  for (const route of routes) {
    const later = route.later.map((entry) => `+${kB(entry.added)} ${path.basename(entry.module, path.extname(entry.module))} (${kB(entry.total)})`).join(", ");
    console.log(`${route.url.padEnd(34)} ${kB(route.initial).padStart(9)}   ${later}`);
  }
  console.log(`\nBudget for / and /ideas/:id: ${kB(JAVASCRIPT_BUDGET_BYTES)} (gzip, default level, as the server sends it).`);
}
