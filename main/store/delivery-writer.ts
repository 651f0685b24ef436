import type {
  DeliveryStatus,
  IncomingDelivery,
  RejectedRequest,
} from "../ingest/delivery";
import type { Db } from "./database";

export interface DeliveryRowInput {
  delivery: IncomingDelivery;
  payloadSha256: string;
  event: string | null;
  status: DeliveryStatus;
  statusCode: number;
  error: string | null;
  warnings: string[];
  latencyMs: number;
  leadEventId: number | null;
}

/** Inserts and updates rows of `deliveries` and `rejected_requests`. */
export class DeliveryWriter {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insertDelivery: db.prepare(
        `INSERT INTO deliveries (received_at, remote_address, method, path,
           headers_json, body, payload_sha256, signature, signature_valid, event,
           status, status_code, error, warnings_json, latency_ms, lead_event_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      setLeadEvent: db.prepare(
        "UPDATE deliveries SET lead_event_id = ? WHERE id = ?",
      ),
      findLeadEventByPayload: db.prepare(
        "SELECT id, candidate_id FROM lead_events WHERE payload_sha256 = ?",
      ),
      insertRejected: db.prepare(
        `INSERT INTO rejected_requests (received_at, remote_address, method, path,
           headers_json, status_code, error, body, latency_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  insertDelivery(input: DeliveryRowInput): number {
    const { delivery } = input;
    let signatureValid: number | null = null;
    if (delivery.signatureValid !== null) {
      signatureValid = delivery.signatureValid ? 1 : 0;
    }
    const result = this.statements.insertDelivery.run(
      delivery.receivedAt,
      delivery.remoteAddress,
      delivery.method,
      delivery.path,
      JSON.stringify(delivery.headers),
      delivery.body,
      input.payloadSha256,
      delivery.signature,
      signatureValid,
      input.event,
      input.status,
      input.statusCode,
      input.error,
      JSON.stringify(input.warnings),
      input.latencyMs,
      input.leadEventId,
    );
    return Number(result.lastInsertRowid);
  }

  setLeadEvent(deliveryId: number, leadEventId: number): void {
    this.statements.setLeadEvent.run(leadEventId, deliveryId);
  }

  /** The lead event an identical payload already produced, if any. */
  findLeadEvent(
    payloadSha256: string,
  ): { id: number; candidate_id: number } | undefined {
    return this.statements.findLeadEventByPayload.get(payloadSha256) as
      { id: number; candidate_id: number } | undefined;
  }

  insertRejected(request: RejectedRequest, latencyMs: number): number {
    const result = this.statements.insertRejected.run(
      request.receivedAt,
      request.remoteAddress,
      request.method,
      request.path,
      JSON.stringify(request.headers),
      request.statusCode,
      request.error,
      request.body,
      latencyMs,
    );
    return Number(result.lastInsertRowid);
  }
}
