/** A WHERE fragment on `candidates c` with its bound parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** Characters a recruiter types inside a phone number besides digits. */
const PHONE_TEXT = /^[\d\s()+\-./]+$/;

/** The trigram index matches only substrings of at least this many characters. */
const MIN_INDEXED_LENGTH = 3;

/**
 * Builds the condition for the inbox search box: a substring of the name
 * ("First Last"), the email or, when the text looks like a phone number, of
 * the phone's digits. Returns null for blank text.
 *
 * Text of 3 or more characters goes through the candidate_search trigram
 * index, which folds case for all of Unicode and removes Latin diacritics,
 * so "muller" finds "Müller".
 */
export function candidateSearchCondition(text: string): SqlCondition | null {
  const needle = text.normalize("NFC").trim();
  if (needle === "") return null;

  const digits = PHONE_TEXT.test(needle) ? needle.replace(/\D/g, "") : "";
  const phrases: string[] = [];
  if ([...needle].length >= MIN_INDEXED_LENGTH) {
    phrases.push(`{name email} : ${ftsPhrase(needle)}`);
  }
  if (digits.length >= MIN_INDEXED_LENGTH) {
    phrases.push(`phone_digits : ${ftsPhrase(digits)}`);
  }

  if (phrases.length > 0) {
    return {
      sql: `c.id IN (SELECT rowid FROM candidate_search WHERE candidate_search MATCH ?)`,
      params: [phrases.join(" OR ")],
    };
  }
  return shortTextCondition(needle, digits);
}

/**
 * Handles 1 or 2 characters, which the trigram index cannot look up, with a
 * scan.
 */
function shortTextCondition(needle: string, digits: string): SqlCondition {
  // NOTE: SQLite's LIKE folds case for ASCII letters only, so a 1- or
  // 2-letter search for "é" does not find "É".
  const pattern = `%${escapeLike(needle)}%`;
  const clauses = [
    "(c.first_name || ' ' || c.last_name) LIKE ? ESCAPE '\\'",
    "c.email LIKE ? ESCAPE '\\'",
  ];
  const params: unknown[] = [pattern, pattern];
  if (digits !== "") {
    clauses.push("c.phone_e164 LIKE ?");
    params.push(`%${digits}%`);
  }
  return { sql: `(${clauses.join(" OR ")})`, params };
}

/** Quotes text as one FTS5 phrase; a double quote inside is doubled. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
