import { defineToxic, forward } from "../toxic.ts";
import { whole } from "../written.ts";

const UNIT = /^(\d+)(kb|mb)?$/i;

/** What one step of the pacing may pass: 10 ms at the rate, so throughput is smooth without a timer per byte. */
const STEP_MS = 10;

/** At most `rate` KB/s (0: no limit, as in Toxiproxy); idle time earns no burst. */
export const bandwidthToxic = defineToxic({
  type: "bandwidth",
  syntax: "bandwidth=<KB/s>[kb|mb]",
  description: "limits throughput to rate KB/s",
  defaults: { rate: 0 },
  read(value) {
    const [, number, unit] = UNIT.exec(value ?? "") ?? [];
    const rate = whole(number);
    return rate === undefined ? undefined : { rate: unit?.toLowerCase() === "mb" ? rate * 1024 : rate };
  },
  write: ({ rate }) => `${rate}kb`,
  async run({ rate }, io) {
    if (rate === 0) return forward(io);
    const bytesPerMs = (rate * 1024) / 1000;
    const step = Math.max(1, Math.floor(bytesPerMs * STEP_MS));
    let due = 0;
    for (let waiting = await io.peek(); waiting; waiting = await io.peek()) {
      const now = performance.now();
      const start = Math.max(due, now);
      if (start > now) await io.sleep(start - now);
      const bytes = Math.min(waiting.data.length, step);
      io.pass(bytes);
      due = start + bytes / bytesPerMs;
    }
  },
});
