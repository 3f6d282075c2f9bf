import { defineToxic } from "../toxic.ts";
import { spread, writeSpread } from "../written.ts";

/** Every chunk arrives `latency` ms (± up to `jitter`, drawn per chunk) after it reached the proxy, in order. */
export const latencyToxic = defineToxic({
  type: "latency",
  syntax: "latency=<ms>[±<ms>]",
  description: "delays every chunk by latency ± jitter ms",
  defaults: { latency: 0, jitter: 0 },
  read(value) {
    const read = spread(value);
    return read && { latency: read.value, jitter: read.variation };
  },
  write: ({ latency, jitter }) => writeSpread(latency, jitter),
  async run({ latency, jitter }, io) {
    for (let waiting = await io.peek(); waiting; waiting = await io.peek()) {
      const delay = latency + Math.round((io.random() * 2 - 1) * jitter);
      // From when the chunk reached the proxy, not from when the one before it left: chunks in flight overlap, as on a long wire.
      const wait = waiting.at + delay - performance.now();
      if (wait > 0) await io.sleep(wait);
      io.pass(waiting.data.length);
    }
  },
});
