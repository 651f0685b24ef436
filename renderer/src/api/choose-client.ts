import { createDesktopClient } from "./desktop-transport";
import { createHttpClient } from "./http-transport";
import type { InboxClient } from "./inbox-client";
import { takeSessionToken } from "./session-token";

export type ClientChoice =
  | { kind: "ready"; client: InboxClient }
  /** Headless mode, but the page was opened without `?token=`. */
  | { kind: "missing-token" };

/**
 * Picks the transport: the preload bridge inside the desktop app, otherwise
 * the admin HTTP API of `npm run serve` on the page's own origin.
 */
export function chooseInboxClient(onUnauthorized: () => void): ClientChoice {
  const desktop = createDesktopClient();
  if (desktop !== null) {
    return { kind: "ready", client: desktop };
  }

  const token = takeSessionToken();
  if (token === null) {
    return { kind: "missing-token" };
  }

  const client = createHttpClient({
    baseUrl: window.location.origin,
    token,
    onUnauthorized,
  });
  return { kind: "ready", client };
}
