import type { TunnelState } from "./tunnel-status";

export type OutageAlert =
  | {
      kind: "stale-down";
      /** When the outage began, in ms since the epoch. */
      downSinceMs: number;
      downForMs: number;
    }
  | { kind: "recovered"; downForMs: number };

/**
 * Decides when "the tunnel has been down for more than N minutes" deserves a
 * notification, and when the tunnel is back after one. An outage starts at
 * the first `down` state and lasts through the `connecting` and `down` states
 * of the retries, and `up` or `off` ends it. Each outage raises at most one
 * `stale-down` alert, and only an alerted outage raises `recovered`.
 */
export class OutageAlertTracker {
  private downSinceMs: number | null = null;
  private alerted = false;
  private readonly now: () => number;

  constructor(
    private readonly thresholdMs: number,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  /** Records a state change and returns an alert if one is due. */
  update(state: TunnelState): OutageAlert | null {
    if (state === "up" || state === "off") {
      const ended = this.endOutage();
      return ended !== null && state === "up" ? ended : null;
    }
    if (state === "down" && this.downSinceMs === null) {
      this.downSinceMs = this.now();
    }
    return this.check();
  }

  /** Returns the stale-down alert once the current outage passes the threshold. */
  check(): OutageAlert | null {
    if (this.downSinceMs === null || this.alerted) return null;
    const downForMs = this.now() - this.downSinceMs;
    if (downForMs <= this.thresholdMs) return null;
    this.alerted = true;
    return { kind: "stale-down", downSinceMs: this.downSinceMs, downForMs };
  }

  private endOutage(): OutageAlert | null {
    const downSinceMs = this.downSinceMs;
    const alerted = this.alerted;
    this.downSinceMs = null;
    this.alerted = false;
    if (downSinceMs === null || !alerted) return null;
    return { kind: "recovered", downForMs: this.now() - downSinceMs };
  }
}
