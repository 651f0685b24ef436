import { randomBytes } from "node:crypto";

import { secretsEqual } from "../http/secret-compare";

/** Returns a new random token for the inbox UI: 32 bytes, base64url. */
export function generateUiToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Compares a received token with the expected one in constant time. */
export function uiTokenMatches(
  received: string | null | undefined,
  expected: string,
): boolean {
  if (received === null || received === undefined || received === "") {
    return false;
  }
  return secretsEqual(Buffer.from(received), Buffer.from(expected));
}

/** Returns the token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
