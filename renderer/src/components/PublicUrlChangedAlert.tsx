import { Alert, Button, Group, Text } from "@mantine/core";
import { useEffect, useState } from "react";

import { useAppStatus } from "../status/app-status-context";
import { CopyValueButton } from "./CopyValueButton";

/** The public webhook URL the recruiter last confirmed, kept in this browser. */
const CONFIRMED_URL_KEY = "lead-inbox:confirmed-webhook-url";

/**
 * Warns when the tunnel's public URL differs from the one last confirmed
 * here, because LJO keeps posting to the old URL until it is updated. The
 * first URL seen counts as confirmed.
 */
export function PublicUrlChangedAlert() {
  const { status } = useAppStatus();
  const [confirmedUrl, setConfirmedUrl] = useState(() =>
    localStorage.getItem(CONFIRMED_URL_KEY),
  );
  const publicUrl =
    status?.tunnel.state === "up" && status.tunnel.url
      ? status.webhookUrl
      : null;

  useEffect(() => {
    if (publicUrl !== null && confirmedUrl === null) {
      localStorage.setItem(CONFIRMED_URL_KEY, publicUrl);
      setConfirmedUrl(publicUrl);
    }
  }, [publicUrl, confirmedUrl]);

  if (
    publicUrl === null ||
    confirmedUrl === null ||
    publicUrl === confirmedUrl
  ) {
    return null;
  }

  const confirm = () => {
    localStorage.setItem(CONFIRMED_URL_KEY, publicUrl);
    setConfirmedUrl(publicUrl);
  };

  return (
    <Alert
      color="orange"
      title="The public webhook URL changed"
      mb="sm"
      data-testid="public-url-changed"
    >
      <Text size="sm">
        LocumJobsOnline still posts to {confirmedUrl}, which no longer reaches
        this inbox. Paste the new URL into LocumJobsOnline (Agency Info &gt;
        Webhooks), then confirm here.
      </Text>
      <Group gap="xs" mt="xs">
        <Text size="sm" ff="monospace">
          {publicUrl}
        </Text>
        <CopyValueButton value={publicUrl} label="Copy the new webhook URL" />
        <Button size="xs" variant="light" onClick={confirm}>
          I updated LocumJobsOnline
        </Button>
      </Group>
    </Alert>
  );
}
