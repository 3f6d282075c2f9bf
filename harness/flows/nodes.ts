import { type Document, isAlias, isMap, isSeq } from "yaml";
import type { ConfigPath } from "./interpolate.ts";

/** The node an alias (`*checkout`) stands for; any other node as it is. Anchors let flows reuse configs. */
export const resolveAlias = (node: unknown, doc: Document): unknown => (isAlias(node) ? node.resolve(doc) : node);

/** The YAML node at `path` under `node`, following aliases, so errors can name the line a value is written on. */
export function nodeAt(node: unknown, path: ConfigPath, doc: Document): unknown {
  let current = resolveAlias(node, doc);
  for (const key of path) {
    if (!isMap(current) && !isSeq(current)) return undefined;
    current = resolveAlias(current.get(key, true), doc);
  }
  return current;
}
