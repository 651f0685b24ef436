import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import Database from "better-sqlite3";

import { createLogger, type Logger } from "../log/logger";
import { parseLeadPayload } from "../ljo/parse";
import type { Db } from "../store/database";
import { DeliveryWriter } from "../store/delivery-writer";
import { LeadWriter } from "../store/lead-writer";
import {
  quarantinedReceipt,
  type DeliveryIngestor,
  type DeliveryReceipt,
  type IncomingDelivery,
  type LeadCommitted,
  type RejectedRequest,
} from "./delivery";
import { payloadSha256 } from "./payload-hash";

export interface SqliteIngestorOptions {
  /** Region for phone numbers without a country code, read once per batch. */
  getDefaultRegion?: () => string;
  logger?: Logger;
  /** Most deliveries committed in one transaction. */
  maxBatchSize?: number;
}

/** Values read once per batch instead of once per delivery. */
interface BatchContext {
  defaultRegion: string;
}

/** The columns every delivery row of one request shares. */
interface DeliveryBase {
  delivery: IncomingDelivery;
  payloadSha256: string;
  latencyMs: number;
}

/**
 * SQLite result codes of failures that a later retry may not meet: a busy
 * or locked database, a full disk, I/O errors. Other errors come from the
 * payload itself and would repeat on every retry.
 */
const TRANSIENT_SQLITE_CODES = [
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_FULL",
  "SQLITE_IOERR",
  "SQLITE_NOMEM",
  "SQLITE_CANTOPEN",
  "SQLITE_READONLY",
  "SQLITE_PROTOCOL",
];

interface Pending {
  run: (batch: BatchContext) => DeliveryReceipt | null;
  resolve: (receipt: DeliveryReceipt | null) => void;
  reject: (error: unknown) => void;
}

export interface IngestorEvents {
  lead: [LeadCommitted];
  /** A delivery was kept in quarantine; the UI's count changes. */
  quarantined: [{ deliveryId: number }];
}

/**
 * Stores deliveries in SQLite with group commit: deliveries that arrive
 * while a commit is pending join one transaction, so concurrent webhooks
 * share one fsync. Every promise resolves only after its transaction
 * committed, so the listener never acknowledges an unsaved lead.
 */
