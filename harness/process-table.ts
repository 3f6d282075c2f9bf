import { readdirSync, readFileSync } from "node:fs";

/**
 * Every live process's parent, from Linux's /proc: for tests that check no process outlives its parent.
 * Zombies have ended (only their exit status waits to be collected), so they do not count.
 */
function parents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "latin1");
      const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state !== "Z") parentOf.set(Number(entry), Number(parent));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return parentOf;
}

export const childrenOf = (pid: number): number[] => [...parents()].filter(([, parent]) => parent === pid).map(([child]) => child);
export const alive = (pid: number): boolean => parents().has(pid);
