import { Stack, Table, Text, Title } from "@mantine/core";

import type { CandidateDetail } from "../../../../shared/contract";
import { formatDate } from "../../lib/format";

/** Lists the jobs the candidate applied to, as LJO described them in the payload. */
export function CandidateJobs(props: { jobs: CandidateDetail["jobs"] }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h6">
        Jobs applied to
      </Title>
      {props.jobs.length === 0 ? (
        <Text size="xs" c="dimmed">
          None: this candidate came from a lead without a job.
        </Text>
      ) : (
        <Table withTableBorder data-testid="candidate-jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>License</Table.Th>
              <Table.Th>Specialty</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th>Start</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.jobs.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td>{job.title}</Table.Td>
                <Table.Td ff="monospace">{job.referenceNumber}</Table.Td>
                <Table.Td>{job.license}</Table.Td>
                <Table.Td>{job.specialty}</Table.Td>
                <Table.Td>
                  {[job.city, job.state, job.zip]
                    .filter((part) => part !== null && part !== "")
                    .join(", ")}
                </Table.Td>
                <Table.Td>{formatDate(job.startDate)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
