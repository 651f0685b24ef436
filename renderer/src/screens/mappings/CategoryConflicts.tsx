import { Anchor, Stack, Table, Text, Title } from "@mantine/core";

import type { ListMappingsResponse } from "../../../../shared/contract";
import { TableColumnWidths } from "../../components/TableColumnWidths";

/** Lists candidates whose license and specialty break LJO's medical/dental rule. */
export function CategoryConflicts(props: {
  conflicts: ListMappingsResponse["categoryConflicts"];
  onOpenCandidate: (candidateId: number) => void;
}) {
  if (props.conflicts.length === 0) {
    return null;
  }

  return (
    <Stack gap={4} data-testid="category-conflicts">
      <Title order={3} size="h6">
        License and specialty that do not belong together
      </Title>
      <Text size="xs" c="dimmed" maw={760}>
        LocumJobsOnline pairs dental licenses only with dental specialties, and
        medical licenses only with medical specialties. These candidates have
        one of each, which usually means the lead was entered wrongly. Open the
        candidate and decide which value is right before you export, so the
        wrong one does not reach your ATS.
      </Text>
      <Table withTableBorder layout="fixed">
        <TableColumnWidths widths={[120, 110, 200, null]} />
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Candidate</Table.Th>
            <Table.Th>License</Table.Th>
            <Table.Th>Specialty</Table.Th>
            <Table.Th>Why it is listed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.conflicts.map((conflict) => (
            <Table.Tr
              key={`${conflict.candidateId}:${conflict.license}:${conflict.specialty}`}
            >
              <Table.Td>
                <Anchor
                  component="button"
                  size="xs"
                  onClick={() => props.onOpenCandidate(conflict.candidateId)}
                >
                  {conflict.candidateName ||
                    `Candidate ${conflict.candidateId}`}
                </Anchor>
              </Table.Td>
              <Table.Td>{conflict.license}</Table.Td>
              <Table.Td>{conflict.specialty}</Table.Td>
              <Table.Td>{conflict.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
