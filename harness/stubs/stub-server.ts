import { getResponse, type HttpHandler } from "msw";
import { SERVER_IDLE_TIMEOUT_S } from "../../runtime/http/idle.ts";
import { STUB_ORIGIN } from "./stub-handlers.ts";

export interface StubServer {
  readonly url: string;
  stop(): void;
}

/**
 * Serves MSW handlers over real HTTP (MSW's own request interception does not hook Bun's fetch), so the
 * component under test calls its stubbed neighbours exactly as it would call real services.
 */
export function serveStubs(handlers: readonly HttpHandler[]): StubServer {
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    // Components call their stubs with the runtime's own pooled client, so the same idle timeout it is bounded by.
    idleTimeout: SERVER_IDLE_TIMEOUT_S,
    fetch: async (request) => {
      const { pathname, search } = new URL(request.url);
      const response = await getResponse([...handlers], new Request(`${STUB_ORIGIN}${pathname}${search}`, request));
      return response ?? Response.json({ error: { code: "not_found", message: `no stub for ${request.method} ${pathname}` } }, { status: 404 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => void server.stop(true) };
}
