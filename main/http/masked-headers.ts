import type { IncomingHttpHeaders } from "node:http";

/** Headers whose values are credentials and never stored. */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization"]);
const COOKIE_HEADERS = new Set(["cookie"]);
const MASK = "****";

/**
 * Flattens request headers for storage with credentials masked. An
 * Authorization value keeps its scheme word ("Bearer ****") so that a
 * recruiter can see which scheme LJO used. X-T5-Signature is kept: it is
 * derived from the body, not a secret.
 */
export function maskHeaders(
  headers: IncomingHttpHeaders,
): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    masked[name] = maskValue(name, text);
  }
  return masked;
}

function maskValue(name: string, value: string): string {
  if (COOKIE_HEADERS.has(name)) return MASK;
  if (!CREDENTIAL_HEADERS.has(name)) return value;

  const scheme = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]+\S/.exec(value.trim());
  return scheme?.[1] === undefined ? MASK : `${scheme[1]} ${MASK}`;
}
