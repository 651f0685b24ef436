import type { IncomingMessage, ServerResponse } from "node:http";

import type { DeliveryReceipt } from "../ingest/delivery";
import type { AuthFailureLimiter } from "./auth-failure-limiter";
import { authChallenge, checkAuthorization } from "./authorization";
import { decodeContentEncoding } from "./content-encoding";
import { parseJsonBody } from "./json-body";
import { sendError, sendJson } from "./json-response";
import { readRequestBody } from "./request-body";
import {
  declaredContentLength,
  hasRequestBody,
  type RequestInfo,
} from "./request-info";
import { SIGNATURE_HEADER, verifyHmacSha256 } from "./signature";
import type {
  AuthConfig,
  WebhookLimits,
  WebhookServerOptions,
} from "./webhook-config";

/** What the webhook route needs from the server. */
export interface WebhookContext {
  options: WebhookServerOptions;
  /** Reads the auth config for one request. */
  getAuth(): AuthConfig;
  limits: WebhookLimits;
  limiter: AuthFailureLimiter;
}

/** A request answered with an error instead of being stored. */
interface Rejection {
  statusCode: number;
  error: string;
  details: string[];
  headers?: Record<string, string>;
  /** Closes the connection so that an unread body is not read. */
  close?: boolean;
  /**
   * Stores the request with `ingestor.recordRejected`. The body is stored
   * only once the sender has authenticated. Unset means the request is only
   * logged.
   */
  record?: { body: Buffer | null };
  /** Log level of the rejection; warn unless set. */
  logLevel?: "info" | "warn";
}

/** Sent with 401s for a bad signature when auth is off, as RFC 9110 requires a challenge. */
const SIGNATURE_CHALLENGE = 'X-T5-Signature realm="Locum Lead Inbox"';

/**
 * Handles POST /webhook: checks pause state, rate limit, credentials, body
 * size, encoding, signature and JSON, then answers only after the ingestor
 * has committed the delivery.
 */
