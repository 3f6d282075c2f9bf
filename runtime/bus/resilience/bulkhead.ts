import { AppError } from "../../errors.ts";

/**
 * Caps the calls a process has waiting on one callee module, so a slow dependency holds at most `max` of them
 * (and their memory, sockets and requests) instead of every request that needs it: the next is refused at once.
 */
export class Bulkhead {
  private active = 0;

  constructor(
    private readonly callee: string,
    readonly max: number,
  ) {}

  get inFlight(): number {
    return this.active;
  }

  /** Takes a place, or throws bulkhead_full; the returned function gives the place back (once). */
  enter(): () => void {
    if (this.active >= this.max) {
      throw new AppError("bulkhead_full", `${this.max} calls to ${this.callee} are already waiting; refusing one more`, {
        callee: this.callee,
        max: this.max,
      });
    }
    this.active++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.active--;
    };
  }
}
