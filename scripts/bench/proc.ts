import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS = Number(Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or undefined once gone. */
function statOf(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** `pid` and every live process below it (the split's services, its Redis, Postgres and Postgres's backends). */
function processTree(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (!stat || stat[0] === "Z") continue;
    const parent = Number(stat[1]);
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    for (const child of childrenOf.get(p) ?? []) visit(child);
  };
  visit(pid);
  return tree;
}

/**
 * CPU milliseconds the tree has used, user + system, including children it has already reaped (cutime and
 * cstime): a Postgres backend that ends within a measurement still counts, through its parent.
 */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    const stat = statOf(p);
    // Fields 14–17 of stat (utime, stime, cutime, cstime); the slice starts at field 3.
    if (stat) ticks += Number(stat[11]) + Number(stat[12]) + Number(stat[13]) + Number(stat[14]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Resident memory of the tree, summed over its processes (VmRSS; pages shared between them count each time). */
export function treeRssBytes(pid: number): number {
  let kib = 0;
  for (const p of processTree(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, "latin1"));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // Ended since the tree was read.
    }
  }
  return kib * 1024;
}
