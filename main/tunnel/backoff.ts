export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  initialMs: number;
  /** Upper bound of any delay, in milliseconds. */
  maxMs: number;
  /** Spread of each delay around its nominal value, 0 to 1 (0.2 is ±20%). */
  jitter?: number;
  /** Source of uniform numbers in [0, 1), Math.random unless a test fixes it. */
  random?: () => number;
}

/**
 * Exponential backoff: the nominal delay starts at `initialMs` and doubles on
 * every call to `next()` up to `maxMs`. Jitter spreads the retries of many
 * installs that lost the same tunnel server at the same moment.
 */
export class Backoff {
  private attempt = 0;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    if (!(options.initialMs > 0) || !(options.maxMs >= options.initialMs)) {
      throw new RangeError(
        `invalid backoff range ${options.initialMs}..${options.maxMs} ms: ` +
          "initialMs must be positive and maxMs at least initialMs",
      );
    }
    this.jitter = Math.min(Math.max(options.jitter ?? 0.2, 0), 1);
    this.random = options.random ?? Math.random;
  }

  /** Number of delays handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** Returns the next delay in milliseconds, never above `maxMs`. */
  next(): number {
    const { initialMs, maxMs } = this.options;
    const nominal = Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt++;

    const spread = nominal * this.jitter * (2 * this.random() - 1);
    return Math.round(Math.min(maxMs, Math.max(1, nominal + spread)));
  }

  reset(): void {
    this.attempt = 0;
  }
}
