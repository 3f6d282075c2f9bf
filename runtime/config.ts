import * as v from "valibot";
import { parseFaults } from "./bus/faults/parse.ts";
import type { FaultSpec } from "./bus/faults/registry.ts";
import { DEFAULT_RESILIENCE, type ResilienceSettings } from "./bus/resilience/settings.ts";
import { parseSkew, type SkewVersion, skewPair } from "./bus/skew.ts";
import { type TransportChoice, transportChoice } from "./bus/transports.ts";
import { LOG_FORMATS, LOG_LEVELS, type LogSettings } from "./log/logger.ts";
import { parseSettings, type SettingsDeclaration, type SettingValues, settingVariable } from "./settings.ts";

const int = (fallback: number) => v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(0)), String(fallback));
const text = (fallback: string) => v.optional(v.string(), fallback);
/** A parser that throws, as a valibot transform whose error message becomes the variable's problem. */
const checked =
  <T>(parse: (text: string) => T) =>
  ({ dataset, addIssue, NEVER }: { dataset: { value: string }; addIssue: (issue: { message: string }) => void; NEVER: never }): T => {
    try {
      return parse(dataset.value);
    } catch (error) {
      addIssue({ message: error instanceof Error ? error.message : String(error) });
      return NEVER;
    }
  };

/** Every knob the runtime reads from the environment, parsed once; the README lists them. */
const Env = v.object({
  PORT: int(5000),
  TWOFOLD_TOPOLOGY: text("topology.json"),
  REDIS_URL: v.optional(v.string()),
  DATABASE_URL: v.optional(v.string()),
  TWOFOLD_DATA_DIR: text(".data"),
  TWOFOLD_QUEUE_PREFIX: text("twofold"),
  TWOFOLD_CALL_TIMEOUT_MS: int(5000),
  TWOFOLD_GATEWAY_TIMEOUT_MS: int(30_000),
  TWOFOLD_DB_TIMEOUT_MS: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1)), "5000"),
  TWOFOLD_BREAKER_FAILURES: int(DEFAULT_RESILIENCE.breakerFailures),
  TWOFOLD_BREAKER_COOLDOWN_MS: int(DEFAULT_RESILIENCE.breakerCooldownMs),
  TWOFOLD_BULKHEAD_MAX: int(DEFAULT_RESILIENCE.bulkheadMax),
  TWOFOLD_CALL_ATTEMPTS: int(DEFAULT_RESILIENCE.retryAttempts),
  TWOFOLD_RETRY_BASE_MS: int(DEFAULT_RESILIENCE.retryBaseMs),
  TWOFOLD_RETRY_CAP_MS: int(DEFAULT_RESILIENCE.retryCapMs),
  TWOFOLD_BIND_HOST: v.optional(v.pipe(v.string(), v.minLength(1))),
  TWOFOLD_EVENT_ATTEMPTS: int(5),
  TWOFOLD_EVENT_BACKOFF_MS: int(500),
  TWOFOLD_WORKER_CONCURRENCY: int(16),
  TWOFOLD_LOCK_MS: int(30_000),
  TWOFOLD_STALLED_MS: int(30_000),
  TWOFOLD_MAX_RESTARTS: int(5),
  TWOFOLD_OUTBOX_SWEEP_MS: int(1000),
  TWOFOLD_FLAG_REFRESH_MS: int(30_000),
  TWOFOLD_BODY_LIMIT_BYTES: int(1024 * 1024),
  TWOFOLD_INTERNAL_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, "must be at least 16 characters"))),
  TWOFOLD_HARNESS: text(""),
  TWOFOLD_TRACE_DIR: text(""),
  TWOFOLD_ENV: v.optional(v.picklist(["development", "production"]), "production"),
  TWOFOLD_OPERATOR_KEY: v.optional(v.pipe(v.string(), v.minLength(16, "must be at least 16 characters"))),
  TWOFOLD_TRANSPORT: v.optional(v.pipe(v.string(), v.rawTransform(checked(transportChoice)))),
  TWOFOLD_SEED: int(1),
  TWOFOLD_SUPERVISED: text(""),
  TWOFOLD_REPLICAS: text(""),
  TWOFOLD_FAULTS: v.optional(v.pipe(v.string(), v.rawTransform(checked(parseFaults))), ""),
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS), "info"),
  LOG_FORMAT: v.optional(v.picklist(LOG_FORMATS)),
  OTEL_EXPORTER_OTLP_ENDPOINT: v.optional(v.pipe(v.string(), v.url())),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: v.optional(v.pipe(v.string(), v.url())),
  OTEL_SERVICE_NAME: v.optional(v.pipe(v.string(), v.minLength(1))),
  OTEL_BSP_SCHEDULE_DELAY: int(5000),
  TWOFOLD_SKEW: v.optional(
    v.pipe(
      v.string(),
      v.check((s) => s.split(",").every((pair) => skewPair.test(pair)), "must look like orders:1,users:2.0.0"),
    ),
  ),
});

