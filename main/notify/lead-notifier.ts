import { LEAD_EVENT_LABELS, isLeadEventType } from "../../shared/lead-events";
import type {
  Clock,
  NotificationPresenter,
  NotificationTargets,
  TimerHandle,
} from "./notification-types";

/** A committed lead event, as far as a notification needs it. */
export interface LeadNotice {
  candidateId: number;
  event: string;
  isNewCandidate: boolean;
  /** "First Last"; empty when LocumJobsOnline sent no name. */
  candidateName: string;
}

export interface LeadNotifierOptions {
  presenter: NotificationPresenter;
  targets: NotificationTargets;
  clock: Clock;
  /** Read on every lead so that a change in Settings applies at once. */
  isEnabled: () => boolean;
  /**
   * How long after a notification further leads are gathered into one
   * summary, in milliseconds.
   */
  burstWindowMs?: number;
}

export const DEFAULT_BURST_WINDOW_MS = 5_000;

/**
 * Shows one notification per new candidate, but coalesces bursts: the first
 * lead shows at once, and the leads that arrive in the following window are
 * shown together when it ends ("12 new leads"). A summary opens a new window,
 * so a steady stream produces one notification per window.
 */
export class LeadNotifier {
  private readonly burstWindowMs: number;
  private windowTimer: TimerHandle | null = null;
  private pending: LeadNotice[] = [];

  constructor(private readonly options: LeadNotifierOptions) {
    this.burstWindowMs = options.burstWindowMs ?? DEFAULT_BURST_WINDOW_MS;
  }

  /** Handles one committed lead event; repeat events of a known candidate show nothing. */
  handleLead(lead: LeadNotice): void {
    if (!lead.isNewCandidate || !this.options.isEnabled()) return;

    if (this.windowTimer === null) {
      this.showSingle(lead);
      this.openWindow();
      return;
    }
    this.pending.push(lead);
  }

  /** Cancels the pending summary, for example when the app quits. */
  dispose(): void {
    if (this.windowTimer !== null) {
      this.options.clock.clearTimeout(this.windowTimer);
      this.windowTimer = null;
    }
    this.pending = [];
  }

  private openWindow(): void {
    this.windowTimer = this.options.clock.setTimeout(
      () => this.closeWindow(),
      this.burstWindowMs,
    );
  }

  private closeWindow(): void {
    this.windowTimer = null;
    const leads = this.pending;
    this.pending = [];

    // Notifications switched off during the window drop what was gathered.
    if (leads.length === 0 || !this.options.isEnabled()) return;

    const [first] = leads;
    if (leads.length === 1 && first) {
      this.showSingle(first);
    } else {
      this.showSummary(leads.length);
    }
    this.openWindow();
  }

  private showSingle(lead: LeadNotice): void {
    const name = lead.candidateName.trim() || "A candidate with no name";
    this.options.presenter.show({
      title: `New lead: ${name}`,
      body: describeEvent(lead.event),
      onClick: () => this.options.targets.openCandidate(lead.candidateId),
    });
  }

  private showSummary(count: number): void {
    this.options.presenter.show({
      title: `${count} new leads`,
      body: "Open the inbox to see them.",
      onClick: () => this.options.targets.openInbox(),
    });
  }
}

function describeEvent(event: string): string {
  return isLeadEventType(event) ? LEAD_EVENT_LABELS[event] : event;
}
