import { CORRELATION_HEADER } from "../../runtime/http/correlation.ts";
import { SYNTHETIC_HEADER } from "../../runtime/http/synthetic.ts";
import { OPERATOR_KEY_HEADER } from "../../runtime/secrets.ts";

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the journey reads a few fields of each answer and checks them itself.
  readonly body: any;
}

/**
 * The synthetic customer's HTTP client: every request it sends is marked synthetic (with the operator key that
 * alone may mark it) and belongs to one conversation, so the run is one correlation id in every log.
 */
export class SyntheticClient {
  constructor(
    private readonly base: string,
    private readonly operatorKey: string,
    readonly correlationId: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async request(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const response = await fetch(new URL(path, this.base), {
      method,
      headers: {
        [OPERATOR_KEY_HEADER]: this.operatorKey,
        [SYNTHETIC_HEADER]: "1",
        [CORRELATION_HEADER]: this.correlationId,
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: response.status, body: parsed(await response.text()) };
  }
}

/** A JSON body, or the text of one that is not JSON (a proxy's error page). */
function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** What went wrong with an answer, in one line: its status and error code. */
export const described = (answer: Answer): string =>
  `${answer.status}${answer.body?.error ? ` ${answer.body.error.code}: ${answer.body.error.message}` : ""}`;
