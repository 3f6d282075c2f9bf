import type { EntityManager } from "@mikro-orm/postgresql";

export interface Hit {
  readonly product_id: string;
  readonly name: string;
  readonly description: string;
  readonly price_cents: number;
}

/** LIKE treats % and _ as wildcards; searching for them must find them literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Products whose name or description contains every word of `text` (case-insensitive), those with more of
 * the words in their name first.
 */
export async function search(em: EntityManager, text: string, limit: number): Promise<Hit[]> {
  const words = [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))].map(containing);
  const inName = words.map(() => `(case when name ilike ? escape '\\' then 1 else 0 end)`).join(" + ");
  const everyWord = words.map(() => `(name ilike ? escape '\\' or description ilike ? escape '\\')`).join(" and ");
  return em.execute<Hit[]>(
    `select product_id, name, description, price_cents from "search"."entries"
     where ${everyWord} order by ${inName} desc, name, product_id limit ?`,
    [...words.flatMap((w) => [w, w]), ...words, limit],
  );
}
