import type { EntityManager } from "@mikro-orm/postgresql";
import { containingEachWord, everyWordIn } from "../../runtime/module-api/index.ts";

export interface Hit {
  readonly product_id: string;
  readonly name: string;
  readonly description: string;
  readonly price_cents: number;
}

/**
 * Products whose name or description contains every word of `text` (case-insensitive), those with more of
 * the words in their name first.
 */
export async function search(em: EntityManager, text: string, limit: number): Promise<Hit[]> {
  const words = containingEachWord(text);
  const everyWord = everyWordIn(["name", "description"], text);
  const inName = words.map(() => `(case when name ilike ? escape '\\' then 1 else 0 end)`).join(" + ");
  return em.execute<Hit[]>(
    `select product_id, name, description, price_cents from "search"."entries"
     where ${everyWord.sql} order by ${inName} desc, name, product_id limit ?`,
    [...everyWord.params, ...words, limit],
  );
}
