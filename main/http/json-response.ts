import type { ServerResponse } from "node:http";

/** The body of every error response. */
export interface ErrorBody {
  error: string;
  details: string[];
}

/**
 * Sends `body` as JSON. With `close`, the connection is closed after the
 * response, which stops Node from reading the rest of a body that was not
 * consumed.
 */
export function sendJson(
  response: ServerResponse,
  statusCode: number,
  body: unknown,
  options: { headers?: Record<string, string>; close?: boolean } = {},
): void {
  if (response.headersSent || response.destroyed) return;

  const payload = Buffer.from(JSON.stringify(body), "utf8");
  response.statusCode = statusCode;
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    response.setHeader(name, value);
  }
  response.setHeader("Content-Type", "application/json; charset=utf-8");
  response.setHeader("Content-Length", payload.length);
  response.setHeader("Cache-Control", "no-store");
  if (options.close === true) response.setHeader("Connection", "close");
  response.end(payload);
}

export function sendError(
  response: ServerResponse,
  statusCode: number,
  error: ErrorBody,
  options: { headers?: Record<string, string>; close?: boolean } = {},
): void {
  sendJson(response, statusCode, error, options);
}

/** A raw HTTP/1.1 error response for sockets that have no response object. */
export function rawErrorResponse(
  statusCode: number,
  statusText: string,
  error: ErrorBody,
): string {
  const payload = JSON.stringify(error);
  return (
    `HTTP/1.1 ${statusCode} ${statusText}\r\n` +
    "Content-Type: application/json; charset=utf-8\r\n" +
    `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
    "Connection: close\r\n\r\n" +
    payload
  );
}
