import type { ServerResponse } from "node:http";

import type { DeliveryIngestor } from "../ingest/delivery";
import { sendError } from "./json-response";
import type { RequestInfo } from "./request-info";

/** A webhook request rejected with an error response instead of being stored. */
export interface Rejection {
  statusCode: number;
  error: string;
  details: string[];
  /** Details to log when `details` quote the body. Defaults to `details`. */
  logDetails?: string[];
  headers?: Record<string, string>;
  /** Closes the connection so that an unread body is not read. */
  close?: boolean;
  /**
   * Stores the request with `ingestor.recordRejected`. The body is stored
   * only once the sender has authenticated. Unset means the request is only
   * logged.
   */
  record?: { body: Buffer | null };
  /** Log level of the rejection, warn unless set. */
  logLevel?: "debug" | "info" | "warn";
}

/** A step's value, or the rejection that ends the request. */
export type Checked<T> =
  { ok: true; value: T } | { ok: false; rejection: Rejection };

export function rejected(rejection: Rejection): {
  ok: false;
  rejection: Rejection;
} {
  return { ok: false, rejection };
}

/**
 * Logs the rejection, records it when asked, then sends the JSON error. A
 * failure to record is logged and does not change the response.
 */
export async function sendRejection(
  response: ServerResponse,
  ingestor: DeliveryIngestor,
  info: RequestInfo,
  rejection: Rejection,
): Promise<void> {
  info.log[rejection.logLevel ?? "warn"](
    {
      statusCode: rejection.statusCode,
      error: rejection.error,
      details: rejection.logDetails ?? rejection.details,
      method: info.method,
      path: info.path,
    },
    "rejected webhook request",
  );

  if (rejection.record !== undefined) {
    try {
      await ingestor.recordRejected({
        receivedAt: info.receivedAt,
        remoteAddress: info.remoteAddress,
        method: info.method,
        path: info.path,
        headers: info.headers,
        statusCode: rejection.statusCode,
        error: [rejection.error, ...rejection.details].join(": "),
        body: rejection.record.body,
        startedAt: info.startedAt,
      });
    } catch (error) {
      info.log.error(
        { err: error, statusCode: rejection.statusCode },
        "recording a rejected request failed; the response is sent anyway",
      );
    }
  }

  sendError(
    response,
    rejection.statusCode,
    { error: rejection.error, details: rejection.details },
    { headers: rejection.headers ?? {}, close: rejection.close ?? false },
  );
}
