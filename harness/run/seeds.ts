import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Seeds of runs that had findings, kept so the next run replays them first (until they pass). Every choice
 * the harness makes (strict-mode delays and duplicates, unique values, injected duplicates) derives from it.
 */
export class FailingSeeds {
  constructor(private readonly file: string) {}

  async load(): Promise<number[]> {
    const source = Bun.file(this.file);
    if (!(await source.exists())) return [];
    const saved = (await source.json().catch(() => [])) as unknown;
    return Array.isArray(saved) ? saved.filter((s): s is number => Number.isInteger(s)) : [];
  }

  async record(seed: number, failed: boolean): Promise<void> {
    const seeds = new Set(await this.load());
    if (failed) seeds.add(seed);
    else seeds.delete(seed);
    mkdirSync(dirname(this.file), { recursive: true });
    await Bun.write(this.file, `${JSON.stringify([...seeds])}\n`);
  }
}

export const randomSeed = (): number => Math.floor(Math.random() * 2 ** 31);
