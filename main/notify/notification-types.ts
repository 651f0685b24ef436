/** Notification content; the desktop shell turns it into an Electron Notification. */
export interface NotificationRequest {
  title: string;
  body: string;
  /** Called when the user clicks the notification. */
  onClick?: () => void;
}

/** Shows notifications; the desktop shell wraps Electron's Notification. */
export interface NotificationPresenter {
  show(request: NotificationRequest): void;
}

/** Whatever `setTimeout` returned, passed back to `clearTimeout`. */
export type TimerHandle = object | number;

/** Time source and timers, injected so tests can drive time by hand. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The clock of the running process; its timers do not keep it alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/** Views of the inbox window that a notification click opens. */
export interface NotificationTargets {
  openCandidate(candidateId: number): void;
  openInbox(): void;
  openSettings(): void;
}
