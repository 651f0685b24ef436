import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

import {
  API_METHODS,
  type ApiErrorCode,
  type ApiMethodName,
} from "../../shared/contract";
import type { ApiHandlers } from "../app/app-types";
import type { Logger } from "../log/logger";
import { EventStreams, type AdminPush } from "./event-stream";
import { readJsonBody } from "./request-json";
import { isLoopbackHost, isSameOrigin } from "./request-origin";
import {
  sendJson,
  sendJsonError,
  setSecurityHeaders,
} from "./security-headers";
import { serveStaticFile } from "./static-files";
import { bearerToken, uiTokenMatches } from "./ui-token";
import { describeListenError } from "../http/listen-error";

export { generateUiToken } from "./ui-token";
export type { AdminPush } from "./event-stream";

/** The admin server binds to loopback only, so other machines cannot connect to it. */
const ADMIN_HOST = "127.0.0.1";

const DOWNLOAD_PATH = /^\/api\/exports\/(\d+)\/(\d+)$/;

/** HTTP status of a failed download, the one route that maps API errors to statuses. */
const HTTP_STATUS_BY_ERROR: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

export interface AdminServerOptions {
  handlers: ApiHandlers;
  /** The built inbox UI (dist/renderer). */
  staticDir: string;
  /** Required on every /api request; see generateUiToken. */
  token: string;
  logger: Logger;
  /** Registers the listener for new leads and status changes; returns the unsubscribe function. */
  subscribe(listener: (push: AdminPush) => void): () => void;
  /** Interval of the event stream's comment heartbeat; 25 s unless a test sets it. */
  heartbeatMs?: number;
}

export interface AdminServer {
  /** Starts listening on 127.0.0.1; port 0 takes a free port. */
  listen(port: number): Promise<{ port: number }>;
  close(): Promise<void>;
}

/**
 * Creates the HTTP server of the inbox UI in headless mode: the contract's
 * methods as `POST /api/<method>` (Bearer token), server-sent events at
 * `GET /api/events?token=`, export downloads at
 * `GET /api/exports/<id>/<fileIndex>?token=`, and the built UI for every
 * other path.
 */
