import type { IncomingMessage, ServerResponse } from "node:http";

import type { DeliveryReceipt } from "../ingest/delivery";
import type { AuthFailureLimiter } from "./auth-failure-limiter";
import { authChallenge, checkAuthorization } from "./authorization";
import { parseJsonBody } from "./json-body";
import { sendError, sendJson } from "./json-response";
import { hasRequestBody, type RequestInfo } from "./request-info";
import { SIGNATURE_HEADER, verifyHmacSha256 } from "./signature";
import type {
  AuthConfig,
  WebhookLimits,
  WebhookServerOptions,
} from "./webhook-config";
import { receiveBody } from "./webhook-body";
import {
  sendRejection,
  rejected,
  type Checked,
  type Rejection,
} from "./webhook-rejection";

/** Server state and settings used by the webhook route. */
export interface WebhookContext {
  options: WebhookServerOptions;
  /** Reads the auth config for one request. */
  getAuth(): AuthConfig;
  limits: WebhookLimits;
  limiter: AuthFailureLimiter;
}

/**
 * Sent with a 401 for a bad signature when auth is off, because RFC 9110
 * requires every 401 to carry a challenge.
 */
const SIGNATURE_CHALLENGE = 'X-T5-Signature realm="Locum Lead Inbox"';

/**
 * Handles POST /webhook: checks pause state, rate limit, credentials, body
 * size, encoding, signature and JSON, then responds only after the ingestor
 * has committed the delivery.
 */
export async function handleWebhookPost(
  request: IncomingMessage,
  response: ServerResponse,
  context: WebhookContext,
  info: RequestInfo,
  expectsContinue: boolean,
): Promise<void> {
  const ingestor = context.options.ingestor;

  const access = checkAccess(request, context, info);
  if (!access.ok) {
    return sendRejection(response, ingestor, info, access.rejection);
  }

  const body = await receiveBody(
    request,
    response,
    context.limits,
    info,
    expectsContinue,
  );
  if (body === null) return;
  if (!body.ok) return sendRejection(response, ingestor, info, body.rejection);
  const decoded = body.value.decoded;

  const signature = headerValue(request.headers[SIGNATURE_HEADER]);
  const signatureCheck = checkSignature(
    decoded,
    signature,
    access.value,
    context,
    info,
  );
  if (!signatureCheck.ok) {
    return sendRejection(response, ingestor, info, signatureCheck.rejection);
  }

  const parsed = parseJsonBody(decoded);
  if (!parsed.ok) {
    return sendRejection(response, ingestor, info, {
      statusCode: 400,
      error: parsed.error,
      details: parsed.details,
      logDetails: parsed.logDetails,
      record: { body: decoded },
    });
  }

  let receipt: DeliveryReceipt;
  try {
    receipt = await ingestor.ingest({
      receivedAt: info.receivedAt,
      remoteAddress: info.remoteAddress,
      method: info.method,
      path: info.path,
      headers: info.headers,
      body: parsed.body,
      json: parsed.json,
      signature,
      signatureValid: signatureCheck.value,
      startedAt: info.startedAt,
    });
  } catch (error) {
    info.log.error(
      { err: error },
      "storing the delivery failed; responded 503 so that LJO retries",
    );
    sendError(
      response,
      503,
      {
        error: "delivery could not be stored",
        details: ["the receiver could not save the request; retry later"],
      },
      { headers: retryAfter(context.limits.retryAfterSeconds) },
    );
    return;
  }

  sendReceipt(response, info, receipt);
}

/**
 * Checks pause state, then the credentials, then (for failed ones) the
 * failed-auth rate limit, before any of the body is read. Returns the auth
 * config used.
 */
function checkAccess(
  request: IncomingMessage,
  context: WebhookContext,
  info: RequestInfo,
): Checked<AuthConfig> {
  const unreadBody = hasRequestBody(request);

  if (!context.options.isReceiving()) {
    return rejected({
      statusCode: 503,
      error: "receiving is paused",
      details: ["the recruiter paused this inbox; retry later"],
      headers: retryAfter(context.limits.retryAfterSeconds),
      close: unreadBody,
      logLevel: "info",
    });
  }

  const auth = context.getAuth();
  const check = checkAuthorization(request.headers.authorization, auth);
  if (check.ok) return { ok: true, value: auth };

  // Valid credentials always pass, even from a limited address: behind the
  // tunnel every sender shares 127.0.0.1, and a stranger's failures must not
  // lock LJO out. Only failed attempts are slowed down.
  const limitedFor = context.limiter.retryAfterSeconds(info.remoteAddress);
  if (limitedFor !== null) {
    // The limiter logs when the limit starts and a count when it ends.
    return rejected({
      statusCode: 429,
      error: "too many failed authentication attempts",
      details: [`retry after ${limitedFor} s`],
      headers: retryAfter(limitedFor),
      close: unreadBody,
      logLevel: "debug",
    });
  }

  context.limiter.recordFailure(info.remoteAddress);
  notifyAuthFailure(context, info, check.reason);
  return rejected({
    statusCode: 401,
    error: "authentication failed",
    details: [check.reason],
    headers: {
      "WWW-Authenticate": authChallenge(auth) ?? SIGNATURE_CHALLENGE,
    },
    close: unreadBody,
    record: { body: null },
  });
}

/**
 * Checks X-T5-Signature when the check is on. Returns the value for the
 * delivery's signatureValid: true when checked, null when the check is off.
 * Rejections keep the body, because the sender already authenticated.
 */
function checkSignature(
  body: Buffer,
  signature: string | null,
  auth: AuthConfig,
  context: WebhookContext,
  info: RequestInfo,
): Checked<true | null> {
  const config = context.options.getSignature();
  if (!config.enabled) return { ok: true, value: null };

  if (config.secret === "") {
    const rejection: Rejection = {
      statusCode: 503,
      error: "receiver misconfigured",
      details: ["signature check is on but no secret is configured"],
      headers: retryAfter(context.limits.retryAfterSeconds),
      record: { body },
    };
    info.log.error(
      "signature check is on but no secret is configured; " +
        "set one in Settings or turn the check off",
    );
    return rejected(rejection);
  }

  const check = verifyHmacSha256(body, signature, config.secret);
  if (!check.valid) {
    notifyAuthFailure(context, info, check.reason);
    return rejected({
      statusCode: 401,
      error: "signature check failed",
      details: [check.reason],
      headers: {
        "WWW-Authenticate": authChallenge(auth) ?? SIGNATURE_CHALLENGE,
      },
      record: { body },
    });
  }
  return { ok: true, value: true };
}

function sendReceipt(
  response: ServerResponse,
  info: RequestInfo,
  receipt: DeliveryReceipt,
): void {
  // Debug level: every delivery is in the deliveries table already, and a
  // synchronous log line per request costs throughput in a burst of retries.
  info.log.debug(
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

function retryAfter(seconds: number): Record<string, string> {
  return { "Retry-After": String(seconds) };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function elapsedMs(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e6;
}
