import { defineToxic, forward } from "../toxic.ts";
import { whole } from "../written.ts";

/** Data flows until `timeout` ms after the toxic started on the connection (0: at once); then the connection is reset. */
export const resetPeerToxic = defineToxic({
  type: "reset_peer",
  syntax: "reset_peer[=<ms>]",
  description: "resets the connection (TCP RST) after timeout ms",
  defaults: { timeout: 0 },
  read: (value) => {
    const timeout = value === undefined ? 0 : whole(value);
    return timeout === undefined ? undefined : { timeout };
  },
  write: ({ timeout }) => (timeout === 0 ? undefined : `${timeout}`),
  async run({ timeout }, io) {
    await Promise.all([forward(io), io.sleep(timeout).then(() => io.reset())]);
  },
});
