import { Alert, Box, Button, Group, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { useLeadReceived } from "../../hooks/use-lead-received";
import { formatCount } from "../../lib/format";
import { CandidateTable, type CandidateSort } from "./CandidateTable";
import { InboxEmptyState } from "./InboxEmptyState";
import { InboxFilterBar } from "./InboxFilterBar";
import {
  NO_FILTERS,
  filtersToRequest,
  hasActiveFilters,
  type InboxFilters,
} from "./inbox-filters";
import { useCandidatePages, type CandidateQuery } from "./use-candidate-pages";
import { useRecentHighlights } from "./use-recent-highlights";

const SEARCH_DEBOUNCE_MS = 250;

/** A burst of leads within this window costs one reload. */
const LIVE_REFRESH_DELAY_MS = 300;

export function InboxScreen(props: {
  onOpenCandidate: (candidateId: number) => void;
  openCandidateId: number | null;
}) {
  const [filters, setFilters] = useState<InboxFilters>(NO_FILTERS);
  const [sort, setSort] = useState<CandidateSort>({
    sort: "last_event_at",
    direction: "desc",
  });
  const [debouncedSearch] = useDebouncedValue(
    filters.search,
    SEARCH_DEBOUNCE_MS,
  );

  const query = useMemo<CandidateQuery>(
    () => ({
      ...filtersToRequest({ ...filters, search: debouncedSearch }),
      sort: sort.sort as CandidateQuery["sort"],
      direction: sort.direction,
    }),
    [filters, debouncedSearch, sort],
  );
  const pages = useCandidatePages(query);
  const [highlightedIds, highlight] = useRecentHighlights();
  const scheduleRefresh = useDelayedRefresh(pages.refresh);

  useLeadReceived((lead) => {
    highlight(lead.candidateId);
    scheduleRefresh();
  });

  const filtered = hasActiveFilters(filters);
  const showEmptyState = pages.settled && pages.total === 0 && !filtered;

  return (
    <Box
      component="section"
      className="screen-fill"
      data-testid="inbox"
      data-ready={pages.settled ? "true" : "false"}
      aria-label="Inbox"
    >
      {showEmptyState ? (
        <InboxEmptyState onTestEventAccepted={pages.refresh} />
      ) : (
        <Stack gap="xs" className="screen-fill">
          <InboxFilterBar filters={filters} onChange={setFilters} />
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed" data-testid="inbox-total">
              {pages.total === null
                ? "Loading candidates…"
                : formatCount(pages.total, "candidate", "candidates")}
              {filtered && pages.total !== null ? " match these filters" : ""}
            </Text>
          </Group>
          {pages.error !== null && (
            <Alert color="red" title="Could not load candidates">
              {pages.error}
            </Alert>
          )}
          {pages.settled && pages.total === 0 && filtered ? (
            <NoMatches onClear={() => setFilters(NO_FILTERS)} />
          ) : (
            <CandidateTable
              pages={pages}
              sort={sort}
              onSortChange={setSort}
              highlightedIds={highlightedIds}
              selectedId={props.openCandidateId}
              onOpen={props.onOpenCandidate}
            />
          )}
        </Stack>
      )}
    </Box>
  );
}

function NoMatches(props: { onClear: () => void }) {
  return (
    <Stack align="center" gap="xs" py="xl">
      <Text size="sm">No candidates match these filters.</Text>
      <Button variant="light" onClick={props.onClear}>
        Clear filters
      </Button>
    </Stack>
  );
}

/**
 * Returns a function that schedules `refresh` LIVE_REFRESH_DELAY_MS later,
 * unless a refresh is already scheduled, so a steady stream of leads still
 * reloads a few times a second at most.
 */
function useDelayedRefresh(refresh: () => void): () => void {
  const timer = useRef<number | null>(null);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(
    () => () => {
      if (timer.current !== null) {
        window.clearTimeout(timer.current);
      }
    },
    [],
  );

  return useCallback(() => {
    if (timer.current !== null) {
      return;
    }
    timer.current = window.setTimeout(() => {
      timer.current = null;
      refreshRef.current();
    }, LIVE_REFRESH_DELAY_MS);
  }, []);
}
