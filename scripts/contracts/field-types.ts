import type { Field } from "./fields.ts";

/** Types a reader accepts whatever it is given. */
const ANYTHING = new Set(["unknown", "any", "lazy"]);

/** The alternatives of a field's type: base type names and JSON literals (which may themselves contain " | "). */
export function atomsOf(type: string): string[] {
  const atoms: string[] = [];
  let rest = type;
  while (rest.length > 0) {
    let end = rest.indexOf(" | ");
    if (rest.startsWith('"')) {
      let i = 1;
      while (i < rest.length && rest[i] !== '"') i += rest[i] === "\\" ? 2 : 1;
      end = i + 1 < rest.length ? i + 1 : -1;
    }
    atoms.push(end < 0 ? rest : rest.slice(0, end));
    rest = end < 0 ? "" : rest.slice(end + 3);
  }
  return atoms;
}

/** The base type of a literal atom, or undefined when the atom is a base type itself. */
export function literalBase(atom: string): string | undefined {
  if (atom.startsWith('"')) return "string";
  if (atom === "true" || atom === "false") return "boolean";
  if (/^-?\d+n$/.test(atom)) return "bigint";
  if (/^-?\d/.test(atom)) return "number";
  return undefined;
}

/** Same JSON shape, named differently by valibot. */
const aliases: Readonly<Record<string, string>> = { record: "object", tuple: "array" };

/** Does a reader expecting `reader` accept every value of type `provided`? */
export function typeAccepts(reader: readonly string[], provided: readonly string[]): boolean {
  if (reader.some((a) => ANYTHING.has(a))) return true;
  const accepted = new Set(reader.flatMap((a) => [a, aliases[a] ?? a]));
  return provided.every((atom) => accepted.has(atom) || accepted.has(aliases[atom] ?? atom) || accepted.has(literalBase(atom) ?? "\u0000"));
}

/** Why a field as provided cannot be read as the reader declares it, or undefined when it can. */
export function readProblem(reader: Field, provided: Field): { rule: "type" | "absent" | "null"; detail: string } | undefined {
  if (!typeAccepts(atomsOf(reader.type), atomsOf(provided.type))) return { rule: "type", detail: `reads ${reader.type}, gets ${provided.type}` };
  if (provided.optional && !reader.optional) return { rule: "absent", detail: `may be absent, but is read as required` };
  if (provided.nullable && !reader.nullable && !atomsOf(reader.type).some((a) => ANYTHING.has(a))) {
    return { rule: "null", detail: `may be null, but is read as ${reader.type}` };
  }
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Is a JSON value one of these alternatives? */
export function valueFits(atoms: readonly string[], value: unknown): boolean {
  return atoms.some((atom) => {
    if (ANYTHING.has(atom)) return true;
    const base = literalBase(atom);
    if (base) return base === "bigint" ? `${String(value)}n` === atom : JSON.stringify(value) === atom;
    switch (atom) {
      case "string":
      case "number":
      case "boolean":
      case "bigint":
        return typeof value === atom;
      case "object":
      case "record":
        return isPlainObject(value);
      case "array":
      case "tuple":
        return Array.isArray(value);
      case "date":
        return value instanceof Date || typeof value === "string";
      default:
        return true;
    }
  });
}
