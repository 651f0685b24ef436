import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useCallback } from "react";

import type { CandidateDetail } from "../../../../shared/contract";
import { useApi } from "../../api/api-context";
import { useApiQuery } from "../../hooks/use-api-query";
import { useLeadReceived } from "../../hooks/use-lead-received";
import { formatDate } from "../../lib/format";
import { fullName } from "../inbox/candidate-columns";
import { CandidateJobs } from "./CandidateJobs";
import { CandidateOverview } from "./CandidateOverview";
import { CandidateTimeline } from "./CandidateTimeline";

/** Shows everything stored about one candidate, over whichever screen is open. */
export function CandidateDrawer(props: {
  candidateId: number | null;
  onClose: () => void;
  onOpenCandidate: (candidateId: number) => void;
}) {
  return (
    <Drawer
      opened={props.candidateId !== null}
      onClose={props.onClose}
      position="right"
      size={760}
      padding="md"
      title={<Text fw={600}>Candidate</Text>}
      closeButtonProps={{ "aria-label": "Close candidate" }}
    >
      {props.candidateId !== null && (
        <CandidateDetails
          key={props.candidateId}
          candidateId={props.candidateId}
          onOpenCandidate={props.onOpenCandidate}
        />
      )}
    </Drawer>
  );
}

function CandidateDetails(props: {
  candidateId: number;
  onOpenCandidate: (candidateId: number) => void;
}) {
  const api = useApi();
  const { candidateId } = props;
  const load = useCallback(
    () => api.getCandidate({ id: candidateId }),
    [api, candidateId],
  );
  const query = useApiQuery(load, String(candidateId));

  const { reload } = query;
  useLeadReceived((lead) => {
    if (lead.candidateId === candidateId) {
      reload();
    }
  });

  return (
    <Stack
      gap="lg"
      data-testid="candidate-drawer"
      data-candidate-id={candidateId}
      data-ready={query.settled ? "true" : "false"}
    >
      {query.error !== null && (
        <Alert color="red" title="Could not load this candidate">
          {query.error}
        </Alert>
      )}
      {query.data === null ? (
        query.error === null && <Loader size="sm" />
      ) : (
        <>
          <CandidateHeading
            candidate={query.data}
            onOpenCandidate={props.onOpenCandidate}
          />
          <CandidateOverview candidate={query.data} />
          <CandidateJobs jobs={query.data.jobs} />
          <CandidateTimeline events={query.data.events} />
        </>
      )}
    </Stack>
  );
}

function CandidateHeading(props: {
  candidate: CandidateDetail;
  onOpenCandidate: (candidateId: number) => void;
}) {
  const { candidate } = props;
  const duplicateOf = candidate.possibleDuplicateOf;

  return (
    <Stack gap={6}>
      <Title order={2} size="h3" data-testid="candidate-name">
        {fullName(candidate.lastName, candidate.firstName)}
      </Title>
      <Group gap="xs">
        {candidate.exportedAt === null ? (
          <Badge color="blue" variant="light">
            New, not exported yet
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            Exported {formatDate(candidate.exportedAt)}
          </Badge>
        )}
        {candidate.unmappedValues.length > 0 && (
          <Badge color="orange" variant="light">
            {candidate.unmappedValues.length} unmapped
          </Badge>
        )}
        {candidate.ljoCandidateId !== null && (
          <Text size="xs" c="dimmed">
            LJO candidate {candidate.ljoCandidateId}
          </Text>
        )}
      </Group>
      {duplicateOf !== null && (
        <Alert color="grape" variant="light" p="xs">
          <Group justify="space-between" gap="xs">
            <Text size="xs">
              Possible duplicate: another candidate has the same email or phone
              number. Check both before exporting, so your ATS does not get two
              records for one person.
            </Text>
            <Button
              variant="light"
              color="grape"
              onClick={() => props.onOpenCandidate(duplicateOf)}
              data-testid="open-duplicate"
            >
              Open the other candidate
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
