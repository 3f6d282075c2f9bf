import { Pipe } from "./pipe.ts";
import type { Toxic } from "./registry.ts";
import { Stage } from "./stage.ts";
import type { Stream } from "./toxic.ts";

/** What a link needs of its connection. */
export interface LinkSite {
  close(): void;
  reset(): void;
  readonly random: () => number;
}

/**
 * One direction of one connection: the bytes its source socket sent pass through a chain of stages, one per
 * toxic (in the order they were added), into `out`, which the socket writer empties. Toxics are added and
 * removed while bytes flow: a removed one hands what it held to the stage after it, so nothing is lost or reordered.
 */
export class Link {
  readonly out = new Pipe();
  private readonly stages: Stage[] = [];

  constructor(
    readonly stream: Stream,
    private readonly site: LinkSite,
  ) {}

  /** Where the bytes the source socket sends go. */
  get entry(): Pipe {
    return this.stages[0]?.input ?? this.out;
  }

  /** Bytes read from the source and not yet taken by the socket. */
  get waiting(): number {
    return this.stages.reduce((sum, stage) => sum + stage.input.bytes, this.out.bytes);
  }

  /** Puts the toxic at the end of the chain, if it is this link's stream and its toxicity draws it for this link. */
  add(toxic: Toxic): void {
    if (toxic.stream !== this.stream || this.out.ended || !(this.site.random() < toxic.toxicity)) return;
    const stage: Stage = new Stage(toxic, {
      next: (from) => this.stages[this.stages.indexOf(from) + 1]?.input ?? this.out,
      close: () => this.site.close(),
      reset: () => this.site.reset(),
      random: this.site.random,
    });
    this.stages.push(stage);
    stage.start();
  }

  remove(name: string): void {
    const index = this.stages.findIndex((stage) => stage.toxic.name === name);
    const [stage] = index < 0 ? [] : this.stages.splice(index, 1);
    if (!stage) return;
    stage.halt();
    stage.input.moveTo(this.stages[index]?.input ?? this.out);
  }

  /** Stops every toxic: the connection is ending, and what they hold is dropped. */
  halt(): void {
    for (const stage of this.stages) stage.halt();
  }
}
