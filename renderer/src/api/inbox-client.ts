import type { AppStatus, LeadInboxApi } from "../../../shared/contract";

/** State of the live-update channel, for the status bar. */
export type LiveConnectionState =
  | "connecting"
  | "open"
  | "reconnecting"
  /** The server rejected the stream, and the client tries again a few seconds later. */
  | "closed";

/** The contract's API plus what a transport can push besides new leads. */
export interface InboxClient {
  /** "desktop" for the Electron preload bridge, "http" for the headless server. */
  readonly kind: "desktop" | "http";
  readonly api: LeadInboxApi;
  /**
   * Subscribes to status pushes and returns the function that unsubscribes.
   * Null when the transport cannot push status, so the UI polls getStatus.
   */
  readonly onStatus:
    ((listener: (status: AppStatus) => void) => () => void) | null;
  /** Subscribes to changes of the live channel. Null when the transport has no such channel. */
  readonly onConnectionChange:
    ((listener: (state: LiveConnectionState) => void) => () => void) | null;
}
