import { createContext, useContext, type ReactNode } from "react";

import type { LeadInboxApi } from "../../../shared/contract";
import type { InboxClient } from "./inbox-client";

const InboxClientContext = createContext<InboxClient | null>(null);

export function InboxClientProvider(props: {
  client: InboxClient;
  children: ReactNode;
}) {
  return (
    <InboxClientContext.Provider value={props.client}>
      {props.children}
    </InboxClientContext.Provider>
  );
}

export function useInboxClient(): InboxClient {
  const client = useContext(InboxClientContext);
  if (client === null) {
    throw new Error("useInboxClient must be used inside InboxClientProvider.");
  }
  return client;
}

export function useApi(): LeadInboxApi {
  return useInboxClient().api;
}
