/**
 * Rewrites Postgres `$1`-style placeholders to the `?` the harness's SQL endpoint takes, reordering the
 * parameters to match (`$2 ... $1` becomes `? ... ?` with the second parameter first). Quoted text and
 * identifiers are left alone. A query written with `?` already passes through unchanged.
 */
export function toQuestionMarks(query: string, params: readonly unknown[]): { query: string; params: unknown[] } {
  let out = "";
  const ordered: unknown[] = [];
  let questionMarks = 0;
  for (let i = 0; i < query.length; ) {
    const char = query[i] ?? "";
    if (char === "'" || char === '"') {
      const end = closing(query, i, char);
      out += query.slice(i, end);
      i = end;
      continue;
    }
    const numbered = /^\$(\d+)/.exec(query.slice(i));
    if (numbered) {
      const index = Number(numbered[1]);
      if (index < 1 || index > params.length) throw new Error(`$${index} has no parameter (${params.length} given)`);
      ordered.push(params[index - 1]);
      out += "?";
      i += numbered[0].length;
      continue;
    }
    if (char === "?") questionMarks++;
    out += char;
    i++;
  }
  if (ordered.length === 0) return { query, params: [...params] };
  if (questionMarks > 0) throw new Error("the query mixes ? and $n placeholders");
  return { query: out, params: ordered };
}

/** The index just past the quoted run starting at `start` (a doubled quote escapes it). */
function closing(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] !== quote) return i + 1;
      i++;
    }
    i++;
  }
  return text.length;
}
