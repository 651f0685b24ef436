import { EventEmitter } from "node:events";

import { createLogger, type Logger } from "../log/logger";
import { Backoff } from "./backoff";
import { probeHealth } from "./health-probe";
import { openTunnel, type OpenedTunnel } from "./open-tunnel";
import { isValidSubdomain, maskSubdomain } from "./subdomain";
import {
  DEFAULT_TUNNEL_HOST,
  DEFAULT_TUNNEL_TIMINGS,
  validateTunnelHost,
  type TunnelManagerEvents,
  type TunnelManagerOptions,
  type TunnelTimings,
} from "./tunnel-options";
import type { TunnelStatus } from "./tunnel-status";

export {
  DEFAULT_TUNNEL_HOST,
  DEFAULT_TUNNEL_TIMINGS,
  type TunnelManagerEvents,
  type TunnelManagerOptions,
  type TunnelTimings,
};
export type { TunnelState, TunnelStatus } from "./tunnel-status";

/**
 * Keeps a localtunnel tunnel to the webhook listener open: reconnects with
 * backoff after errors, probes `<url>/health` on a timer and rebuilds the
 * tunnel when the probe fails, and reports its state for the UI.
 */
export class TunnelManager extends EventEmitter<TunnelManagerEvents> {
  readonly host: string;
  readonly subdomain: string | undefined;

  private readonly options: TunnelManagerOptions;
  private readonly timings: TunnelTimings;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly now: () => Date;
  private readonly maxClaimRetries: number;

