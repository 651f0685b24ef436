import type { EventEmitter } from "node:events";

import type {
  ApiMethodName,
  ApiResponse,
  ApiResult,
  AppStatus,
} from "../../shared/contract";
import type { LeadCommitted } from "../ingest/delivery";

/** One implementation of every contract method; the request is validated inside. */
export type ApiHandlers = {
  [M in ApiMethodName]: (
    request: unknown,
  ) => Promise<ApiResult<ApiResponse<M>>>;
};

export interface LeadInboxAppOptions {
  dataDir: string;
  /** Bind address of the webhook listener; 127.0.0.1 unless configured. */
  host?: string;
  /** Webhook port; 0 takes a free one. */
  port?: number;
  /** Admin API and inbox UI port on 127.0.0.1; null serves no UI (desktop). */
  uiPort?: number | null;
  tunnel?: {
    enabled: boolean;
    /** localtunnel server, for example https://localtunnel.me or a self-hosted one. */
    host?: string;
    subdomain?: string;
  };
  /** Environment overrides for auth (LEAD_INBOX_AUTH, LEAD_INBOX_TOKEN, ...). */
  env?: NodeJS.ProcessEnv;
}

/** Events emitted by the running app, for the tray, notifications and the UI. */
export interface LeadInboxAppEvents {
  lead: [LeadCommitted];
  "auth-failure": [{ remoteAddress: string | null; reason: string }];
  status: [AppStatus];
  /** The public URL differs from the one LJO was given. */
  "public-url-changed": [{ previousUrl: string | null; url: string }];
}

/** The running core: listener, store, tunnel and the contract's handlers. */
export interface LeadInboxApp {
  readonly dataDir: string;
  readonly webhookPort: number;
  /** Admin UI port, or null when no admin server runs. */
  readonly uiPort: number | null;
  /** Inbox address with its access token, or null when no admin server runs. */
  readonly inboxUrl: string | null;
  readonly api: ApiHandlers;
  readonly events: EventEmitter<LeadInboxAppEvents>;
  getStatus(): AppStatus;
  /** A paused listener responds 503 so that LJO retries later. */
  setReceiving(receiving: boolean): void;
  stop(): Promise<void>;
}
