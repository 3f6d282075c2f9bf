import type { Divergence } from "../report/model.ts";
import { SystemClient } from "../system/client.ts";

/** A flag's rollout as an operator sets it. */
export interface FlagSetting {
  readonly enabled: boolean;
  readonly percentage: number;
  readonly users?: readonly string[];
}

/** A system's feature flags as the harness may set them: their names, and how the operator API sets one. */
export interface SystemFlags {
  readonly names: readonly string[];
  set(sys: SystemClient, name: string, setting: FlagSetting): Promise<unknown>;
}

/** A flag a harness run sets in every topology it starts, before the checks: `--flag name=on|off|<0..100>`. */
export interface RunFlag {
  readonly name: string;
  readonly setting: FlagSetting;
  /** As written, for the report. */
  readonly written: string;
}

/** One way a profile is run: its flags, and what its runs are called in the report beside the profile's name. */
export interface FlagVariant {
  readonly suffix: string;
  readonly flags: readonly RunFlag[];
}

const settings: Record<string, FlagSetting> = { on: { enabled: true, percentage: 100 }, off: { enabled: false, percentage: 0 } };

/** What a profile's runs under a variant are called in the report: the profile's name, then the variant's flag. */
export const labelOf = (profile: string, variant: FlagVariant): string => `${profile}${variant.suffix}`;

/** Reads `name=on|off|<percent>`; a message naming what is wrong otherwise. */
export function parseRunFlag(written: string, known: SystemFlags | undefined): RunFlag {
  const [name = "", value = ""] = written.split("=", 2);
  if (!known?.names.includes(name)) throw new Error(`flag "${name}" is none of: ${known?.names.join(", ") || "(this system has no feature flags)"}`);
  const named = Object.hasOwn(settings, value) ? settings[value] : undefined;
  if (named) return { name, setting: named, written: `${name}=${value}` };
  if (!/^\d+$/.test(value) || Number(value) > 100) throw new Error(`"${written}": the value must be on, off or a percentage 0..100`);
  return { name, setting: { enabled: true, percentage: Number(value) }, written: `${name}=${Number(value)}` };
}

/**
 * How each profile is run: once with the run's flags; with `diffFlag`, twice on fresh topologies (the flag
 * off, then on at 100 %), each run called `<profile> <flag>=off|on`, so the two can be compared check by check.
 */
export function flagVariants(flags: readonly RunFlag[], diffFlag?: string, known?: SystemFlags): FlagVariant[] {
  if (!diffFlag) return [{ suffix: "", flags }];
  const others = flags.filter((f) => f.name !== diffFlag);
  return ["off", "on"].map((value) => {
    const flag = parseRunFlag(`${diffFlag}=${value}`, known);
    return { suffix: ` ${flag.written}`, flags: [...others, flag] };
  });
}

/** Sets the flags through the operator API, then waits until every process has heard (the system is idle). */
export async function applyFlags(url: string, flags: readonly RunFlag[], known?: SystemFlags): Promise<void> {
  if (flags.length === 0 || !known) return;
  const sys = new SystemClient("harness", url);
  for (const flag of flags) await known.set(sys, flag.name, flag.setting);
  await sys.idle();
}

/** What a flag changes is the purpose of a flag diff, not a finding: listed, with the reason, and not counted. */
export const asFlagEffect = (flag: string, divergence: Divergence): Divergence => ({
  ...divergence,
  known: { id: `flag:${flag}`, reason: `what the flag changes: the same check with ${flag} on (100 %) against off, on fresh topologies` },
});
