import type { Logger } from "../log/logger";

export interface RendererPushQueueOptions {
  send: (channel: string, payload: unknown) => void;
  log: Logger;
  /** Oldest messages are dropped beyond this many. */
  maxQueued?: number;
}

const DEFAULT_MAX_QUEUED = 500;

/**
 * Holds messages for the renderer until its preload signals that it has loaded, so a lead
 * that arrives while the page loads or reloads is not lost. The renderer's
 * data comes from the store anyway, so dropping the oldest pushes past the
 * limit loses only a notification of them, never the leads.
 */
export class RendererPushQueue {
  private ready = false;
  private queued: { channel: string; payload: unknown }[] = [];
  private dropped = 0;
  private readonly maxQueued: number;

  constructor(private readonly options: RendererPushQueueOptions) {
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  }

  get isReady(): boolean {
    return this.ready;
  }

  push(channel: string, payload: unknown): void {
    if (this.ready) {
      this.options.send(channel, payload);
      return;
    }
    this.queued.push({ channel, payload });
    if (this.queued.length > this.maxQueued) {
      this.queued.shift();
      this.dropped++;
    }
  }

  /** Flushes what was queued, in order. */
  markReady(): void {
    if (this.ready) return;
    this.ready = true;

    if (this.dropped > 0) {
      this.options.log.warn(
        { dropped: this.dropped },
        "renderer was not listening, dropped oldest pushes",
      );
      this.dropped = 0;
    }
    const queued = this.queued;
    this.queued = [];
    for (const message of queued) {
      this.options.send(message.channel, message.payload);
    }
  }

  /** Queues again, because the page is reloading and lost its listeners. */
  markNotReady(): void {
    this.ready = false;
  }
}
