import type { ErrorCode } from "../../contracts/errors.ts";
import type { StateDelta } from "../report/model.ts";
import { delta, type Snapshot, snapshot } from "../run/state.ts";
import type { SystemClient } from "../system/client.ts";

/** Rejections that record something by design, each with the reason. */
const recordingRejections: Partial<Record<ErrorCode, string>> = {
  payment_declined: "a declined charge is a fact the payments module keeps (and announces)",
};

/** Tables a rejected request may write by design. */
const rejectionTables: Record<string, string> = {
  idempotency_keys: "a 4xx under an Idempotency-Key is stored, so that a retry replays it",
};

/** Columns any request may touch, rejected or not. */
const advisoryColumns: Record<string, string> = {
  last_seen_at: "authenticating a session refreshes it (at most once a minute), whatever the request then does",
};

function comparable(state: Snapshot): Snapshot {
  const out: Snapshot = {};
  for (const [module, tables] of Object.entries(state)) {
    out[module] = {};
    for (const [table, rows] of Object.entries(tables)) {
      if (table in rejectionTables) continue;
      (out[module] as Record<string, unknown[]>)[table] = rows.map((row) =>
        Object.fromEntries(Object.entries(row as Record<string, unknown>).filter(([column]) => !(column in advisoryColumns))),
      );
    }
  }
  return out;
}

/**
 * The owning modules' state around rejected writes, read as rarely as the property allows: a module's state
 * read after one rejected write is the state before the next, until a write succeeds (or fails with a 5xx)
 * and may have changed anything. Such a state may be stale (background work, events still in flight), so a
 * change against it is only a candidate until it shows again against a `settled` one.
 */
export class OwnerStates {
  private readonly cached = new Map<string, Snapshot>();

  constructor(private readonly sys: SystemClient) {}

  async before(module: string): Promise<Snapshot> {
    return this.cached.get(module) ?? this.read(module);
  }

  /** The module's state once nothing is in flight anywhere. */
  async settled(module: string): Promise<Snapshot> {
    await this.sys.idle();
    return this.read(module);
  }

  /** A write went through: any module's state may have moved. */
  forget(): void {
    this.cached.clear();
  }

  /** What a rejected request changed in its owner's state since `before`, by-design exemptions aside; undefined when nothing. */
  async changedSince(module: string, before: Snapshot, code: string | undefined): Promise<StateDelta | undefined> {
    const after = await this.read(module);
    if (code && code in recordingRejections) return undefined;
    const changed = delta(before, after);
    return Object.keys(changed).length ? changed : undefined;
  }

  private async read(module: string): Promise<Snapshot> {
    const state = comparable(await snapshot(this.sys, [module]));
    this.cached.set(module, state);
    return state;
  }
}
