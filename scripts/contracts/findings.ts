/** What a compatibility check can find wrong between one consumer's use and one provider. */
export type Rule =
  | "field-removed"
  | "field-type-changed"
  | "field-may-be-absent"
  | "field-may-be-null"
  | "required-request-field"
  | "request-field-type"
  | "error-code-undeclared"
  | "version-not-understood"
  | "not-provided";

export interface Party {
  readonly name: string;
  readonly version: string;
}

export interface Incompatibility {
  readonly rule: Rule;
  readonly consumer: Party;
  readonly provider: Party;
  readonly kind: "call" | "event";
  /** The call's name or the event's type. */
  readonly use: string;
  /** The interaction whose example shows the problem (request rules), when there is one. */
  readonly interaction?: string;
  readonly field?: string;
  /** Where the field is: the call's request or reply, or the event's payload. */
  readonly part?: "request" | "reply" | "payload";
  readonly detail: string;
  /** Which revisions' consumers are affected (`check --against`): e.g. ["working tree", "main"]. */
  readonly at?: readonly string[];
}

const arrow = (kind: "call" | "event") => (kind === "call" ? "→" : "←");
export const partyLabel = (party: Party) => `${party.name}@${party.version}`;

/** `orders@1.0.0 → users@2.0.0 users.get, field user_id: no longer provided (renamed to userId?)` */
export function formatIncompatibility(problem: Incompatibility): string {
  const where = [
    problem.interaction ? `interaction "${problem.interaction}"` : "",
    problem.field ? `${problem.part ?? ""} field \`${problem.field}\``.trim() : "",
  ]
    .filter(Boolean)
    .join(", ");
  const at = problem.at?.length ? ` [consumer at ${problem.at.join(", ")}]` : "";
  return `${partyLabel(problem.consumer)} ${arrow(problem.kind)} ${partyLabel(problem.provider)} ${problem.use}${where ? `, ${where}` : ""}: ${problem.detail}${at}`;
}
