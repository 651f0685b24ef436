import { Badge, Table, Text } from "@mantine/core";
import type { KeyboardEvent } from "react";

import type { DeliverySummary } from "../../../../shared/contract";
import { eventLabel, formatShortDateTime } from "../../lib/format";
import { describeDeliveryStatus } from "./delivery-status";
import { TableColumnWidths } from "../../components/TableColumnWidths";

export function deliveryKey(delivery: DeliverySummary): string {
  return `${delivery.kind}:${delivery.id}`;
}

/** Lists webhook requests, newest first. Enter or a click opens one in the side panel. */
export function DeliveryTable(props: {
  rows: DeliverySummary[];
  selectedKey: string | null;
  onSelect: (delivery: DeliverySummary) => void;
}) {
  const onKeyDown = (event: KeyboardEvent, delivery: DeliverySummary) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      props.onSelect(delivery);
    }
  };

  return (
    <Table stickyHeader withTableBorder layout="fixed">
      <TableColumnWidths widths={[118, null, 116, 50, 64, null]} />
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Received</Table.Th>
          <Table.Th>Event</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>HTTP</Table.Th>
          <Table.Th>Latency</Table.Th>
          <Table.Th>Error</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((delivery) => {
          const status = describeDeliveryStatus(delivery);
          const key = deliveryKey(delivery);

          return (
            <Table.Tr
              key={key}
              className="clickable-row"
              tabIndex={0}
              aria-selected={key === props.selectedKey}
              onClick={() => props.onSelect(delivery)}
              onKeyDown={(event) => onKeyDown(event, delivery)}
              data-testid="delivery-row"
              data-status={
                delivery.kind === "rejected" ? "rejected" : delivery.status
              }
            >
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {formatShortDateTime(delivery.receivedAt)}
              </Table.Td>
              <Table.Td>
                <Text size="xs" truncate="end">
                  {delivery.event === null ? "—" : eventLabel(delivery.event)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={status.color} variant="light">
                  {status.label}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace">{delivery.statusCode}</Table.Td>
              <Table.Td>
                {delivery.latencyMs === null
                  ? "—"
                  : `${Math.round(delivery.latencyMs)} ms`}
              </Table.Td>
              <Table.Td>
                <Text
                  size="xs"
                  truncate="end"
                  title={delivery.error ?? undefined}
                >
                  {delivery.error ?? ""}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
