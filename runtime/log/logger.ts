import { hostname } from "node:os";
import pino from "pino";
import { prettyFactory } from "pino-pretty";
import { currentConversationFields } from "./conversation.ts";
import { REDACTED_PATHS } from "./redact.ts";

/** The levels `LOG_LEVEL` accepts, most verbose first; `silent` logs nothing. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object a line (production); `pretty`: one readable line a record (development). */
export const LOG_FORMATS = ["json", "pretty"] as const;
type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  readonly level: LogLevel;
  readonly format: LogFormat;
}

export type Logger = pino.Logger;

/** Where a logger's lines go instead of stderr, one line (no newline) per call: a test's buffer, the harness's log file. */
export type LineSink = (line: string) => void;

/**
 * Synchronous, in this thread (not a worker transport): a line is written before the call returns, so a line
 * logged just before `process.exit` is not lost. The service is not shown: the split launcher labels each
 * child's lines with it.
 */
const prettify = (): ((line: string) => string) =>
  prettyFactory({
    singleLine: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service,module",
    messageFormat: "{if module}{module}: {end}{msg}",
  });

function destination(format: LogFormat, sink: LineSink | undefined): pino.DestinationStream {
  const render = format === "pretty" ? prettify() : (line: string) => line;
  if (sink) return { write: (line) => sink(render(line).replace(/\n$/, "")) };
  const stderr = pino.destination({ dest: 2, sync: true });
  return format === "pretty" ? { write: (line) => stderr.write(render(line)) } : stderr;
}

/**
 * The one place a logger is made: a process's root logger, named by its `service` (monolith, gateway, a
 * service's name, launcher). Every line has `time`, `level` (its name), `service`, and the `correlation_id`
 * and `trace_id` of the conversation it was logged in; children bind `module`. Secrets are censored
 * (redact.ts).
 */
export function createLogger(settings: LogSettings, service: string, sink?: LineSink): Logger {
  return pino(
    {
      level: settings.level,
      base: { service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: currentConversationFields,
      redact: { paths: [...REDACTED_PATHS], censor: "[redacted]" },
    },
    destination(settings.format, sink),
  );
}

/** A logger that writes nothing, for parts a test builds on their own (a channel, a relay) without a process around them. */
export const silentLogger = (): Logger => createLogger({ level: "silent", format: "json" }, "silent", () => {});
