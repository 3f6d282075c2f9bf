import { definitionOf, type FaultSpec, faultDefinitions, faultPresets } from "./registry.ts";

/**
 * Reads the written form of faults: comma-separated parts, each a fault (`latency:orders=200`) or a preset's
 * name. A later fault replaces an earlier one with the same key, so a preset can be overridden after it.
 */
export function parseFaults(written: string | undefined): FaultSpec[] {
  return mergeFaults(
    expand(written ?? "").map((part) => {
      const spec = faultDefinitions.map((d) => d.parse(part)).find((s) => s !== undefined) as FaultSpec | undefined;
      if (!spec) {
        const known = [...faultDefinitions.map((d) => d.syntax), ...Object.keys(faultPresets)].join(", ");
        throw new Error(`fault "${part}" is none of: ${known}`);
      }
      return spec;
    }),
  );
}

/** Faults in order, each replacing an earlier one with the same key (it takes the later one's place). */
export function mergeFaults(specs: readonly FaultSpec[]): FaultSpec[] {
  const byKey = new Map<string, FaultSpec>();
  for (const spec of specs) {
    const key = definitionOf(spec).key(spec);
    byKey.delete(key);
    byKey.set(key, spec);
  }
  return [...byKey.values()];
}

/** The written form of faults, read back by parseFaults. */
export const formatFaults = (specs: readonly FaultSpec[]): string => specs.map((s) => definitionOf(s).format(s)).join(",");

function expand(written: string): string[] {
  return written
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const preset = faultPresets[part];
      return preset === undefined ? [part] : expand(preset);
    });
}
