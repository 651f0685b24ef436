import { isUtf8 } from "node:buffer";

import type { AuthConfig } from "./webhook-config";
import { secretsEqual } from "./secret-compare";

export type AuthCheck = { ok: true } | { ok: false; reason: string };

const REALM = "Locum Lead Inbox";

/** A scheme word as RFC 9110 defines a token, followed by the credentials. */
const SCHEME_AND_CREDENTIALS = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]+(.*)$/s;

/** Standard base64 as RFC 7617 requires for Basic, padding optional. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Maximum length of a received scheme word echoed in a reason. */
const MAX_ECHOED_SCHEME = 20;

/** Returns the WWW-Authenticate value for a 401, or null when auth is off. */
export function authChallenge(config: AuthConfig): string | null {
  switch (config.type) {
    case "bearer":
      return `Bearer realm="${REALM}"`;
    case "basic":
      return `Basic realm="${REALM}", charset="UTF-8"`;
    case "none":
      return null;
  }
}

/**
 * Checks an Authorization header against the configured credentials. The
 * scheme word is case-insensitive. Every secret is compared in constant time.
 * The reason of a failure names what was wrong with the header, never which
 * part of a Basic pair did not match.
 */
export function checkAuthorization(
  header: string | undefined,
  config: AuthConfig,
): AuthCheck {
  if (config.type === "none") return { ok: true };

  const expectedScheme = config.type === "bearer" ? "Bearer" : "Basic";
  const expectedForm =
    config.type === "bearer"
      ? '"Bearer <token>"'
      : '"Basic <base64 user:password>"';
  if (header === undefined || header.trim() === "") {
    return {
      ok: false,
      reason: `missing Authorization header; expected ${expectedForm}`,
    };
  }

  const match = SCHEME_AND_CREDENTIALS.exec(header.trim());
  const scheme = match?.[1];
  const credentials = match?.[2]?.trim() ?? "";
  if (scheme === undefined || credentials === "") {
    return {
      ok: false,
      reason: `malformed Authorization header; expected ${expectedForm}`,
    };
  }
  if (scheme.toLowerCase() !== expectedScheme.toLowerCase()) {
    const echoed = scheme.slice(0, MAX_ECHOED_SCHEME);
    return {
      ok: false,
      reason: `Authorization scheme "${echoed}" is not accepted; expected ${expectedForm}`,
    };
  }

  if (config.type === "bearer") return checkBearer(credentials, config.token);
  return checkBasic(credentials, config.user, config.password);
}

function checkBearer(credentials: string, token: string): AuthCheck {
  if (token === "") {
    return {
      ok: false,
      reason: "no bearer token is configured on the receiver",
    };
  }

  // Node decodes header bytes as latin1, so this recovers the bytes as sent.
  const received = Buffer.from(credentials, "latin1");
  if (!secretsEqual(received, Buffer.from(token, "utf8"))) {
    return { ok: false, reason: "invalid bearer token" };
  }
  return { ok: true };
}

function checkBasic(
  credentials: string,
  user: string,
  password: string,
): AuthCheck {
  if (user === "" || password === "") {
    return {
      ok: false,
      reason: "no Basic user name and password are configured on the receiver",
    };
  }

  const padded = credentials.includes("=");
  if (
    !BASE64.test(credentials) ||
    (padded && credentials.length % 4 !== 0) ||
    credentials.length % 4 === 1
  ) {
    return { ok: false, reason: "Basic credentials are not valid base64" };
  }

  const decoded = Buffer.from(credentials, "base64");
  if (!isUtf8(decoded)) {
    return { ok: false, reason: "Basic credentials are not valid UTF-8" };
  }

  // The user name cannot contain a colon, but the password can (RFC 7617).
  const text = decoded.toString("utf8");
  const colon = text.indexOf(":");
  if (colon === -1) {
    return {
      ok: false,
      reason:
        "Basic credentials contain no colon between user name and password",
    };
  }

  const userMatches = secretsEqual(
    encodeNormalized(text.slice(0, colon)),
    encodeNormalized(user),
  );
  const passwordMatches = secretsEqual(
    encodeNormalized(text.slice(colon + 1)),
    encodeNormalized(password),
  );
  if (!(userMatches && passwordMatches)) {
    return { ok: false, reason: "invalid Basic user name or password" };
  }
  return { ok: true };
}

/** NFC first, so that "é" typed as one or two code points compares equal. */
function encodeNormalized(value: string): Buffer {
  return Buffer.from(value.normalize("NFC"), "utf8");
}
