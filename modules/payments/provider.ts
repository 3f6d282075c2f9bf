import type { Clock } from "../../runtime/module-api/index.ts";

/** What the card network answered for one authorization. */
export type ProviderOutcome =
  | { readonly kind: "approved" }
  | { readonly kind: "declined"; readonly declineCode: string }
  | { readonly kind: "error"; readonly message: string };

/**
 * The fake payment provider: deterministic test tokens, no network. tok_visa is approved, tok_chargeDeclined
 * and tok_insufficient_funds are declined with their code, tok_processing_error is a provider failure (worth
 * retrying), tok_slow is approved after `slowMs`, and any other token is declined as card_declined.
 */
export async function authorize(token: string, slowMs: number, clock: Clock): Promise<ProviderOutcome> {
  switch (token) {
    case "tok_visa":
      return { kind: "approved" };
    case "tok_slow":
      await clock.sleep(slowMs);
      return { kind: "approved" };
    case "tok_chargeDeclined":
      return { kind: "declined", declineCode: "card_declined" };
    case "tok_insufficient_funds":
      return { kind: "declined", declineCode: "insufficient_funds" };
    case "tok_processing_error":
      return { kind: "error", message: "the payment provider could not process the charge" };
    default:
      return { kind: "declined", declineCode: "card_declined" };
  }
}
