import { Hono } from "hono";
import { AppError } from "../errors.ts";
import { errorResponse } from "../http/errors.ts";
import type { ModuleDefinition } from "../module.ts";
import { asyncApiDocument } from "./asyncapi.ts";
import { type DocumentInfo, systemName } from "./info.ts";
import { openApiDocument } from "./openapi.ts";
import { DOCS_FILES, docsPage } from "./page.ts";
import { RENDERER_PACKAGE, rendererBundle } from "./renderer.ts";

/** Built on first use and kept: a process's modules do not change while it runs. */
const once = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
};

/**
 * The API descriptions of the given modules and the page that renders them: GET /openapi.json, /asyncapi.json
 * and /docs. A service passes its own modules, the gateway every module of the system (the merged document).
 */
export function docsRoutes(modules: readonly ModuleDefinition[], info: DocumentInfo = {}): Hono {
  const openapi = once(() => openApiDocument(modules, info));
  const asyncapi = once(() => asyncApiDocument(modules, info));
  const bundle = once(rendererBundle);
  const app = new Hono();
  app.get(`/${DOCS_FILES.openapi}`, (c) => c.json(openapi()));
  app.get(`/${DOCS_FILES.asyncapi}`, (c) => c.json(asyncapi()));
  app.get("/docs", (c) => c.html(docsPage(`${systemName(info)} API reference`)));
  app.get(`/${DOCS_FILES.renderer}`, (c) => {
    const path = bundle();
    if (!path)
      return errorResponse(c, new AppError("service_unavailable", `the API reference renderer is not installed (bun add ${RENDERER_PACKAGE})`));
    return new Response(Bun.file(path), { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" } });
  });
  return app;
}
