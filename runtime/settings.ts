/**
 * One knob a module declares next to its code: read from `TWOFOLD_<NAME>`, parsed and checked once at boot by
 * loadConfig (runtime/config.ts), so a bad value stops the process before it serves anything.
 */
export interface SettingSpec {
  readonly type: "integer";
  readonly default: number;
  /** The smallest value accepted; 0 unless given. */
  readonly min?: number;
  /** What it changes, in one line (the README's settings table says the same). */
  readonly description: string;
}

/** A module's settings by name (upper snake case, without the TWOFOLD_ prefix). */
export type SettingsDeclaration = Readonly<Record<string, SettingSpec>>;

/** A module that declares no settings: its context offers none. */
export type NoSettings = Readonly<Record<never, SettingSpec>>;

/** The parsed values of a declaration, one typed field per setting. */
export type SettingValues<S extends SettingsDeclaration> = { readonly [K in keyof S]: number };

/** Declares a module's settings; pass the result to `defineModule({ settings })`. */
export const defineSettings = <const S extends SettingsDeclaration>(settings: S): S => settings;

/** The environment variable a setting is read from. */
export const settingVariable = (name: string): string => `TWOFOLD_${name}`;

const NAME = /^[A-Z][A-Z0-9_]*$/;

/** One setting from the environment: its default when unset or empty, else a whole number of at least its minimum. */
function parseSetting(name: string, spec: SettingSpec, raw: string | undefined): number | string {
  const min = spec.min ?? 0;
  if (!NAME.test(name)) return `${name}: a setting's name is upper snake case`;
  if (!Number.isInteger(spec.default) || spec.default < min) return `${name}: its default ${spec.default} is not a whole number of at least ${min}`;
  if (raw === undefined || raw === "") return spec.default;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) return `${settingVariable(name)}: must be a whole number of at least ${min}, got "${raw}"`;
  return value;
}

/** Every setting of a declaration from the environment, or what is wrong with the values given. */
export function parseSettings(
  declaration: SettingsDeclaration,
  env: Readonly<Record<string, string | undefined>>,
): { readonly values: SettingValues<SettingsDeclaration>; readonly problems: readonly string[] } {
  const values: Record<string, number> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(declaration)) {
    const parsed = parseSetting(name, spec, env[settingVariable(name)]);
    if (typeof parsed === "string") problems.push(parsed);
    else values[name] = parsed;
  }
  return { values, problems };
}
