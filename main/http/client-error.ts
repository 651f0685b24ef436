import type { Socket } from "node:net";

import type { Logger } from "../log/logger";
import { rawErrorResponse } from "./json-response";

/**
 * Sends a JSON error response for the errors that Node raises on a
 * connection instead of emitting a request (malformed request line, oversized headers, headers or whole
 * request timed out) with the same JSON shape as every other error, then
 * closes the connection.
 */
export function sendClientErrorResponse(
  error: NodeJS.ErrnoException,
  socket: Socket,
  logger: Logger,
): void {
  const remoteAddress = socket.remoteAddress ?? null;
  if (error.code === "ECONNRESET" || !socket.writable) {
    logger.debug(
      { code: error.code, remoteAddress },
      "client connection reset",
    );
    socket.destroy();
    return;
  }

  let statusCode = 400;
  let statusText = "Bad Request";
  let message = "malformed HTTP request";
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    statusCode = 408;
    statusText = "Request Timeout";
    message = "request headers or body timed out";
  } else if (error.code === "HPE_HEADER_OVERFLOW") {
    statusCode = 431;
    statusText = "Request Header Fields Too Large";
    message = "request headers are too large";
  }

  logger.warn(
    { code: error.code, statusCode, remoteAddress },
    "rejected a request the HTTP parser could not accept",
  );
  if (socket.bytesWritten === 0) {
    socket.write(
      rawErrorResponse(statusCode, statusText, {
        error: message,
        details: [error.code ?? error.message],
      }),
    );
  }
  socket.destroy();
}
