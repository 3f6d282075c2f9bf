/**
 * What the Node-run verifier is told (written by the Bun side as JSON, read by the program): the topology's
 * observation port, the internal token, and each provider with the service it runs in and its pact files.
 */
export interface OfficialPlan {
  /** The base URL serving the observation port (`/__twofold`): the split gateway with the harness on. */
  readonly observation: string;
  readonly internalToken: string;
  readonly providers: readonly ProviderPlan[];
}

export interface ProviderPlan {
  readonly name: string;
  /** The service that hosts the provider module: its `/internal/calls/<module>` answers the HTTP interactions. */
  readonly baseUrl: string;
  readonly pactFiles: readonly string[];
}

/** One interaction of a pact file the plan names: what a complete run must have verified. */
export interface PlannedInteraction {
  readonly provider: string;
  readonly consumer: string;
  readonly description: string;
  readonly kind: "http" | "message";
}

/** What the official verifier made of one interaction (from its JSON report). */
export interface InteractionResult {
  readonly provider: string;
  readonly consumer: string;
  readonly description: string;
  readonly verified: boolean;
  /** The provider states it was verified in, by name. */
  readonly states: readonly string[];
  /** Each mismatch or error the verifier reported, as it words it (`$.payload.charge_id -> Expected ...`). */
  readonly mismatches: readonly string[];
}

/** The program's results file: every interaction it verified, and what kept a provider from being verified at all. */
export interface OfficialResults {
  readonly interactions: readonly InteractionResult[];
  readonly errors: readonly string[];
}
