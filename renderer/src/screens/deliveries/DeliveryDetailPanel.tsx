import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useCallback } from "react";

import type {
  DeliverySummary,
  ReprocessResult,
} from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { DeliveryRawView } from "../../components/DeliveryRawView";
import { FieldList } from "../../components/FieldList";
import { useApiQuery } from "../../hooks/use-api-query";
import { eventLabel, formatDateTime } from "../../lib/format";
import {
  describeDeliveryStatus,
  explainDeliveryStatus,
} from "./delivery-status";

/** Shows the selected delivery: what happened to it, its masked headers and raw body. */
export function DeliveryDetailPanel(props: {
  delivery: DeliverySummary;
  reprocessing: boolean;
  onReprocess: (deliveryId: number) => Promise<ReprocessResult | null>;
  onOpenCandidate: (candidateId: number) => void;
}) {
  const api = useApi();
  const { id, kind } = props.delivery;
  const load = useCallback(
    () => api.getDelivery({ id, kind }),
    [api, id, kind],
  );
  const query = useApiQuery(load, `${kind}:${id}:${props.delivery.status}`);
  const status = describeDeliveryStatus(props.delivery);
  const detail = query.data;
  const candidateId = props.delivery.candidateId;

  const reprocess = async () => {
    await props.onReprocess(id);
    query.reload();
  };

  return (
    <Paper
      withBorder
      p="sm"
      data-testid="delivery-detail"
      data-ready={query.settled ? "true" : "false"}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5">
            {eventLabel(props.delivery.event)}
          </Title>
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>
        <Text size="xs">{explainDeliveryStatus(props.delivery)}</Text>
        {kind === "delivery" && props.delivery.status === "quarantined" && (
          <Group>
            <Button
              leftSection={<IconRefresh size={14} />}
              onClick={() => void reprocess()}
              loading={props.reprocessing}
              data-testid="reprocess-delivery"
            >
              Reprocess this delivery
            </Button>
          </Group>
        )}
        <FieldList
          fields={[
            {
              label: "Received",
              value: formatDateTime(props.delivery.receivedAt),
            },
            {
              label: "HTTP status sent back",
              value: String(props.delivery.statusCode),
            },
            {
              label: "Latency",
              value:
                props.delivery.latencyMs === null
                  ? null
                  : `${Math.round(props.delivery.latencyMs)} ms`,
            },
            { label: "Error", value: props.delivery.error },
            {
              label: "Signature",
              value:
                detail === null || detail.signatureValid === null
                  ? "Not checked"
                  : detail.signatureValid
                    ? "Valid"
                    : "Invalid",
            },
            {
              label: "Candidate",
              value:
                candidateId === null ? null : (
                  <Anchor
                    component="button"
                    size="xs"
                    onClick={() => props.onOpenCandidate(candidateId)}
                  >
                    Open candidate {candidateId}
                  </Anchor>
                ),
            },
          ]}
        />
        {detail !== null && detail.warnings.length > 0 && (
          <Alert color="yellow" p="xs" title="Warnings">
            <List size="xs">
              {detail.warnings.map((warning) => (
                <List.Item key={warning}>{warning}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {query.error !== null && (
          <Alert color="red" p="xs" title="Could not load the raw delivery">
            {query.error}
          </Alert>
        )}
        {detail === null ? (
          query.error === null && <Loader size="xs" />
        ) : (
          <DeliveryRawView delivery={detail} />
        )}
      </Stack>
    </Paper>
  );
}
