import type { Logger } from "../log/logger";

interface AddressState {
  /** When the first failure of the current window happened, in ms. */
  windowStart: number;
  failures: number;
  /** Set once `limit` failures happened; 429s are sent until then, in ms. */
  limitedUntil: number | null;
  /** Requests rejected with 429 during the current limited period. */
  rejectedWhileLimited: number;
}

/** Addresses tracked at once; older ones are dropped past this. */
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Counts failed auth checks per remote address. After `limit` failures
 * within `windowMs` of the first one, the address is limited for `windowMs`:
 * the server responds 429 without checking its credentials. A success from
 * one address never resets another address's count.
 */
export class AuthFailureLimiter {
  private readonly states = new Map<string, AddressState>();

  constructor(
    private readonly options: {
      limit: number;
      windowMs: number;
      now: () => number;
      logger: Logger;
    },
  ) {}

  /**
   * Returns the seconds until the address may try again, or null when it is
   * not limited. Each call while limited counts as one rejected request.
   */
  retryAfterSeconds(address: string | null): number | null {
    const key = address ?? "unknown";
    const state = this.states.get(key);
    if (state === undefined) return null;

    const now = this.options.now();
    if (this.hasExpired(state, now)) {
      this.forget(key, state);
      return null;
    }
    if (state.limitedUntil === null) return null;

    state.rejectedWhileLimited += 1;
    return Math.max(1, Math.ceil((state.limitedUntil - now) / 1000));
  }

  /** Counts one failed check; returns true when this failure hit the limit. */
  recordFailure(address: string | null): boolean {
    const key = address ?? "unknown";
    const now = this.options.now();
    let state = this.states.get(key);
    if (state !== undefined && this.hasExpired(state, now)) {
      this.forget(key, state);
      state = undefined;
    }
    if (state === undefined) {
      this.prune(now);
      state = {
        windowStart: now,
        failures: 0,
        limitedUntil: null,
        rejectedWhileLimited: 0,
      };
      this.states.set(key, state);
    }

    state.failures += 1;
    if (state.failures < this.options.limit || state.limitedUntil !== null) {
      return false;
    }
    state.limitedUntil = now + this.options.windowMs;
    this.options.logger.warn(
      {
        remoteAddress: key,
        failures: state.failures,
        limitedForMs: this.options.windowMs,
      },
      "too many failed auth checks from one address; responding 429 until the limit ends",
    );
    return true;
  }

  /** Logs the 429 counts of addresses that are still limited. */
  flushSummaries(): void {
    for (const [key, state] of this.states) this.logSummary(key, state);
    this.states.clear();
  }

  private hasExpired(state: AddressState, now: number): boolean {
    const end = state.limitedUntil ?? state.windowStart + this.options.windowMs;
    return now >= end;
  }

  private forget(key: string, state: AddressState): void {
    this.logSummary(key, state);
    this.states.delete(key);
  }

  private logSummary(key: string, state: AddressState): void {
    if (state.rejectedWhileLimited === 0) return;
    this.options.logger.info(
      { remoteAddress: key, rejected: state.rejectedWhileLimited },
      "rate limit ended for an address; rejected counts its 429 responses",
    );
  }

  /** Bounds memory when many addresses fail: expired first, then oldest. */
  private prune(now: number): void {
    if (this.states.size < MAX_TRACKED_ADDRESSES) return;
    for (const [key, state] of this.states) {
      if (this.hasExpired(state, now)) this.forget(key, state);
    }
    for (const [key, state] of this.states) {
      if (this.states.size < MAX_TRACKED_ADDRESSES) break;
      this.forget(key, state);
    }
  }
}
