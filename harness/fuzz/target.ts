import type { SystemClient } from "../system/client.ts";
import type { Route } from "./routes.ts";
import type { Hints } from "./valid.ts";
import type { World } from "./world.ts";

/** What the fuzzer needs of one system: its public routes, the world its requests run in, and the values worth trying. */
export interface FuzzTarget {
  readonly routes: readonly Route[];
  prepareWorld(sys: SystemClient): Promise<World>;
  hints(world: World): Hints;
}
