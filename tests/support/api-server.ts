import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

/**
 * The API's route modules (app/routes/api.v1.*), found by their file names as Remix's flat
 * routes find them, served over real HTTP by Express and Remix's request handler: tests of
 * the API send real requests with real headers and read real responses, through Remix's own
 * route matching. Pages are not part of this build (the API's routes are resource routes).
 */
const modules = import.meta.glob<Record<string, unknown>>("/app/routes/api.v1.*.ts", { eager: true });

/** "api.v1.ideas.$id.comments.ts" → "api/v1/ideas/:id/comments"; "openapi[.]json" keeps its dot; "$" is the splat. */
export function routePathOf(file: string) {
  const name = file.replace(/^.*\/routes\//, "").replace(/\.tsx?$/, "");
  return name
    .split(/\.(?![^[]*\])/)
    .map((segment) => (segment === "$" ? "*" : segment.startsWith("$") ? `:${segment.slice(1)}` : segment.replace(/\[(.*?)\]/g, "$1")))
    .join("/");
}

export const apiRouteModules = Object.entries(modules).map(([file, module]) => ({ file, path: routePathOf(file), module }));

function serverBuild(): ServerBuild {
  const routes: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: { default: () => null } as never },
  };
  for (const { file, path, module } of apiRouteModules) {
    routes[file] = { id: file, parentId: "root", path, module: module as never };
  }
  return {
    mode: "production",
    entry: { module: { default: () => new Response("No pages in this build", { status: 500 }) } },
    routes,
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" } as never,
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_singleFetch: true } as never,
    isSpaMode: false,
  };
}

/** Starts the API on a free local port; `url(path)` addresses it, `close()` stops it. */
export async function startApiServer() {
  const app = express();
  const handler = createRequestHandler({ build: serverBuild(), getLoadContext: (request) => ({ clientAddress: request.ip }) });
  app.all("*", (request, response, next) => void handler(request, response, next));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