export async function handleWebhookPost(
  request: IncomingMessage,
  response: ServerResponse,
  context: WebhookContext,
  info: RequestInfo,
  expectsContinue: boolean,
): Promise<void> {
  const { options, limits } = context;
  const unreadBody = hasRequestBody(request);
  const retryAfter = { "Retry-After": String(limits.retryAfterSeconds) };

  if (!options.isReceiving()) {
    return reject(response, context, info, {
      statusCode: 503,
      error: "receiving is paused",
      details: ["the recruiter paused this inbox; retry later"],
      headers: retryAfter,
      close: unreadBody,
      logLevel: "info",
    });
  }

  const limitedFor = context.limiter.retryAfterSeconds(info.remoteAddress);
  if (limitedFor !== null) {
    // The limiter counts and logs these, so no log line per request here.
    sendError(
      response,
      429,
      {
        error: "too many failed authentication attempts",
        details: [`retry after ${limitedFor} s`],
      },
      { headers: { "Retry-After": String(limitedFor) }, close: unreadBody },
    );
    return;
  }

  const auth = context.getAuth();
  const authCheck = checkAuthorization(request.headers.authorization, auth);
  if (!authCheck.ok) {
    context.limiter.recordFailure(info.remoteAddress);
    notifyAuthFailure(context, info, authCheck.reason);
    return reject(response, context, info, {
      statusCode: 401,
      error: "authentication failed",
      details: [authCheck.reason],
      headers: {
        "WWW-Authenticate": authChallenge(auth) ?? SIGNATURE_CHALLENGE,
      },
      close: unreadBody,
      record: { body: null },
    });
  }

  const declaredBytes = declaredContentLength(request);
  if (declaredBytes !== null && declaredBytes > limits.maxBodyBytes) {
    return reject(
      response,
      context,
      info,
      tooLarge(
        `Content-Length ${declaredBytes} exceeds the limit of ${limits.maxBodyBytes} bytes`,
      ),
    );
  }

  if (expectsContinue) response.writeContinue();
  const read = await readRequestBody(request, {
    maxBytes: limits.maxBodyBytes,
    timeoutMs: limits.bodyTimeoutMs,
  });
  switch (read.kind) {
    case "too-large":
      return reject(
        response,
        context,
        info,
        tooLarge(`the body exceeds the limit of ${limits.maxBodyBytes} bytes`),
      );
    case "timed-out":
      return reject(response, context, info, {
        statusCode: 408,
        error: "request body timed out",
        details: [
          `received ${read.receivedBytes} bytes in ${limits.bodyTimeoutMs} ms ` +
            "without the end of the body; send the whole body at once",
        ],
        close: true,
        record: { body: null },
      });
    case "aborted":
      info.log.info(
        { receivedBytes: read.receivedBytes, err: read.error },
        "client closed the connection before the body ended; nothing stored",
      );
      response.destroy();
      return;
    case "complete":
      break;
  }

  const contentEncoding = request.headers["content-encoding"];
  const decoded = await decodeContentEncoding(
    read.body,
    contentEncoding,
    limits.maxBodyBytes,
  );
  switch (decoded.kind) {
    case "unsupported":
      return reject(response, context, info, {
        statusCode: 415,
        error: "unsupported Content-Encoding",
        details: [
          `Content-Encoding "${decoded.encoding}" is not supported; ` +
            "send the body uncompressed, gzip or deflate",
        ],
        record: { body: read.body },
      });
    case "too-large":
      return reject(
        response,
        context,
        info,
        tooLarge(
          `the decompressed body exceeds the limit of ${limits.maxBodyBytes} bytes`,
        ),
      );
    case "corrupt":
      return reject(response, context, info, {
        statusCode: 400,
        error: "request body could not be decompressed",
        details: [`invalid ${decoded.encoding} data: ${decoded.message}`],
        record: { body: read.body },
      });
    case "decoded":
      break;
  }

  const signature = headerValue(request.headers[SIGNATURE_HEADER]);
  const signatureConfig = context.options.getSignature();
  if (signatureConfig.enabled) {
    if (signatureConfig.secret === "") {
      info.log.error(
        "signature check is on but no secret is configured; set one in Settings or turn the check off",
      );
      return reject(response, context, info, {
        statusCode: 503,
        error: "receiver misconfigured",
        details: ["signature check is on but no secret is configured"],
        headers: retryAfter,
        record: { body: decoded.body },
      });
    }

    const check = verifyHmacSha256(
      decoded.body,
      signature,
      signatureConfig.secret,
    );
    if (!check.valid) {
      notifyAuthFailure(context, info, check.reason);
      return reject(response, context, info, {
        statusCode: 401,
        error: "signature check failed",
        details: [check.reason],
        headers: {
          "WWW-Authenticate": authChallenge(auth) ?? SIGNATURE_CHALLENGE,
        },
        record: { body: decoded.body },
      });
    }
  }

  const parsed = parseJsonBody(decoded.body);
  if (!parsed.ok) {
    return reject(response, context, info, {
      statusCode: 400,
      error: parsed.error,
      details: parsed.details,
      record: { body: decoded.body },
    });
  }

  let receipt: DeliveryReceipt;
  try {
    receipt = await options.ingestor.ingest({
      receivedAt: info.receivedAt,
      remoteAddress: info.remoteAddress,
      method: info.method,
      path: info.path,
      headers: info.headers,
      body: parsed.body,
      json: parsed.json,
      signature,
      signatureValid: signatureConfig.enabled ? true : null,
      startedAt: info.startedAt,
    });
  } catch (error) {
    info.log.error(
      { err: error },
      "storing the delivery failed; answered 503 so that LJO retries",
    );
    sendError(
      response,
      503,
      {
        error: "delivery could not be stored",
        details: ["the receiver could not save the request; retry later"],
      },
      { headers: retryAfter },
    );
    return;
  }

  sendReceipt(response, info, receipt);
}

function sendReceipt(
  response: ServerResponse,
  info: RequestInfo,
  receipt: DeliveryReceipt,
): void {
  info.log.info(
    {
      deliveryId: receipt.deliveryId,
      status: receipt.status,
      statusCode: receipt.statusCode,
      event: receipt.event,
      candidateId: receipt.candidateId,
      leadEventId: receipt.leadEventId,
      latencyMs: elapsedMs(info.startedAt),
    },
    "stored webhook delivery",
  );
  sendJson(response, receipt.statusCode, {
    status: receipt.status,
    deliveryId: receipt.deliveryId,
    candidateId: receipt.candidateId,
    warnings: receipt.warnings,
    ...(receipt.reason === null ? {} : { reason: receipt.reason }),
  });
}

async function reject(
  response: ServerResponse,
  context: WebhookContext,
  info: RequestInfo,
  rejection: Rejection,
): Promise<void> {
  info.log[rejection.logLevel ?? "warn"](
    {
      statusCode: rejection.statusCode,
      error: rejection.error,
      details: rejection.details,
      method: info.method,
      path: info.path,
    },
    "rejected webhook request",
  );

  if (rejection.record !== undefined) {
    try {
      await context.options.ingestor.recordRejected({
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
        "recording a rejected request failed; the answer is sent anyway",
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

function tooLarge(detail: string): Rejection {
  return {
    statusCode: 413,
    error: "request body too large",
    details: [detail],
    close: true,
    record: { body: null },
  };
}

function notifyAuthFailure(
  context: WebhookContext,
  info: RequestInfo,
  reason: string,
): void {
  try {
    context.options.onAuthFailure?.({
      remoteAddress: info.remoteAddress,
      reason,
    });
  } catch (error) {
    info.log.error({ err: error }, "onAuthFailure callback threw");
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function elapsedMs(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e6;
}
