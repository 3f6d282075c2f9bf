import { parseAllDocuments, parse as parseYaml } from "yaml";
import { PROGRAM } from "./plan.ts";

/** The parts of a container the checks read; anything may be missing in a file someone edited. */
export interface Container {
  readonly name?: string;
  readonly image?: string;
  readonly command?: readonly unknown[];
  readonly args?: readonly unknown[];
  readonly ports?: readonly { readonly containerPort?: number }[];
  readonly envFrom?: readonly { readonly configMapRef?: { readonly name?: string }; readonly secretRef?: { readonly name?: string } }[];
  readonly env?: readonly {
    readonly name?: string;
    readonly valueFrom?: { readonly secretKeyRef?: { readonly name?: string; readonly key?: string } };
  }[];
  readonly startupProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
}

interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port?: number };
}

/** The parts of a Kubernetes object the checks read. */
export interface ManifestObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
  readonly data?: Readonly<Record<string, string>>;
  readonly stringData?: Readonly<Record<string, string>>;
  readonly spec?: {
    readonly type?: string;
    readonly selector?: Readonly<Record<string, string>> & { readonly matchLabels?: Readonly<Record<string, string>> };
    readonly ports?: readonly { readonly port?: number; readonly targetPort?: number }[];
    readonly template?: {
      readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
      readonly spec?: { readonly containers?: readonly Container[] };
    };
  };
}

/** The parts of a compose service the checks read. */
export interface ComposeEntry {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly env_file?: readonly string[];
  readonly expose?: readonly string[];
  readonly ports?: readonly string[];
  readonly healthcheck?: { readonly test?: readonly string[] };
  readonly depends_on?: Readonly<Record<string, unknown>>;
}

/** What a twofold container runs, from its command line: `service <name>` or `gateway`; undefined for any other container. */
export function twofoldProcessOf(command: readonly unknown[] | undefined): { readonly service?: string } | undefined {
  if (!command || PROGRAM.some((part, i) => command[i] !== part)) return undefined;
  const [what, name] = command.slice(PROGRAM.length);
  if (what === "gateway") return {};
  if (what === "service" && typeof name === "string") return { service: name };
  return undefined;
}

/** Whether a command line starts the gateway. */
export const isGateway = (command: readonly unknown[] | undefined): boolean => {
  const process = twofoldProcessOf(command);
  return process !== undefined && process.service === undefined;
};

/** Every Kubernetes object of the files under kubernetes/, parsed back as kubectl reads them (YAML 1.1). */
export function readKubernetes(files: ReadonlyMap<string, string>, problems: string[]): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const [file, text] of files) {
    if (!file.startsWith("kubernetes/")) continue;
    for (const document of parseAllDocuments(text, { version: "1.1" })) {
      if (document.errors.length > 0) problems.push(`${file}: ${document.errors.map((e) => e.message).join("; ")}`);
      else objects.push(document.toJS() as ManifestObject);
    }
  }
  return objects;
}

/** The compose file's services, parsed back (as YAML 1.1 too: the stricter reading). */
export function readCompose(text: string | undefined, problems: string[]): Record<string, ComposeEntry> {
  if (text === undefined) return (problems.push("compose.yaml is missing"), {});
  return ((parseYaml(text, { version: "1.1" }) as { services?: Record<string, ComposeEntry> } | null)?.services ?? {}) as Record<
    string,
    ComposeEntry
  >;
}

/** An env file's variables (NAME=value lines). */
export function readEnvFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}
