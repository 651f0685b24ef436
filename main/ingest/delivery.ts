import type { LeadEventType } from "../../shared/lead-events";

/** One authenticated webhook request whose body is valid JSON. */
export interface IncomingDelivery {
  receivedAt: string;
  remoteAddress: string | null;
  method: string;
  path: string;
  /** Request headers with credentials masked. */
  headers: Record<string, string>;
  /** The body after gzip or deflate decoding and BOM removal. */
  body: Buffer;
  json: unknown;
  signature: string | null;
  /** Null when signature checking is off. */
  signatureValid: boolean | null;
  /** `process.hrtime.bigint()` when the request arrived, for the latency column. */
  startedAt: bigint;
}

/** A request rejected before a delivery was stored, for failed auth or a bad body. */
export interface RejectedRequest {
  receivedAt: string;
  remoteAddress: string | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  statusCode: number;
  error: string;
  /** Present only for authenticated senders. */
  body: Buffer | null;
  startedAt: bigint;
}

export type DeliveryStatus = "processed" | "duplicate" | "quarantined";

/** Outcome of storing a delivery, which the listener sends once it is on disk. */
export interface DeliveryReceipt {
  deliveryId: number;
  status: DeliveryStatus;
  /** 200 for processed and duplicate deliveries, 202 for quarantined ones. */
  statusCode: number;
  event: string | null;
  candidateId: number | null;
  leadEventId: number | null;
  isNewCandidate: boolean;
  /** Reason a delivery was quarantined. */
  reason: string | null;
  warnings: string[];
}

/** Builds the 202 receipt of a delivery stored in quarantine. */
export function quarantinedReceipt(
  deliveryId: number,
  event: string | null,
  reason: string,
): DeliveryReceipt {
  return {
    deliveryId,
    status: "quarantined",
    statusCode: 202,
    event,
    candidateId: null,
    leadEventId: null,
    isNewCandidate: false,
    reason,
    warnings: [],
  };
}

/** Emitted after a lead event is committed. */
export interface LeadCommitted {
  deliveryId: number;
  leadEventId: number;
  candidateId: number;
  event: LeadEventType;
  isNewCandidate: boolean;
  /** "First Last" for notifications; empty when LJO sent no name. */
  candidateName: string;
}

/**
 * Stores deliveries. `ingest` resolves only after the delivery (and its lead
 * event, if any) is committed with synchronous=FULL, so the listener may
 * respond 2xx as soon as it resolves.
 */
export interface DeliveryIngestor {
  ingest(delivery: IncomingDelivery): Promise<DeliveryReceipt>;
  recordRejected(request: RejectedRequest): Promise<void>;
}
