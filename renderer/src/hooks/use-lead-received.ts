import { useEffect, useRef } from "react";

import type { LeadReceived } from "../../../shared/contract";
import { useApi } from "../api/api-context";

/** Calls `listener` for every lead the app commits while the component is mounted. */
export function useLeadReceived(listener: (lead: LeadReceived) => void): void {
  const api = useApi();
  const listenerRef = useRef(listener);
  listenerRef.current = listener;

  useEffect(
    () => api.onLeadReceived((lead) => listenerRef.current(lead)),
    [api],
  );
}
