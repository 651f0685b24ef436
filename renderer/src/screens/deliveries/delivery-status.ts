import type { DeliverySummary } from "../../../../shared/contract";

/** Returns the badge color and plain label of a delivery's status. */
export function describeDeliveryStatus(delivery: DeliverySummary): {
  color: string;
  label: string;
} {
  if (delivery.kind === "rejected") {
    return { color: "red", label: "Rejected" };
  }
  switch (delivery.status) {
    case "processed":
      return { color: "teal", label: "Processed" };
    case "duplicate":
      return { color: "gray", label: "Duplicate" };
    case "quarantined":
      return { color: "orange", label: "Quarantined" };
    default:
      return { color: "gray", label: delivery.status };
  }
}

/** Explains in one sentence what the status means for the recruiter. */
export function explainDeliveryStatus(delivery: DeliverySummary): string {
  if (delivery.kind === "rejected") {
    return "The inbox refused this request before storing it, for example because of wrong credentials or a body that was too large. LocumJobsOnline retries a failed delivery 5 times over about a day.";
  }
  switch (delivery.status) {
    case "processed":
      return "The lead was read and its candidate saved.";
    case "duplicate":
      return "LJO sent this exact payload before, so nothing changed. This happens when LJO retries a delivery.";
    case "quarantined":
      return "The body was stored but could not be read as a lead, for example because of an event this version does not know. Nothing is lost: reprocess it after an update.";
    default:
      return "";
  }
}
