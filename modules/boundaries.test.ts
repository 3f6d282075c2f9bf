import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findViolations, readSources } from "../harness/boundaries.ts";
import { shop } from "./index.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const names = shop.modules.map((m) => m.name);

describe("module boundaries", () => {
  it("no module imports another module's files or names another module's schema", () => {
    expect(findViolations(readSources(root, "modules"), names)).toEqual([]);
  });

  it("every entity lives in its own module's schema", () => {
    for (const module of shop.modules) {
      for (const entity of module.entities) expect({ module: module.name, schema: entity.meta.schema }).toEqual({ module: module.name, schema: module.name });
    }
  });

  it("each public resource belongs to exactly one module", () => {
    const resources = shop.modules.flatMap((m) => m.resources);
    expect(new Set(resources).size).toBe(resources.length);
  });

  it("catches a module that imports another module or queries its schema", () => {
    const files = [
      { path: "modules/orders/bad.ts", text: `import { User } from "../users/entities.ts";\nimport { x } from "./own.ts";` },
      { path: "modules/orders/sql.ts", text: 'await em.execute(`select * from "users"."users" where id = ?`);' },
      { path: "modules/orders/plain.ts", text: "const q = 'select email from users.users';" },
      { path: "modules/orders/registry.ts", text: `import { shop } from "../index.ts";` },
    ];
    expect(findViolations(files, ["orders", "users"]).map((v) => `${v.file}:${v.rule}`)).toEqual([
      "modules/orders/bad.ts:imports-another-module",
      "modules/orders/sql.ts:touches-another-schema",
      "modules/orders/plain.ts:touches-another-schema",
      "modules/orders/registry.ts:imports-another-module",
    ]);
  });
});
