import { isPolling } from "../eventually.ts";
import { isRacing } from "../racing.ts";
import type { StepRecord } from "../report/model.ts";
import { type Fetcher, systemFetch } from "../system/http.ts";

const parse = (raw: unknown) => {
  if (typeof raw !== "string" || raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw;
  }
};

/**
 * A fetcher that tags every request of a check with a correlation id of the check's own (so the system's
 * traces can be found afterwards) and records each exchange as a step. The harness's own endpoints
 * (/__twofold: tap, idle, SQL, state) are observation, not behaviour. A request repeated while polling for
 * a condition keeps only its last answer: how often a check had to ask depends on timing, not on what the
 * system did. Repeats are matched by method, path and caller (Authorization), so two customers polling
 * at once stay two steps. Requests of a race (racing.ts) are not steps: their answers arrive in any order. `observed` hears the path of every request to the harness's own endpoints.
 */
export function recordingFetcher(prefix: string, steps: StepRecord[], observed: (path: string) => void = () => {}): Fetcher {
  let sent = 0;
  const polls = new Map<string, number>();
  return async (url, init) => {
    const correlationId = `${prefix}-${++sent}`;
    const headers = new Headers(init.headers);
    headers.set("x-correlation-id", correlationId);
    const started = performance.now();
    const polled = isPolling();
    const response = await systemFetch(url, { ...init, headers });
    const { pathname, search } = new URL(url);
    const path = pathname + search;
    if (path.startsWith("/__twofold/")) {
      observed(path);
      return response;
    }
    if (isRacing()) return response;
    const method = init.method ?? "GET";
    const key = `${method} ${path} ${headers.get("authorization") ?? ""}`;
    const step: StepRecord = {
      index: steps.length,
      method,
      path,
      status: response.status,
      requestBody: parse(init.body),
      responseBody: parse(await response.clone().text()),
      correlationId,
      durationMs: performance.now() - started,
      ...(polled ? { polled: true } : {}),
    };
    const earlier = polled ? polls.get(key) : undefined;
    if (earlier !== undefined) {
      steps[earlier] = { ...step, index: earlier };
    } else {
      if (polled) polls.set(key, steps.length);
      else polls.delete(key);
      steps.push(step);
    }
    return response;
  };
}
