import { Alert } from "@mantine/core";

/**
 * Explains that a loopback webhook URL cannot be reached by LJO, shown
 * wherever the app offers the URL for pasting while no tunnel is up.
 */
export function LocalOnlyUrlNotice() {
  return (
    <Alert color="yellow" p="xs" data-testid="webhook-url-local-only">
      This address works only on this computer, so LocumJobsOnline cannot reach
      it yet. Turn on the tunnel in Settings, or put this server behind a public
      HTTPS address and paste that one into LocumJobsOnline.
    </Alert>
  );
}
