import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Stack,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { useState } from "react";

import type {
  CandidateDetail,
  DeliveryDetail,
} from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { DeliveryRawView } from "../../components/DeliveryRawView";
import { eventLabel, formatDateTime } from "../../lib/format";

type LeadEvent = CandidateDetail["events"][number];

/** Lists every lead event of the candidate, newest first, with the delivery behind it. */
export function CandidateTimeline(props: { events: LeadEvent[] }) {
  const events = [...props.events].sort((a, b) =>
    b.receivedAt.localeCompare(a.receivedAt),
  );

  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        Lead events
      </Title>
      <Timeline bulletSize={14} lineWidth={2} data-testid="candidate-timeline">
        {events.map((event) => (
          <Timeline.Item key={event.id} title={eventLabel(event.event)}>
            <TimelineEntry event={event} />
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

function TimelineEntry(props: { event: LeadEvent }) {
  const { event } = props;

  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {event.occurredAt === null
          ? `Received ${formatDateTime(event.receivedAt)}`
          : `Sent by LJO ${formatDateTime(event.occurredAt)}, received ${formatDateTime(event.receivedAt)}`}
      </Text>
      <Text size="xs">
        Referral source: <b>{event.referralSource}</b>
      </Text>
      {event.unlockedBy !== null && (
        <Text size="xs">Unlocked by {event.unlockedBy}</Text>
      )}
      {event.jobReferenceNumbers.length > 0 && (
        <Text size="xs">
          Job reference {event.jobReferenceNumbers.join(", ")}
        </Text>
      )}
      <RawPayload deliveryId={event.deliveryId} />
    </Stack>
  );
}

type PayloadState =
  | { kind: "hidden" }
  | { kind: "loading" }
  | { kind: "shown"; delivery: DeliveryDetail }
  | { kind: "failed"; message: string };

function RawPayload(props: { deliveryId: number }) {
  const api = useApi();
  const [state, setState] = useState<PayloadState>({ kind: "hidden" });

  const show = async () => {
    setState({ kind: "loading" });
    const result = await api.getDelivery({
      id: props.deliveryId,
      kind: "delivery",
    });
    setState(
      result.ok
        ? { kind: "shown", delivery: result.value }
        : { kind: "failed", message: result.error.message },
    );
  };

  if (state.kind === "hidden") {
    return (
      <Group>
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => void show()}
          data-testid="show-raw-payload"
        >
          Show the raw delivery
        </Button>
      </Group>
    );
  }

  return (
    <Stack gap={4} mt={4}>
      <Group gap="xs">
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => setState({ kind: "hidden" })}
        >
          Hide the raw delivery
        </Button>
        <Code>delivery {props.deliveryId}</Code>
      </Group>
      {state.kind === "loading" && <Loader size="xs" />}
      {state.kind === "failed" && (
        <Alert color="red" p="xs">
          {state.message}
        </Alert>
      )}
      {state.kind === "shown" && <DeliveryRawView delivery={state.delivery} />}
    </Stack>
  );
}
