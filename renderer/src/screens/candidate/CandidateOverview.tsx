import {
  Badge,
  Group,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";

import type { CandidateDetail } from "../../../../shared/contract";
import { FieldList } from "../../components/FieldList";
import { formatDateTime } from "../../lib/format";
import { TableColumnWidths } from "../../components/TableColumnWidths";

type MappedValue = NonNullable<CandidateDetail["licenseMapping"]>;

/** Shows contact fields, licensed states and the ATS values of license and specialties. */
export function CandidateOverview(props: { candidate: CandidateDetail }) {
  const { candidate } = props;
  const extra = Object.entries(candidate.extra);
  const phone =
    candidate.phoneExtension === ""
      ? candidate.phone
      : `${candidate.phone} ext. ${candidate.phoneExtension}`;

  return (
    <Stack gap="md">
      <FieldList
        fields={[
          { label: "Email", value: candidate.email },
          { label: "Phone", value: phone },
          { label: "Phone (E.164)", value: candidate.phoneE164 },
          {
            label: "Address",
            value: [candidate.address, candidate.address2]
              .filter((part) => part !== "")
              .join(", "),
          },
          {
            label: "City, state, ZIP",
            value: [candidate.city, candidate.state, candidate.zip]
              .filter((part) => part !== "")
              .join(", "),
          },
          { label: "Experience", value: candidate.experience },
          { label: "Referral source", value: candidate.referralSource },
          { label: "First seen", value: formatDateTime(candidate.firstSeenAt) },
          { label: "Last seen", value: formatDateTime(candidate.lastSeenAt) },
          ...extra.map(([name, value]) => ({
            label: name,
            value: typeof value === "string" ? value : JSON.stringify(value),
          })),
        ]}
      />

      <Stack gap={4}>
        <Title order={3} size="h6">
          Licensed states
        </Title>
        {candidate.licensedStates.length === 0 ? (
          <Text size="xs" c="dimmed">
            None listed.
          </Text>
        ) : (
          <Group gap={4} data-testid="licensed-states">
            {candidate.licensedStates.map((state) => (
              <Badge key={state} variant="outline" color="gray">
                {state}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>

      <Stack gap={4}>
        <Title order={3} size="h6">
          License and specialties in your ATS
        </Title>
        <Table withTableBorder layout="fixed" data-testid="candidate-mappings">
          <TableColumnWidths widths={[110, null, null]} />
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>LJO name</Table.Th>
              <Table.Th>ATS value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {candidate.licenseMapping !== null && (
              <MappingRow kind="License" value={candidate.licenseMapping} />
            )}
            {candidate.specialtyMappings.map((value) => (
              <MappingRow key={value.name} kind="Specialty" value={value} />
            ))}
          </Table.Tbody>
        </Table>
        {candidate.unmappedValues.length > 0 && (
          <Text size="xs" c="dimmed">
            Set the missing ATS values on the Mappings screen; exports use them
            from then on.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

function MappingRow(props: { kind: string; value: MappedValue }) {
  const { value } = props;

  return (
    <Table.Tr>
      <Table.Td>{props.kind}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" truncate="end">
            {value.name}
          </Text>
          {!value.known && (
            <Tooltip label="Not in LocumJobsOnline's published list">
              <Badge color="cyan" variant="light">
                New
              </Badge>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {value.atsValue === null || value.atsValue === "" ? (
          <Badge color="orange" variant="light">
            Unmapped
          </Badge>
        ) : (
          <Text size="xs" ff="monospace">
            {value.atsValue}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
