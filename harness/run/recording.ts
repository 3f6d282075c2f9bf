import type { StepRecord } from "../report/model.ts";
import type { Fetcher } from "../system/http.ts";

/**
 * A fetcher that tags every request of a check with a correlation id of the check's own (so the system's
 * traces can be found afterwards) and records each exchange as a step. The harness's own endpoints
 * (/__twofold: tap, idle, SQL) are observation, not behaviour, and polling the same resource until a
 * condition holds keeps only its last answer: how often a check had to ask depends on timing, not on what
 * the system did.
 */
export function recordingFetcher(prefix: string, steps: StepRecord[]): Fetcher {
  let sent = 0;
  return async (url, init) => {
    const correlationId = `${prefix}-${++sent}`;
    const headers = new Headers(init.headers);
    headers.set("x-correlation-id", correlationId);
    const started = performance.now();
    const response = await fetch(url, { ...init, headers });
    const text = await response.clone().text();
    const parse = (raw: unknown) => {
      if (typeof raw !== "string" || raw === "") return undefined;
      try {
        return JSON.parse(raw);
      } catch {
        return raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw;
      }
    };
    const path = new URL(url).pathname + new URL(url).search;
    if (path.startsWith("/__twofold/")) return response;
    const method = init.method ?? "GET";
    const previous = steps.at(-1);
    if (previous && method === "GET" && previous.method === "GET" && previous.path === path) steps.pop();
    steps.push({
      index: steps.length,
      method,
      path,
      status: response.status,
      requestBody: parse(init.body),
      responseBody: parse(text),
      correlationId,
      durationMs: performance.now() - started,
    });
    return response;
  };
}
