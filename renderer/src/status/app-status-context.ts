import { createContext, useContext } from "react";

import type { AppStatus } from "../../../shared/contract";
import type { LiveConnectionState } from "../api/inbox-client";

export interface AppStatusState {
  /** Null until the first getStatus call returns. */
  status: AppStatus | null;
  /** Message of the last failed getStatus call, or null. */
  error: string | null;
  /** Null when the transport has no live channel (desktop). */
  connection: LiveConnectionState | null;
  refresh: () => void;
}

export const AppStatusContext = createContext<AppStatusState | null>(null);

export function useAppStatus(): AppStatusState {
  const state = useContext(AppStatusContext);
  if (state === null) {
    throw new Error("useAppStatus must be used inside AppStatusProvider.");
  }
  return state;
}
