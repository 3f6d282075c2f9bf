import type { Waiting } from "./toxic.ts";

/** Bytes waiting, in order, between two steps of one direction of a connection; whoever reads it watches for changes. */
export class Pipe {
  private readonly chunks: Waiting[] = [];
  private readonly watchers = new Set<() => void>();
  private isEnded = false;
  private waitingBytes = 0;

  get ended(): boolean {
    return this.isEnded;
  }

  get bytes(): number {
    return this.waitingBytes;
  }

  push(chunk: Waiting): void {
    if (chunk.data.length === 0 || this.isEnded) return;
    this.chunks.push(chunk);
    this.waitingBytes += chunk.data.length;
    this.changed();
  }

  /** No more bytes will come. */
  end(): void {
    if (this.isEnded) return;
    this.isEnded = true;
    this.changed();
  }

  peek(): Waiting | undefined {
    return this.chunks[0];
  }

  /** Takes the first `bytes` bytes waiting (at most the first chunk's). */
  take(bytes: number): Waiting {
    const head = this.chunks[0];
    if (!head) throw new Error("nothing waits in the pipe");
    const taken = Math.min(bytes, head.data.length);
    if (taken === head.data.length) this.chunks.shift();
    else this.chunks[0] = { data: head.data.subarray(taken), at: head.at };
    this.waitingBytes -= taken;
    return { data: head.data.subarray(0, taken), at: head.at };
  }

  /** Moves everything waiting, and the end if it came, into `into`, after what waits there. */
  moveTo(into: Pipe): void {
    for (const chunk of this.chunks.splice(0)) into.push(chunk);
    this.waitingBytes = 0;
    if (this.isEnded) into.end();
  }

  /** Calls `watcher` after every push and at the end, until the function it returns is called. */
  watch(watcher: () => void): () => void {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  private changed(): void {
    for (const watcher of [...this.watchers]) watcher();
  }
}
