import type { ApiErrorCode } from "../../shared/contract";

/**
 * An error that the API guard turns into an `ApiResult` error with `code`
 * and this message, so the message must make sense to a recruiter.
 */
export class ApiError extends Error {
  constructor(
    readonly code: Exclude<ApiErrorCode, "internal">,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Raised by handlers and services when the requested row does not exist. */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super("not_found", message);
    this.name = "NotFoundError";
  }
}

/** Raised when a request passes its schema but a value is still unusable. */
export class InvalidRequestError extends ApiError {
  constructor(message: string) {
    super("invalid_request", message);
    this.name = "InvalidRequestError";
  }
}

/** Raised when the request conflicts with the current state of a row. */
export class ConflictError extends ApiError {
  constructor(message: string) {
    super("conflict", message);
    this.name = "ConflictError";
  }
}