/** Where a topology's processes listen, overriding its file: `PORT`, `TWOFOLD_PORT_<SERVICE>`, `TWOFOLD_HOST_<SERVICE>`. */
export interface PlacementOverrides {
  /** The gateway's public port, when `PORT` is set. */
  readonly publicPort?: number;
  /** By service key: the service's name upper-cased, dashes as underscores (`back-office` → `BACK_OFFICE`). */
  readonly ports: ReadonlyMap<string, number>;
  readonly hosts: ReadonlyMap<string, string>;
  /** Processes per service, when `TWOFOLD_REPLICAS` is set (else each service's `replicas` in the topology, else 1). */
  readonly replicas?: number;
}

/** The most processes one service may run as. */
export const MAX_REPLICAS = 16;

/** The key of a service in its override variables. */
export const serviceKey = (service: string): string => service.toUpperCase().replace(/-/g, "_");

/** The variable that overrides where one service listens: `TWOFOLD_PORT_<SERVICE>` or `TWOFOLD_HOST_<SERVICE>`. */
export const placementVariable = (what: "PORT" | "HOST", service: string): string => `TWOFOLD_${what}_${serviceKey(service)}`;

/** The variable that pins one module's database: `DATABASE_URL_<MODULE>`. */
export const moduleDatabaseVariable = (module: string): string => `DATABASE_URL_${module.toUpperCase()}`;

/** Reads the placement overrides of a set of variables; a port that is not one is a problem. */
export function placementOverrides(env: Record<string, string | undefined>, problems: string[] = []): PlacementOverrides {
  const ports = new Map<string, number>();
  const hosts = new Map<string, string>();
  const port = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) problems.push(`${name}: must be a port (1..65535)`);
    return n;
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const match = /^TWOFOLD_(PORT|HOST)_([A-Z0-9_]+)$/.exec(name);
    if (match?.[1] === "PORT" && match[2]) ports.set(match[2], port(name, value));
    if (match?.[1] === "HOST" && match[2]) hosts.set(match[2], value);
  }
  const replicas = env.TWOFOLD_REPLICAS ? Number(env.TWOFOLD_REPLICAS) : undefined;
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 1 && replicas <= MAX_REPLICAS)) {
    problems.push(`TWOFOLD_REPLICAS: must be a whole number from 1 to ${MAX_REPLICAS}`);
  }
  return { publicPort: env.PORT === undefined ? undefined : port("PORT", env.PORT), ports, hosts, replicas };
}

/** Every variable the runtime itself reads (module settings come on top: runtime/settings.ts). */
export const RUNTIME_VARIABLES: readonly string[] = Object.keys(Env.entries);

/** What loadConfig needs of a module: its name and the settings it declares. */
export interface SettingsOwner {
  readonly name: string;
  readonly settings?: SettingsDeclaration;
}

/** The operator key every development run uses; documented in the README, never accepted in production. */
export const DEVELOPMENT_OPERATOR_KEY = "twofold-dev-operator-key";

/** The internal token of development runs when none is set; outside development a split process refuses to start without one. */
export const DEVELOPMENT_INTERNAL_TOKEN = "twofold-dev-internal-token";

