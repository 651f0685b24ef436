import type { AppStatus } from "../../shared/contract";
import type { Logger } from "../log/logger";
import type {
  Clock,
  NotificationPresenter,
  NotificationTargets,
  TimerHandle,
} from "./notification-types";

export interface ProblemAlertOptions {
  presenter: NotificationPresenter;
  targets: NotificationTargets;
  clock: Clock;
  log: Logger;
  /** How long the tunnel may stay down before an alert, in milliseconds. */
  tunnelDownAlertMs?: number;
  /** Failed authentications within `authFailureWindowMs` that raise an alert. */
  authFailureThreshold?: number;
  authFailureWindowMs?: number;
}

export const DEFAULT_TUNNEL_DOWN_ALERT_MS = 5 * 60_000;
export const DEFAULT_AUTH_FAILURE_THRESHOLD = 5;
export const DEFAULT_AUTH_FAILURE_WINDOW_MS = 10 * 60_000;

/**
 * Alerts about problems that make LocumJobsOnline deliveries fail: a new
 * public URL, a tunnel that stays down, and repeated failed authentication.
 * Each alert shows once per incident and re-arms only after recovery.
 *
 * NOTE: these alerts ignore the notificationsEnabled setting on purpose,
 * because leads are lost while the problem lasts and each one shows at most
 * once per incident. The setting silences lead notifications only.
 */
export class ProblemAlerts {
  private readonly tunnelDownAlertMs: number;
  private readonly authFailureThreshold: number;
  private readonly authFailureWindowMs: number;

  private tunnelDownSince: number | null = null;
  private tunnelTimer: TimerHandle | null = null;
  private tunnelAlerted = false;

  private authFailureTimes: number[] = [];
  private authAlerted = false;

  private lastAnnouncedUrl: string | null = null;

  constructor(private readonly options: ProblemAlertOptions) {
    this.tunnelDownAlertMs =
      options.tunnelDownAlertMs ?? DEFAULT_TUNNEL_DOWN_ALERT_MS;
    this.authFailureThreshold =
      options.authFailureThreshold ?? DEFAULT_AUTH_FAILURE_THRESHOLD;
    this.authFailureWindowMs =
      options.authFailureWindowMs ?? DEFAULT_AUTH_FAILURE_WINDOW_MS;
  }

  /** Shows the new public URL, which must be pasted into LocumJobsOnline. */
  handlePublicUrlChanged(change: { previousUrl: string | null; url: string }) {
    if (change.url === this.lastAnnouncedUrl) return;
    this.lastAnnouncedUrl = change.url;

    this.options.log.info(
      { hadPreviousUrl: change.previousUrl !== null },
      "public URL changed, alerting",
    );
    this.options.presenter.show({
      title: "Your webhook URL changed",
      body: `Paste the new URL into LocumJobsOnline: ${change.url}`,
      onClick: () => this.options.targets.openSettings(),
    });
  }

  /** Follows the tunnel state; an outage longer than the limit alerts once. */
  handleStatus(status: AppStatus): void {
    const state = status.tunnel.state;
    if (state === "down" || state === "connecting") {
      this.markTunnelDown();
    } else {
      this.markTunnelUp(state === "up");
    }
  }

  /** Counts one failed authentication of a webhook request. */
  handleAuthFailure(): void {
    const now = this.options.clock.now();
    this.authFailureTimes = this.authFailureTimes.filter(
      (time) => now - time < this.authFailureWindowMs,
    );

    // A quiet window since the last alert counts as recovery.
    if (this.authAlerted && this.authFailureTimes.length === 0) {
      this.authAlerted = false;
    }
    this.authFailureTimes.push(now);

    if (
      this.authAlerted ||
      this.authFailureTimes.length < this.authFailureThreshold
    ) {
      return;
    }
    this.authAlerted = true;
    this.options.log.warn(
      { failures: this.authFailureTimes.length },
      "repeated failed authentication, alerting",
    );
    this.options.presenter.show({
      title: "LocumJobsOnline may have old credentials",
      body: `${this.authFailureTimes.length} webhook requests failed authentication in ${formatMinutes(this.authFailureWindowMs)}. Check the credentials in Settings against LocumJobsOnline.`,
      onClick: () => this.options.targets.openSettings(),
    });
  }

  /** Restarts the failure count, because a stored lead proves the credentials work. */
  handleLeadAccepted(): void {
    this.authFailureTimes = [];
    this.authAlerted = false;
  }

  dispose(): void {
    this.clearTunnelTimer();
  }

  private markTunnelDown(): void {
    if (this.tunnelDownSince !== null) return;
    this.tunnelDownSince = this.options.clock.now();
    this.tunnelTimer = this.options.clock.setTimeout(
      () => this.alertTunnelDown(),
      this.tunnelDownAlertMs,
    );
  }

  private alertTunnelDown(): void {
    this.tunnelTimer = null;
    if (this.tunnelDownSince === null || this.tunnelAlerted) return;
    this.tunnelAlerted = true;

    const downForMs = this.options.clock.now() - this.tunnelDownSince;
    this.options.log.warn({ downForMs }, "tunnel down too long, alerting");
    this.options.presenter.show({
      title: "LocumJobsOnline cannot reach this computer",
      body: `The public URL has been down for ${formatMinutes(downForMs)}. LocumJobsOnline retries a failed delivery for about a day, so check the internet connection.`,
      onClick: () => this.options.targets.openInbox(),
    });
  }

  private markTunnelUp(reachable: boolean): void {
    if (this.tunnelDownSince === null) return;
    this.tunnelDownSince = null;
    this.clearTunnelTimer();

    if (!this.tunnelAlerted) return;
    this.tunnelAlerted = false;
    if (!reachable) return;

    this.options.log.info("tunnel back up after an alert");
    this.options.presenter.show({
      title: "LocumJobsOnline can reach this computer again",
      body: "The public URL is back up.",
      onClick: () => this.options.targets.openInbox(),
    });
  }

  private clearTunnelTimer(): void {
    if (this.tunnelTimer === null) return;
    this.options.clock.clearTimeout(this.tunnelTimer);
    this.tunnelTimer = null;
  }
}

function formatMinutes(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
