import { HttpClient } from "../../system/http.ts";
import { interpolate } from "../interpolate.ts";
import { type FlowMapping, toSystemUrl } from "../mapping.ts";
import type { RunTools, StepContext } from "../model.ts";
import type { ActionDefinition } from "./action.ts";
import { expectMap, isMap } from "./checks.ts";

const absolute = /^https?:\/\//i;

const lowerCased = (headers: unknown) => Object.entries(isMap(headers) ? headers : {}).map(([name, value]) => [name.toLowerCase(), String(value)]);

/**
 * Sends one request; relative URLs, and URLs under a service the flow's mapping names, go to the system's base
 * URL, so one flow runs on every topology. The mapping's headers go with it unless the step sets them.
 */
export async function sendRequest(config: Readonly<Record<string, unknown>>, run: RunTools, mapping: FlowMapping): Promise<StepContext> {
  const written = toSystemUrl(mapping, String(config.url));
  const url = absolute.test(written) || written.startsWith("/") ? written : `/${written}`;
  const headers = Object.fromEntries([...lowerCased(interpolate(mapping.headers, run.vars)), ...lowerCased(config.headers)]);
  const client = absolute.test(url) ? new HttpClient("") : run.system.http;
  const method = String(config.method).toUpperCase();
  const result = await client.request(method, url, { headers, body: config.body });
  // The request is part of the context so racing requests (a `parallel` step) can be told apart afterwards.
  return {
    status: result.status,
    body: result.body,
    headers: Object.fromEntries(result.headers.entries()),
    request: { method, url, body: config.body },
  };
}

/** `http_request {method, url, headers?, body?}` → `{status, body, headers, request}` (header names lower case). */
export const httpRequest: ActionDefinition = {
  name: "http_request",
  required: ["method", "url"],
  compile(tools) {
    expectMap(tools, ["headers"]);
    return (config, run) => sendRequest(config, run, tools.mapping);
  },
};
