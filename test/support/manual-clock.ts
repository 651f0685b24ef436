import type {
  Clock,
  NotificationPresenter,
  NotificationRequest,
  NotificationTargets,
} from "../../main/notify/notification-types";

/** A clock whose time moves only when the test calls `advance`. */
export class ManualClock implements Clock {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + delayMs, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

/** Records what would have been shown, and can click it. */
export class RecordingPresenter implements NotificationPresenter {
  readonly shownRequests: NotificationRequest[] = [];

  show(request: NotificationRequest): void {
    this.shownRequests.push(request);
  }

  get titles(): string[] {
    return this.shownRequests.map((request) => request.title);
  }
}

/** Records where notification clicks lead. */
export class RecordingTargets implements NotificationTargets {
  readonly opened: string[] = [];

  openCandidate(candidateId: number): void {
    this.opened.push(`candidate:${candidateId}`);
  }

  openInbox(): void {
    this.opened.push("inbox");
  }

  openSettings(): void {
    this.opened.push("settings");
  }
}
