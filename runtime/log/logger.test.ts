import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { runInContext } from "../bus/context.ts";
import { INTERNAL_TOKEN_HEADER, OPERATOR_KEY_HEADER } from "../secrets.ts";
import { createLogger, type LogSettings } from "./logger.ts";

const capture = (settings: LogSettings = { level: "trace", format: "json" }) => {
  const lines: string[] = [];
  const log = createLogger(settings, "orders", (line) => lines.push(line));
  return { log, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe("the logger", () => {
  it("writes one JSON object a line with its time, level name, service and message; a child binds its module", () => {
    const { log, lines, records } = capture();
    log.child({ module: "payments" }).info({ order_id: "o1" }, "charged");
    expect(lines).toHaveLength(1);
    expect(records()[0]).toMatchObject({ level: "info", service: "orders", module: "payments", order_id: "o1", msg: "charged" });
    expect(new Date(String(records()[0]?.time)).toISOString()).toBe(records()[0]?.time);
  });

  it("names the conversation a line is logged in: its correlation id, and the trace it belongs to", () => {
    const { log, records } = capture();
    runInContext({ correlationId: "c-42", causationId: null }, () => log.warn("inside"));
    log.warn("outside");
    expect(records()[0]).toMatchObject({ correlation_id: "c-42", trace_id: "c-42" });
    expect(records()[1]).not.toHaveProperty("correlation_id");
  });

  it("censors secrets where a record would carry them: passwords, tokens, card tokens, secret headers", () => {
    const { log, lines } = capture();
    const headers = {
      authorization: "Bearer s3ss10n",
      cookie: "sid=c00kie",
      [OPERATOR_KEY_HEADER]: "0per4tor-key",
      [INTERNAL_TOKEN_HEADER]: "1ntern4l-token",
    };
    log.info({
      password: "hunter2",
      body: { password: "hunter3", payment_token: "tok_visa" },
      payload: { token: "v3rify" },
      headers,
      req: { headers },
    });
    for (const secret of ["s3ss10n", "c00kie", "0per4tor-key", "1ntern4l-token", "hunter2", "hunter3", "tok_visa", "v3rify"]) {
      expect(lines.join("\n")).not.toContain(secret);
    }
    expect(lines[0]).toContain("[redacted]");
  });

  it("logs nothing below its level", () => {
    const { log, lines } = capture({ level: "warn", format: "json" });
    log.info("quiet");
    log.error("loud");
    expect(lines).toHaveLength(1);
  });

  it("writes readable lines in the pretty format: time, level, module and message", () => {
    const { log, lines } = capture({ level: "info", format: "pretty" });
    log.child({ module: "cart" }).info("cleared");
    // Coloured on a terminal.
    expect(stripVTControlCharacters(lines[0] ?? "")).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: cart: cleared/);
  });
});
