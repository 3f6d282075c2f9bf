import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as v from "valibot";

/** contracts/deployments.json: which version of each module runs in each environment. */
const DeploymentsFile = v.object({
  environments: v.record(v.pipe(v.string(), v.minLength(1)), v.record(v.pipe(v.string(), v.minLength(1)), v.pipe(v.string(), v.minLength(1)))),
});

export type Deployments = v.InferOutput<typeof DeploymentsFile>;

export function readDeployments(path: string): Deployments {
  if (!existsSync(path)) return { environments: {} };
  const parsed = v.safeParse(DeploymentsFile, JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`).join("; ")}`);
  return parsed.output;
}

/** Records that `module@version` now runs in `environment`. */
export function recordDeployment(path: string, module: string, version: string, environment: string): Deployments {
  const current = readDeployments(path);
  const next = { environments: { ...current.environments, [environment]: { ...current.environments[environment], [module]: version } } };
  writeFileSync(path, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}
