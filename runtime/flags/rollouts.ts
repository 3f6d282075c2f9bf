import { unavailableErrorCodes } from "../../contracts/errors.ts";
import type { Clock } from "../clock.ts";
import { isAppError } from "../errors.ts";
import { type FlagRollout, rolloutAdmits } from "./bucket.ts";

type FlagName = string;
type Rollout = FlagRollout;

/** What a module asks of feature flags (`ctx.flags`). */
export interface FeatureFlags {
  /** Whether the flag is on for the user, decided in this process from its copy of the flag's rollout. */
  isOn(name: FlagName, userId: string): Promise<boolean>;
  /** A rollout announced by `flag.changed` (`followFlags`): replaces this process's copy unless it is older. */
  learn(rollout: Rollout): void;
}

interface Held {
  readonly rollout: Rollout;
  /** When it was read or announced, on the runtime clock. */
  readonly atMs: number;
}

const isUnavailable = (error: unknown) => unavailableErrorCodes.some((code) => isAppError(error, code));

/**
 * One process's copy of each flag's rollout, so a flag read costs no call: read through the flags call on
 * the first miss; replaced by `flag.changed` as soon as the process hears it (every process does: a broadcast);
 * and, because an event may be late or missed (the process was not there), read again in the background once it is older than
 * `refreshMs` (answering with the copy meanwhile). A flag whose rollout cannot be read (its owner down) is
 * off, and not remembered.
 */
export class FlagRollouts {
  private readonly held = new Map<FlagName, Held>();
  private readonly reading = new Map<FlagName, Promise<Rollout | undefined>>();

  constructor(
    private readonly clock: Clock,
    private readonly refreshMs: number,
  ) {}

  /** The flags of one module's context: `read` makes the call as that module. */
  readerFor(read: (name: FlagName) => Promise<Rollout>): FeatureFlags {
    return {
      isOn: async (name, userId) => {
        const rollout = await this.rollout(name, read);
        return rollout ? rolloutAdmits(rollout, userId) : false;
      },
      learn: (rollout) => this.learn(rollout, this.clock.nowMs()),
    };
  }

  private rollout(name: FlagName, read: (name: FlagName) => Promise<Rollout>): Promise<Rollout | undefined> {
    const held = this.held.get(name);
    if (!held) return this.readThrough(name, read);
    if (this.clock.nowMs() - held.atMs >= this.refreshMs) this.readThrough(name, read).catch(() => {});
    return Promise.resolve(held.rollout);
  }

  /** One read per flag at a time, however many requests miss together. */
  private readThrough(name: FlagName, read: (name: FlagName) => Promise<Rollout>): Promise<Rollout | undefined> {
    const under = this.reading.get(name);
    if (under) return under;
    const startedMs = this.clock.nowMs();
    const reading = read(name)
      .then(
        (rollout) => this.learn(rollout, startedMs),
        (error) => {
          if (!isUnavailable(error)) throw error;
          // Keep answering with the copy, and try again after another refresh period.
          const held = this.held.get(name);
          if (held) this.held.set(name, { rollout: held.rollout, atMs: startedMs });
          return held?.rollout;
        },
      )
      .finally(() => this.reading.delete(name));
    this.reading.set(name, reading);
    return reading;
  }

  /** Keeps the newest version; an equal one only renews the copy's age. */
  private learn(rollout: Rollout, atMs: number): Rollout {
    const held = this.held.get(rollout.name);
    if (held && held.rollout.version > rollout.version) return held.rollout;
    this.held.set(rollout.name, { rollout, atMs: Math.max(atMs, held?.atMs ?? 0) });
    return rollout;
  }
}
