import type { Envelope } from "../../../contracts/envelope.ts";
import { AppError, toAppError } from "../../errors.ts";
import { withTimeout } from "../timeout.ts";
import type { CallChannel, CallReceiver } from "../transport.ts";

/**
 * Calls as function dispatch. What crosses back is what would cross the wire: an error keeps only its
 * code, message and details, so code that works here cannot depend on error classes. (Copying messages and
 * answering on a later turn, as a network would, is the `copy` fault: runtime/bus/faults/copy.ts.)
 */
export class MemoryCalls implements CallChannel {
  private readonly receivers = new Map<string, CallReceiver>();
  /** Calls being waited for, plus handlers still running after their caller gave up (as a server would be). */
  private active = 0;

  answer(module: string, receiver: CallReceiver): void {
    this.receivers.set(module, receiver);
  }

  inFlight(): number {
    return this.active;
  }

  readonly request = async (target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> => {
    const receiver = this.receivers.get(target);
    if (!receiver) throw new AppError("service_unavailable", `${target} is not running in this process`);
    this.active++;
    try {
      return await withTimeout(this.serve(receiver, envelope), timeoutMs, `${target} (${envelope.type})`);
    } finally {
      this.active--;
    }
  };

  /** Runs the handler, counted until it ends even if the caller timed out meanwhile. */
  private async serve(receiver: CallReceiver, envelope: Envelope): Promise<Envelope> {
    this.active++;
    try {
      return await receiver(envelope);
    } catch (error) {
      throw AppError.fromBody(toAppError(error).toBody());
    } finally {
      this.active--;
    }
  }
}
