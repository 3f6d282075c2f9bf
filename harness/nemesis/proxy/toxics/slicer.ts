import { defineToxic } from "../toxic.ts";
import { spread, whole, writeSpread } from "../written.ts";

const WRITTEN = /^([^/]+)(?:\/(\d+)us)?$/;

/** Data goes on in slices of `average_size` ± `size_variation` bytes, `delay` µs apart: a stream read a few bytes at a time. */
export const slicerToxic = defineToxic({
  type: "slicer",
  syntax: "slicer=<bytes>[±<bytes>][/<µs>us]",
  description: "slices data into average_size ± size_variation bytes, delay µs apart",
  defaults: { average_size: 0, size_variation: 0, delay: 0 },
  read(value) {
    const [, size, delay] = WRITTEN.exec(value ?? "") ?? [];
    const read = { size: spread(size), delay: delay === undefined ? 0 : whole(delay) };
    if (!read.size || read.delay === undefined) return undefined;
    return { average_size: read.size.value, size_variation: read.size.variation, delay: read.delay };
  },
  write: ({ average_size, size_variation, delay }) => `${writeSpread(average_size, size_variation)}${delay === 0 ? "" : `/${delay}us`}`,
  async run({ average_size, size_variation, delay }, io) {
    for (let waiting = await io.peek(); waiting; waiting = await io.peek()) {
      const size = Math.max(1, average_size + Math.round((io.random() * 2 - 1) * size_variation));
      io.pass(Math.min(size, waiting.data.length));
      if (delay > 0) await io.sleep(delay / 1000);
    }
  },
});
