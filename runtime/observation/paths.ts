/**
 * Where the observation port is served: publicly (monolith, gateway) or to the gateway only, behind the
 * internal token (a service). Apart from the routes so a client (the Node-run Pact verifier) can name them
 * without bundling the server.
 */
export const PUBLIC_OBSERVATION = "/__twofold";
export const INTERNAL_OBSERVATION = "/internal/observe";
