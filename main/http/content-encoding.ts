import { promisify } from "node:util";
import * as zlib from "node:zlib";

export type DecodeResult =
  | { kind: "decoded"; body: Buffer }
  | { kind: "unsupported"; encoding: string }
  | { kind: "too-large" }
  | { kind: "corrupt"; encoding: string; message: string };

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);

/**
 * Undoes the Content-Encoding of a body: gzip, x-gzip and deflate, in the
 * reverse order of listing as RFC 9110 requires. "deflate" should be
 * zlib-wrapped, but some senders use raw deflate, so both are tried.
 * zlib's maxOutputLength stops a decompression bomb at `maxBytes` instead
 * of inflating it into memory.
 */
export async function decodeContentEncoding(
  body: Buffer,
  header: string | undefined,
  maxBytes: number,
): Promise<DecodeResult> {
  const encodings = (header ?? "")
    .split(",")
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== "" && encoding !== "identity");

  const unsupported = encodings.find((encoding) => !isSupported(encoding));
  if (unsupported !== undefined) {
    return { kind: "unsupported", encoding: unsupported };
  }

  let decoded = body;
  for (const encoding of encodings.reverse()) {
    try {
      decoded = await decodeOne(decoded, encoding, maxBytes);
    } catch (error) {
      if (isOutputTooLarge(error)) return { kind: "too-large" };
      const message = error instanceof Error ? error.message : String(error);
      return { kind: "corrupt", encoding, message };
    }
  }
  return { kind: "decoded", body: decoded };
}

function isSupported(encoding: string): boolean {
  return encoding === "gzip" || encoding === "x-gzip" || encoding === "deflate";
}

async function decodeOne(
  body: Buffer,
  encoding: string,
  maxBytes: number,
): Promise<Buffer> {
  const options = { maxOutputLength: maxBytes };
  if (encoding !== "deflate") return gunzip(body, options);

  // A zlib stream starts with a header whose first 16 bits are a multiple
  // of 31 (RFC 1950); anything else is taken as raw deflate.
  const first = body[0];
  const second = body[1];
  const hasZlibHeader =
    first !== undefined &&
    second !== undefined &&
    (first & 0x0f) === 8 &&
    ((first << 8) | second) % 31 === 0;
  return hasZlibHeader ? inflate(body, options) : inflateRaw(body, options);
}

function isOutputTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError &&
    (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE"
  );
}