export function createAdminServer(options: AdminServerOptions): AdminServer {
  const { logger } = options;
  const streams = new EventStreams(logger, options.heartbeatMs);
  let port = 0;
  let unsubscribe: (() => void) | null = null;

  const server: Server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      logger.error(
        { err: error, path: pathOf(request) },
        "Admin request failed",
      );
      if (!response.headersSent) {
        sendJsonError(
          response,
          500,
          "The admin server failed to handle the request. The app log has the details.",
        );
      } else {
        response.destroy();
      }
    });
  });
  // Loopback only, but a stalled client should not hold a socket for
  // Node's default of five minutes.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  async function handleRequest(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    setSecurityHeaders(response);
    const host = request.headers.host;
    if (!isLoopbackHost(host, port)) {
      reject(
        request,
        response,
        421,
        "host not loopback",
        `The Host header must be 127.0.0.1:${port}, localhost:${port} or [::1]:${port}. Open the inbox through one of those addresses.`,
      );
      return;
    }

    const url = new URL(request.url ?? "/", `http://${host}`);
    if (url.pathname !== "/api" && !url.pathname.startsWith("/api/")) {
      await serveStaticFile(
        request,
        response,
        url.pathname,
        options.staticDir,
        logger,
      );
      return;
    }

    response.setHeader("Cache-Control", "no-store");
    if (request.method === "POST") {
      await handleApiCall(request, response, url.pathname);
    } else if (request.method === "GET") {
      await handleApiGet(request, response, url);
    } else {
      response.setHeader("Allow", "GET, POST");
      reject(
        request,
        response,
        405,
        "method not allowed",
        `${request.method} is not allowed on ${url.pathname}; use POST for API methods.`,
      );
    }
  }

  async function handleApiCall(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
  ): Promise<void> {
    if (!isSameOrigin(request.headers.origin, request.headers.host)) {
      reject(
        request,
        response,
        403,
        "cross-origin",
        "Cross-origin requests are not allowed. Use the inbox page served by this app.",
      );
      return;
    }
    if (
      !uiTokenMatches(bearerToken(request.headers.authorization), options.token)
    ) {
      rejectUnauthorized(request, response);
      return;
    }

    const method = pathname.slice("/api/".length);
    if (!Object.hasOwn(API_METHODS, method)) {
      reject(
        request,
        response,
        404,
        "unknown method",
        `Unknown API method "${method}". The methods are: ${Object.keys(API_METHODS).join(", ")}.`,
      );
      return;
    }

    const body = await readJsonBody(request);
    if (body.kind === "too-large") {
      response.setHeader("Connection", "close");
      reject(
        request,
        response,
        413,
        "body too large",
        "The request body is larger than 6 MB. Split the import into smaller files.",
      );
      return;
    }
    if (body.kind === "invalid") {
      reject(request, response, 400, "invalid JSON", body.message);
      return;
    }

    const handler = options.handlers[method as ApiMethodName];
    sendJson(response, 200, await handler(body.value));
  }

  async function handleApiGet(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const download = DOWNLOAD_PATH.exec(url.pathname);
    if (url.pathname !== "/api/events" && !download) {
      reject(
        request,
        response,
        404,
        "unknown path",
        `No API resource at ${url.pathname}. API methods take POST.`,
      );
      return;
    }
    if (!uiTokenMatches(url.searchParams.get("token"), options.token)) {
      rejectUnauthorized(request, response);
      return;
    }

    if (download) {
      await sendExportFile(response, Number(download[1]), Number(download[2]));
      return;
    }
    const status = await options.handlers.getStatus({});
    streams.open(request, response, status.ok ? status.value : null);
  }

  async function sendExportFile(
    response: ServerResponse,
    id: number,
    fileIndex: number,
  ): Promise<void> {
    const result = await options.handlers.downloadExport({ id, fileIndex });
    if (!result.ok) {
      sendJsonError(
        response,
        HTTP_STATUS_BY_ERROR[result.error.code],
        result.error.message,
      );
      return;
    }
    const { fileName, content } = result.value;
    response.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Length": Buffer.byteLength(content),
      "Content-Disposition": attachmentDisposition(fileName),
    });
    response.end(content);
  }

  function reject(
    request: IncomingMessage,
    response: ServerResponse,
    statusCode: number,
    reason: string,
    message: string,
  ): void {
    logger.warn(
      { reason, method: request.method, path: pathOf(request), statusCode },
      "Admin request rejected",
    );
    sendJsonError(response, statusCode, message);
  }

  function rejectUnauthorized(
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    response.setHeader("WWW-Authenticate", 'Bearer realm="Locum Lead Inbox"');
    reject(
      request,
      response,
      401,
      "missing or wrong token",
      "Missing or wrong UI token. Open the inbox with the link the app printed when it started.",
    );
  }

  return {
    listen(requestedPort) {
      return new Promise((resolvePromise, rejectPromise) => {
        const onError = (error: Error) => {
          rejectPromise(
            describeListenError(
              "The inbox UI",
              ADMIN_HOST,
              requestedPort,
              "--ui-port",
              error,
            ),
          );
        };
        server.once("error", onError);
        server.listen({ host: ADMIN_HOST, port: requestedPort }, () => {
          server.off("error", onError);
          port = (server.address() as AddressInfo).port;
          unsubscribe = options.subscribe((push) => streams.push(push));
          logger.info({ port }, "Admin server listening on 127.0.0.1");
          resolvePromise({ port });
        });
      });
    },

    close() {
      unsubscribe?.();
      unsubscribe = null;
      streams.closeAll();
      return new Promise((resolvePromise, rejectPromise) => {
        server.close((error) => {
          if (
            error &&
            (error as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING"
          ) {
            rejectPromise(error);
            return;
          }
          logger.info({ port }, "Admin server stopped");
          resolvePromise();
        });
        server.closeAllConnections();
      });
    },
  };
}

/** Returns the request path without the query string, which may carry the token. */
function pathOf(request: IncomingMessage): string {
  return (request.url ?? "/").split("?")[0] ?? "/";
}

/** Builds an attachment header with an ASCII fallback name and the UTF-8 name (RFC 6266). */
function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
