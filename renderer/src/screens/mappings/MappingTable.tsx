import { Badge, Group, Table, Text, Tooltip } from "@mantine/core";

import type { CatalogKind, MappingRow } from "../../../../shared/contract";
import { AtsValueInput } from "./AtsValueInput";
import { TableColumnWidths } from "../../components/TableColumnWidths";

/** Lists the LJO names of one kind with their ATS values, editable in place. */
export function MappingTable(props: {
  rows: MappingRow[];
  onSaved: (kind: CatalogKind) => void;
}) {
  return (
    <Table stickyHeader withTableBorder layout="fixed" highlightOnHover={false}>
      <TableColumnWidths widths={[200, null, 110, 96, 260]} />
      <Table.Thead>
        <Table.Tr>
          <Table.Th>LJO name</Table.Th>
          <Table.Th>Full name</Table.Th>
          <Table.Th>Category</Table.Th>
          <Table.Th>Candidates</Table.Th>
          <Table.Th>ATS value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((row) => (
          <Table.Tr
            key={row.name}
            data-testid="mapping-row"
            data-name={row.name}
          >
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" fw={600} truncate="end" title={row.name}>
                  {row.name}
                </Text>
                {row.source === "seen" && (
                  <Tooltip
                    label="Seen in a lead but missing from LocumJobsOnline's published list. Map it like any other name."
                    multiline
                    w={260}
                  >
                    <Badge color="cyan" variant="light">
                      New
                    </Badge>
                  </Tooltip>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="xs" truncate="end" title={row.fullName}>
                {row.fullName}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{row.category}</Text>
            </Table.Td>
            <Table.Td>{row.candidateCount.toLocaleString()}</Table.Td>
            <Table.Td>
              <AtsValueInput row={row} onSaved={props.onSaved} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
