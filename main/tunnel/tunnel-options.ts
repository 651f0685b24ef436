import type { Logger } from "../log/logger";
import type { TunnelStatus } from "./tunnel-status";

/** Public localtunnel server that the desktop app uses unless configured. */
export const DEFAULT_TUNNEL_HOST = "https://localtunnel.me";

/** Durations in milliseconds, which tests shorten. */
export interface TunnelTimings {
  /** Deadline for the handshake plus the first relay socket. */
  openTimeoutMs: number;
  /** First reconnect delay, doubled on every failure up to the maximum. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Time between two health probes of the public URL. */
  probeIntervalMs: number;
  probeTimeoutMs: number;
}

export const DEFAULT_TUNNEL_TIMINGS: TunnelTimings = {
  openTimeoutMs: 20_000,
  initialBackoffMs: 1_000,
  maxBackoffMs: 60_000,
  probeIntervalMs: 60_000,
  probeTimeoutMs: 10_000,
};

export interface TunnelManagerOptions {
  /** False is the "off" mode, for users who have their own public URL. */
  enabled: boolean;
  /** Port of the webhook listener on 127.0.0.1. */
  localPort: number;
  /** localtunnel server URL, DEFAULT_TUNNEL_HOST unless set. */
  host?: string;
  /**
   * Subdomain to request, generated once per install with
   * `generateSubdomain()` and stored by the caller. Without it the server
   * picks a random id on every connection.
   */
  subdomain?: string;
  logger?: Logger;
  timings?: Partial<TunnelTimings>;
  /**
   * Retries, with backoff, when the server grants another id than the
   * requested subdomain, before accepting it and emitting
   * `subdomain-mismatch`. The name is often held by this app's own previous
   * tunnel: the localtunnel server keeps an id for a grace period (1 s in
   * localtunnel/server) after its last socket closes. Default 3.
   */
  subdomainClaimRetries?: number;
  /** Source of backoff jitter, in [0, 1). */
  random?: () => number;
  /** Clock for `lastProbeAt`. */
  now?: () => Date;
}

export interface TunnelManagerEvents {
  /** Emitted on every change of `getStatus()`. */
  status: [TunnelStatus];
  /** A tunnel opened with a URL other than the previous tunnel's. */
  "url-changed": [{ previousUrl: string | null; url: string }];
  /**
   * The server granted another id than the requested subdomain, usually
   * because the name was in use. The URL given to LJO no longer reaches the
   * app until the name is reclaimed (tried after each good probe) or LJO is
   * given `url`.
   */
  "subdomain-mismatch": [{ requested: string; granted: string; url: string }];
}

/** Checks that the host is an http or https URL and drops trailing slashes. */
export function validateTunnelHost(host: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new Error(
      `invalid tunnel host "${host}": use an http or https URL such as ${DEFAULT_TUNNEL_HOST}`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(
      `invalid tunnel host "${host}": the protocol must be http or https`,
    );
  }
  return host.replace(/\/+$/, "");
}
