import type { SystemClient } from "../system/client.ts";
import type { HttpResult } from "../system/http.ts";
import type { BodyText } from "./body.ts";
import type { FuzzRequest } from "./request.ts";
import type { World } from "./world.ts";

/** A hang is a failure too, but a slow answer within this is not. */
const REQUEST_TIMEOUT_MS = 10_000;

const bytesOf = (body: BodyText): Uint8Array =>
  body.bytes ? Uint8Array.from(body.text, (c) => c.charCodeAt(0) & 0xff) : new TextEncoder().encode(body.text);

/** Sends one fuzzed request through the suite's own HTTP client, its refs resolved against the world as it is now. */
export async function send(sys: SystemClient, world: World, request: FuzzRequest): Promise<HttpResult> {
  const path = (await Promise.all(request.path.map(world.resolve))).join("");
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = await world.resolve(value);
  return sys.http.request(request.method, `${path}${request.query}`, {
    headers,
    body: request.body ? bytesOf(request.body) : undefined,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
}
