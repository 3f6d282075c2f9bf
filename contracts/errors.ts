import * as v from "valibot";

/** The one wire shape of every error: public API responses and call replies alike. */
export const ErrorBody = v.object({
  error: v.object({
    code: v.pipe(v.string(), v.minLength(1)),
    message: v.string(),
    details: v.optional(v.unknown()),
  }),
});

export type ErrorBody = v.InferOutput<typeof ErrorBody>;

/**
 * Every error code in the system and the HTTP status it travels with. Codes are compared, never classes:
 * class identity does not survive the wire.
 */
export const errorStatus = {
  // request shape (any endpoint)
  invalid_json: 400,
  validation_failed: 400,
  invalid_query: 400,
  not_found: 404,
  already_exists: 409,
  method_not_allowed: 405,
  not_implemented: 501,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // who is asking
  unauthenticated: 401,
  operator_key_required: 401,
  invalid_credentials: 401,
  email_not_verified: 403,
  purchase_required: 403,
  // preconditions and retries
  precondition_failed: 412,
  precondition_required: 428,
  idempotency_key_required: 400,
  idempotency_key_reused: 422,
  idempotency_key_in_progress: 409,
  rate_limited: 429,
  // the runtime and the wire
  internal: 500,
  contract_violation: 502,
  call_in_transaction: 500,
  service_unavailable: 503,
  call_timeout: 504,
  circuit_open: 503,
  bulkhead_full: 503,
  // a module's database did not answer within TWOFOLD_DB_TIMEOUT_MS, or refused or dropped the connection
  database_unavailable: 503,
  // users
  user_not_found: 404,
  email_taken: 409,
  invalid_token: 400,
  // products
  product_not_found: 404,
  // warehouse
  insufficient_stock: 409,
  reservation_not_found: 404,
  reservation_expired: 409,
  reservation_committed: 409,
  // payments
  payment_declined: 402,
  payment_provider_error: 503,
  charge_not_found: 404,
  charge_not_refundable: 409,
  // orders and cart
  order_not_found: 404,
  insufficient_inventory: 409,
  unknown_user: 422,
  unknown_product: 422,
  cart_empty: 422,
  invalid_discount_code: 422,
  order_in_progress: 409,
  // synthetic transactions: only their own records may be removed
  not_synthetic: 409,
  // money and stock (contracts/money.ts, contracts/common/quantity.ts)
  amount_out_of_range: 422,
  // reviews
  review_not_found: 404,
  already_reviewed: 409,
  // courses and progress
  course_not_found: 404,
  lesson_not_found: 404,
  profile_incomplete: 403,
  not_enrolled: 403,
  // exams and certificates
  exam_not_found: 404,
  exam_exists: 409,
  course_not_completed: 403,
  exam_already_passed: 409,
  exam_session_not_found: 404,
  question_not_found: 404,
  invalid_choice: 422,
  exam_time_up: 409,
  exam_session_graded: 409,
  certificate_not_found: 404,
  // ai-tutor: the model provider answered nothing (down) or nothing in time (slow); the session stays open
  tutor_session_not_found: 404,
  tutor_session_completed: 409,
  tutor_unavailable: 503,
  tutor_timeout: 504,
  // social
  post_not_found: 404,
  // feature flags
  flag_not_found: 404,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

/**
 * The callee was not reached or did not answer in time: what a circuit breaker counts against a dependency and
 * what the bus retries a retry-safe call on. An error the callee answered with, even a 5xx, is an answer.
 */
export const unansweredErrorCodes: readonly ErrorCode[] = ["service_unavailable", "call_timeout"];

/**
 * The callee did not answer, or the caller's own policies refused the call before sending it (its circuit
 * open, its bulkhead full): nothing was decided by the callee, so the failure may heal by itself and a
 * declared fallback may answer in its place.
 */
export const unavailableErrorCodes: readonly ErrorCode[] = [...unansweredErrorCodes, "circuit_open", "bulkhead_full"];

/** Codes any call may fail with, whoever owns it: they come from the transport or the runtime. */
export const runtimeErrorCodes: readonly ErrorCode[] = [
  "contract_violation",
  "call_in_transaction",
  ...unavailableErrorCodes,
  "database_unavailable",
  "internal",
];

export function statusOf(code: string): number {
  return (errorStatus as Record<string, number>)[code] ?? 500;
}
