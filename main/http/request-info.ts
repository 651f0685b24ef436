import type { IncomingMessage } from "node:http";

import type { Logger } from "../log/logger";
import { maskHeaders } from "./masked-headers";

/** Facts about one request, taken when it arrives. */
export interface RequestInfo {
  /** Counter local to one server, for matching log lines. */
  requestId: number;
  receivedAt: string;
  startedAt: bigint;
  remoteAddress: string | null;
  method: string;
  /** The path without the query string. */
  path: string;
  /** All request headers, credentials masked. */
  headers: Record<string, string>;
  /** Child logger carrying requestId and remoteAddress. */
  log: Logger;
}

/** Maximum path length kept in logs and error responses. */
const MAX_PATH_LENGTH = 200;

export function describeRequest(
  request: IncomingMessage,
  requestId: number,
  nowMs: number,
  logger: Logger,
): RequestInfo {
  // NOTE: behind the localtunnel client every request comes from 127.0.0.1,
  // so the failed-auth limit counts all tunnel senders as one. Requests with
  // valid credentials bypass the limit, so LJO is never locked out.
  const remoteAddress = normalizeAddress(request.socket.remoteAddress);
  return {
    requestId,
    receivedAt: new Date(nowMs).toISOString(),
    startedAt: process.hrtime.bigint(),
    remoteAddress,
    method: request.method ?? "",
    path: requestPath(request.url),
    headers: maskHeaders(request.headers),
    log: logger.child({ requestId, remoteAddress }),
  };
}

/** True when the request announced a body, which may still be unread. */
export function hasRequestBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  if (length !== undefined) return length.trim() !== "0";
  return request.headers["transfer-encoding"] !== undefined;
}

/**
 * Returns the declared Content-Length in bytes, or null when absent. Node's
 * parser has already rejected values that are not a decimal number.
 */
export function declaredContentLength(request: IncomingMessage): number | null {
  const length = request.headers["content-length"];
  if (length === undefined) return null;
  const bytes = Number(length.trim());
  return Number.isFinite(bytes) ? bytes : null;
}

function requestPath(url: string | undefined): string {
  const path = (url ?? "/").split(/[?#]/, 1)[0] ?? "/";
  return path.slice(0, MAX_PATH_LENGTH);
}

/** Strips the IPv4-mapped IPv6 prefix so that one client has one key. */
function normalizeAddress(address: string | undefined): string | null {
  if (address === undefined) return null;
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
