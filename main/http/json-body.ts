import { isUtf8 } from "node:buffer";

export type JsonBodyResult =
  | { ok: true; body: Buffer; json: unknown }
  | {
      ok: false;
      body: Buffer;
      error: string;
      details: string[];
      /** `details` without excerpts of the body, which may hold personal data. */
      logDetails: string[];
    };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The quoted excerpt of the input that V8 (Node 20) puts in some JSON.parse
 * messages, as in `Unexpected token 'j', "jane@example.com" is not valid JSON`.
 * A long input is shortened with "..." after the closing quote.
 */
const JSON_PARSE_EXCERPT = /, ".*"(?:\.\.\.)? is not valid JSON$/s;

/**
 * Parses a webhook body as JSON whatever its Content-Type declares. One leading
 * UTF-8 byte order mark is removed first, and the returned `body` is the
 * buffer without it. Failures list what is wrong in `details`, including
 * the JSON.parse message with its position.
 */
export function parseJsonBody(raw: Buffer): JsonBodyResult {
  const body = raw.subarray(0, 3).equals(UTF8_BOM) ? raw.subarray(3) : raw;

  if (!isUtf8(body)) {
    const offset = findInvalidUtf8Offset(body);
    return {
      ok: false,
      body,
      error: "request body is not valid UTF-8",
      details: [
        `invalid UTF-8 sequence at byte ${offset}; send the body as UTF-8 JSON`,
      ],
      logDetails: [`invalid UTF-8 sequence at byte ${offset}`],
    };
  }

  const text = body.toString("utf8");
  if (text.trim() === "") {
    return {
      ok: false,
      body,
      error: "request body is empty",
      details: ["expected a JSON object with an event field"],
      logDetails: ["expected a JSON object with an event field"],
    };
  }

  try {
    return { ok: true, body, json: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      body,
      error: "request body is not valid JSON",
      details: [message],
      logDetails: [message.replace(JSON_PARSE_EXCERPT, " (excerpt omitted)")],
    };
  }
}

/**
 * Returns the offset of the first byte that starts an invalid UTF-8
 * sequence, or -1 when the whole buffer is valid. Overlong forms, UTF-16
 * surrogates and code points above U+10FFFF are invalid (RFC 3629).
 */
export function findInvalidUtf8Offset(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return -1;
}

/** Returns the length of the valid sequence starting at `index`, or 0. */
function utf8SequenceLength(bytes: Buffer, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;

  let length: number;
  let min: number;
  let max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    min = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    // E0 needs A0 or above against overlong forms, and ED stops at 9F
    // before the UTF-16 surrogates.
    min = lead === 0xe0 ? 0xa0 : 0x80;
    max = lead === 0xed ? 0x9f : 0xbf;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    // F0 needs 90 or above against overlong forms, and F4 stops at 8F
    // because U+10FFFF is the last code point.
    min = lead === 0xf0 ? 0x90 : 0x80;
    max = lead === 0xf4 ? 0x8f : 0xbf;
  } else {
    return 0;
  }

  const second = bytes[index + 1];
  if (second === undefined || second < min || second > max) return 0;
  for (let offset = 2; offset < length; offset++) {
    const next = bytes[index + offset];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}
