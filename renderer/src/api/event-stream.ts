import {
  leadReceivedSchema,
  statusSchema,
  type AppStatus,
  type LeadReceived,
} from "../../../shared/contract";
import type { LiveConnectionState } from "./inbox-client";

const RETRY_AFTER_CLOSE_MS = 5000;

interface EventStreamOptions {
  baseUrl: string;
  token: string;
}

/**
 * Shares one EventSource on `/api/events` among all subscribers. It opens with
 * the first subscriber and closes with the last. EventSource cannot send an
 * Authorization header, so the token travels in the query string.
 */
export function createEventStream(options: EventStreamOptions) {
  const leadListeners = new Set<(lead: LeadReceived) => void>();
  const statusListeners = new Set<(status: AppStatus) => void>();
  const connectionListeners = new Set<(state: LiveConnectionState) => void>();
  let source: EventSource | null = null;
  let retryTimer: number | null = null;

  function open(): void {
    const url = new URL("/api/events", options.baseUrl);
    url.searchParams.set("token", options.token);
    source = new EventSource(url);
    notifyConnection("connecting");

    source.addEventListener("open", () => notifyConnection("open"));
    source.addEventListener("error", () => handleError());
    source.addEventListener("lead-received", (message) => {
      const lead = parseData(message, (data) =>
        leadReceivedSchema.safeParse(data),
      );
      if (lead !== null) {
        leadListeners.forEach((listener) => listener(lead));
      }
    });
    source.addEventListener("status", (message) => {
      const status = parseData(message, (data) => statusSchema.safeParse(data));
      if (status !== null) {
        statusListeners.forEach((listener) => listener(status));
      }
    });
  }

  // EventSource retries by itself after a network error, but gives up for
  // good when the server responds with an error status (for example 401).
  function handleError(): void {
    if (source === null || source.readyState !== EventSource.CLOSED) {
      notifyConnection("reconnecting");
      return;
    }

    source = null;
    notifyConnection("closed");
    retryTimer = window.setTimeout(() => {
      retryTimer = null;
      if (source === null && subscriberCount() > 0) {
        open();
      }
    }, RETRY_AFTER_CLOSE_MS);
  }

  function subscriberCount(): number {
    return leadListeners.size + statusListeners.size + connectionListeners.size;
  }

  function closeWhenUnused(): void {
    if (subscriberCount() > 0) {
      return;
    }
    source?.close();
    source = null;
    if (retryTimer !== null) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
  }

  function notifyConnection(state: LiveConnectionState): void {
    connectionListeners.forEach((listener) => listener(state));
  }

  function subscribe<T>(listeners: Set<T>, listener: T): () => void {
    listeners.add(listener);
    if (source === null && retryTimer === null) {
      open();
    }
    return () => {
      listeners.delete(listener);
      closeWhenUnused();
    };
  }

  return {
    onLeadReceived: (listener: (lead: LeadReceived) => void) =>
      subscribe(leadListeners, listener),
    onStatus: (listener: (status: AppStatus) => void) =>
      subscribe(statusListeners, listener),
    onConnectionChange: (listener: (state: LiveConnectionState) => void) =>
      subscribe(connectionListeners, listener),
  };
}

/** Parses an event's JSON data, or returns null when it does not match the schema. */
function parseData<T>(
  message: Event,
  safeParse: (
    value: unknown,
  ) => { success: true; data: T } | { success: false },
): T | null {
  if (!(message instanceof MessageEvent) || typeof message.data !== "string") {
    return null;
  }

  try {
    const parsed = safeParse(JSON.parse(message.data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
