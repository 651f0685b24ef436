import {
  quarantinedReceipt,
  type DeliveryIngestor,
  type DeliveryReceipt,
  type IncomingDelivery,
  type RejectedRequest,
} from "../../main/ingest/delivery";

/** A pause point inside `ingest`, for tests of requests in flight. */
export interface IngestHold {
  /** Resolves once a delivery has reached `ingest` and is waiting. */
  reached: Promise<void>;
  release(): void;
}

/**
 * An in-memory DeliveryIngestor that keeps every call so that listener tests
 * can check what would have been stored. Processed deliveries get ids 1, 2,
 * 3, ... and candidate id 100 + delivery id.
 */
export class RecordingIngestor implements DeliveryIngestor {
  readonly deliveries: IncomingDelivery[] = [];
  readonly rejected: RejectedRequest[] = [];
  /** When set, `ingest` rejects with it, like a full disk or a busy database. */
  failWith: Error | null = null;
  /** When set, the next receipts are quarantines with this reason. */
  quarantineReason: string | null = null;

  private hold: { reached: () => void; released: Promise<void> } | null = null;

  /** Makes the next `ingest` call wait until `release()` is called. */
  holdNextIngest(): IngestHold {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.hold = { reached, released };
    return { reached: reachedPromise, release };
  }

  async ingest(delivery: IncomingDelivery): Promise<DeliveryReceipt> {
    const hold = this.hold;
    if (hold !== null) {
      this.hold = null;
      hold.reached();
      await hold.released;
    }
    if (this.failWith !== null) throw this.failWith;

    this.deliveries.push(delivery);
    const deliveryId = this.deliveries.length;
    const event = readEvent(delivery.json);
    if (this.quarantineReason !== null) {
      return quarantinedReceipt(deliveryId, event, this.quarantineReason);
    }
    return {
      deliveryId,
      status: "processed",
      statusCode: 200,
      event,
      candidateId: 100 + deliveryId,
      leadEventId: deliveryId,
      isNewCandidate: true,
      reason: null,
      warnings: [],
    };
  }

  recordRejected(request: RejectedRequest): Promise<void> {
    this.rejected.push(request);
    return Promise.resolve();
  }
}

function readEvent(json: unknown): string | null {
  if (typeof json !== "object" || json === null) return null;
  const event = (json as Record<string, unknown>).event;
  return typeof event === "string" ? event : null;
}
