import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";

import { AuthFailureLimiter } from "./auth-failure-limiter";
import { markResponseSent, sendClientErrorResponse } from "./client-error";
import { sendError, sendJson } from "./json-response";
import {
  describeRequest,
  hasRequestBody,
  type RequestInfo,
} from "./request-info";
import {
  resolveWebhookLimits,
  type AuthConfig,
  type WebhookServerOptions,
} from "./webhook-config";
import { handleWebhookPost, type WebhookContext } from "./webhook-handler";
import { describeListenError } from "./listen-error";

export interface WebhookServer {
  readonly server: Server;
  /** Starts listening; port 0 takes a free port, which is returned. */
  listen(port: number, host?: string): Promise<{ port: number }>;
  /**
   * Stops accepting connections, lets requests in flight finish, then
   * resolves. After `closeTimeoutMs` the remaining connections are dropped,
   * and handlers still inside the ingestor get up to `closeTimeoutMs` more.
   */
  close(): Promise<void>;
}

const WEBHOOK_PATHS = new Set(["/webhook", "/webhook/"]);
const HEALTH_PATHS = new Set(["/health", "/health/"]);

/**
 * Time added to the headers and body timeouts for Node's own whole-request
 * timeout, so that the handler's 408 with a JSON body wins the race.
 */
const REQUEST_TIMEOUT_MARGIN_MS = 5_000;