export interface RuntimeConfig {
  readonly publicPort: number;
  readonly topologyFile: string;
  readonly redisUrl?: string;
  readonly databaseUrl?: string;
  /** Database URL for one module, when `DATABASE_URL_<MODULE>` sets it. */
  readonly moduleDatabaseUrl: (module: string) => string | undefined;
  /**
   * How long one database round trip, or taking a connection from the pool, may last before the request fails
   * with database_unavailable (503). Postgres only: PGlite runs in the process and cannot stall.
   */
  readonly databaseTimeoutMs: number;
  /** Where PGlite keeps its files; "memory" keeps nothing. */
  readonly dataDir: string;
  readonly queuePrefix: string;
  readonly callTimeoutMs: number;
  /** Circuit breakers, bulkheads and retries of calls between modules. */
  readonly resilience: ResilienceSettings;
  /** How long the gateway waits for a service before answering 504. */
  readonly gatewayTimeoutMs: number;
  /**
   * The address every process listens on, when set (`0.0.0.0` in a container). Unset, a split service listens
   * on its own topology host (loopback by default: only the gateway needs to be public), the monolith and the
   * gateway on every interface.
   */
  readonly bindHost?: string;
  readonly delivery: { readonly attempts: number; readonly backoffMs: number };
  readonly worker: { readonly concurrency: number; readonly lockDurationMs: number; readonly stalledIntervalMs: number };
  readonly outboxSweepMs: number;
  /** Restarts of one supervised process within a minute past which the launcher calls it a crash loop and stops. */
  readonly maxRestarts: number;
  /** How old a process's copy of a flag's rollout may grow before it is read again in the background (runtime/flags/). */
  readonly flagRefreshMs: number;
  readonly bodyLimitBytes: number;
  /** The token internal endpoints (calls between services) require; undefined outside development unless configured. */
  readonly internalToken?: string;
  /** Turns on the harness-only endpoints and the event tap; off in production. */
  readonly harness: boolean;
  /** Where the harness's trace of each process is written through (`<process>.jsonl`), to outlive a crash; unset, memory only. */
  readonly traceDir?: string;
  readonly environment: "development" | "production";
  /** The operator API's key; undefined means operator endpoints refuse every request. */
  readonly operatorKey?: string;
  /** The channels calls and events travel by; unset, each kind of process takes its own (monolith memory, split wire). */
  readonly transport?: TransportChoice;
  /** The seed of every random choice the runtime makes for the harness (injected faults). */
  readonly seed: number;
  /** A supervisor restarts this process when it dies (the split launcher, Kubernetes): an injected crash kills it for real. */
  readonly supervised: boolean;
  /** Faults the fault layer injects into the transport (runtime/bus/faults/). */
  readonly faults: readonly FaultSpec[];
  /** Modules that write their messages at another contract version (harness: version skew). */
  readonly skew: ReadonlyMap<string, SkewVersion>;
  /** How much a process logs, and as JSON lines or readable ones (runtime/log/logger.ts). */
  readonly logging: LogSettings;
  /** Where the topology's processes listen, beyond its file. */
  readonly placement: PlacementOverrides;
  /** Where spans are exported (OTLP over HTTP), when an endpoint is configured; unset, nothing is traced at all. */
  readonly telemetry?: TelemetrySettings;
  /** Each booted module's settings, parsed from `TWOFOLD_<NAME>` (the modules passed to loadConfig). */
  readonly moduleSettings: ReadonlyMap<string, SettingValues<SettingsDeclaration>>;
}

/** The standard OpenTelemetry variables a process reads (runtime/telemetry/). */
export interface TelemetrySettings {
  /** `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, else `OTEL_EXPORTER_OTLP_ENDPOINT` with `/v1/traces`. */
  readonly tracesUrl: string;
  /** `OTEL_SERVICE_NAME`; unset, each process is named for itself (monolith, gateway, a service's name). */
  readonly serviceName?: string;
  /** `OTEL_BSP_SCHEDULE_DELAY`: how long spans wait in the batch before an export. */
  readonly batchDelayMs: number;
}