export class SqliteIngestor
  extends EventEmitter<IngestorEvents>
  implements DeliveryIngestor
{
  private readonly leads: LeadWriter;
  private readonly deliveries: DeliveryWriter;
  private readonly logger: Logger;
  private readonly maxBatchSize: number;
  private readonly getDefaultRegion: () => string;
  private readonly candidateName;
  private readonly storeNewInSavepoint: (
    delivery: IncomingDelivery,
    batch: BatchContext,
    base: DeliveryBase,
  ) => DeliveryReceipt;
  private queue: Pending[] = [];
  private flushScheduled = false;

  constructor(
    private readonly db: Db,
    options: SqliteIngestorOptions = {},
  ) {
    super();
    this.leads = new LeadWriter(db);
    this.deliveries = new DeliveryWriter(db);
    this.logger = options.logger ?? createLogger("ingest");
    this.maxBatchSize = options.maxBatchSize ?? 256;
    this.getDefaultRegion = options.getDefaultRegion ?? (() => "US");
    this.storeNewInSavepoint = db.transaction(
      (delivery: IncomingDelivery, batch: BatchContext, base: DeliveryBase) =>
        this.storeNew(delivery, batch, base),
    );
    this.candidateName = db.prepare(
      "SELECT first_name, last_name FROM candidates WHERE id = ?",
    );
  }

  ingest(delivery: IncomingDelivery): Promise<DeliveryReceipt> {
    return this.enqueue((batch) => this.store(delivery, batch)).then(
      (receipt) => {
        if (!receipt)
          throw new Error("Storing the delivery returned no receipt");
        return receipt;
      },
    );
  }

  async recordRejected(request: RejectedRequest): Promise<void> {
    await this.enqueue(() => {
      this.deliveries.insertRejected(request, elapsedMs(request.startedAt));
      return null;
    });
  }

  private enqueue(
    run: (batch: BatchContext) => DeliveryReceipt | null,
  ): Promise<DeliveryReceipt | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ run, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue.splice(0, this.maxBatchSize);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0) return;

    // Each delivery runs in its own savepoint, so one that fails rolls back
    // alone and the others still commit.
    const outcomes: (
      { receipt: DeliveryReceipt | null } | { error: unknown }
    )[] = [];
    const runOne = this.db.transaction(
      (pending: Pending, context: BatchContext) => pending.run(context),
    );
    const runBatch = this.db.transaction(() => {
      // The region setting is a database read; once per batch is enough
      // because a change applies from the next batch on.
      const context: BatchContext = { defaultRegion: this.getDefaultRegion() };
      for (const pending of batch) {
        try {
          outcomes.push({ receipt: runOne(pending, context) });
        } catch (error) {
          outcomes.push({ error });
        }
      }
    });

    try {
      runBatch.immediate();
    } catch (error) {
      this.logger.error(
        { err: error, batchSize: batch.length },
        "Committing a batch of deliveries failed; the sender will be asked to retry",
      );
      for (const pending of batch) pending.reject(error);
      return;
    }

    batch.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (!outcome || "error" in outcome) {
        this.logger.error(
          { err: outcome?.error },
          "Storing a delivery failed; the sender will be asked to retry",
        );
        pending.reject(outcome?.error ?? new Error("Delivery was not stored"));
        return;
      }
      pending.resolve(outcome.receipt);
      if (outcome.receipt) this.announce(outcome.receipt);
    });
  }

  private announce(receipt: DeliveryReceipt): void {
    if (receipt.status === "quarantined") {
      this.emit("quarantined", { deliveryId: receipt.deliveryId });
      return;
    }
    if (receipt.status !== "processed") return;
    if (receipt.candidateId === null || receipt.leadEventId === null) return;
    const row = this.candidateName.get(receipt.candidateId) as
      { first_name: string; last_name: string } | undefined;
    this.emit("lead", {
      deliveryId: receipt.deliveryId,
      leadEventId: receipt.leadEventId,
      candidateId: receipt.candidateId,
      event: receipt.event as LeadCommitted["event"],
      isNewCandidate: receipt.isNewCandidate,
      candidateName: [row?.first_name, row?.last_name]
        .filter(Boolean)
        .join(" "),
    });
  }

  /** Runs inside the batch transaction. */
  private store(
    delivery: IncomingDelivery,
    batch: BatchContext,
  ): DeliveryReceipt {
    const hash = hashPayload(delivery);
    const base = {
      delivery,
      payloadSha256: hash,
      latencyMs: elapsedMs(delivery.startedAt),
    };

    const previous = this.deliveries.findLeadEvent(hash);
    if (previous) {
      const deliveryId = this.deliveries.insertDelivery({
        ...base,
        event: eventName(delivery.json),
        status: "duplicate",
        statusCode: 200,
        error: null,
        warnings: [],
        leadEventId: previous.id,
      });
      return {
        deliveryId,
        status: "duplicate",
        statusCode: 200,
        event: eventName(delivery.json),
        candidateId: previous.candidate_id,
        leadEventId: previous.id,
        isNewCandidate: false,
        reason: null,
        warnings: [],
      };
    }

    try {
      return this.storeNewInSavepoint(delivery, batch, base);
    } catch (error) {
      if (isTransientStorageError(error)) throw error;
      return this.quarantineUnprocessable(delivery, base, error);
    }
  }

  /**
   * Stores a body that processing failed on, such as nesting too deep to
   * serialize, as quarantined. The same body would fail on every retry, so
   * asking the sender to retry would never store it.
   */
  private quarantineUnprocessable(
    delivery: IncomingDelivery,
    base: DeliveryBase,
    error: unknown,
  ): DeliveryReceipt {
    const message = error instanceof Error ? error.message : String(error);
    const reason = `Processing the payload failed (${message}); the body is kept as received.`;
    const event = eventName(delivery.json);
    const receipt = this.storeQuarantined(base, event, reason);
    this.logger.warn(
      { deliveryId: receipt.deliveryId, event, err: error },
      "Processing a delivery failed; stored it as quarantined",
    );
    return receipt;
  }

  /** Stores a delivery in quarantine and returns the 202 receipt. */
  private storeQuarantined(
    base: DeliveryBase,
    event: string | null,
    reason: string,
  ): DeliveryReceipt {
    const deliveryId = this.deliveries.insertDelivery({
      ...base,
      event,
      status: "quarantined",
      statusCode: 202,
      error: reason,
      warnings: [],
      leadEventId: null,
    });
    return quarantinedReceipt(deliveryId, event, reason);
  }

  /** Parses and stores a payload not seen before; runs in its own savepoint. */
  private storeNew(
    delivery: IncomingDelivery,
    batch: BatchContext,
    base: DeliveryBase,
  ): DeliveryReceipt {
    const outcome = parseLeadPayload(delivery.json, {
      defaultRegion: batch.defaultRegion as never,
    });
    if (outcome.kind === "quarantine") {
      const receipt = this.storeQuarantined(
        base,
        outcome.event,
        outcome.reason,
      );
      // The reason may quote a payload value (an email, a phone), so it is
      // kept in the database and left out of the log.
      this.logger.warn(
        { deliveryId: receipt.deliveryId, event: outcome.event },
        "Delivery quarantined for review; the reason is on the Deliveries screen",
      );
      return receipt;
    }

    const { lead } = outcome;
    const deliveryId = this.deliveries.insertDelivery({
      ...base,
      event: lead.event,
      status: "processed",
      statusCode: 200,
      error: null,
      warnings: lead.warnings,
      leadEventId: null,
    });
    const applied = this.leads.apply(
      lead,
      deliveryId,
      base.payloadSha256,
      delivery.receivedAt,
    );
    this.deliveries.setLeadEvent(deliveryId, applied.leadEventId);
    if (applied.possibleDuplicateOf !== null) {
      this.logger.info(
        {
          deliveryId,
          candidateId: applied.candidateId,
          otherCandidateId: applied.possibleDuplicateOf,
        },
        "Lead matched two candidates by different keys; flagged as a possible duplicate",
      );
    }
    return {
      deliveryId,
      status: "processed",
      statusCode: 200,
      event: lead.event,
      candidateId: applied.candidateId,
      leadEventId: applied.leadEventId,
      isNewCandidate: applied.isNewCandidate,
      reason: null,
      warnings: lead.warnings,
    };
  }
}

function isTransientStorageError(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return false;
  return TRANSIENT_SQLITE_CODES.some(
    (code) => error.code === code || error.code.startsWith(`${code}_`),
  );
}

function hashPayload(delivery: IncomingDelivery): string {
  try {
    return payloadSha256(delivery.json);
  } catch {
    // Nesting too deep to walk: the exact bytes still identify a retry.
    return createHash("sha256").update(delivery.body).digest("hex");
  }
}

function eventName(json: unknown): string | null {
  if (json === null || typeof json !== "object") return null;
  const event = (json as Record<string, unknown>).event;
  return typeof event === "string" ? event.slice(0, 100) : null;
}

function elapsedMs(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e6;
}
