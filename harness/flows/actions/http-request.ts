import type { SystemClient } from "../../system/client.ts";
import { HttpClient } from "../../system/http.ts";
import type { StepContext } from "../model.ts";
import type { ActionDefinition } from "./action.ts";
import { expectMap, isMap } from "./checks.ts";

const absolute = /^https?:\/\//i;

/** Sends one request; relative URLs go to the system's base URL, so one flow runs on every topology. */
export async function sendRequest(config: Readonly<Record<string, unknown>>, system: SystemClient): Promise<StepContext> {
  const written = String(config.url);
  const url = absolute.test(written) || written.startsWith("/") ? written : `/${written}`;
  const headers = Object.fromEntries(Object.entries(isMap(config.headers) ? config.headers : {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  const client = absolute.test(url) ? new HttpClient("") : system.http;
  const method = String(config.method).toUpperCase();
  const result = await client.request(method, url, { headers, body: config.body });
  // The request is part of the context so racing requests (a `parallel` step) can be told apart afterwards.
  return { status: result.status, body: result.body, headers: Object.fromEntries(result.headers.entries()), request: { method, url, body: config.body } };
}

/** `http_request {method, url, headers?, body?}` → `{status, body, headers, request}` (header names lower case). */
export const httpRequest: ActionDefinition = {
  name: "http_request",
  required: ["method", "url"],
  compile(tools) {
    expectMap(tools, ["headers"]);
    return (config, run) => sendRequest(config, run.system);
  },
};
