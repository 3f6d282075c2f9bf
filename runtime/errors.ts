import { type ErrorBody, statusOf } from "../contracts/errors.ts";

/**
 * The one error type the runtime understands. It carries a stable code (from contracts/errors.ts) that
 * survives the wire; callers branch on `code`, never on the class.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;
  /** HTTP headers the error response carries besides the envelope (Retry-After on a 429). */
  readonly headers?: Readonly<Record<string, string>>;

  constructor(code: string, message: string, details?: unknown, headers?: Readonly<Record<string, string>>) {
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

  static fromBody(body: ErrorBody): AppError {
    return new AppError(body.error.code, body.error.message, body.error.details);
  }
}

export const isAppError = (error: unknown, code?: string): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);

/** Any thrown value as an AppError; unknown failures become `internal` without leaking their text. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("internal", "internal error");
}
