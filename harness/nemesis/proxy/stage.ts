import { Pipe } from "./pipe.ts";
import { definitionOf, type Toxic } from "./registry.ts";
import type { ToxicIO } from "./toxic.ts";

/** Thrown into a toxic's waits once it is removed or its connection ends: how its run stops wherever it was. */
class Stopped extends Error {}

/** What a stage needs of its link and connection. */
export interface StageSite {
  /** Where the bytes a stage passes go: the next stage's input, or the socket's. */
  next(stage: Stage): Pipe;
  close(): void;
  reset(): void;
  readonly random: () => number;
}

/** One toxic at work on one direction of one connection: it reads its own input and passes bytes to `site.next`. */
export class Stage {
  readonly input = new Pipe();
  private readonly stop = new AbortController();

  constructor(
    readonly toxic: Toxic,
    private readonly site: StageSite,
  ) {}

  start(): void {
    void this.run();
  }

  /** Ends the toxic's run; what it still held stays in `input`, for whoever halted it to pass on or drop. */
  halt(): void {
    this.stop.abort();
  }

  private async run(): Promise<void> {
    try {
      await definitionOf(this.toxic.type)?.run(this.toxic.attributes, this.io());
    } catch (error) {
      if (error instanceof Stopped) return;
      console.error(`[fault-proxy] toxic ${this.toxic.name} failed; resetting its connection:`, error);
      return this.site.reset();
    }
    // Done with its input (it ended): the end, and anything the toxic chose not to take, goes on.
    if (!this.stop.signal.aborted) this.input.moveTo(this.site.next(this));
  }

  private io(): ToxicIO {
    const { input, site } = this;
    const signal = this.stop.signal;
    const halted = () => {
      if (signal.aborted) throw new Stopped();
    };
    /** Waits for `start`'s signal, or rejects once the stage is halted; `start` answers how to cancel what it began. */
    const wait = (start: (done: () => void) => () => void): Promise<void> =>
      new Promise((resolve, reject) => {
        if (signal.aborted) return reject(new Stopped());
        let cancel = () => {};
        const onHalt = () => (cancel(), reject(new Stopped()));
        cancel = start(() => (signal.removeEventListener("abort", onHalt), cancel(), resolve()));
        signal.addEventListener("abort", onHalt, { once: true });
      });
    return {
      peek: async () => {
        for (;;) {
          halted();
          const head = input.peek();
          if (head || input.ended) return head;
          await wait((done) => input.watch(done));
        }
      },
      pass: (bytes) => {
        halted();
        site.next(this).push(input.take(bytes));
      },
      sleep: (ms) =>
        wait((done) => {
          if (ms === Number.POSITIVE_INFINITY) return () => {};
          const timer = setTimeout(done, Math.max(0, ms));
          return () => clearTimeout(timer);
        }),
      close: () => site.close(),
      reset: () => site.reset(),
      random: site.random,
    };
  }
}
