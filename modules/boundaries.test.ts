import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findNameMentions, findSchemaViolations, readSources } from "../harness/boundaries.ts";
import { everyModule, systemNames, systems } from "./index.ts";

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

/**
 * Besides tests and fixtures, what names a system's modules lives in the system's own declarations: its
 * definition here (modules/<system>.ts, the registry), its checks (harness/systems/). Tests may name what
 * they test.
 */
const declaresASystem = (path: string) =>
  /\.test(-support)?\.ts$/.test(path) || /(^|\/)fixtures\/|-fixture\.ts$/.test(path) || path.startsWith("harness/systems/");

describe("the runtime and the harness host any system", () => {
  const platform = [...readSources(root, "runtime"), ...readSources(root, "harness")].filter((f) => !declaresASystem(f.path));

  it("name no module and no system of the registry: no import of one, no string that is one's name", () => {
    expect(platform.length).toBeGreaterThan(100);
    expect(findNameMentions(platform, [...names, ...systemNames])).toEqual([]);
  });

  it("catches a module's or a system's name in a string, a template or an import, and not in a comment or a longer word", () => {
    const files = [
      { path: "harness/a.ts", text: 'const rows = await sys.sql("payments", "select 1");' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template, as the finder reads it
      { path: "harness/b.ts", text: "const q = `${prefix}/x` + `users`;" },
      { path: "harness/c.ts", text: 'import { Authenticate } from "../contracts/users/calls.ts";' },
      { path: "harness/d.ts", text: "import { shop } from '../modules/shop.ts';" },
      { path: "harness/e.ts", text: '// "users" own the sessions\n/* "payments" */ const url = "/api/v1/users/:id"; const n = "users.get";' },
      { path: "harness/f.ts", text: 'const a = "http://x//y"; const b = "users";' },
    ];
    expect(findNameMentions(files, ["users", "payments", "shop"])).toEqual([
      { file: "harness/a.ts", detail: 'payments in "payments"' },
      { file: "harness/b.ts", detail: "users in `users`" },
      { file: "harness/c.ts", detail: 'users in "../contracts/users/calls.ts"' },
      { file: "harness/d.ts", detail: "shop in '../modules/shop.ts'" },
      { file: "harness/f.ts", detail: 'users in "users"' },
    ]);
  });
});
