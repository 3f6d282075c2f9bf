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
      if (!this.strict) return await receiver(envelope);
      await nextTurn();
      const reply = await receiver(overTheWire(envelope));
      await nextTurn();
      return overTheWire(reply);
    } catch (error) {
      throw AppError.fromBody(toAppError(error).toBody());
    }
  }
}
