import type { Logger } from "../log/logger";
import type { DeliveryIngestor } from "../ingest/delivery";

/** Credentials that LJO must send in the Authorization header. */
export type AuthConfig =
  | { type: "bearer"; token: string }
  | { type: "basic"; user: string; password: string }
  | { type: "none" };

/**
 * Settings of the X-T5-Signature check. LJO does not document the
 * signature scheme, so HMAC-SHA256 over the decoded body is the only one so far.
 */
export type SignatureConfig =
  { enabled: false } | { enabled: true; scheme: "hmac-sha256"; secret: string };

/** A request whose credentials or signature were wrong or missing. */
export interface AuthFailure {
  remoteAddress: string | null;
  reason: string;
}

export interface WebhookServerOptions {
  ingestor: DeliveryIngestor;
  /** Read on every request, so that a credential change applies at once. */
  getAuth(): AuthConfig;
  /** Read on every request, like `getAuth`. */
  getSignature(): SignatureConfig;
  /** False while the user has paused receiving; requests then get 503. */
  isReceiving(): boolean;
  logger: Logger;
  /** Called once per failed credential or signature check. */
  onAuthFailure?: (failure: AuthFailure) => void;
  /** Maximum body size in bytes, before and after decompression. */
  maxBodyBytes?: number;
  /** Time allowed to receive the whole body once the headers arrived, in ms. */
  bodyTimeoutMs?: number;
  /** Time allowed to receive the request headers, in ms. */
  headersTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms. */
  keepAliveTimeoutMs?: number;
  /** How long `close()` waits for requests in flight before dropping them, in ms. */
  closeTimeoutMs?: number;
  /** Failed auth checks per remote address that trigger 429 responses. */
  authFailureLimit?: number;
  /** Window in which `authFailureLimit` failures are counted, in ms. */
  authFailureWindowMs?: number;
  /** Retry-After value sent with 429 and 503 responses, in seconds. */
  retryAfterSeconds?: number;
  /** Clock in ms since the epoch; tests pass a fixed one. */
  now?: () => number;
}

export type WebhookLimits = Required<
  Pick<
    WebhookServerOptions,
    | "maxBodyBytes"
    | "bodyTimeoutMs"
    | "headersTimeoutMs"
    | "keepAliveTimeoutMs"
    | "closeTimeoutMs"
    | "authFailureLimit"
    | "authFailureWindowMs"
    | "retryAfterSeconds"
  >
>;

export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = {
  maxBodyBytes: 5 * 1024 * 1024,
  // LJO's webhook documentation expects a response within 30 seconds, so
  // a body that takes longer comes from a stalled or hostile sender.
  bodyTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  closeTimeoutMs: 10_000,
  authFailureLimit: 10,
  authFailureWindowMs: 60_000,
  // LJO retries on its own schedule (1 min, 5 min, 1 h, ...); the header is
  // for other senders and for people testing with curl.
  retryAfterSeconds: 60,
};

/** Fills unset limits with the defaults and rejects values that make no sense. */
export function resolveWebhookLimits(
  options: WebhookServerOptions,
): WebhookLimits {
  const limits: WebhookLimits = { ...DEFAULT_WEBHOOK_LIMITS };
  for (const key of Object.keys(limits) as (keyof WebhookLimits)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(
        `Webhook server option ${key} must be a positive number, got ${String(value)}.`,
      );
    }
    limits[key] = value;
  }
  return limits;
}
