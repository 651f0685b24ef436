import { randomBytes } from "node:crypto";
import type { z } from "zod";

import {
  API_METHODS,
  type ApiMethodName,
  type ApiParsedRequest,
  type ApiResponse,
  type ApiResult,
} from "../../shared/contract";
import type { ApiHandlers } from "../app/app-types";
import type { Logger } from "../log/logger";
import { ApiError } from "./errors";

/** The body of one contract method, called only with a valid request. */
export type MethodImplementation<M extends ApiMethodName> = (
  request: ApiParsedRequest<M>,
) => ApiResponse<M> | Promise<ApiResponse<M>>;

export type MethodImplementations = {
  [M in ApiMethodName]: MethodImplementation<M>;
};

/**
 * Wraps one method for both transports (IPC and the admin HTTP API). The
 * request is parsed with the method's schema from API_METHODS, so defaults
 * are filled in before `implementation` runs. An `ApiError` becomes an error
 * result with its code. Any other error is logged with a short error id and
 * returned as "internal", without the stack or the original message.
 */
export function guardMethod<M extends ApiMethodName>(
  method: M,
  implementation: MethodImplementation<M>,
  logger: Logger,
): (request: unknown) => Promise<ApiResult<ApiResponse<M>>> {
  const schema = API_METHODS[method].request as unknown as z.ZodType<
    ApiParsedRequest<M>
  >;

  return async (request) => {
    // IPC callers may omit the argument of methods that take no fields.
    const parsed = schema.safeParse(request === undefined ? {} : request);
    if (!parsed.success) {
      const message = `Invalid ${method} request: ${describeIssues(parsed.error.issues)}`;
      logger.warn({ method }, message);
      return { ok: false, error: { code: "invalid_request", message } };
    }

    try {
      return { ok: true, value: await implementation(parsed.data) };
    } catch (error) {
      return failure(method, error, logger);
    }
  };
}

/** Guards every method of the contract; see `guardMethod`. */
export function guardAll(
  implementations: MethodImplementations,
  logger: Logger,
): ApiHandlers {
  const handlers: Partial<Record<ApiMethodName, unknown>> = {};
  for (const method of Object.keys(API_METHODS) as ApiMethodName[]) {
    handlers[method] = guardMethod(method, implementations[method], logger);
  }
  return handlers as ApiHandlers;
}

/** Formats zod issues as "path: message" phrases joined by semicolons. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path
        .map((key, index) =>
          typeof key === "number"
            ? `[${key}]`
            : `${index > 0 ? "." : ""}${String(key)}`,
        )
        .join("");
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");
}

function failure(
  method: ApiMethodName,
  error: unknown,
  logger: Logger,
): ApiResult<never> {
  if (error instanceof ApiError) {
    logger.info({ method, code: error.code }, error.message);
    return { ok: false, error: { code: error.code, message: error.message } };
  }

  const errorId = randomBytes(4).toString("hex");
  logger.error({ err: error, method, errorId }, `${method} failed`);
  return {
    ok: false,
    error: {
      code: "internal",
      message:
        `${method} failed because of an unexpected error (error id ${errorId}). ` +
        "Try again; if it fails again, send the app log, which has the details under that id.",
    },
  };
}
