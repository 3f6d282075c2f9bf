import { runMain } from "../runtime/cli/main.ts";
import { runManifestsCli } from "./manifests/cli.ts";

/** Deploy manifests (docker compose, Kubernetes) generated from topology.json: `bun run manifests [--out DIR] [--image NAME]`. */
await runMain("bun run manifests", () => runManifestsCli(process.argv.slice(2), process.env));