/**
 * The one reader of the environment: the runtime's variables and every setting the given modules (the
 * system being booted) declare. Any bad value stops the boot, every problem named at once.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, modules: readonly SettingsOwner[] = []): RuntimeConfig {
  const result = v.safeParse(Env, env);
  const problems = result.success ? [] : result.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`);
  const settings = loadModuleSettings(env, modules, problems);
  const placement = placementOverrides(env, problems);
  if (!result.success || problems.length > 0) throw new Error(`invalid environment: ${problems.join("; ")}`);
  const e = result.output;
  return {
    publicPort: e.PORT,
    topologyFile: e.TWOFOLD_TOPOLOGY,
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    moduleDatabaseUrl: (module) => env[moduleDatabaseVariable(module)],
    databaseTimeoutMs: e.TWOFOLD_DB_TIMEOUT_MS,
    dataDir: e.TWOFOLD_DATA_DIR,
    queuePrefix: e.TWOFOLD_QUEUE_PREFIX,
    callTimeoutMs: e.TWOFOLD_CALL_TIMEOUT_MS,
    resilience: {
      breakerFailures: Math.max(1, e.TWOFOLD_BREAKER_FAILURES),
      breakerCooldownMs: e.TWOFOLD_BREAKER_COOLDOWN_MS,
      bulkheadMax: Math.max(1, e.TWOFOLD_BULKHEAD_MAX),
      retryAttempts: Math.max(1, e.TWOFOLD_CALL_ATTEMPTS),
      retryBaseMs: e.TWOFOLD_RETRY_BASE_MS,
      retryCapMs: Math.max(e.TWOFOLD_RETRY_BASE_MS, e.TWOFOLD_RETRY_CAP_MS),
    },
    gatewayTimeoutMs: e.TWOFOLD_GATEWAY_TIMEOUT_MS,
    bindHost: e.TWOFOLD_BIND_HOST,
    delivery: { attempts: Math.max(1, e.TWOFOLD_EVENT_ATTEMPTS), backoffMs: e.TWOFOLD_EVENT_BACKOFF_MS },
    worker: {
      concurrency: Math.max(1, e.TWOFOLD_WORKER_CONCURRENCY),
      lockDurationMs: e.TWOFOLD_LOCK_MS,
      stalledIntervalMs: e.TWOFOLD_STALLED_MS,
    },
    outboxSweepMs: e.TWOFOLD_OUTBOX_SWEEP_MS,
    maxRestarts: Math.max(1, e.TWOFOLD_MAX_RESTARTS),
    flagRefreshMs: e.TWOFOLD_FLAG_REFRESH_MS,
    bodyLimitBytes: e.TWOFOLD_BODY_LIMIT_BYTES,
    internalToken: e.TWOFOLD_INTERNAL_TOKEN ?? (e.TWOFOLD_ENV === "development" ? DEVELOPMENT_INTERNAL_TOKEN : undefined),
    harness: e.TWOFOLD_HARNESS === "1",
    traceDir: e.TWOFOLD_TRACE_DIR || undefined,
    environment: e.TWOFOLD_ENV,
    transport: e.TWOFOLD_TRANSPORT,
    seed: e.TWOFOLD_SEED,
    supervised: e.TWOFOLD_SUPERVISED === "1",
    faults: e.TWOFOLD_FAULTS,
    skew: parseSkew((e.TWOFOLD_SKEW ?? "").split(",").filter(Boolean)),
    operatorKey: e.TWOFOLD_OPERATOR_KEY ?? (e.TWOFOLD_ENV === "development" ? DEVELOPMENT_OPERATOR_KEY : undefined),
    moduleSettings: settings,
    // Development reads its lines on a terminal; anything else ships them to a collector.
    logging: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (e.TWOFOLD_ENV === "development" ? "pretty" : "json") },
    placement,
    telemetry: telemetrySettings(e.OTEL_EXPORTER_OTLP_ENDPOINT, e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, e.OTEL_SERVICE_NAME, e.OTEL_BSP_SCHEDULE_DELAY),
  };
}

/** Tracing is on when either OTLP endpoint is set: the signal's own as given, the base one with the traces path appended. */
function telemetrySettings(base: string | undefined, traces: string | undefined, serviceName: string | undefined, batchDelayMs: number) {
  const url = traces ?? (base && `${base.replace(/\/+$/, "")}/v1/traces`);
  return url ? { tracesUrl: url, serviceName, batchDelayMs } : undefined;
}

/** Each module's settings; a name two modules declare, or one the runtime reads itself, is a problem too. */
function loadModuleSettings(env: Record<string, string | undefined>, modules: readonly SettingsOwner[], problems: string[]) {
  const owners = new Map<string, string>();
  const settings = new Map<string, SettingValues<SettingsDeclaration>>();
  for (const module of modules) {
    const declaration = module.settings ?? {};
    for (const name of Object.keys(declaration)) {
      const owner = owners.get(name) ?? (RUNTIME_VARIABLES.includes(settingVariable(name)) ? "the runtime" : undefined);
      if (owner) problems.push(`${settingVariable(name)}: declared by ${module.name} and ${owner}`);
      owners.set(name, module.name);
    }
    const parsed = parseSettings(declaration, env);
    problems.push(...parsed.problems);
    settings.set(module.name, parsed.values);
  }
  return settings;
}
