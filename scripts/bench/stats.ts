/** The p-th percentile (nearest rank) of `samples`; NaN when there are none. */
export const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/**
 * Times `value` and `floor` in alternating batches of `perBatch` runs each and answers the median batch's
 * time per run of each, in µs: the machine's drift during the run hits both alike.
 */
export async function alternating(
  batches: number,
  perBatch: number,
  value: () => Promise<unknown>,
  floor: () => Promise<unknown>,
): Promise<{ value: number; floor: number }> {
  const batch = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    for (let i = 0; i < perBatch; i++) await run();
    return ((performance.now() - started) * 1000) / perBatch;
  };
  // One batch of each first, untimed: JIT, connection pools and caches warm up.
  await batch(value);
  await batch(floor);
  const values: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < batches; i++) {
    values.push(await batch(value));
    floors.push(await batch(floor));
  }
  return { value: median(values), floor: median(floors) };
}
