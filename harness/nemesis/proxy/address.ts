import { ProxySpecError } from "./errors.ts";

export interface Address {
  readonly hostname: string;
  readonly port: number;
}

const HOST_PORT = /^(.+):(\d{1,5})$/;

/** `host:port`, as Toxiproxy writes `listen` and `upstream`; port 0 (listen only) lets the OS choose. */
export function parseAddress(written: string): Address {
  const [, hostname, port] = HOST_PORT.exec(written) ?? [];
  if (!hostname || port === undefined || Number(port) > 65535) throw new ProxySpecError(written, "an address is written <host>:<port>");
  return { hostname, port: Number(port) };
}

export const formatAddress = ({ hostname, port }: Address): string => `${hostname}:${port}`;
