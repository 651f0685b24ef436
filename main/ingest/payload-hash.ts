import { createHash } from "node:crypto";

/**
 * Returns the SHA-256 of a JSON value serialized with sorted object keys, so
 * that a retry of the same payload hashes the same even if the sender
 * reorders keys or changes whitespace.
 */
export function payloadSha256(json: unknown): string {
  return createHash("sha256").update(canonicalJson(json)).digest("hex");
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