  private status: TunnelStatus = {
    state: "off",
    url: null,
    lastProbeAt: null,
    lastError: null,
  };
  private running = false;
  /** Incremented by `stop()`, so that work from an earlier run is dropped. */
  private generation = 0;
  private attempt = 0;
  private claimRetries = 0;
  private tunnel: OpenedTunnel | null = null;
  private lastOpenedUrl: string | null = null;
  /** The pending reconnect or probe. Only one is scheduled at a time. */
  private timer: NodeJS.Timeout | null = null;
  private controller = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: TunnelManagerOptions) {
    super();
    this.options = options;
    this.host = validateTunnelHost(options.host ?? DEFAULT_TUNNEL_HOST);
    this.subdomain = options.subdomain;
    if (this.subdomain !== undefined && !isValidSubdomain(this.subdomain)) {
      throw new Error(
        `invalid tunnel subdomain "${this.subdomain}": use 4 to 63 lowercase ` +
          "letters and digits, for example from generateSubdomain()",
      );
    }
    if (
      !Number.isInteger(options.localPort) ||
      options.localPort < 1 ||
      options.localPort > 65535
    ) {
      throw new Error(
        `invalid local port ${options.localPort} for the tunnel: ` +
          "start the webhook listener first and pass the port it bound",
      );
    }

    this.timings = { ...DEFAULT_TUNNEL_TIMINGS, ...options.timings };
    this.log = (options.logger ?? createLogger("tunnel")).child({
      host: this.host,
      subdomain: this.subdomain ? maskSubdomain(this.subdomain) : null,
    });
    this.backoff = new Backoff({
      initialMs: this.timings.initialBackoffMs,
      maxMs: this.timings.maxBackoffMs,
      random: options.random,
    });
    this.now = options.now ?? (() => new Date());
    this.maxClaimRetries = options.subdomainClaimRetries ?? 3;
  }

  getStatus(): TunnelStatus {
    return { ...this.status };
  }

  /** Opens the tunnel and keeps it open until `stop()`. Does nothing when off. */
  start(): void {
    if (this.running) return;
    if (!this.options.enabled) {
      this.log.info(
        "tunnel is off, so LJO must reach the app through its own public URL",
      );
      return;
    }

    this.running = true;
    this.controller = new AbortController();
    this.backoff.reset();
    this.claimRetries = 0;
    this.log.info(
      { localPort: this.options.localPort },
      "tunnel manager started",
    );
    this.connect();
  }

  /** Closes the tunnel, cancels timers and requests, and waits for them. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;

    this.clearTimer();
    this.controller.abort();
    this.closeTunnel();
    await Promise.allSettled([...this.inFlight]);

    // A start() during the wait owns the status from then on.
    if (this.running) return;
    this.setStatus({ state: "off", url: null, lastError: null });
    this.log.info("tunnel manager stopped");
  }

  private connect(): void {
    this.timer = null;
    this.attempt++;
    this.setStatus({ state: "connecting" });
    this.log.info({ attempt: this.attempt }, "opening tunnel");
    this.track(this.openOnce(this.attempt, this.generation));
  }

  private async openOnce(attempt: number, generation: number): Promise<void> {
    let tunnel: OpenedTunnel;
    try {
      tunnel = await this.open();
    } catch (error) {
      if (generation !== this.generation) return;
      this.fail(`opening the tunnel failed: ${messageOf(error)}`, { attempt });
      return;
    }

    if (generation !== this.generation) {
      tunnel.close();
      return;
    }
    if (this.isMismatch(tunnel) && this.claimRetries < this.maxClaimRetries) {
      this.claimRetries++;
      tunnel.close();
      this.fail(
        `the requested subdomain is in use, so the tunnel server granted ` +
          `"${tunnel.clientId}"`,
        { attempt, granted: tunnel.clientId, claimRetry: this.claimRetries },
      );
      return;
    }
    this.claimRetries = 0;
    this.adopt(tunnel, attempt);
  }

  private open(): Promise<OpenedTunnel> {
    return openTunnel({
      host: this.host,
      subdomain: this.subdomain,
      localPort: this.options.localPort,
      timeoutMs: this.timings.openTimeoutMs,
      signal: this.controller.signal,
      logger: this.log,
    });
  }

  private adopt(tunnel: OpenedTunnel, attempt: number): void {
    const previousUrl = this.lastOpenedUrl;
    this.tunnel = tunnel;
    this.lastOpenedUrl = tunnel.url;
    this.backoff.reset();
    tunnel.onFailure((error) => this.onTunnelFailure(tunnel, error));

    this.setStatus({ state: "up", url: tunnel.url, lastError: null });
    this.log.info(
      {
        attempt,
        clientId: this.mask(tunnel.clientId),
        url: this.mask(tunnel.url),
      },
      "tunnel up",
    );

    const requested = this.subdomain;
    if (requested !== undefined && tunnel.clientId !== requested) {
      this.log.warn(
        { granted: tunnel.clientId, url: tunnel.url },
        "tunnel server granted another subdomain than requested; " +
          "the URL given to LJO does not reach the app",
      );
      this.emit("subdomain-mismatch", {
        requested,
        granted: tunnel.clientId,
        url: tunnel.url,
      });
    }
    if (previousUrl !== null && previousUrl !== tunnel.url) {
      this.emit("url-changed", { previousUrl, url: tunnel.url });
    }
    this.scheduleProbe();
  }

  private onTunnelFailure(tunnel: OpenedTunnel, error: Error): void {
    if (tunnel !== this.tunnel) return;
    this.fail(
      `tunnel ${tunnel.clientId} lost its connection: ${error.message}`,
      {
        clientId: this.mask(tunnel.clientId),
      },
    );
  }

  /** Marks the tunnel down and schedules the next attempt. */
  private fail(message: string, ids: Record<string, unknown>): void {
    this.clearTimer();
    this.closeTunnel();

    const retryInMs = this.backoff.next();
    this.setStatus({ state: "down", lastError: message });
    this.log.warn(
      { ...ids, retryInMs, failures: this.backoff.attempts },
      `${this.mask(message)}; retrying`,
    );
    this.timer = setTimeout(() => this.connect(), retryInMs);
  }

  private scheduleProbe(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.track(this.probe(this.generation));
    }, this.timings.probeIntervalMs);
  }

  private async probe(generation: number): Promise<void> {
    const tunnel = this.tunnel;
    if (!tunnel) return;
    const isCurrent = (): boolean =>
      generation === this.generation && tunnel === this.tunnel;

    try {
      await probeHealth(tunnel.url, {
        timeoutMs: this.timings.probeTimeoutMs,
        signal: this.controller.signal,
      });
    } catch (error) {
      if (!isCurrent()) return;
      this.setStatus({ lastProbeAt: this.now().toISOString() });
      this.fail(`health probe failed: ${messageOf(error)}`, {
        clientId: this.mask(tunnel.clientId),
      });
      return;
    }
    if (!isCurrent()) return;
    this.setStatus({ lastProbeAt: this.now().toISOString() });
    this.log.debug(
      { clientId: this.mask(tunnel.clientId) },
      "health probe passed",
    );

    if (this.isMismatch(tunnel)) {
      const reclaimed = await this.reclaimSubdomain(tunnel, isCurrent);
      if (reclaimed || !isCurrent()) return;
    }
    this.scheduleProbe();
  }

  /**
   * Opens a second tunnel that requests the subdomain again and swaps
   * to it if granted, so the working tunnel stays up meanwhile. Returns
   * whether the swap happened.
   */
  private async reclaimSubdomain(
    current: OpenedTunnel,
    isCurrent: () => boolean,
  ): Promise<boolean> {
    let candidate: OpenedTunnel;
    try {
      candidate = await this.open();
    } catch (error) {
      this.log.info(
        { clientId: current.clientId, error: this.mask(messageOf(error)) },
        "reclaiming the requested subdomain failed; trying after the next probe",
      );
      return false;
    }

    if (!isCurrent() || candidate.clientId !== this.subdomain) {
      candidate.close();
      if (isCurrent()) {
        this.log.info(
          { clientId: current.clientId, granted: candidate.clientId },
          "requested subdomain is still in use; trying after the next probe",
        );
      }
      return false;
    }

    this.log.info(
      {
        previousClientId: current.clientId,
        clientId: this.mask(candidate.clientId),
      },
      "reclaimed the requested subdomain",
    );
    this.closeTunnel();
    this.adopt(candidate, this.attempt);
    return true;
  }

  /** Replaces the requested subdomain in log text with its masked form. */
  private mask(text: string): string {
    if (this.subdomain === undefined) return text;
    return text.replaceAll(this.subdomain, maskSubdomain(this.subdomain));
  }

  private isMismatch(tunnel: OpenedTunnel): boolean {
    return this.subdomain !== undefined && tunnel.clientId !== this.subdomain;
  }

  private closeTunnel(): void {
    const tunnel = this.tunnel;
    if (!tunnel) return;
    this.tunnel = null;
    tunnel.close();
    this.log.info({ clientId: this.mask(tunnel.clientId) }, "tunnel closed");
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Keeps a reference to async work so that `stop()` can wait for it. */
  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => {
        this.log.error({ err: error }, "tunnel manager task failed");
      })
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private setStatus(patch: Partial<TunnelStatus>): void {
    const next = { ...this.status, ...patch };
    const changed = (Object.keys(next) as (keyof TunnelStatus)[]).some(
      (key) => next[key] !== this.status[key],
    );
    if (!changed) return;
    this.status = next;
    this.emit("status", { ...next });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
