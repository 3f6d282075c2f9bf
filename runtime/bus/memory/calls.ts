import type { Envelope } from "../../../contracts/envelope.ts";
import { AppError, toAppError } from "../../errors.ts";
import { withTimeout } from "../timeout.ts";
import type { CallReceiver } from "../transport.ts";
import { nextTurn, overTheWire } from "./strict.ts";

/**
 * Calls as function dispatch. What crosses back is what would cross the wire: an error keeps only its
 * code, message and details, so code that works here cannot depend on error classes. In strict mode the
 * request and the reply are wire copies and the answer comes on a later turn, like a network's.
 */
export class MemoryCalls {
  private readonly receivers = new Map<string, CallReceiver>();
  /** Calls being waited for, plus handlers still running after their caller gave up (as a server would be). */
  inFlight = 0;

  constructor(private readonly strict: boolean) {}

  answer(module: string, receiver: CallReceiver): void {
    this.receivers.set(module, receiver);
  }

  async request(target: string, envelope: Envelope, timeoutMs: number): Promise<Envelope> {
    const receiver = this.receivers.get(target);
    if (!receiver) throw new AppError("service_unavailable", `${target} is not running in this process`);
    this.inFlight++;
    try {
      return await withTimeout(this.answerAsWire(receiver, envelope), timeoutMs, `${target} (${envelope.type})`);
    } finally {
      this.inFlight--;
    }
  }

  private async answerAsWire(receiver: CallReceiver, envelope: Envelope): Promise<Envelope> {
    try {
      if (!this.strict) return await this.serve(receiver, envelope);
      await nextTurn();
      const reply = await this.serve(receiver, overTheWire(envelope));
      await nextTurn();
      return overTheWire(reply);
    } catch (error) {
      throw AppError.fromBody(toAppError(error).toBody());
    }
  }

  /** Runs the handler, counted until it ends even if the caller timed out meanwhile. */
  private serve(receiver: CallReceiver, envelope: Envelope): Promise<Envelope> {
    this.inFlight++;
    return receiver(envelope).finally(() => this.inFlight--);
  }
}
