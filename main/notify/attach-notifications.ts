import type { EventEmitter } from "node:events";

import type { AppStatus } from "../../shared/contract";
import type { LeadInboxAppEvents } from "../app/app-types";
import type { LeadCommitted } from "../ingest/delivery";
import type { Logger } from "../log/logger";
import { LeadNotifier } from "./lead-notifier";
import type {
  Clock,
  NotificationPresenter,
  NotificationTargets,
} from "./notification-types";
import { ProblemAlerts } from "./problem-alerts";

export interface AttachNotificationsOptions {
  presenter: NotificationPresenter;
  targets: NotificationTargets;
  clock: Clock;
  log: Logger;
  /** The notificationsEnabled setting, read on every lead. */
  leadNotificationsEnabled: () => boolean;
  /** Status at the time of attaching; status events emitted earlier are missed. */
  initialStatus?: AppStatus;
}

/**
 * Subscribes lead notifications and problem alerts to the running app's
 * events. Returns the function that unsubscribes and cancels pending timers.
 */
export function attachNotifications(
  events: EventEmitter<LeadInboxAppEvents>,
  options: AttachNotificationsOptions,
): () => void {
  const leads = new LeadNotifier({
    presenter: options.presenter,
    targets: options.targets,
    clock: options.clock,
    isEnabled: options.leadNotificationsEnabled,
  });
  const alerts = new ProblemAlerts({
    presenter: options.presenter,
    targets: options.targets,
    clock: options.clock,
    log: options.log,
  });

  if (options.initialStatus) alerts.handleStatus(options.initialStatus);

  const onLead = (lead: LeadCommitted) => {
    alerts.handleLeadAccepted();
    leads.handleLead(lead);
  };
  const onAuthFailure = () => alerts.handleAuthFailure();
  const onStatus = (status: AppStatus) => alerts.handleStatus(status);
  const onUrlChanged = (change: LeadInboxAppEvents["public-url-changed"][0]) =>
    alerts.handlePublicUrlChanged(change);

  events.on("lead", onLead);
  events.on("auth-failure", onAuthFailure);
  events.on("status", onStatus);
  events.on("public-url-changed", onUrlChanged);

  return () => {
    events.off("lead", onLead);
    events.off("auth-failure", onAuthFailure);
    events.off("status", onStatus);
    events.off("public-url-changed", onUrlChanged);
    leads.dispose();
    alerts.dispose();
  };
}
