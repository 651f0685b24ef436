/**
 * Numbered schema migrations. A migration is never edited once released: a
 * change to the schema is a new entry at the end. `user_version` records how
 * many have been applied.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description:
      "deliveries, candidates, lead events, jobs, catalog, settings, exports",
    sql: `
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        remote_address TEXT,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        -- Request headers with credentials masked, as a JSON object.
        headers_json TEXT NOT NULL,
        -- The body after gzip or deflate decoding, byte for byte.
        body BLOB NOT NULL,
        -- SHA-256 of the canonical JSON of the body: the idempotency key.
        payload_sha256 TEXT,
        signature TEXT,
        -- 1 valid, 0 invalid, NULL when signature checking is off.
        signature_valid INTEGER,
        event TEXT,
        status TEXT NOT NULL CHECK (status IN ('processed', 'duplicate', 'quarantined')),
        status_code INTEGER NOT NULL,
        error TEXT,
        warnings_json TEXT NOT NULL DEFAULT '[]',
        latency_ms REAL,
        lead_event_id INTEGER,
        reprocessed_at TEXT
      );
      CREATE INDEX deliveries_received_at ON deliveries (received_at);
      CREATE INDEX deliveries_status ON deliveries (status);
      CREATE INDEX deliveries_payload ON deliveries (payload_sha256);

      -- Requests that never became a delivery (bad auth, bad body), for the
      -- Deliveries screen and for spotting a misconfigured sender.
      CREATE TABLE rejected_requests (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        remote_address TEXT,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        headers_json TEXT NOT NULL,
        status_code INTEGER NOT NULL,
        error TEXT NOT NULL,
        -- Kept when the sender was authenticated, so that no body it sent is lost.
        body BLOB,
        latency_ms REAL
      );
      CREATE INDEX rejected_requests_received_at ON rejected_requests (received_at);

      CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        ljo_candidate_id TEXT,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        email_normalized TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        phone_e164 TEXT NOT NULL DEFAULT '',
        phone_extension TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        address2 TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT '',
        zip TEXT NOT NULL DEFAULT '',
        license TEXT NOT NULL DEFAULT '',
        experience TEXT NOT NULL DEFAULT '',
        specialties_json TEXT NOT NULL DEFAULT '[]',
        licensed_states_json TEXT NOT NULL DEFAULT '[]',
        extra_json TEXT NOT NULL DEFAULT '{}',
        referral_source TEXT NOT NULL DEFAULT '',
        last_event TEXT NOT NULL,
        last_event_at TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        -- Another candidate that matched this one by a different key.
        possible_duplicate_of INTEGER REFERENCES candidates (id),
        exported_at TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX candidates_ljo_id ON candidates (ljo_candidate_id) WHERE ljo_candidate_id IS NOT NULL;
      CREATE INDEX candidates_email ON candidates (email_normalized) WHERE email_normalized <> '';
      CREATE INDEX candidates_phone ON candidates (phone_e164) WHERE phone_e164 <> '';
      CREATE INDEX candidates_last_event_at ON candidates (last_event_at);

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        ljo_job_id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        license TEXT NOT NULL DEFAULT '',
        specialty TEXT NOT NULL DEFAULT '',
        city TEXT,
        state TEXT NOT NULL DEFAULT '',
        zip TEXT,
        reference_number TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        posted TEXT,
        data_json TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
      );

      CREATE TABLE lead_events (
        id INTEGER PRIMARY KEY,
        candidate_id INTEGER NOT NULL REFERENCES candidates (id),
        delivery_id INTEGER NOT NULL REFERENCES deliveries (id),
        event TEXT NOT NULL,
        occurred_at TEXT,
        received_at TEXT NOT NULL,
        referral_source TEXT NOT NULL,
        job_id INTEGER REFERENCES jobs (id),
        unlocked_by TEXT,
        -- Reference numbers of the jobs this event names, as a JSON array.
        job_references_json TEXT NOT NULL DEFAULT '[]',
        payload_sha256 TEXT NOT NULL UNIQUE
      );
      CREATE INDEX lead_events_candidate ON lead_events (candidate_id);

      -- LJO's license and specialty lists, plus names seen in payloads that the
      -- lists do not contain (source 'seen').
      CREATE TABLE catalog (
        kind TEXT NOT NULL CHECK (kind IN ('license', 'specialty')),
        name TEXT NOT NULL,
        ljo_id INTEGER,
        full_name TEXT NOT NULL DEFAULT '',
        -- 'medical' or 'dental', which LJO requires licenses and specialties to agree on.
        category TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL CHECK (source IN ('ljo', 'seen')),
        first_seen_at TEXT,
        PRIMARY KEY (kind, name)
      );

      CREATE TABLE mappings (
        kind TEXT NOT NULL CHECK (kind IN ('license', 'specialty')),
        name TEXT NOT NULL,
        ats_value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, name)
      );

      CREATE TABLE referral_sources (
        event TEXT PRIMARY KEY,
        name TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );

      CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        preset TEXT NOT NULL,
        options_json TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        -- Paths of the written files relative to the data folder, as a JSON array.
        files_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      "candidate search index, candidate specialties, list sort and filter indexes",
    // Triggers keep the two derived tables in step with candidates, so that
    // code writing candidates needs no change. The search index folds case
    // and Latin diacritics (SQLite's trigram tokenizer), and matches any
    // substring of 3 or more characters.
    sql: `
      CREATE VIRTUAL TABLE candidate_search USING fts5 (
        name, email, phone_digits,
        tokenize = 'trigram remove_diacritics 1'
      );

      -- One row per candidate and specialty name, for counting and filtering
      -- by specialty without parsing specialties_json on every row.
      CREATE TABLE candidate_specialties (
        candidate_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (candidate_id, name)
      ) WITHOUT ROWID;
      CREATE INDEX candidate_specialties_name ON candidate_specialties (name, candidate_id);

      CREATE TRIGGER candidates_index_insert AFTER INSERT ON candidates BEGIN
        INSERT INTO candidate_search (rowid, name, email, phone_digits)
        VALUES (
          new.id,
          new.first_name || ' ' || new.last_name,
          new.email,
          ${phoneDigits("new.phone_e164")} || ' ' || ${phoneDigits("new.phone")}
        );
        INSERT OR IGNORE INTO candidate_specialties (candidate_id, name)
        SELECT new.id, value FROM json_each(${jsonArrayOrEmpty("new.specialties_json")})
        WHERE type = 'text' AND value <> '';
      END;

      CREATE TRIGGER candidates_index_update_search
      AFTER UPDATE OF first_name, last_name, email, phone, phone_e164 ON candidates
      BEGIN
        UPDATE candidate_search SET
          name = new.first_name || ' ' || new.last_name,
          email = new.email,
          phone_digits = ${phoneDigits("new.phone_e164")} || ' ' || ${phoneDigits("new.phone")}
        WHERE rowid = new.id;
      END;

      CREATE TRIGGER candidates_index_update_specialties
      AFTER UPDATE OF specialties_json ON candidates BEGIN
        DELETE FROM candidate_specialties WHERE candidate_id = new.id;
        INSERT OR IGNORE INTO candidate_specialties (candidate_id, name)
        SELECT new.id, value FROM json_each(${jsonArrayOrEmpty("new.specialties_json")})
        WHERE type = 'text' AND value <> '';
      END;

      CREATE TRIGGER candidates_index_delete AFTER DELETE ON candidates BEGIN
        DELETE FROM candidate_search WHERE rowid = old.id;
        DELETE FROM candidate_specialties WHERE candidate_id = old.id;
      END;

      INSERT INTO candidate_search (rowid, name, email, phone_digits)
      SELECT
        id,
        first_name || ' ' || last_name,
        email,
        ${phoneDigits("phone_e164")} || ' ' || ${phoneDigits("phone")}
      FROM candidates;
      INSERT OR IGNORE INTO candidate_specialties (candidate_id, name)
      SELECT candidates.id, specialty.value
      FROM candidates, json_each(${jsonArrayOrEmpty("candidates.specialties_json")}) AS specialty
      WHERE specialty.type = 'text' AND specialty.value <> '';

      -- The inbox list sorts by these columns and pages with LIMIT, so each
      -- sort walks an index instead of sorting every candidate. The rowid,
      -- the tie-breaker, is the implicit last column of every index.
      CREATE INDEX candidates_first_seen_at ON candidates (first_seen_at);
      CREATE INDEX candidates_last_name ON candidates (last_name COLLATE NOCASE);
      CREATE INDEX candidates_first_name ON candidates (first_name COLLATE NOCASE);
      CREATE INDEX candidates_email_sort ON candidates (email COLLATE NOCASE);
      CREATE INDEX candidates_license ON candidates (license);
      CREATE INDEX candidates_state ON candidates (state);
      CREATE INDEX lead_events_event ON lead_events (event, candidate_id);
    `,
  },
];

/** SQL that keeps only the digits of a phone column's common punctuation-separated forms. */
function phoneDigits(column: string): string {
  let expression = column;
  for (const character of ["+", " ", "-", "(", ")", ".", "/"]) {
    expression = `replace(${expression}, '${character}', '')`;
  }
  return expression;
}

/** SQL for a JSON column that json_each can always read: invalid JSON counts as an empty list. */
function jsonArrayOrEmpty(column: string): string {
  return `(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END)`;
}
