import { Anchor, Badge, Group, Text, Title, Tooltip } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";

import type { AppStatus } from "../../../shared/contract";
import type { LiveConnectionState } from "../api/inbox-client";
import { formatCount } from "../lib/format";
import { useAppStatus } from "../status/app-status-context";
import { CopyValueButton } from "./CopyValueButton";

/** Shows whether the inbox is receiving, whether LJO can reach it, and what needs attention. */
export function StatusHeader() {
  const { status, error, connection } = useAppStatus();

  return (
    <Group
      h="100%"
      px="sm"
      gap="md"
      wrap="nowrap"
      data-testid="status-bar"
      data-ready={status !== null || error !== null ? "true" : "false"}
    >
      <Group gap={6} wrap="nowrap">
        <IconInbox size={20} stroke={1.6} aria-hidden />
        <Title order={1} size="h5" style={{ whiteSpace: "nowrap" }}>
          Locum Lead Inbox
        </Title>
      </Group>
      {status === null ? (
        <Text size="xs" c={error === null ? "dimmed" : "red"}>
          {error ?? "Loading status…"}
        </Text>
      ) : (
        <StatusDetails status={status} connection={connection} />
      )}
    </Group>
  );
}

function StatusDetails(props: {
  status: AppStatus;
  connection: LiveConnectionState | null;
}) {
  const { status } = props;

  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
      {status.receiving ? (
        <Badge color="teal" variant="dot" data-testid="receiving-state">
          Receiving leads
        </Badge>
      ) : (
        <Tooltip
          label="New deliveries get HTTP 503, so LocumJobsOnline retries them later."
          withArrow
        >
          <Badge color="orange" variant="dot" data-testid="receiving-state">
            Paused
          </Badge>
        </Tooltip>
      )}
      <TunnelState tunnel={status.tunnel} />
      {status.quarantinedCount > 0 && (
        <Anchor href="#/deliveries" size="xs" c="orange.8" fw={600}>
          {formatCount(
            status.quarantinedCount,
            "quarantined delivery",
            "quarantined deliveries",
          )}
        </Anchor>
      )}
      {status.recentAuthFailures > 0 && (
        <Tooltip
          label="Requests with wrong credentials were rejected. If they came from LocumJobsOnline, paste the credentials from Settings into LJO again."
          multiline
          w={320}
          withArrow
        >
          <Anchor href="#/settings" size="xs" c="red.8" fw={600}>
            {formatCount(
              status.recentAuthFailures,
              "rejected request",
              "rejected requests",
            )}
          </Anchor>
        </Tooltip>
      )}
      <LiveConnection state={props.connection} />
    </Group>
  );
}

function TunnelState(props: { tunnel: AppStatus["tunnel"] }) {
  const { tunnel } = props;

  switch (tunnel.state) {
    case "off":
      return (
        <Tooltip
          label="Without the tunnel, LocumJobsOnline can reach this inbox only if this computer has a public address. Turn it on in Settings."
          multiline
          w={320}
          withArrow
        >
          <Badge color="gray" variant="light">
            Tunnel off
          </Badge>
        </Tooltip>
      );
    case "connecting":
      return (
        <Badge color="blue" variant="light">
          Tunnel connecting…
        </Badge>
      );
    case "up":
      return (
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge color="teal" variant="light">
            Tunnel up
          </Badge>
          {tunnel.url !== null && (
            <>
              <Text
                size="xs"
                ff="monospace"
                truncate="end"
                data-testid="public-url"
              >
                {tunnel.url}
              </Text>
              <CopyValueButton value={tunnel.url} label="Copy public URL" />
            </>
          )}
        </Group>
      );
    case "down":
      return (
        <Tooltip
          label={
            tunnel.lastError === null
              ? "The tunnel is down, so LocumJobsOnline cannot reach this inbox. It keeps retrying, and LJO retries failed deliveries for about a day."
              : `The tunnel is down: ${tunnel.lastError}. LJO retries failed deliveries for about a day.`
          }
          multiline
          w={320}
          withArrow
        >
          <Badge color="red" variant="light">
            Tunnel down
          </Badge>
        </Tooltip>
      );
  }
}

function LiveConnection(props: { state: LiveConnectionState | null }) {
  if (props.state === "reconnecting" || props.state === "closed") {
    return (
      <Tooltip
        label="The page lost its connection to the inbox server and is trying again. Check that `npm run serve` is still running."
        multiline
        w={300}
        withArrow
      >
        <Badge color="yellow" variant="light" ml="auto">
          Live updates paused
        </Badge>
      </Tooltip>
    );
  }
  return null;
}
