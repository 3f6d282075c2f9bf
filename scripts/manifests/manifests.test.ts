import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parseAllDocuments, parse as parseYaml, stringify } from "yaml";
import { shop } from "../../modules/shop.ts";
import { DEVELOPMENT_INTERNAL_TOKEN, loadConfig, placementOverrides } from "../../runtime/config.ts";
import { parseTopology } from "../../runtime/host/topology.ts";
import builtInTopology from "../../topology.json";
import { runManifestsCli } from "./cli.ts";
import { validateManifests } from "./validate.ts";

const GIVEN = {
  TWOFOLD_INTERNAL_TOKEN: "internal-token-0123456789",
  TWOFOLD_OPERATOR_KEY: "operator-key-0123456789",
  POSTGRES_PASSWORD: "pg pass/word",
};

/** YAML read back, as untyped as the library gives it: the tests reach into it and break it on purpose. */
type Doc = ReturnType<typeof parseYaml>;

/** Every file under a directory, by its path relative to it. */
function readTree(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dir, path), readFileSync(path, "utf8")] as const;
      }),
  );
}

const documents = (text: string): Doc[] => parseAllDocuments(text, { version: "1.1" }).map((d) => d.toJS() as Doc);
const find = (docs: Doc[], kind: string) => docs.find((d) => d.kind === kind) as Doc;

/** Writes the manifests for an environment into a fresh directory and reads them back. */
async function generate(env: Record<string, string>): Promise<{ code: number; files: Map<string, string>; stderr: string }> {
  const out = mkdtempSync(join(tmpdir(), "twofold-manifests-"));
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const logs = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    const code = await runManifestsCli(["--out", out, "--image", "registry.example/twofold:1.2.3"], env);
    return { code, files: readTree(out), stderr: errors.mock.calls.map((call) => call.join(" ")).join("\n") };
  } finally {
    errors.mockRestore();
    logs.mockRestore();
    rmSync(out, { recursive: true, force: true });
  }
}

/** A copy of the files with one file's objects edited (parsed, changed, written back). */
function edited(files: ReadonlyMap<string, string>, file: string, edit: (docs: Doc[]) => void): Map<string, string> {
  const copy = new Map(files);
  const docs = file.endsWith("compose.yaml") ? [parseYaml(files.get(file) as string) as Doc] : documents(files.get(file) as string);
  edit(docs);
  copy.set(file, docs.map((d) => stringify(d, { version: "1.1" })).join("---\n"));
  return copy;
}

const services = builtInTopology.services.map((s) => s.name);

