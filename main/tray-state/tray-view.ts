import type { AppStatus } from "../../shared/contract";
import { DEFAULT_AUTH_FAILURE_THRESHOLD } from "../notify/problem-alerts";

/** Tray picture of a state; each has a PNG in assets/tray/. */
export type TrayIconVariant = "normal" | "paused" | "warning";

export interface TrayView {
  icon: TrayIconVariant;
  /** Tooltip text; Windows cuts tooltips at 127 characters. */
  tooltip: string;
  /** Checked state of the "Pause receiving" menu item. */
  paused: boolean;
  /** Whether "Copy webhook URL" has something to copy. */
  canCopyWebhookUrl: boolean;
}

const PRODUCT_NAME = "Locum Lead Inbox";
const WINDOWS_TOOLTIP_MAX = 127;

/**
 * Maps the app status to the tray icon and tooltip. Problems that make
 * deliveries fail win over the paused state, because a recruiter who paused
 * on purpose still needs to know the URL is broken.
 */
export function trayViewFor(status: AppStatus): TrayView {
  const problems = deliveryProblems(status);
  const paused = !status.receiving;

  let icon: TrayIconVariant = "normal";
  let headline = "Receiving leads";
  if (problems.length > 0) {
    icon = "warning";
    headline = problems.join(". ");
  } else if (paused) {
    icon = "paused";
    headline = "Paused: LocumJobsOnline will retry later";
  } else if (status.tunnel.state === "connecting") {
    headline = "Connecting the public URL";
  }

  return {
    icon,
    tooltip: truncate(`${PRODUCT_NAME}: ${headline}`, WINDOWS_TOOLTIP_MAX),
    paused,
    canCopyWebhookUrl: status.webhookUrl.length > 0,
  };
}

function deliveryProblems(status: AppStatus): string[] {
  const problems: string[] = [];
  if (status.tunnel.state === "down") {
    problems.push("Public URL down");
  }
  if (status.recentAuthFailures >= DEFAULT_AUTH_FAILURE_THRESHOLD) {
    problems.push(
      `${status.recentAuthFailures} webhook requests failed authentication`,
    );
  }
  if (status.quarantinedCount > 0) {
    problems.push(`${status.quarantinedCount} deliveries need review`);
  }
  return problems;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
