import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-t5-signature";

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

const SHA256_HEX = /^[0-9a-f]{64}$/i;
/** 32 bytes in base64 or base64url, with or without the one padding character. */
const SHA256_BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;
const PREFIX = "sha256=";

/**
 * Verifies an HMAC-SHA256 signature of `body` keyed with `secret`. The value
 * may be hex or base64 and may start with "sha256=", because LJO documents
 * the header's name but not its format.
 */
export function verifyHmacSha256(
  body: Buffer,
  signature: string | null,
  secret: string,
): SignatureCheck {
  if (signature === null || signature.trim() === "") {
    return { valid: false, reason: "missing X-T5-Signature header" };
  }

  let encoded = signature.trim();
  if (encoded.toLowerCase().startsWith(PREFIX)) {
    encoded = encoded.slice(PREFIX.length);
  }

  let received: Buffer;
  if (SHA256_HEX.test(encoded)) {
    received = Buffer.from(encoded, "hex");
  } else if (SHA256_BASE64.test(encoded)) {
    received = Buffer.from(encoded, "base64");
  } else {
    return {
      valid: false,
      reason:
        "X-T5-Signature is not an HMAC-SHA256 digest in hex or base64; " +
        "check the signature scheme in Settings",
    };
  }

  // Both sides are 32 bytes here, so the comparison leaks no length.
  const expected = createHmac("sha256", secret).update(body).digest();
  if (!timingSafeEqual(received, expected)) {
    return {
      valid: false,
      reason: "X-T5-Signature does not match the body; check the shared secret",
    };
  }
  return { valid: true };
}
