import { type ErrorBody, type ErrorCode, statusOf } from "../contracts/errors.ts";
import { isDatabaseUnavailable } from "./persistence/deadline.ts";

/**
 * The one error type the runtime understands. It carries a stable code (from contracts/errors.ts) that
 * survives the wire; callers branch on `code`, never on the class.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  /** HTTP headers the error response carries besides the envelope (Retry-After on a 429). */
  readonly headers?: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, details?: unknown, headers?: Readonly<Record<string, string>>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = statusOf(code);
    this.details = details;
    this.headers = headers;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }

  /** An error that came over the wire; its code is what the other side sent, known here or not (then a 500). */
  static fromBody(body: ErrorBody): AppError {
    return new AppError(body.error.code as ErrorCode, body.error.message, body.error.details);
  }
}

export const isAppError = (error: unknown, code?: ErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);

/**
 * Any thrown value as an AppError; a database that did not answer is `database_unavailable` (it heals by
 * itself), other unknown failures become `internal`, neither leaking their text.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError("database_unavailable", "the database did not answer in time");
  return new AppError("internal", "internal error");
}
