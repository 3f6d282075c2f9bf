import { defineToxic, forward } from "../toxic.ts";
import { whole } from "../written.ts";

/** Data flows as usual; once its sender has closed, the close reaches the other end `delay` ms later. */
export const slowCloseToxic = defineToxic({
  type: "slow_close",
  syntax: "slow_close=<ms>",
  description: "delays the close by delay ms",
  defaults: { delay: 0 },
  read: (value) => {
    const delay = whole(value);
    return delay === undefined ? undefined : { delay };
  },
  write: ({ delay }) => `${delay}`,
  async run({ delay }, io) {
    await forward(io);
    await io.sleep(delay);
  },
});
