import { boundedKeepAlive } from "../../runtime/http/keep-alive.ts";

/** A body's default type: suites assert on its fields as they read them, with no cast. */
// biome-ignore lint/suspicious/noExplicitAny: the bodies of arbitrary responses, checked by the suites' assertions.
type AnyBody = any;

/** A response as suites see it: status, parsed JSON body (or text), headers. */
export interface HttpResult<T = AnyBody> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly ms: number;
}

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  /** Give up after this long (the check fails with a timeout). */
  readonly timeoutMs?: number;
  /** Sent as is when a string or bytes (bytes get no default content type); JSON-encoded otherwise. */
  readonly body?: unknown;
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/** The harness's connections to the system under test, never reused past the servers' idle timeout (runtime/http/keep-alive.ts). */
export const systemFetch: Fetcher = boundedKeepAlive();

/** Plain HTTP against one base URL; the same client works for every topology (and in-process, given a fetcher). */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetcher: Fetcher = systemFetch,
  ) {}

  get<T = AnyBody>(path: string, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request("GET", path, options);
  }

  post<T = AnyBody>(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request("POST", path, { ...options, body });
  }

  async request<T = AnyBody>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const started = performance.now();
    const hasBody = options.body !== undefined;
    const bytes = options.body instanceof Uint8Array ? options.body : undefined;
    const response = await this.fetcher(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(hasBody && !bytes ? { "content-type": "application/json" } : {}), ...options.headers },
      body: bytes ?? (hasBody ? (typeof options.body === "string" ? options.body : JSON.stringify(options.body)) : undefined),
      signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: response.status, body: body as T, headers: response.headers, ms: performance.now() - started };
  }
}
