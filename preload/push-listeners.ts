/**
 * Listeners of one push channel. Messages that arrive before the first
 * listener subscribes are kept (up to a limit) and handed to it, because the
 * page subscribes only after React mounts, which is later than the preload
 * sends its ready signal.
 */
export class PushListeners<T> {
  private listeners = new Set<(message: T) => void>();
  private backlog: T[] = [];
  private hadListener = false;

  constructor(private readonly maxBacklog = 100) {}

  deliver(message: T): void {
    if (!this.hadListener) {
      this.backlog.push(message);
      if (this.backlog.length > this.maxBacklog) this.backlog.shift();
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: (message: T) => void): () => void {
    this.listeners.add(listener);
    if (!this.hadListener) {
      this.hadListener = true;
      const backlog = this.backlog;
      this.backlog = [];
      for (const message of backlog) listener(message);
    }
    return () => {
      this.listeners.delete(listener);
    };
  }
}
