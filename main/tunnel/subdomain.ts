import { randomInt } from "node:crypto";

/**
 * Subdomains that the localtunnel server accepts, copied from its request
 * handler (localtunnel/server, server.js): lowercase letters and digits, with
 * inner hyphens allowed from 6 characters on.
 */
export const SUBDOMAIN_PATTERN =
  /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

/** A DNS label has at most 63 characters (RFC 1035), but the pattern allows 65. */
const MAX_LABEL_LENGTH = 63;

/** 26 characters of a 36-letter alphabet carry about 134 bits. */
export const GENERATED_SUBDOMAIN_LENGTH = 26;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Generates an unguessable subdomain from the system's secure random source.
 * The caller generates it once per install and stores it, so that the public
 * URL given to LJO stays the same across restarts.
 */
export function generateSubdomain(): string {
  let subdomain = "";
  for (let i = 0; i < GENERATED_SUBDOMAIN_LENGTH; i++) {
    subdomain += ALPHABET[randomInt(ALPHABET.length)];
  }
  return subdomain;
}

/** Checks the server's pattern and the DNS limit of 63 characters. */
export function isValidSubdomain(value: string): boolean {
  return value.length <= MAX_LABEL_LENGTH && SUBDOMAIN_PATTERN.test(value);
}

/**
 * Shortens a subdomain to its first 4 characters for logs. The full name is a
 * credential when webhook auth is off, and log files may be shared.
 */
export function maskSubdomain(subdomain: string): string {
  return subdomain.length <= 4 ? subdomain : `${subdomain.slice(0, 4)}…`;
}
