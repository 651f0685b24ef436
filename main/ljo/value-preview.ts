/**
 * Short descriptions of payload values for warnings and quarantine reasons.
 * Values are cut to a fixed length so that a huge or deeply nested field
 * cannot bloat the stored warnings, and nothing here recurses into a value.
 */

const MAX_PREVIEW_CHARS = 60;

/** Quotes `text` as JSON, cut to the first 60 characters. */
export function quoteText(text: string): string {
  if (text.length <= MAX_PREVIEW_CHARS) {
    return JSON.stringify(text);
  }
  return `${JSON.stringify(text.slice(0, MAX_PREVIEW_CHARS))}…`;
}

/** Describes a value in words, for example `the number 42` or `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return "nothing";
  }
  if (value === null) {
    return "null";
  }
  if (typeof value === "string") {
    return value === "" ? "an empty text" : `the text ${quoteText(value)}`;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    return `the number ${String(value).slice(0, MAX_PREVIEW_CHARS)}`;
  }
  if (typeof value === "boolean") {
    return `the value ${String(value)}`;
  }
  if (Array.isArray(value)) {
    return value.length === 1
      ? "a list of 1 item"
      : `a list of ${value.length} items`;
  }
  if (typeof value === "object") {
    return "an object";
  }
  return `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns `record[key]` only when it is the record's own property, so that
 * keys such as "constructor" never read `Object.prototype`.
 */
export function ownValue(
  record: Record<string, unknown>,
  key: string,
): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