/** Creates the LJO webhook listener on plain node:http. */
export function createWebhookServer(
  options: WebhookServerOptions,
): WebhookServer {
  const limits = resolveWebhookLimits(options);
  const logger = options.logger;
  const now = options.now ?? Date.now;
  const limiter = new AuthFailureLimiter({
    limit: limits.authFailureLimit,
    windowMs: limits.authFailureWindowMs,
    now,
    logger,
  });

  let lastAuthType: AuthConfig["type"] | null = null;
  const context: WebhookContext = {
    options,
    limits,
    limiter,
    getAuth() {
      const auth = options.getAuth();
      if (auth.type === "none" && lastAuthType !== "none") warnOpenEndpoint();
      lastAuthType = auth.type;
      return auth;
    },
  };
  const warnOpenEndpoint = (): void => {
    logger.warn(
      "webhook auth is off: anyone who knows the URL can post leads; " +
        "turn on Bearer or Basic auth in Settings",
    );
  };

  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout:
      limits.headersTimeoutMs +
      limits.bodyTimeoutMs +
      REQUEST_TIMEOUT_MARGIN_MS,
    // Node checks the two timeouts above on this interval (30 s by default),
    // which would let a stalled sender hold a socket far past them.
    connectionsCheckingInterval: Math.max(
      10,
      Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4)),
    ),
  });
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;

  let nextRequestId = 1;
  let closing = false;
  const inFlight = new Set<Promise<void>>();
  const pendingResponses = new Set<ServerResponse>();

  const onRequest = (
    request: IncomingMessage,
    response: ServerResponse,
    expectsContinue: boolean,
  ): void => {
    const info = describeRequest(request, nextRequestId++, now(), logger);
    request.on("error", (error) => {
      info.log.debug({ err: error }, "request stream failed");
    });
    response.on("error", (error) => {
      info.log.debug({ err: error }, "response stream failed");
    });

    pendingResponses.add(response);
    if (closing) response.setHeader("Connection", "close");
    const task = routeRequest(request, response, info, expectsContinue)
      .catch((error: unknown) => {
        info.log.error({ err: error }, "webhook request handler failed");
        sendError(response, 500, {
          error: "internal error",
          details: ["the receiver failed to handle the request; retry later"],
        });
      })
      .finally(() => {
        pendingResponses.delete(response);
        inFlight.delete(task);
      });
    inFlight.add(task);
  };

  const routeRequest = async (
    request: IncomingMessage,
    response: ServerResponse,
    info: RequestInfo,
    expectsContinue: boolean,
  ): Promise<void> => {
    const unreadBody = hasRequestBody(request);

    if (HEALTH_PATHS.has(info.path)) {
      if (info.method === "GET" || info.method === "HEAD") {
        sendJson(response, 200, { status: "ok" }, { close: unreadBody });
        return;
      }
      rejectRoute(response, info, 405, "GET, HEAD", unreadBody);
      return;
    }

    if (!WEBHOOK_PATHS.has(info.path)) {
      rejectRoute(response, info, 404, null, unreadBody);
      return;
    }
    if (info.method !== "POST") {
      rejectRoute(response, info, 405, "POST", unreadBody);
      return;
    }

    if (closing) {
      info.log.info("rejected webhook request: the listener is stopping");
      sendError(
        response,
        503,
        { error: "receiver is stopping", details: ["retry later"] },
        {
          headers: { "Retry-After": String(limits.retryAfterSeconds) },
          close: true,
        },
      );
      return;
    }
    await handleWebhookPost(request, response, context, info, expectsContinue);
  };

  server.on("request", (request, response) => {
    response.once("finish", () => markResponseSent(request.socket));
    onRequest(request, response, false);
  });
  // Handling Expect: 100-continue here lets the handler check credentials
  // and Content-Length before the client sends the body.
  server.on("checkContinue", (request, response) => {
    response.once("finish", () => markResponseSent(request.socket));
    onRequest(request, response, true);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    sendClientErrorResponse(error, socket as Socket, logger);
  });
  server.on("error", (error) => {
    logger.error({ err: error }, "webhook listener failed");
  });

  let closePromise: Promise<void> | null = null;

  return {
    server,

    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        const onError = (error: Error): void => {
          reject(
            describeListenError(
              "The webhook listener",
              host,
              port,
              "--port",
              error,
            ),
          );
        };
        server.once("error", onError);
        server.listen(port, host, () => {
          server.off("error", onError);
          const address = server.address();
          const boundPort =
            typeof address === "object" && address !== null
              ? address.port
              : port;
          const auth = options.getAuth();
          logger.debug(
            {
              host,
              port: boundPort,
              authType: auth.type,
              signatureCheck: options.getSignature().enabled,
            },
            "webhook listener started",
          );
          lastAuthType = auth.type;
          if (auth.type === "none") warnOpenEndpoint();
          resolve({ port: boundPort });
        });
      });
    },

    close() {
      closePromise ??= closeServer();
      return closePromise;
    },
  };

  async function closeServer(): Promise<void> {
    closing = true;
    logger.info({ inFlight: inFlight.size }, "webhook listener stopping");
    for (const response of pendingResponses) {
      if (!response.headersSent) response.setHeader("Connection", "close");
    }

    const closed = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    server.closeIdleConnections();

    const drained = Promise.all([closed, Promise.allSettled([...inFlight])]);
    if (!(await settlesWithin(drained, limits.closeTimeoutMs))) {
      logger.warn(
        { inFlight: inFlight.size, closeTimeoutMs: limits.closeTimeoutMs },
        "requests still in flight when the close timeout passed; dropping their connections",
      );
      server.closeAllConnections();
      await closed;

      // A handler whose socket was dropped may still be inside the
      // ingestor, and the caller closes the store once this resolves.
      await settlesWithin(
        Promise.allSettled([...inFlight]),
        limits.closeTimeoutMs,
      );
    }

    limiter.flushSummaries();
    logger.info({ abandoned: inFlight.size }, "webhook listener stopped");
  }

  function rejectRoute(
    response: ServerResponse,
    info: RequestInfo,
    statusCode: 404 | 405,
    allow: string | null,
    close: boolean,
  ): void {
    info.log.info(
      { statusCode, method: info.method, path: info.path },
      "rejected request to an unknown route or with the wrong method",
    );
    const details =
      statusCode === 404
        ? [`no route for ${info.path}; LJO posts to /webhook`]
        : [`${info.method} is not allowed on ${info.path}; use ${allow ?? ""}`];
    sendError(
      response,
      statusCode,
      {
        error: statusCode === 404 ? "not found" : "method not allowed",
        details,
      },
      { headers: allow === null ? {} : { Allow: allow }, close },
    );
  }
}

/** Waits at most `timeoutMs` for `promise` and returns whether it settled. */
async function settlesWithin(
  promise: Promise<unknown>,
  timeoutMs: number,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
