import { createRequire } from "node:module";
import { dirname } from "node:path";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import type { Queue } from "bullmq";
import { Hono } from "hono";
import { serveStatic } from "hono/bun";
import { AppError } from "../../errors.ts";
import { notFound } from "../../http/errors.ts";

/**
 * Where Bull Board's UI (its page template and static assets) is on disk, or undefined where it is not (a
 * compiled binary run away from node_modules). Found from @bull-board/api, which depends on it, as Bull Board
 * itself would; passed explicitly so Bull Board never has to look for it itself.
 */
function boardUi(): string | undefined {
  try {
    const api = createRequire(import.meta.url).resolve("@bull-board/api");
    return dirname(createRequire(api).resolve("@bull-board/ui/package.json"));
  } catch {
    return undefined;
  }
}

/**
 * Bull Board over the given queues, served under `basePath` (its page, its JSON API at `basePath/api/...`, its
 * assets with Bun's serveStatic). Built on the first request, so no queue opens a Redis connection before
 * someone looks.
 */
export function bullBoard(queues: () => readonly Queue[], basePath: string): Hono {
  let board: Hono | undefined;
  const build = (): Hono => {
    const uiBasePath = boardUi();
    if (!uiBasePath) throw new AppError("service_unavailable", "Bull Board's UI (@bull-board/ui) is not installed where this process runs");
    const serverAdapter = new HonoAdapter(serveStatic).setBasePath(basePath);
    createBullBoard({
      queues: queues().map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiBasePath, uiConfig: { boardTitle: "twofold queues" } },
    });
    const routes = new Hono().route(basePath, serverAdapter.registerPlugin());
    routes.notFound(notFound);
    return routes;
  };
  const app = new Hono();
  app.all(`${basePath}/*`, (c) => {
    board ??= build();
    return board.fetch(c.req.raw);
  });
  return app;
}