describe("bun run manifests", () => {
  let files: Map<string, string>;
  let config: Record<string, string>;
  let secret: Record<string, string>;

  beforeAll(async () => {
    const generated = await generate(GIVEN);
    expect(generated.code, generated.stderr).toBe(0);
    files = generated.files;
    config = find(documents(files.get("kubernetes/config.yaml") as string), "ConfigMap").data;
    secret = find(documents(files.get("kubernetes/secret.yaml") as string), "Secret").stringData;
  });

  it("writes a Deployment and a Service per process of topology.json, Redis, Postgres, a compose file and a Dockerfile", () => {
    expect([...files.keys()].sort()).toEqual(
      [
        ...[...services, "gateway", "redis", "postgres", "config", "secret"].map((name) => `kubernetes/${name}.yaml`),
        "compose.yaml",
        "secrets.env",
        "Dockerfile",
        "Dockerfile.dockerignore",
      ].sort(),
    );
    for (const name of [...services, "gateway"]) {
      const docs = documents(files.get(`kubernetes/${name}.yaml`) as string);
      const container = find(docs, "Deployment").spec.template.spec.containers[0];
      expect(container.image).toBe("registry.example/twofold:1.2.3");
      expect(container.command).toEqual(["bun", "scripts/twofold.ts", ...(name === "gateway" ? ["gateway"] : ["service", name])]);
      expect(find(docs, "Service").spec.type).toBe(name === "gateway" ? "LoadBalancer" : "ClusterIP");
    }
    expect(validateManifests(files)).toEqual([]);
  });

  it("gives every process the environment a child of the launcher reads its peers from, pointed at the deployment's names", () => {
    const runtime = loadConfig({ ...config, ...secret }, shop.modules);
    expect(runtime).toMatchObject({
      bindHost: "0.0.0.0",
      environment: "production",
      internalToken: GIVEN.TWOFOLD_INTERNAL_TOKEN,
      redisUrl: "redis://redis:6379",
    });
    expect(runtime.databaseUrl).toBe("postgresql://postgres:pg%20pass%2Fword@postgres:5432/twofold");
    const placed = parseTopology(
      builtInTopology,
      shop.modules.map((m) => m.name),
      placementOverrides(config),
    );
    expect(placed.services.map((s) => s.url)).toEqual(builtInTopology.services.map((s) => `http://${s.name}:${s.port}`));
  });

  it("keeps the secrets in the Secret and secrets.env, never in the ConfigMap or compose.yaml", () => {
    expect(secret).toMatchObject({
      TWOFOLD_INTERNAL_TOKEN: GIVEN.TWOFOLD_INTERNAL_TOKEN,
      TWOFOLD_OPERATOR_KEY: GIVEN.TWOFOLD_OPERATOR_KEY,
      POSTGRES_PASSWORD: GIVEN.POSTGRES_PASSWORD,
    });
    for (const value of [GIVEN.TWOFOLD_INTERNAL_TOKEN, GIVEN.TWOFOLD_OPERATOR_KEY, "pg%20pass"]) {
      expect(files.get("kubernetes/config.yaml")).not.toContain(value);
      expect(files.get("compose.yaml")).not.toContain(value);
      expect(files.get("secrets.env")).toContain(value);
    }
    expect(files.get("Dockerfile.dockerignore")).not.toContain("..");
  });

  it("runs Redis append-only and noeviction, and one Postgres 15 for every service's database", () => {
    const redis = find(documents(files.get("kubernetes/redis.yaml") as string), "StatefulSet").spec.template.spec.containers[0];
    expect(redis.args.join(" ")).toMatch(/--appendonly yes --appendfsync everysec --maxmemory-policy noeviction --dir \/data/);
    const compose = parseYaml(files.get("compose.yaml") as string);
    expect(compose.services.redis.command).toEqual(redis.args);
    const postgres = find(documents(files.get("kubernetes/postgres.yaml") as string), "StatefulSet").spec.template.spec.containers[0];
    expect(postgres.image).toBe("postgres:15");
    expect(postgres.env).toContainEqual({
      name: "POSTGRES_PASSWORD",
      valueFrom: { secretKeyRef: { name: "twofold-secrets", key: "POSTGRES_PASSWORD" } },
    });
  });

  it("without secrets, writes placeholders the runtime refuses and warns; development's token is never taken", async () => {
    const generated = await generate({ TWOFOLD_ENV: "development" });
    expect(generated.code).toBe(0);
    for (const variable of ["TWOFOLD_INTERNAL_TOKEN", "TWOFOLD_OPERATOR_KEY", "POSTGRES_PASSWORD"]) {
      expect(generated.stderr).toContain(`warning: ${variable} is not set`);
    }
    const placeholders = find(documents(generated.files.get("kubernetes/secret.yaml") as string), "Secret").stringData;
    expect(placeholders).toMatchObject({ TWOFOLD_INTERNAL_TOKEN: "CHANGE_ME", TWOFOLD_OPERATOR_KEY: "CHANGE_ME" });
    expect(generated.files.get("secrets.env")).not.toContain(DEVELOPMENT_INTERNAL_TOKEN);
    expect(() => loadConfig({ ...config, ...placeholders }, shop.modules)).toThrow(/TWOFOLD_INTERNAL_TOKEN: must be at least 16 characters/);
  });

  describe("the validator, which the command runs before writing, catches", () => {
    const cases: [string, () => Map<string, string>, RegExp][] = [
      [
        "a Service that selects other pods",
        () => edited(files, "kubernetes/users.yaml", (d) => void (find(d, "Service").spec.selector["app.kubernetes.io/name"] = "user")),
        /Deployment users has no Service selecting it/,
      ],
      [
        "a Service sending traffic to a port nobody listens on",
        () => edited(files, "kubernetes/search.yaml", (d) => void (find(d, "Service").spec.ports[0].targetPort = 9999)),
        /Service search sends port 5008 to 9999/,
      ],
      [
        "a container listening elsewhere than its environment says",
        () =>
          edited(files, "kubernetes/orders.yaml", (d) => void (find(d, "Deployment").spec.template.spec.containers[0].ports[0].containerPort = 6003)),
        /Deployment orders is told to listen on 5003/,
      ],
      [
        "a probe on the wrong port",
        () =>
          edited(
            files,
            "kubernetes/gateway.yaml",
            (d) => void (find(d, "Deployment").spec.template.spec.containers[0].readinessProbe.httpGet.port = 5001),
          ),
        /gateway: readinessProbe must ask \/ready on 5000/,
      ],
      [
        "a peer's address naming no Service",
        () => edited(files, "kubernetes/config.yaml", (d) => void (find(d, "ConfigMap").data.TWOFOLD_HOST_CART = "carts")),
        /TWOFOLD_HOST_CART points at carts, which is no Service/,
      ],
      [
        "a peer's address naming another process's Service",
        () => edited(files, "kubernetes/config.yaml", (d) => void (find(d, "ConfigMap").data.TWOFOLD_HOST_CART = "orders")),
        /TWOFOLD_HOST_CART points at orders:5005, a port Service orders does not serve/,
      ],
      [
        "a peer's address and port naming another process",
        () =>
          edited(
            files,
            "kubernetes/config.yaml",
            (d) => void Object.assign(find(d, "ConfigMap").data, { TWOFOLD_HOST_CART: "orders", TWOFOLD_PORT_CART: "5003" }),
          ),
        /TWOFOLD_HOST_CART points at Service orders, which runs orders/,
      ],
      [
        "a service nobody is told the address of",
        () => edited(files, "kubernetes/config.yaml", (d) => void delete find(d, "ConfigMap").data.TWOFOLD_HOST_USERS),
        /no TWOFOLD_HOST_USERS/,
      ],
      [
        "a URL on a port its Service does not serve",
        () => edited(files, "kubernetes/config.yaml", (d) => void (find(d, "ConfigMap").data.REDIS_URL = "redis://redis:6380")),
        /REDIS_URL points at redis:6380/,
      ],
      [
        "processes listening on loopback only",
        () => edited(files, "kubernetes/config.yaml", (d) => void delete find(d, "ConfigMap").data.TWOFOLD_BIND_HOST),
        /listens on its topology host, not every interface/,
      ],
      [
        "the internal token moved into the ConfigMap",
        () => {
          const moved = edited(files, "kubernetes/secret.yaml", (d) => void delete find(d, "Secret").stringData.TWOFOLD_INTERNAL_TOKEN);
          return edited(
            moved,
            "kubernetes/config.yaml",
            (d) => void (find(d, "ConfigMap").data.TWOFOLD_INTERNAL_TOKEN = GIVEN.TWOFOLD_INTERNAL_TOKEN),
          );
        },
        /ConfigMap twofold-config holds TWOFOLD_INTERNAL_TOKEN, a secret/,
      ],
      [
        "no internal token in the Secret",
        () => edited(files, "kubernetes/secret.yaml", (d) => void delete find(d, "Secret").stringData.TWOFOLD_INTERNAL_TOKEN),
        /no Secret holds TWOFOLD_INTERNAL_TOKEN/,
      ],
      [
        "a secret's value inside another setting",
        () => edited(files, "kubernetes/config.yaml", (d) => void (find(d, "ConfigMap").data.TWOFOLD_FAULTS = `x${GIVEN.TWOFOLD_OPERATOR_KEY}`)),
        /TWOFOLD_FAULTS contains a secret's value/,
      ],
      [
        "a second exposed Service",
        () => edited(files, "kubernetes/users.yaml", (d) => void (find(d, "Service").spec.type = "LoadBalancer")),
        /the gateway's Service must be the one exposed; exposed: gateway, users/,
      ],
      [
        "a word YAML 1.1 reads as a boolean",
        () => new Map([...files, ["kubernetes/redis.yaml", (files.get("kubernetes/redis.yaml") as string).replace('- "yes"', "- yes")]]),
        /redis: its command line has a word that is not a string/,
      ],
      [
        "a compose file missing a service",
        () => edited(files, "compose.yaml", (d) => void delete d[0].services.search),
        /compose runs \[.*\], Kubernetes \[.*search/,
      ],
      [
        "a compose service running another command line",
        () => edited(files, "compose.yaml", (d) => void d[0].services.users.command.splice(3, 1, "orders")),
        /compose users runs "bun scripts\/twofold.ts service orders"/,
      ],
      [
        "a compose service with its own environment",
        () => edited(files, "compose.yaml", (d) => void (d[0].services.cart.environment.TWOFOLD_PORT_CART = "6005")),
        /compose cart's environment differs from its Kubernetes one/,
      ],
      [
        "a compose service published on the host",
        () => edited(files, "compose.yaml", (d) => void (d[0].services.payments.ports = ["5007:5007"])),
        /only the gateway may publish ports on the host; published: gateway, payments/,
      ],
    ];
    it.each(cases)("%s", (_, broken, problem) => {
      expect(validateManifests(broken()).join("\n")).toMatch(problem);
    });
  });
});
