import type { Row } from "../checkers/model.ts";
import { eventually } from "../eventually.ts";
import type { StateDelta } from "../report/model.ts";
import type { SystemClient } from "../system/client.ts";

export type Snapshot = Record<string, Record<string, Row[]>>;

/**
 * Every module's rows, read through the harness-only state endpoint. A process a check killed may still be
 * coming back under its supervisor (503): it is waited for, as long as a restart may take.
 */
export async function snapshot(system: SystemClient, modules: readonly string[]): Promise<Snapshot> {
  const state: Snapshot = {};
  for (const module of modules) {
    state[module] = await eventually(
      async () => {
        const { status, body } = await system.http.get<{ tables: Record<string, Row[]> }>(`/__twofold/state/${module}`);
        if (status !== 200) throw new Error(`state of ${module} answered ${status}: ${JSON.stringify(body)}`);
        return body.tables;
      },
      { timeoutMs: RESTART_WITHIN_MS, intervalMs: 100 },
    );
  }
  return state;
}

const RESTART_WITHIN_MS = 30_000;

const key = (row: unknown) => JSON.stringify(row);

/** Rows that appeared or disappeared between two snapshots (a changed row is one removed and one added). */
export function delta(before: Snapshot, after: Snapshot): StateDelta {
  const out: StateDelta = {};
  for (const [module, tables] of Object.entries(after)) {
    for (const [table, rows] of Object.entries(tables)) {
      const old = before[module]?.[table] ?? [];
      const oldKeys = new Map<string, number>();
      for (const row of old) oldKeys.set(key(row), (oldKeys.get(key(row)) ?? 0) + 1);
      const added: unknown[] = [];
      for (const row of rows) {
        const k = key(row);
        const left = oldKeys.get(k) ?? 0;
        if (left > 0) oldKeys.set(k, left - 1);
        else added.push(row);
      }
      const removed = old.filter((row) => {
        const left = oldKeys.get(key(row)) ?? 0;
        if (left > 0) {
          oldKeys.set(key(row), left - 1);
          return true;
        }
        return false;
      });
      if (added.length || removed.length) (out[module] ??= {})[table] = { added, removed };
    }
  }
  return out;
}
