/**
 * RFC 5321 limits a local part to 64 octets and a path to 256, which leaves
 * 254 for the address without its angle brackets. Counted here in UTF-16 units.
 */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/**
 * Returns the dedupe key for an email: trimmed, Unicode NFC, lowercased with
 * String.prototype.toLowerCase (SQLite's lower() folds ASCII only). NFC is
 * applied again after lowercasing so that the key is always in NFC.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase().normalize("NFC");
}

/**
 * Checks that an email has a plausible shape. This is not RFC 5322
 * validation: it requires one "@", a local part of 1 to 64 characters, a
 * dotted domain and no whitespace. It uses no regular expression with
 * backtracking, so huge inputs stay linear.
 */
export function isPlausibleEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH || /\s/.test(email)) {
    return false;
  }

  const at = email.indexOf("@");
  if (at < 1 || at !== email.lastIndexOf("@")) {
    return false;
  }
  if (at > MAX_LOCAL_PART_LENGTH) {
    return false;
  }

  const domain = email.slice(at + 1);
  const dot = domain.indexOf(".");
  return dot > 0 && !domain.endsWith(".") && !domain.includes("..");
}
