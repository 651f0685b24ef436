import type { Socket } from "node:net";

import type { Logger } from "../log/logger";
import { rawErrorResponse } from "./json-response";

/** Bytes each connection had read when its last response finished. */
const bytesReadAtLastResponse = new WeakMap<Socket, number>();

/** Records that a response finished, so later bytes belong to a new request. */
export function markResponseSent(socket: Socket): void {
  bytesReadAtLastResponse.set(socket, socket.bytesRead);
}

/**
 * Handles the errors that Node raises on a connection instead of emitting a
 * request: a malformed request line, oversized headers, or headers or a whole
 * request that timed out. It sends a JSON error in the same shape as every
 * other error and closes the connection. A connection that timed out before
 * sending any request is closed without a response.
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

  // Node times out a connection that opened but never sent a request. The
  // localtunnel client keeps such connections open as relays, and a 408
  // written into one would reach the next public request as its response,
  // so an idle connection is closed without a word.
  const isIdle =
    socket.bytesRead === (bytesReadAtLastResponse.get(socket) ?? 0);
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT" && isIdle) {
    logger.debug({ remoteAddress }, "closed an idle connection");
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
