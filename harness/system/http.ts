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

/** Answers of a service that is down or coming back (a crash, its supervisor restarting it): worth asking again. */
const UNAVAILABLE = new Set(["service_unavailable", "circuit_open", "bulkhead_full"]);
/** How long a client keeps asking a service that is coming back: as long as a supervised restart may take. */
const RECOVERY_MS = 30_000;

/**
 * Plain HTTP against one base URL; the same client works for every topology (and in-process, given a fetcher).
 * `recovering`, it asks again, for up to RECOVERY_MS, when the answer says the service is unavailable, as a
 * client riding out a restart would: only requests safe to repeat (reads, PUT and DELETE, and anything sent
 * with an Idempotency-Key), never a plain POST, which would do its work twice.
 */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    readonly fetcher: Fetcher = systemFetch,
    private readonly recovering = false,
  ) {}

  get<T = AnyBody>(path: string, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request("GET", path, options);
  }

  post<T = AnyBody>(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<T>> {
    return this.request("POST", path, { ...options, body });
  }

  async request<T = AnyBody>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const repeatable = method !== "POST" || Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() === "idempotency-key");
    const until = performance.now() + RECOVERY_MS;
    for (;;) {
      const answer = await this.once<T>(method, path, options);
      const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
      const unavailable = (answer.status === 502 || answer.status === 503) && (code === undefined || UNAVAILABLE.has(code));
      if (!this.recovering || !repeatable || !unavailable || performance.now() > until) return answer;
      await Bun.sleep(100);
    }
  }

  private async once<T>(method: string, path: string, options: RequestOptions): Promise<HttpResult<T>> {
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
