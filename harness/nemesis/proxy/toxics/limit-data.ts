import { defineToxic } from "../toxic.ts";
import { whole } from "../written.ts";

/** Passes `bytes` bytes, then closes the connection (at the first data when 0). */
export const limitDataToxic = defineToxic({
  type: "limit_data",
  syntax: "limit_data=<bytes>",
  description: "closes the connection after bytes bytes",
  defaults: { bytes: 0 },
  read: (value) => {
    const bytes = whole(value);
    return bytes === undefined ? undefined : { bytes };
  },
  write: ({ bytes }) => `${bytes}`,
  async run({ bytes }, io) {
    let passed = 0;
    for (let waiting = await io.peek(); waiting; waiting = await io.peek()) {
      const now = Math.min(waiting.data.length, bytes - passed);
      if (now > 0) io.pass(now);
      passed += now;
      if (passed >= bytes) return io.close();
    }
  },
});
