import type { LeadInboxApi } from "../../../shared/contract";
import type { InboxClient } from "./inbox-client";

declare global {
  interface Window {
    /** Exposed by the desktop app's preload script through contextBridge. */
    leadInbox?: LeadInboxApi;
  }
}

/** Returns the client over the preload bridge, or null outside the desktop app. */
export function createDesktopClient(): InboxClient | null {
  const api = window.leadInbox;
  if (api === undefined) {
    return null;
  }

  // The preload bridge pushes only new leads, so the status bar polls.
  return { kind: "desktop", api, onStatus: null, onConnectionChange: null };
}
