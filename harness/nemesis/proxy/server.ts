import { type Context, Hono } from "hono";
import * as v from "valibot";
import { AppError } from "../../../runtime/errors.ts";
import { readBody } from "../../../runtime/http/body.ts";
import { notFound, onError } from "../../../runtime/http/errors.ts";
import { type Logger, silentLogger } from "../../../runtime/log/logger.ts";
import { NameTakenError, ProxySpecError } from "./errors.ts";
import { type FaultProxy, startFaultProxy } from "./proxy.ts";
import { toxicFrom } from "./spec.ts";

const CreateProxy = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  listen: v.optional(v.string()),
  upstream: v.string(),
  enabled: v.optional(v.boolean()),
});
const UpdateProxy = v.object({ enabled: v.boolean() });
const CreateToxic = v.object({
  name: v.optional(v.pipe(v.string(), v.minLength(1))),
  type: v.string(),
  stream: v.optional(v.string()),
  toxicity: v.optional(v.number()),
  attributes: v.optional(v.record(v.string(), v.unknown())),
});

/** The proxy's own errors in the one error envelope: a spec it cannot read is 400 naming the field, a taken name 409. */
function asAppError(error: Error): Error {
  if (error instanceof ProxySpecError) return new AppError("validation_failed", error.message, [{ path: error.part, message: error.reason }]);
  if (error instanceof NameTakenError) return new AppError("already_exists", error.message);
  return error;
}

/**
 * Toxiproxy's control API over a set of named fault proxies, so a harness process or a person can change a
 * proxy's faults while it runs: `GET|POST /proxies`, `GET|POST|DELETE /proxies/:name` (POST `{enabled}`
 * enables or disables), `GET|POST /proxies/:name/toxics`, `GET|DELETE /proxies/:name/toxics/:toxic`, and
 * `POST /reset` (every proxy enabled, every toxic removed). Errors come in the one error envelope.
 */
export function faultProxyApi(proxies: Map<string, FaultProxy>, log: Logger = silentLogger()): Hono {
  const app = new Hono();
  const answerError = onError(log);
  app.onError((error, c) => answerError(asAppError(error), c));
  app.notFound(notFound);
  const proxyOf = (c: Context): FaultProxy => {
    const proxy = proxies.get(c.req.param("name") ?? "");
    if (!proxy) throw new AppError("not_found", `no proxy named ${c.req.param("name")}`);
    return proxy;
  };

  app.get("/proxies", (c) => c.json(Object.fromEntries([...proxies].map(([name, proxy]) => [name, proxy.view()]))));
  app.post("/proxies", async (c) => {
    const { name, listen, upstream, enabled } = await readBody(c, CreateProxy);
    if (proxies.has(name)) throw new NameTakenError(`proxy ${name}`);
    let proxy: FaultProxy;
    try {
      proxy = startFaultProxy({ name, listen, upstream, faults: enabled === false ? "down" : "" });
    } catch (error) {
      if (error instanceof ProxySpecError) throw error;
      // Bun.listen throws when the address is taken (EADDRINUSE): the caller's to fix, not a crash of ours.
      throw new NameTakenError(`the listen address ${listen ?? "(any)"}: ${error instanceof Error ? error.message : error}`);
    }
    proxies.set(name, proxy);
    return c.json(proxy.view(), 201);
  });
  app.get("/proxies/:name", (c) => c.json(proxyOf(c).view()));
  app.post("/proxies/:name", async (c) => {
    const proxy = proxyOf(c);
    const { enabled } = await readBody(c, UpdateProxy);
    if (enabled) proxy.enable();
    else proxy.disable();
    return c.json(proxy.view());
  });
  app.delete("/proxies/:name", async (c) => {
    await proxyOf(c).stop();
    proxies.delete(c.req.param("name"));
    return c.body(null, 204);
  });

  app.get("/proxies/:name/toxics", (c) => c.json(proxyOf(c).toxics));
  app.post("/proxies/:name/toxics", async (c) => {
    const proxy = proxyOf(c);
    return c.json(proxy.addToxic(toxicFrom(await readBody(c, CreateToxic))));
  });
  app.get("/proxies/:name/toxics/:toxic", (c) => {
    const toxic = proxyOf(c).toxics.find((t) => t.name === c.req.param("toxic"));
    if (!toxic) throw new AppError("not_found", `no toxic named ${c.req.param("toxic")}`);
    return c.json(toxic);
  });
  app.delete("/proxies/:name/toxics/:toxic", (c) => {
    if (!proxyOf(c).removeToxic(c.req.param("toxic"))) throw new AppError("not_found", `no toxic named ${c.req.param("toxic")}`);
    return c.body(null, 204);
  });

  app.post("/reset", (c) => {
    for (const proxy of proxies.values()) proxy.apply("");
    return c.body(null, 204);
  });
  return app;
}
