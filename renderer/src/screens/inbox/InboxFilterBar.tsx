import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  SegmentedControl,
  TextInput,
} from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useRef } from "react";

import {
  LEAD_EVENT_LABELS,
  LEAD_EVENT_TYPES,
} from "../../../../shared/lead-events";
import {
  NO_FILTERS,
  hasActiveFilters,
  type CandidateStatusFilter,
  type InboxFilters,
} from "./inbox-filters";

const EVENT_OPTIONS = LEAD_EVENT_TYPES.map((event) => ({
  value: event,
  label: LEAD_EVENT_LABELS[event],
}));

const STATUS_OPTIONS: { value: CandidateStatusFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "new", label: "New" },
  { value: "exported", label: "Exported" },
];

/**
 * Moves focus from the search box to the grid's current row (the one row
 * with tabIndex 0), so the results are one key press away.
 */
function focusCurrentRow(): void {
  document
    .querySelector<HTMLElement>('[data-testid="candidate-row"][tabindex="0"]')
    ?.focus();
}

export function InboxFilterBar(props: {
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
}) {
  const { filters, onChange } = props;
  const searchRef = useRef<HTMLInputElement>(null);
  const update = (changes: Partial<InboxFilters>) =>
    onChange({ ...filters, ...changes });

  // "/" jumps to the search box, as in Gmail and GitHub.
  useHotkeys([["/", () => searchRef.current?.focus()]]);

  return (
    <Group gap="xs" align="end" wrap="wrap">
      <TextInput
        ref={searchRef}
        label="Search"
        placeholder="Name, email or phone (press / to search)"
        leftSection={<IconSearch size={14} />}
        value={filters.search}
        onChange={(event) => update({ search: event.currentTarget.value })}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            focusCurrentRow();
          }
        }}
        w={210}
        data-testid="inbox-search"
      />
      <MultiSelect
        label="Event"
        placeholder={filters.eventTypes.length === 0 ? "Any event" : undefined}
        data={EVENT_OPTIONS}
        value={filters.eventTypes}
        onChange={(values) => update({ eventTypes: values })}
        clearable
        w={190}
        comboboxProps={{ withinPortal: true }}
      />
      <div>
        <SegmentedControl
          aria-label="Status"
          data={STATUS_OPTIONS}
          value={filters.status}
          onChange={(value) => update({ status: value })}
        />
      </div>
      <TextInput
        type="date"
        label="Received from"
        value={filters.fromDate}
        onChange={(event) => update({ fromDate: event.currentTarget.value })}
        w={128}
      />
      <TextInput
        type="date"
        label="to"
        value={filters.toDate}
        onChange={(event) => update({ toDate: event.currentTarget.value })}
        w={128}
      />
      <Checkbox
        label="Unmapped only"
        checked={filters.unmappedOnly}
        onChange={(event) =>
          update({ unmappedOnly: event.currentTarget.checked })
        }
        mb={6}
      />
      {hasActiveFilters(filters) && (
        <Button variant="subtle" onClick={() => onChange(NO_FILTERS)} mb={2}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
