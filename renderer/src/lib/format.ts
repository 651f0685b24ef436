import {
  LEAD_EVENT_LABELS,
  isLeadEventType,
} from "../../../shared/lead-events";

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});

const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Formats an ISO 8601 time in the recruiter's locale, and returns unparsable text as is. */
export function formatDateTime(iso: string | null): string {
  if (iso === null || iso === "") {
    return "—";
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** Formats a time compactly for table cells, with the year only when it is not this year. */
export function formatShortDateTime(iso: string | null): string {
  if (iso === null || iso === "") {
    return "—";
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.getFullYear() === new Date().getFullYear()
    ? shortDateTimeFormat.format(date)
    : dateTimeFormat.format(date);
}

/** Formats a date. A bare `YYYY-MM-DD` is a calendar day, not UTC midnight. */
export function formatDate(iso: string | null): string {
  if (iso === null || iso === "") {
    return "—";
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date =
    day === null
      ? new Date(iso)
      : new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** Pretty-prints JSON text, and returns text that is not JSON unchanged. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Returns the short label of a lead event, or the raw name for events LJO added later. */
export function eventLabel(event: string | null): string {
  if (event === null || event === "") {
    return "Unknown event";
  }
  return isLeadEventType(event) ? LEAD_EVENT_LABELS[event] : event;
}

export { formatCount } from "../../../shared/format-count";
