import { defineToxic } from "../toxic.ts";
import { whole } from "../written.ts";

/**
 * No data gets through; the connection closes `timeout` ms after the toxic started on it, or never when 0. What
 * it held flows on if the toxic is removed first.
 */
export const timeoutToxic = defineToxic({
  type: "timeout",
  syntax: "timeout=<ms>",
  description: "holds all data, and closes after timeout ms (0: never)",
  defaults: { timeout: 0 },
  read: (value) => {
    const timeout = whole(value);
    return timeout === undefined ? undefined : { timeout };
  },
  write: ({ timeout }) => `${timeout}`,
  async run({ timeout }, io) {
    await io.sleep(timeout === 0 ? Number.POSITIVE_INFINITY : timeout);
    io.close();
  },
});
