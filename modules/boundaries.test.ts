import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findSchemaViolations, readSources } from "../harness/boundaries.ts";
import { everyModule, systems } from "./index.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const names = everyModule.map((m) => m.name);

// What modules import is checked over the compiler's import graph: harness/layers/layers.test.ts.
describe("module boundaries", () => {
  it("no module names another module's schema in its SQL", () => {
    expect(findSchemaViolations(readSources(root, "modules"), names)).toEqual([]);
  });

  it("every entity lives in its own module's schema", () => {
    for (const module of everyModule) {
      for (const entity of module.entities)
        expect({ module: module.name, schema: entity.meta.schema }).toEqual({ module: module.name, schema: module.name });
    }
  });

  it.each(Object.entries(systems))("each public resource of the %s belongs to exactly one of its modules", (_, { definition }) => {
    const resources = definition.modules.flatMap((m) => m.resources);
    expect(new Set(resources).size).toBe(resources.length);
  });

  it("catches SQL that names another module's schema, quoted or not, and only that", () => {
    const files = [
      { path: "modules/orders/sql.ts", text: 'await em.execute(`select * from "users"."users" where id = ?`);' },
      { path: "modules/orders/plain.ts", text: "const q = 'select email from users.users';" },
      { path: "modules/orders/own.ts", text: 'const q = `select * from "orders"."orders"`;' },
      { path: "modules/orders/imports.ts", text: 'import { User } from "../users/entities.ts";' },
    ];
    expect(findSchemaViolations(files, ["orders", "users"]).map((v) => v.file)).toEqual(["modules/orders/sql.ts", "modules/orders/plain.ts"]);
  });
});
