import type { ListCandidatesRequest } from "../../../../shared/contract";
import type { LeadEventType } from "../../../../shared/lead-events";

export type CandidateStatusFilter = "all" | "new" | "exported";

/** Filter bar values. Dates are `YYYY-MM-DD` in local time. */
export interface InboxFilters {
  search: string;
  eventTypes: LeadEventType[];
  status: CandidateStatusFilter;
  fromDate: string;
  toDate: string;
  unmappedOnly: boolean;
}

export const NO_FILTERS: InboxFilters = {
  search: "",
  eventTypes: [],
  status: "all",
  fromDate: "",
  toDate: "",
  unmappedOnly: false,
};

export function hasActiveFilters(filters: InboxFilters): boolean {
  return (
    filters.search.trim() !== "" ||
    filters.eventTypes.length > 0 ||
    filters.status !== "all" ||
    filters.fromDate !== "" ||
    filters.toDate !== "" ||
    filters.unmappedOnly
  );
}

/**
 * Converts the filter bar to listCandidates fields. The date range covers
 * whole local days, sent as UTC instants because the store keeps UTC times.
 */
export function filtersToRequest(
  filters: InboxFilters,
): Pick<
  ListCandidatesRequest,
  "search" | "eventTypes" | "status" | "from" | "to" | "unmappedOnly"
> {
  const search = filters.search.trim();
  return {
    search: search === "" ? undefined : search,
    eventTypes: filters.eventTypes.length > 0 ? filters.eventTypes : undefined,
    status: filters.status,
    from: localDayBoundary(filters.fromDate, "start"),
    to: localDayBoundary(filters.toDate, "end"),
    unmappedOnly: filters.unmappedOnly,
  };
}

function localDayBoundary(
  day: string,
  edge: "start" | "end",
): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) {
    return undefined;
  }

  const [year, month, date] = match.slice(1).map(Number) as [
    number,
    number,
    number,
  ];
  const boundary =
    edge === "start"
      ? new Date(year, month - 1, date, 0, 0, 0, 0)
      : new Date(year, month - 1, date, 23, 59, 59, 999);
  return boundary.toISOString();
}
