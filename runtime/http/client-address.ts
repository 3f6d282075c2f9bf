import type { Context, MiddlewareHandler } from "hono";
import { INTERNAL_TOKEN_HEADER } from "../secrets.ts";

/** Where the gateway tells a service who the client is; the gateway replaces whatever the client sent. */
export const FORWARDED_FOR = "x-forwarded-for";

const KEY = "clientAddress";

interface BunServer {
  requestIP(request: Request): { address: string } | null;
}

/** The peer of the request's socket (Bun passes its server to fetch as the env); none in process, without a socket. */
export function socketAddress(c: Context): string | undefined {
  const server = c.env as Partial<BunServer> | undefined;
  return typeof server?.requestIP === "function" ? server.requestIP(c.req.raw)?.address : undefined;
}

/** Who sent the request: the client the gateway vouched for, else the socket's peer, else "unknown". */
export const clientAddress = (c: Context): string => (c.get(KEY as never) as string | undefined) ?? socketAddress(c) ?? "unknown";

/**
 * For a split service, whose every peer is the gateway: takes the client's address from x-forwarded-for, but
 * only on a request with the internal token, which only the gateway sends on public requests. A request that
 * reached the service some other way is counted by its socket's peer, whatever it claims.
 */
export const trustGateway =
  (internalToken: string): MiddlewareHandler =>
  async (c, next) => {
    const forwarded = c.req.header(FORWARDED_FOR)?.trim();
    if (forwarded && c.req.header(INTERNAL_TOKEN_HEADER) === internalToken) c.set(KEY as never, forwarded as never);
    await next();
  };
