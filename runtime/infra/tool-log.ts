import { createLogger, type Logger } from "../log/logger.ts";

let shared: Logger | undefined;

/**
 * The logger of set-up a tool runs (the harness, the bench, test:pg) rather than a process of the system,
 * which passes its own: readable lines at info, as someone at a terminal reads them.
 */
export const toolLog = (): Logger => {
  shared ??= createLogger({ level: "info", format: "pretty" }, "infra");
  return shared;
};
