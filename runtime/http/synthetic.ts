import type { Context } from "hono";
import { AppError } from "../errors.ts";
import { OPERATOR_KEY_HEADER } from "../secrets.ts";
import type { OperatorGate } from "./operator.ts";

/**
 * How a request says it is a synthetic transaction (seed 004 §8.1: `twofold synthetic`'s customer). One mark,
 * a property of the conversation rather than of an account: it starts at the edge with this header and then
 * travels in every envelope like the correlation id (contracts/envelope.ts), over HTTP calls and BullMQ jobs,
 * into sagas resumed later (the saga keeps it with the conversation). So every module in every topology
 * knows without a field in each contract, and without asking users about an account on every event.
 * Only the operator may mark traffic synthetic: a request with the header and without the operator key is
 * refused (401), never quietly run as real, so nobody outside can skip notifications or figures with it.
 */
export const SYNTHETIC_HEADER = "x-twofold-synthetic";

/** Whether the request is synthetic: the header set to 1 beside the deployment's operator key. */
export function isSyntheticRequest(c: Context, operators: OperatorGate): boolean {
  const marked = c.req.header(SYNTHETIC_HEADER);
  if (marked === undefined) return false;
  if (marked !== "1")
    throw new AppError("validation_failed", `${SYNTHETIC_HEADER} is 1 or absent`, [{ path: SYNTHETIC_HEADER, message: "must be 1" }]);
  if (!operators.admits(c.req.header(OPERATOR_KEY_HEADER)))
    throw new AppError("operator_key_required", `a synthetic transaction (${SYNTHETIC_HEADER}) needs a valid ${OPERATOR_KEY_HEADER} header`);
  return true;
}
