import type { CallUseDescription, ProvidedCall } from "./description.ts";
import { checkValue } from "./value-check.ts";

export interface RequestProblem {
  readonly interaction: string;
  readonly field: string;
  readonly rule: "required-request-field" | "request-field-type";
  readonly detail: string;
}

/**
 * The provider validates every request against its own request schema: a consumer's example request that
 * lacks a field the provider now requires, or sends one of another type, would be refused.
 */
export const checkRequests = (call: ProvidedCall, use: CallUseDescription): RequestProblem[] =>
  use.interactions.flatMap((interaction) =>
    checkValue(call.request, interaction.request).map((issue) => ({
      interaction: interaction.description,
      field: issue.path,
      rule: issue.rule === "missing" ? ("required-request-field" as const) : ("request-field-type" as const),
      detail: issue.rule === "missing" ? `${call.name} requires it; the example request lacks it` : issue.detail,
    })),
  );
