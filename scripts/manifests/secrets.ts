import { loadConfig } from "../../runtime/config.ts";

/**
 * What stands in for a secret that was not given. Shorter than the 16 characters the runtime requires of its
 * token and key, so a deployment that keeps it refuses to start instead of running on a value anyone can read here.
 */
const PLACEHOLDER = "CHANGE_ME";

/** The variables of a twofold process that are secrets: they go to the Secret (compose: secrets.env), never the ConfigMap. */
export const SECRET_VARIABLES: readonly string[] = ["TWOFOLD_INTERNAL_TOKEN", "TWOFOLD_OPERATOR_KEY", "DATABASE_URL"];

/** The Postgres server's own password; DATABASE_URL carries it too. */
export const POSTGRES_PASSWORD = "POSTGRES_PASSWORD";

export interface DeploymentSecrets {
  readonly internalToken: string;
  readonly operatorKey: string;
  readonly postgresPassword: string;
}

/**
 * The deployment's secrets from the environment it is generated in, each missing one a placeholder and a
 * warning. Read as production reads them (loadConfig, its checks included): development's documented token
 * and key are never a deployment's.
 */
export function deploymentSecrets(env: Record<string, string | undefined>): { secrets: DeploymentSecrets; warnings: string[] } {
  const config = loadConfig({ ...env, TWOFOLD_ENV: "production" });
  const warnings: string[] = [];
  const given = (variable: string, value: string | undefined): string => {
    if (value) return value;
    warnings.push(`${variable} is not set: the Secret holds the placeholder ${PLACEHOLDER}; set it and generate again before deploying`);
    return PLACEHOLDER;
  };
  return {
    secrets: {
      internalToken: given("TWOFOLD_INTERNAL_TOKEN", config.internalToken),
      operatorKey: given("TWOFOLD_OPERATOR_KEY", config.operatorKey),
      postgresPassword: given(POSTGRES_PASSWORD, env[POSTGRES_PASSWORD]),
    },
    warnings,
  };
}
