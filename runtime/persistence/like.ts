/**
 * The distinct words of `text` (split on white space, lowercased), each as a pattern for `ilike ? escape '\'`
 * that finds the word anywhere, literally: LIKE's wildcards (`%`, `_`) and its escape stand for themselves.
 */
export const containingEachWord = (text: string): string[] =>
  [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))].map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/** A condition true when every word of `text` is in one of `columns`, case-insensitively, with its parameters. */
export function everyWordIn(columns: readonly string[], text: string): { readonly sql: string; readonly params: string[] } {
  const words = containingEachWord(text);
  const inAnyColumn = `(${columns.map((column) => `${column} ilike ? escape '\\'`).join(" or ")})`;
  return { sql: words.map(() => inAnyColumn).join(" and ") || "true", params: words.flatMap((word) => columns.map(() => word)) };
}
