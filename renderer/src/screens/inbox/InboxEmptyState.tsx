import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useState } from "react";

import {
  LEAD_EVENT_LABELS,
  LEAD_EVENT_TYPES,
  type LeadEventType,
} from "../../../../shared/lead-events";
import { useApi } from "../../api/api-context";
import { CopyField } from "../../components/CopyField";
import { LocalOnlyUrlNotice } from "../../components/LocalOnlyUrlNotice";
import { useAppStatus } from "../../status/app-status-context";

const EVENT_OPTIONS = LEAD_EVENT_TYPES.map((event) => ({
  value: event,
  label: LEAD_EVENT_LABELS[event],
}));

type TestOutcome =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "accepted" }
  | { kind: "failed"; message: string };

/** Shows where to paste the webhook URL, and offers a test event to try it now. */
export function InboxEmptyState(props: { onTestEventAccepted: () => void }) {
  const api = useApi();
  const { status } = useAppStatus();
  const [event, setEvent] = useState<LeadEventType>("job-application-received");
  const [outcome, setOutcome] = useState<TestOutcome>({ kind: "idle" });

  const sendTestEvent = async () => {
    setOutcome({ kind: "sending" });
    const result = await api.sendTestEvent({ event });

    if (!result.ok) {
      setOutcome({ kind: "failed", message: result.error.message });
      return;
    }
    const { statusCode, body } = result.value;
    if (statusCode >= 200 && statusCode < 300) {
      setOutcome({ kind: "accepted" });
      props.onTestEventAccepted();
      return;
    }
    setOutcome({
      kind: "failed",
      message: `The webhook responded with HTTP ${statusCode}: ${body.slice(0, 300)}`,
    });
  };

  return (
    <Paper
      withBorder
      p="lg"
      maw={720}
      mx="auto"
      mt="xl"
      data-testid="empty-state"
    >
      <Stack gap="md">
        <Title order={2} size="h4">
          No leads yet
        </Title>
        <Text size="sm">
          Paste this webhook URL into LocumJobsOnline (
          <b>Agency Info &gt; Webhooks</b>), or send a test event to see how a
          lead looks here.
        </Text>
        <CopyField
          label="Webhook URL"
          description="LocumJobsOnline also needs the credentials shown in Settings."
          value={status?.webhookUrl ?? "Loading…"}
          copyLabel="Copy webhook URL"
          testId="empty-state-webhook-url"
        />
        {status !== null && status.webhookUrl === status.localWebhookUrl && (
          <LocalOnlyUrlNotice />
        )}
        <Group align="end" gap="xs">
          <Select
            label="Test event"
            data={EVENT_OPTIONS}
            value={event}
            onChange={(value) => value && setEvent(value)}
            allowDeselect={false}
            w={220}
          />
          <Button
            leftSection={<IconSend size={14} />}
            onClick={() => void sendTestEvent()}
            loading={outcome.kind === "sending"}
            data-testid="send-test-event"
          >
            Send test event
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          The test event is posted to this inbox&apos;s own webhook with
          LocumJobsOnline&apos;s sample data, so it checks the whole path and
          then appears in the list like a real lead.
        </Text>
        {outcome.kind === "failed" && (
          <Alert color="red" title="The test event was not accepted">
            {outcome.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
