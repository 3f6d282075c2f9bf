import * as v from "valibot";
import type { AnySchema } from "../../contracts/define.ts";
import { AppError } from "../errors.ts";

export type Side = "request" | "reply" | "event";

export interface Issue {
  readonly path: string;
  readonly message: string;
}

export const issuesOf = (issues: readonly v.BaseIssue<unknown>[]): Issue[] =>
  issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: issue.message }));

/**
 * Parses a message against its contract. A violation is a typed, visible error naming the contract, the
 * side (request, reply or event), where it was caught (sending, receiving, or a caller's fallback answering
 * in the callee's place) and every failing field.
 */
export function conform<S extends AnySchema>(
  schema: S,
  value: unknown,
  where: { contract: string; side: Side; at: "send" | "receive" | "fallback"; consumer?: string },
): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issues = issuesOf(result.issues);
  const fields = issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ");
  const whose = where.consumer ? ` (what ${where.consumer} reads)` : "";
  throw new AppError("contract_violation", `${where.contract} ${where.side} violates its contract${whose} on ${where.at}: ${fields}`, {
    ...where,
    issues,
  });
}
