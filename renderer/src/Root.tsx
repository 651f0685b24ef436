import { useState } from "react";

import { InboxClientProvider } from "./api/api-context";
import { chooseInboxClient } from "./api/choose-client";
import { forgetSessionToken } from "./api/session-token";
import { App } from "./App";
import { UnauthorizedScreen } from "./components/UnauthorizedScreen";
import { AppStatusProvider } from "./status/AppStatusProvider";

/** Picks the transport once, and swaps the app for a sign-in hint when the server rejects the token. */
export function Root() {
  const [rejected, setRejected] = useState(false);
  const [choice] = useState(() =>
    chooseInboxClient(() => {
      forgetSessionToken();
      setRejected(true);
    }),
  );

  if (choice.kind === "missing-token") {
    return <UnauthorizedScreen reason="missing" />;
  }
  if (rejected) {
    return <UnauthorizedScreen reason="rejected" />;
  }

  return (
    <InboxClientProvider client={choice.client}>
      <AppStatusProvider>
        <App />
      </AppStatusProvider>
    </InboxClientProvider>
  );
}
