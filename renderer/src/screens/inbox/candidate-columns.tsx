import { Badge, Group, Text } from "@mantine/core";
import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";

import type { CandidateSummary } from "../../../../shared/contract";
import { eventLabel, formatDate, formatShortDateTime } from "../../lib/format";

/** CSS grid track of each column, by column id. */
export const COLUMN_TRACKS: Record<string, string> = {
  last_name: "minmax(130px, 1.1fr)",
  email: "minmax(140px, 1.3fr)",
  phone: "112px",
  license: "64px",
  specialties: "minmax(100px, 1fr)",
  state: "52px",
  last_event: "118px",
  last_event_at: "160px",
  status: "162px",
};

/**
 * Column ids of sortable columns equal listCandidates sort fields, so the
 * table's sorting state maps straight onto the request.
 */
const column = createColumnHelper<CandidateSummary>();

export const CANDIDATE_COLUMNS: ColumnDef<CandidateSummary, unknown>[] = [
  column.display({
    id: "last_name",
    header: "Name",
    enableSorting: true,
    cell: ({ row }) => (
      <CellText strong>
        {fullName(row.original.lastName, row.original.firstName)}
      </CellText>
    ),
  }),
  column.display({
    id: "email",
    header: "Email",
    enableSorting: true,
    cell: ({ row }) => <CellText>{row.original.email}</CellText>,
  }),
  column.display({
    id: "phone",
    header: "Phone",
    enableSorting: false,
    cell: ({ row }) => <CellText>{row.original.phone}</CellText>,
  }),
  column.display({
    id: "license",
    header: "License",
    enableSorting: true,
    cell: ({ row }) => <CellText>{row.original.license}</CellText>,
  }),
  column.display({
    id: "specialties",
    header: "Specialties",
    enableSorting: false,
    cell: ({ row }) => (
      <CellText>{row.original.specialties.join(", ")}</CellText>
    ),
  }),
  column.display({
    id: "state",
    header: "State",
    enableSorting: true,
    cell: ({ row }) => <CellText>{row.original.state}</CellText>,
  }),
  column.display({
    id: "last_event",
    header: "Last event",
    enableSorting: false,
    cell: ({ row }) => (
      <CellText>
        {eventLabel(row.original.lastEvent)}
        {row.original.eventCount > 1 ? ` (${row.original.eventCount})` : ""}
      </CellText>
    ),
  }),
  column.display({
    id: "last_event_at",
    header: "Received",
    enableSorting: true,
    cell: ({ row }) => (
      <CellText>{formatShortDateTime(row.original.lastEventAt)}</CellText>
    ),
  }),
  column.display({
    id: "status",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) => <StatusBadges candidate={row.original} />,
  }),
];

export function fullName(lastName: string, firstName: string): string {
  const parts = [lastName, firstName].filter((part) => part.trim() !== "");
  return parts.length > 0 ? parts.join(", ") : "(no name)";
}

function CellText(props: { children: ReactNode; strong?: boolean }) {
  const text = typeof props.children === "string" ? props.children : undefined;
  return (
    <Text size="xs" truncate="end" fw={props.strong ? 600 : 400} title={text}>
      {props.children}
    </Text>
  );
}

/**
 * Badges use the native title attribute for details: a Mantine Tooltip per
 * row would mount a Floating UI instance for every visible row.
 */
function StatusBadges(props: { candidate: CandidateSummary }) {
  const { candidate } = props;

  return (
    <Group gap={4} wrap="nowrap">
      {candidate.exportedAt === null ? (
        <Badge color="blue" variant="light" title="Not exported yet">
          New
        </Badge>
      ) : (
        <Badge
          color="gray"
          variant="light"
          title={`Exported ${formatDate(candidate.exportedAt)}`}
        >
          Exported
        </Badge>
      )}
      {candidate.possibleDuplicateOf !== null && (
        <Badge
          color="grape"
          variant="light"
          title="Shares an email or phone number with another candidate"
          data-testid="duplicate-badge"
        >
          Duplicate?
        </Badge>
      )}
      {candidate.unmappedValues.length > 0 && (
        <Badge
          color="orange"
          variant="light"
          title={`No ATS value yet for: ${candidate.unmappedValues.join(", ")}`}
          data-testid="unmapped-badge"
        >
          {candidate.unmappedValues.length} unmapped
        </Badge>
      )}
    </Group>
  );
}
