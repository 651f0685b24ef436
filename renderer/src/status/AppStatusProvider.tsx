import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";

import type { AppStatus } from "../../../shared/contract";
import { useInboxClient } from "../api/api-context";
import type { LiveConnectionState } from "../api/inbox-client";
import { useLeadReceived } from "../hooks/use-lead-received";
import { AppStatusContext, type AppStatusState } from "./app-status-context";

/** How often the status is fetched when the transport cannot push it. */
const POLL_INTERVAL_MS = 10_000;

/** How often the status is fetched besides the pushed status events. */
const PUSH_FALLBACK_POLL_MS = 30_000;

/**
 * Keeps the app status current for the header and the screens: pushed status
 * events where the transport has them, a poll (slower when pushes arrive), and
 * a fresh fetch after every new lead and every reconnect.
 */
export function AppStatusProvider(props: { children: ReactNode }) {
  const client = useInboxClient();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connection, setConnection] = useState<LiveConnectionState | null>(
    client.onConnectionChange === null ? null : "connecting",
  );

  const refresh = useCallback(() => {
    void client.api.getStatus({}).then((result) => {
      if (result.ok) {
        setStatus(result.value);
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
  }, [client]);

  useEffect(() => {
    refresh();
    // Pushed status may skip changes such as a newly quarantined delivery, so
    // a slower poll stays on as a safety net.
    const interval =
      client.onStatus === null ? POLL_INTERVAL_MS : PUSH_FALLBACK_POLL_MS;
    const timer = window.setInterval(refresh, interval);
    const unsubscribe = client.onStatus?.((pushed) => setStatus(pushed));
    return () => {
      window.clearInterval(timer);
      unsubscribe?.();
    };
  }, [client, refresh]);

  useEffect(() => {
    if (client.onConnectionChange === null) {
      return undefined;
    }
    return client.onConnectionChange((state) => {
      setConnection(state);
      // Events sent while the stream was down are lost, and a closed stream
      // may mean a rejected token. A getStatus call catches up on the first
      // and reports the second through the 401 handler.
      if (state === "open" || state === "closed") {
        refresh();
      }
    });
  }, [client, refresh]);

  useLeadReceived(refresh);

  const value = useMemo<AppStatusState>(
    () => ({ status, error, connection, refresh }),
    [status, error, connection, refresh],
  );

  return (
    <AppStatusContext.Provider value={value}>
      {props.children}
    </AppStatusContext.Provider>
  );
}
