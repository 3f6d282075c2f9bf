import { runManifestsCli } from "./manifests/cli.ts";

/** Deploy manifests (docker compose, Kubernetes) generated from topology.json: `bun run manifests [--out DIR] [--image NAME]`. */
process.exitCode = await runManifestsCli(process.argv.slice(2), process.env);
