import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** What /docs renders with: Scalar's API reference, whose standalone browser bundle is one file that needs no network. */
export const RENDERER_PACKAGE = "@scalar/api-reference";

/**
 * The standalone bundle's path, or undefined when the package is not installed. The package exports no path
 * to it, so it is found beside the package's entry (dist/index.js → dist/browser/standalone.js).
 */
export function rendererBundle(): string | undefined {
  try {
    const bundle = join(dirname(createRequire(import.meta.url).resolve(RENDERER_PACKAGE)), "browser", "standalone.js");
    return existsSync(bundle) ? bundle : undefined;
  } catch {
    return undefined;
  }
}
