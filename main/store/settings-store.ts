import { randomBytes } from "node:crypto";

import type { AuthType } from "../../shared/contract";
import {
  DEFAULT_REFERRAL_SOURCES,
  LEAD_EVENT_TYPES,
  type LeadEventType,
} from "../../shared/lead-events";
import type { Db } from "./database";

/** Settings kept in the database, one JSON value per key. */
export interface StoredSettings {
  authType: AuthType;
  bearerToken: string;
  basicUser: string;
  basicPassword: string;
  signatureCheck: boolean;
  signatureSecret: string;
  notificationsEnabled: boolean;
  tunnelEnabled: boolean;
  /** localtunnel server; empty means the app's default. */
  tunnelHost: string;
  /** Generated once per install so that the public URL survives restarts. */
  tunnelSubdomain: string;
  /** The public URL last given out, to notice when it changes. */
  lastPublicUrl: string;
  /** ISO 3166 region for phone numbers written without a country code. */
  defaultPhoneRegion: string;
}

const DEFAULTS: StoredSettings = {
  authType: "bearer",
  bearerToken: "",
  basicUser: "locumjobsonline",
  basicPassword: "",
  signatureCheck: false,
  signatureSecret: "",
  notificationsEnabled: true,
  tunnelEnabled: true,
  tunnelHost: "",
  tunnelSubdomain: "",
  lastPublicUrl: "",
  defaultPhoneRegion: "US",
};

/** Generates a random URL-safe secret of 32 bytes, for tokens and passwords. */
export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Reads and writes settings. Every write is its own committed transaction.
 * Reads come from a copy kept in memory, because the listener reads the
 * credentials on every request. Only this process writes settings while it
 * runs, so the copy stays current.
 */
export class SettingsStore {
  private cached: StoredSettings | null = null;

  constructor(private readonly db: Db) {}

  get(): StoredSettings {
    this.cached ??= this.read();
    return { ...this.cached };
  }

  private read(): StoredSettings {
    const rows = this.db
      .prepare("SELECT key, value_json FROM settings")
      .all() as { key: string; value_json: string }[];
    const settings: StoredSettings = { ...DEFAULTS };
    for (const row of rows) {
      if (!(row.key in DEFAULTS)) continue;
      const value: unknown = JSON.parse(row.value_json);
      const key = row.key as keyof StoredSettings;
      if (typeof value === typeof DEFAULTS[key]) {
        (settings as unknown as Record<string, unknown>)[key] = value;
      }
    }
    return settings;
  }

  update(patch: Partial<StoredSettings>): StoredSettings {
    const upsert = this.db.prepare(
      `INSERT INTO settings (key, value_json) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
    );
    const write = this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (!(key in DEFAULTS) || value === undefined) continue;
        upsert.run(key, JSON.stringify(value));
      }
    });
    write.immediate();
    this.cached = null;
    return this.get();
  }

  /**
   * Generates the credentials and tunnel subdomain that a first start needs,
   * so that a new install is never open to the internet by default.
   */
  ensureGenerated(generateSubdomain: () => string): StoredSettings {
    const current = this.get();
    const patch: Partial<StoredSettings> = {};
    if (!current.bearerToken) patch.bearerToken = generateSecret();
    if (!current.basicPassword) patch.basicPassword = generateSecret();
    if (!current.tunnelSubdomain) patch.tunnelSubdomain = generateSubdomain();
    return Object.keys(patch).length > 0 ? this.update(patch) : current;
  }

  getReferralSources(): Record<LeadEventType, string> {
    const rows = this.db
      .prepare("SELECT event, name FROM referral_sources")
      .all() as { event: string; name: string }[];
    const sources = { ...DEFAULT_REFERRAL_SOURCES };
    for (const row of rows) {
      if ((LEAD_EVENT_TYPES as readonly string[]).includes(row.event)) {
        sources[row.event as LeadEventType] = row.name;
      }
    }
    return sources;
  }

  setReferralSources(sources: Partial<Record<LeadEventType, string>>): void {
    const upsert = this.db.prepare(
      `INSERT INTO referral_sources (event, name) VALUES (?, ?)
       ON CONFLICT (event) DO UPDATE SET name = excluded.name`,
    );
    const write = this.db.transaction(() => {
      for (const [event, name] of Object.entries(sources)) {
        if (name) upsert.run(event, name.trim());
      }
    });
    write.immediate();
  }
}
