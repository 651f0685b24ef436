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

/**
 * Keeps the app status current for the header and the screens: pushed status
 * events where the transport has them, polling otherwise, and a fresh fetch
 * after every new lead and every reconnect.
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
    if (client.onStatus !== null) {
      return client.onStatus((pushed) => setStatus(pushed));
    }
    const timer = window.setInterval(refresh, POLL_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [client, refresh]);

  useEffect(() => {
    if (client.onConnectionChange === null) {
      return undefined;
    }
    return client.onConnectionChange((state) => {
      setConnection(state);
      // Events sent while the stream was down are lost, and a closed stream
      // may mean the token was revoked: getStatus finds out either way.
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
