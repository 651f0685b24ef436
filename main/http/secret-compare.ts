import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets in constant time. Both sides are hashed first so that
 * timingSafeEqual always compares 32 bytes and the time taken does not reveal
 * the expected secret's length.
 */
export function secretsEqual(received: Buffer, expected: Buffer): boolean {
  const receivedDigest = createHash("sha256").update(received).digest();
  const expectedDigest = createHash("sha256").update(expected).digest();
  return timingSafeEqual(receivedDigest, expectedDigest);
}
