import { Code, Stack, Table, Text } from "@mantine/core";

import type { DeliveryDetail } from "../../../shared/contract";
import { prettyJson } from "../lib/format";

/** Shows the request as stored: its headers, with credentials masked by the app, and its body. */
export function DeliveryRawView(props: { delivery: DeliveryDetail }) {
  const headers = Object.entries(props.delivery.headers);

  return (
    <Stack gap="xs">
      <Text size="xs" fw={600}>
        Headers
      </Text>
      {headers.length === 0 ? (
        <Text size="xs" c="dimmed">
          No headers were stored.
        </Text>
      ) : (
        <Table withTableBorder layout="fixed" data-testid="delivery-headers">
          <Table.Tbody>
            {headers.map(([name, value]) => (
              <Table.Tr key={name}>
                <Table.Td w={180} ff="monospace">
                  {name}
                </Table.Td>
                <Table.Td ff="monospace" style={{ wordBreak: "break-all" }}>
                  {value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" fw={600}>
        Body
      </Text>
      <Code block className="raw-block" data-testid="delivery-body">
        {props.delivery.body === ""
          ? "(empty body)"
          : prettyJson(props.delivery.body)}
      </Code>
    </Stack>
  );
}
