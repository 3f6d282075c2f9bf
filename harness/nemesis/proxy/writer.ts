import type { Socket } from "bun";
import type { Pipe } from "./pipe.ts";

/** What the writer tells its connection. */
export interface WriterEvents {
  written(): void;
  /** The socket was ended after the last byte, or is gone: nothing more will be written. */
  finished(): void;
}

/**
 * Writes a link's output to its socket as fast as the socket takes it. `write` may take fewer bytes than it
 * is given (its buffer is full): the rest waits in the pipe until the socket's `drain` calls `flush` again.
 */
export class SocketWriter {
  private socket: Socket<unknown> | undefined;
  private done = false;

  constructor(
    private readonly from: Pipe,
    private readonly events: WriterEvents,
  ) {
    from.watch(() => this.flush());
  }

  /** The socket to write to, once it is connected; what waits is written now. */
  attach(socket: Socket<unknown>): void {
    this.socket = socket;
    this.flush();
  }

  flush(): void {
    const socket = this.socket;
    if (!socket || this.done) return;
    for (let head = this.from.peek(); head; head = this.from.peek()) {
      const written = socket.write(head.data);
      if (written < 0) {
        this.lost();
        return;
      }
      if (written > 0) this.from.take(written), this.events.written();
      if (written < head.data.length) return;
    }
    if (!this.from.ended) return;
    this.done = true;
    socket.end();
    this.events.finished();
  }

  /** The socket closed: what waits for it is dropped. */
  lost(): void {
    if (this.done) return;
    this.done = true;
    this.events.finished();
  }
}
